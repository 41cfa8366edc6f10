import fc from 'fast-check';
import { ROLES, type Role } from '../../../src/kernel/roles';
import type { Schema, WriteOperation } from './openapi';
import { edge, plausible, plausibleObject, type Pools } from './plausible';
import { Entries, garbageSegment, hostileString, hostileValue, protoObject, RawJson, toJson } from './values';

/** One request of the fuzz: who sends it, where, with what body and content type. */
export interface FuzzCase {
  /** null: anonymous. */
  role: Role | null;
  path: string;
  /** The Content-Type header: a JSON type, or one the API does not read. */
  contentType: string;
  /** The raw body text; '' sends none. */
  body: string;
  /** What kind of hostility it is, for the figures and for a finding's description. */
  kind: string;
  /** A body the service must read as JSON (parseable, within the depth and size limits, a JSON type). */
  wellFormed: boolean;
  /** A status the answer must have whoever sends it (415 for a type the API does not read). */
  expect?: number;
  /**
   * The path reaches the endpoint's route: no parameter is empty, a dot segment or undecodable
   * percent-encoding (those answer 404 or 400 for anyone, as no route or no parameter is found).
   */
  routed: boolean;
}

type Body = Pick<FuzzCase, 'body' | 'kind' | 'wellFormed'> & { contentType?: string; expect?: number };

const EMPTY: Schema = { type: 'object', properties: {} };
const JSON_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'APPLICATION/JSON',
  'application/merge-patch+json',
];
const OTHER_TYPES = [
  'text/plain',
  'application/xml',
  'text/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=fuzz',
  'application/octet-stream',
  'application/json-seq',
  'text/json',
  'application/json; charset=ibm500',
];
const EXTRA_KEYS = ['id', 'createdAt', 'updatedAt', 'isAdmin', 'role', 'status', 'version', 'deletedAt', 'x', ''];

/** Turns a value into a body case: JSON text, a JSON content type. */
const json = (kind: string, value: unknown, wellFormed = true): Body => ({ body: toJson(value), kind, wellFormed });

/** Replaces, nulls, blanks or removes 1 to 3 fields of a plausible body, or adds unknown ones. */
function mutated(schema: Schema, base: Record<string, unknown>): fc.Arbitrary<Body> {
  const fields = [...new Set([...Object.keys(schema.properties ?? {}), ...Object.keys(base)])];
  const field = fields.length ? fc.constantFrom(...fields) : fc.constant('x');
  const one = fc.oneof(
    fc.tuple(fc.constant('wrong type'), field, hostileValue),
    fc.tuple(fc.constant('null'), field, fc.constant(null)),
    fc.tuple(fc.constant('blank'), field, fc.constantFrom('', ' ', '   ', '\t\n', '\u00a0', '\u200b')),
    fc.tuple(fc.constant('missing'), field, fc.constant(undefined)),
    fc.tuple(fc.constant('extra field'), fc.constantFrom(...EXTRA_KEYS), hostileValue),
    fc.tuple(fc.constant('nested'), field, fc.constant('nested')),
  );
  return fc.array(one, { minLength: 1, maxLength: 3 }).chain((changes) =>
    fc.tuple(...changes.map(([, k]) => nestedHostile(schema.properties?.[k]))).map((inner) => {
      const out: Record<string, unknown> = { ...base };
      changes.forEach(([, k, v], i) => (out[k] = v === 'nested' ? inner[i] : v));
      return json(changes.map(([kind]) => kind).join('+'), out);
    }),
  );
}

/** A hostile value inside an object or array field: the nested DTOs get their share too. */
function nestedHostile(schema: Schema | undefined): fc.Arbitrary<unknown> {
  if (schema?.type === 'array' && schema.items?.properties) {
    return fc.array(fc.dictionary(fc.constantFrom(...Object.keys(schema.items.properties), 'x'), hostileValue), {
      maxLength: 3,
    });
  }
  if (schema?.properties) return fc.dictionary(fc.constantFrom(...Object.keys(schema.properties), 'x'), hostileValue);
  return hostileValue;
}

/** Valid but extreme values in 1 to 3 fields. */
function edged(schema: Schema, base: Record<string, unknown>, pools: Pools, now: number): fc.Arbitrary<Body> {
  const props = Object.entries(schema.properties ?? {});
  if (!props.length) return fc.constant(json('plausible', base));
  return fc
    .subarray(props, { minLength: 1, maxLength: Math.min(3, props.length) })
    .chain((chosen) => fc.tuple(...chosen.map(([k, s]) => edge(k, s, pools, now).map((v) => [k, v] as const))))
    .map((pairs) => json('edge values', { ...base, ...Object.fromEntries(pairs) }));
}

