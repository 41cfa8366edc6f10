import fc from 'fast-check';
import { hasBody, jsonDepth, MAX_JSON_DEPTH } from './body-guard';

describe('jsonDepth', () => {
  it('counts nesting of objects and arrays, not brackets inside strings', () => {
    expect(jsonDepth('{}')).toBe(1);
    expect(jsonDepth('{"a":[{"b":1}]}')).toBe(3);
    expect(jsonDepth('{"a":"[[[[{{{{"}')).toBe(1);
    expect(jsonDepth('{"a":"\\"[["}')).toBe(1);
    expect(jsonDepth('"plain"')).toBe(0);
  });

  it('stops counting past the limit, so 5,000 levels cost one short scan', () => {
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    expect(jsonDepth(deep)).toBe(MAX_JSON_DEPTH + 1);
  });

  it('agrees with the real nesting of any JSON value up to the limit', () => {
    const depthOf = (v: unknown): number =>
      v !== null && typeof v === 'object' ? 1 + Math.max(0, ...Object.values(v).map(depthOf)) : 0;
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 10 }), (v) => {
        expect(jsonDepth(JSON.stringify(v))).toBe(depthOf(v));
      }),
    );
  });
});

describe('hasBody', () => {
  it('is true for a length over zero or a chunked body', () => {
    expect(hasBody({ headers: { 'content-length': '0' } })).toBe(false);
    expect(hasBody({ headers: { 'content-length': '12' } })).toBe(true);
    expect(hasBody({ headers: { 'transfer-encoding': 'chunked' } })).toBe(true);
    expect(hasBody({ headers: {} })).toBe(false);
  });
});
