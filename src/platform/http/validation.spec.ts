import { inspectNumbers, inspectRawInput } from './validation';

describe('inspectRawInput', () => {
  it('names prototype keys wherever they are, as unknown fields', () => {
    const body = JSON.parse('{"__proto__": {"admin": true}, "a": {"constructor": 1}, "b": [{"prototype": 2}]}');
    expect(inspectRawInput(body).map((e) => e.field)).toEqual(['__proto__', 'a.constructor', 'b.0.prototype']);
  });

  it('names a NUL character in any string value, and in a key', () => {
    expect(inspectRawInput({ name: 'a\u0000b', list: ['ok', 'x\u0000'] })).toEqual([
      { field: 'name', message: 'must not contain a NUL character' },
      { field: 'list.1', message: 'must not contain a NUL character' },
    ]);
    expect(inspectRawInput({ 'k\u0000': 1 })).toHaveLength(1);
    expect(inspectRawInput('raw\u0000')).toEqual([{ field: 'body', message: 'must not contain a NUL character' }]);
  });

  it('passes ordinary input', () => {
    expect(inspectRawInput({ name: 'Émilie O’Brien', n: 3, nested: { ok: [true, null] } })).toEqual([]);
  });
});

describe('inspectNumbers', () => {
  it('refuses numbers too large to be exact, naming the field', () => {
    expect(inspectNumbers({ offset: 1e20, limit: 10 })).toEqual([
      { field: 'offset', message: expect.stringContaining('9007199254740991') },
    ]);
    expect(inspectNumbers({ a: { b: -(2 ** 60) } }).map((e) => e.field)).toEqual(['a.b']);
  });

  it('passes safe integers, fractions and dates', () => {
    expect(inspectNumbers({ a: Number.MAX_SAFE_INTEGER, b: 0.5, c: new Date(), d: -1 })).toEqual([]);
  });
});
