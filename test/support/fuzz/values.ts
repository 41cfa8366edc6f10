import fc from 'fast-check';

/**
 * Hostile values, and the JSON text they are sent as. Plain JSON.stringify cannot write a
 * `__proto__` key, a key twice or a number JavaScript cannot hold, so bodies are built from plain
 * values plus two markers, `Entries` and `RawJson`, and written out by `toJson`.
 */

/** An object written key by key, in order: duplicate keys and `__proto__` included. */
export class Entries {
  constructor(readonly entries: [string, unknown][]) {}
}

/** JSON text written as is (`1e400`, `-0`, a 40-digit integer). */
export class RawJson {
  constructor(readonly text: string) {}
}

export function toJson(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (value instanceof Entries) {
    return `{${value.entries.map(([k, v]) => `${JSON.stringify(k)}:${toJson(v)}`).join(',')}}`;
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : toJson(v))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return toJson(new Entries(Object.entries(value).filter(([, v]) => v !== undefined)));
  }
  return JSON.stringify(value) ?? 'null';
}

const BLANKS = ['', ' ', '   ', '\t', '\n', ' \r\n ', '\u00a0', '\u2003\u2003', '\u3000', '\ufeff', '\u200b', '\u2028'];
const UNICODE = [
  'Zoë Ørsted-Łukasz',
  '李小龍',
  'محمد',
  '\u202eevil\u202c',
  'e\u0301'.repeat(50),
  '😀👩‍👩‍👧‍👦🏳️‍🌈',
  '\ud800',
  '\udfff\ud800',
  '\u0007\u001b[31mred',
  '\uffff\ufffe',
  'Ａｄｍｉｎ',
  'İı',
];
const NUL = ['\u0000', 'a\u0000b', 'Crewe\u0000', '\u0000'.repeat(10)];
const INJECTION = [
  "' or '1'='1",
  "'; drop table app_user; --",
  '%00',
  '%',
  '\\',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '${jndi:ldap://x}',
  '{{7*7}}',
  '$where',
  '[object Object]',
  'undefined',
];
const NUMERIC_STRINGS = [
  'NaN',
  'Infinity',
  '-Infinity',
  '-0',
  '1e309',
  '0x10',
  '9007199254740993',
  '1_000',
  ' 5 ',
  '٣',
];
const DATE_STRINGS = [
  '0000-00-00',
  '0000-01-01',
  '0001-01-01',
  '1900-02-29',
  '2023-02-29',
  '2024-02-30',
  '2025-13-01',
  '9999-12-31',
  '10000-01-01',
  '+275760-09-13',
  '-000001-01-01',
  '1970-01-01T00:00:00Z',
  '0001-01-01T00:00:00Z',
  '9999-12-31T23:59:59.999Z',
  '2026-01-01T25:61:61Z',
  '2026-01-01T00:00:00+25:00',
  '2026-01-01T00:00:00',
  '+275760-09-13T00:00:00.000Z',
  'P99999999999D',
  'PT0S',
  '-P1D',
  'P0WD',
  'P999999WD',
];
const SPECIAL_STRINGS = [
  'true',
  'false',
  'null',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
];

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...BLANKS), weight: 4 },
  { arbitrary: fc.constantFrom(...UNICODE), weight: 3 },
  { arbitrary: fc.constantFrom(...NUL), weight: 2 },
  { arbitrary: fc.constantFrom(...INJECTION), weight: 2 },
  { arbitrary: fc.constantFrom(...NUMERIC_STRINGS), weight: 2 },
  { arbitrary: fc.constantFrom(...DATE_STRINGS), weight: 3 },
  { arbitrary: fc.constantFrom(...SPECIAL_STRINGS), weight: 1 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 3 },
  // Long, but within the 100 KB body limit: past every field's maximum length.
  { arbitrary: fc.integer({ min: 201, max: 20_000 }).map((n) => 'x'.repeat(n)), weight: 2 },
  { arbitrary: fc.integer({ min: 1, max: 4_000 }).map((n) => '😀'.repeat(n)), weight: 1 },
);

const HUGE_NUMBERS = [
  '9007199254740993',
  '-9007199254740993',
  '123456789012345678901234567890',
  '1e400',
  '-1e400',
  '1e-400',
  '-0',
  '0.0000000000000000000001',
  '1.7976931348623157e308',
  '5e-324',
];

export const hostileNumber: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(0, -1, 1.5, -0.5, 2 ** 31, -(2 ** 31) - 1, 2 ** 32, 2 ** 53, -(2 ** 53), 2 ** 53 + 2, 1e21, 1e308),
  fc.constantFrom(...HUGE_NUMBERS).map((t) => new RawJson(t)),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** A little object with keys that reach prototype machinery, written as raw JSON keys. */
export const protoObject: fc.Arbitrary<Entries> = fc
  .constantFrom('__proto__', 'constructor', 'prototype')
  .chain((key) =>
    fc
      .constantFrom<unknown>({ admin: true }, { prototype: { polluted: 1 } }, 'x', 1, null, [])
      .map((v) => new Entries([[key, v]])),
  );

/** Nested arrays or objects, 2 to 25 deep: allowed by the raw depth limit of 32, pointless to any field. */
export const deepValue: fc.Arbitrary<unknown> = fc
  .tuple(fc.integer({ min: 2, max: 25 }), fc.boolean())
  .map(([depth, arrays]) => {
    let v: unknown = 'leaf';
    for (let i = 0; i < depth; i++) v = arrays ? [v] : { a: v };
    return v;
  });

/** Any value of any JSON type, biased towards what breaks parsers, validators and databases. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.constant(null), weight: 4 },
  { arbitrary: hostileString, weight: 8 },
  { arbitrary: hostileNumber, weight: 4 },
  { arbitrary: fc.boolean(), weight: 2 },
  { arbitrary: fc.constantFrom<unknown>([], {}, [null], [[]], [{}], ['']), weight: 3 },
  { arbitrary: fc.array(hostileString, { maxLength: 5 }), weight: 2 },
  { arbitrary: fc.array(fc.constant('x'), { minLength: 1000, maxLength: 5000 }), weight: 1 },
  { arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), hostileString, { maxKeys: 4 }), weight: 2 },
  { arbitrary: protoObject, weight: 2 },
  { arbitrary: deepValue, weight: 2 },
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 2 },
);

/** Path segments no route expects: malformed, encoded oddly, very long, or naming nothing. */
export const garbageSegment: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'not-a-uuid',
    '123',
    '0',
    '-1',
    'null',
    'undefined',
    '6f1c1b9e-3c1a-4d8e-9f3b',
    '6F1C1B9E-3C1A-4D8E-9F3B-00000000000G',
    '00000000-0000-0000-0000-000000000000',
    'ffffffff-ffff-ffff-ffff-ffffffffffff',
    '%00',
    '%',
    '%zz',
    '%E0%A4%A',
    '%2e%2e',
    '..',
    '%20',
    "1'%20or%20'1'='1",
    '__proto__',
    'constructor',
    '2026-02-30',
    '0000-01-01',
    '99999-01-01',
    'ADMIN',
    'Team_Manager',
  ),
  fc.integer({ min: 300, max: 3000 }).map((n) => 'a'.repeat(n)),
  fc
    .string({ unit: 'binary', minLength: 1, maxLength: 20 })
    .map((s) => encodeURIComponent(s.replace(/[\ud800-\udfff]/gu, '\ufffd'))),
);