/** Whole bodies that are not the object asked for, or not JSON at all. */
function wholeBody(base: Record<string, unknown>): fc.Arbitrary<Body> {
  const text = toJson(base);
  return fc.oneof(
    // Strict JSON parsing refuses a bare string, number or literal before any route (so before the role check).
    fc
      .constantFrom('[]', '"text"', '42', 'null', 'true', '[{}]', '{}')
      .map((t) => json('not an object', new RawJson(t), t.startsWith('[') || t.startsWith('{'))),
    fc.constant(json('array for object', [base])),
    protoObject.map((p) => json('prototype key', new Entries([...Object.entries(base), ...p.entries]))),
    hostileValue.map((v) => json('duplicate key', new Entries([...Object.entries(base), [firstKey(base), v]]))),
    fc.integer({ min: 20, max: 31 }).map((n) => ({
      body: toJson({ ...base, nested: JSON.parse('{"a":'.repeat(n) + '1' + '}'.repeat(n)) as unknown }),
      kind: 'nested to the limit',
      wellFormed: true,
    })),
    fc.integer({ min: 33, max: 3000 }).map((n) => ({
      body: '{"a":'.repeat(n) + '1' + '}'.repeat(n),
      kind: 'nested too deep',
      wellFormed: false,
    })),
    fc.integer({ min: 105_000, max: 300_000 }).map((n) => ({
      body: toJson({ ...base, padding: 'x'.repeat(n) }),
      kind: 'too large',
      wellFormed: false,
    })),
    fc.integer({ min: 0, max: Math.max(0, text.length - 1) }).map((cut) => ({
      body: text.slice(0, cut) || '{',
      kind: 'malformed JSON',
      wellFormed: false,
    })),
    fc
      .constantFrom(
        `\ufeff${text}`,
        `${text},`,
        `${text}}`,
        "{'a': 1}",
        '{"a": NaN}',
        '{"a": 1 /* c */}',
        '{"a": undefined}',
      )
      .map((body) => ({ body, kind: 'malformed JSON', wellFormed: false })),
  );
}

const firstKey = (o: Record<string, unknown>) => Object.keys(o)[0] ?? 'x';

/** A body the JSON API does not read (text, XML, a form, no declared type): 415 whoever sends it. */
function wrongType(base: Record<string, unknown>): fc.Arbitrary<Body> {
  return fc.tuple(fc.constantFrom(...OTHER_TYPES), fc.boolean()).map(([contentType, asJson]) => ({
    body: asJson ? toJson(base) : 'name=Crewe&active=true',
    contentType,
    kind: 'wrong content type',
    wellFormed: false,
    expect: 415,
  }));
}

/** Every kind of body for one operation, weighted towards the ones that get past the parser. */
export function bodyArb(op: WriteOperation, pools: Pools, now: number): fc.Arbitrary<Body> {
  const schema = op.body ?? EMPTY;
  return plausibleObject(schema, pools, now).chain((base) =>
    fc.oneof(
      { arbitrary: fc.constant(json('plausible', base)), weight: 8 },
      { arbitrary: edged(schema, base, pools, now), weight: 12 },
      { arbitrary: mutated(schema, base), weight: 45 },
      { arbitrary: wholeBody(base), weight: 20 },
      { arbitrary: wrongType(base), weight: 10 },
      { arbitrary: fc.constant({ body: '', kind: 'no body', wellFormed: true }), weight: op.body ? 2 : 10 },
    ),
  );
}

/** A path with each parameter a real record most of the time, else a random id or garbage. */
export function pathArb(op: WriteOperation, pools: Pools): fc.Arbitrary<string> {
  if (!op.params.length) return fc.constant(op.path);
  return fc
    .tuple(...op.params.map((p) => paramArb(op.path, p.name, p.schema, pools)))
    .map((values) => op.params.reduce((path, p, i) => path.replace(`{${p.name}}`, values[i]), op.path));
}

function paramArb(path: string, name: string, schema: Schema, pools: Pools): fc.Arbitrary<string> {
  const segment = path.split('/').at(path.split('/').indexOf(`{${name}}`) - 1) ?? '';
  const real = (schema.enum as string[] | undefined) ?? pools.records[segment] ?? [];
  const random = fc.oneof(
    fc.uuid(),
    hostileString.map((s) => encodeSegment(s.slice(0, 200))),
  );
  return fc.oneof(
    { arbitrary: real.length ? fc.constantFrom(...real) : fc.uuid(), weight: 14 },
    { arbitrary: random, weight: 3 },
    { arbitrary: garbageSegment, weight: 3 },
  );
}

/** Percent-encodes a segment; a lone surrogate (which has no UTF-8) goes as U+FFFD. */
const encodeSegment = (s: string) => encodeURIComponent(s.replace(/[\ud800-\udfff]/gu, '\ufffd'));

/** Who sends it: half the time a role the endpoint allows, otherwise anyone (anonymous included). */
export function roleArb(op: WriteOperation): fc.Arbitrary<Role | null> {
  const anyone = fc.constantFrom<Role | null>(null, ...ROLES);
  return fc.oneof(fc.constantFrom<Role | null>(...op.roles), anyone);
}

export function caseArb(op: WriteOperation, pools: Pools, now: number): fc.Arbitrary<FuzzCase> {
  return fc
    .tuple(roleArb(op), pathArb(op, pools), bodyArb(op, pools, now), fc.constantFrom(...JSON_TYPES))
    .map(([role, path, b, jsonType]) => ({
      role,
      path,
      contentType: b.contentType ?? jsonType,
      body: b.body,
      kind: b.kind,
      wellFormed: b.wellFormed,
      expect: b.body ? b.expect : undefined,
      routed: isRouted(op, path),
    }));
}

/** Whether each parameter of `path` is one a router matches and decodes. */
function isRouted(op: WriteOperation, path: string): boolean {
  const template = op.path.split('/');
  return path.split('/').every((seg, i) => {
    if (!template[i]?.startsWith('{')) return true;
    try {
      const value = decodeURIComponent(seg);
      return value !== '' && value !== '.' && value !== '..' && seg !== '.' && seg !== '..';
    } catch {
      return false;
    }
  });
}

export { plausible };
