import { plainToInstance } from 'class-transformer';
import { IsArray, IsString, validateSync } from 'class-validator';
import { Trim } from './transforms';
import { flattenValidationErrors, inspectNumbers, inspectRawInput, NotBlank, Nullable, Present } from './validation';

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

  it('names a string holding half of a surrogate pair (no Unicode text), which would make isEmail throw', () => {
    const body = JSON.parse('{"email": "\\ud800", "names": ["ok", "x\\udfff"], "pair": "\\ud83d\\ude00"}');
    expect(inspectRawInput(body).map((e) => e.field)).toEqual(['email', 'names.1']);
    expect(inspectRawInput(JSON.parse('{"\\udc00": 1}'))).toHaveLength(1);
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

describe('Present, Nullable, NotBlank and Trim', () => {
  class Body {
    @Present() @IsString() required?: string;
    @Nullable() @IsString() clearable?: string | null;
    @Trim() @IsString() @NotBlank() name!: string;
    @Present() @Trim() @IsArray() @NotBlank({ each: true }) areas?: string[];
  }
  const fieldsAtFault = (plain: object) =>
    flattenValidationErrors(validateSync(plainToInstance(Body, plain))).map((e) => e.field);

  it('takes a field left out as not given, but refuses null where the contract has no null', () => {
    expect(fieldsAtFault({ name: 'Crewe' })).toEqual([]);
    expect(fieldsAtFault({ name: 'Crewe', required: null })).toEqual(['required']);
    expect(fieldsAtFault({ name: 'Crewe', clearable: null })).toEqual([]);
  });

  it('refuses text of nothing but spaces, controls or zero-width characters, after trimming', () => {
    for (const blank of ['', '   ', '\t\n', '\u00a0\u3000', '\u200b', '\u202e\u200d', '\ufeff'])
      expect({ blank, fields: fieldsAtFault({ name: blank }) }).toEqual({ blank, fields: ['name'] });
    expect(fieldsAtFault({ name: ' Émilie O’Brien ' })).toEqual([]);
    expect(plainToInstance(Body, { name: '  Crewe \n' }).name).toBe('Crewe');
  });

  it('trims and checks each string of an array', () => {
    expect(plainToInstance(Body, { name: 'x', areas: [' Crewe ', 'Nantwich'] }).areas).toEqual(['Crewe', 'Nantwich']);
    expect(fieldsAtFault({ name: 'x', areas: ['Crewe', '   '] })).toEqual(['areas']);
  });
});
