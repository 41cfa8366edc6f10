import fc from 'fast-check';
import type { Schema } from './openapi';

/**
 * Values a real client could send, read from the schema and the field's name, with the ids of
 * records that exist: a hostile body is mostly a plausible one with something wrong in it, so
 * that validation is passed often enough for the services, rules and SQL behind it to be reached.
 */

export interface Pools {
  /** Real ids (or keys) by the path segment that names them: `beds`, `young-people`, `closure-days`… */
  records: Record<string, string[]>;
  areas: string[];
  emails: string[];
  password: string;
  /** The allocated PA's id (a young person must be allocated to a PA). */
  paUserId: string;
}

const DAY = 86_400_000;
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const WORDS = ['Crewe', 'Room', 'Moved', 'Plan', 'review', 'at', 'panel', 'Thursday', 'Alex', 'Taylor', 'B&B', '2'];

/** Which pool a field naming an id draws from. */
const ID_FIELDS: Record<string, string> = {
  youngPersonId: 'young-people',
  bedId: 'beds',
  providerId: 'providers',
  serviceLevelId: 'service-levels',
  managerId: 'users',
  paUserId: 'pa',
  escalationId: 'escalations',
  stayId: 'stays',
  requestId: 'placement-requests',
  holdId: 'holds',
};

const DURATIONS = ['PT0S', 'PT4H', 'P1D', 'P3D', 'P2WD', 'P5WD', 'P1W', 'P4W', 'P20WD'];

function pick(pool: string[] | undefined, fallback: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return pool?.length ? fc.oneof({ arbitrary: fc.constantFrom(...pool), weight: 9 }, fallback) : fallback;
}

const words = (max: number) =>
  fc
    .array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 4 })
    .map((w) => w.join(' ').slice(0, Math.max(1, max)));

/** A plausible string for a field, by its name first and its format second. */
function plausibleString(name: string, schema: Schema, pools: Pools, now: number): fc.Arbitrary<string> {
  const idPool = ID_FIELDS[name];
  if (idPool) return pick(idPool === 'pa' ? [pools.paUserId] : pools.records[idPool], fc.uuid());
  if (/area/i.test(name)) return fc.constantFrom(...pools.areas);
  if (name === 'email') return fc.oneof(fc.constantFrom(...pools.emails), fc.emailAddress());
  if (name === 'password') {
    // The real password now and then: a sign-in that succeeds costs an argon2 verification.
    return fc.oneof({ arbitrary: fc.string({ minLength: 12, maxLength: 40 }), weight: 4 }, fc.constant(pools.password));
  }
  if (name === 'url') return fc.ipV4().map((ip) => `https://${ip}/hooks/${ip.length}`);
  if (name === 'reference') return fc.stringMatching(/^CL-[0-9]{3,8}$/);
  if (name === 'code') return fc.stringMatching(/^L[A-Z0-9]{2,10}$/);
  if (name === 'ofstedUrn') return fc.stringMatching(/^SC[0-9]{6}$/);
  if (name === 'phone') return fc.constantFrom('01270 000000', '+44 1270 000000', '(01270) 123-456');
  if (['after', 'repeatEvery', 'maxReviewAfter'].includes(name)) return fc.constantFrom(...DURATIONS);
  if (name === 'dateOfBirth') return fc.integer({ min: 16 * 366, max: 25 * 365 }).map((d) => isoDate(now - d * DAY));
  if (name === 'reviewBy') return fc.integer({ min: 0, max: 7 }).map((d) => isoDate(now + d * DAY));
  if (schema.format === 'date') return fc.integer({ min: -30, max: 30 }).map((d) => isoDate(now + d * DAY));
  if (schema.format === 'date-time') return fc.integer({ min: 0, max: 72 * 60 }).map((m) => iso(now - m * 60_000));
  if (schema.format === 'uuid') return fc.uuid();
  return words(schema.maxLength ?? 200);
}

const iso = (ms: number) => new Date(ms).toISOString();

/** A plausible value for any schema: enums, ranges, arrays and nested objects included. */
export function plausible(name: string, schema: Schema, pools: Pools, now: number, depth = 0): fc.Arbitrary<unknown> {
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'boolean':
      return fc.boolean();
    case 'number':
    case 'integer':
      if (name === 'version') return fc.integer({ min: 1, max: 3 });
      return fc.integer({ min: schema.minimum ?? 0, max: schema.maximum ?? Math.max(3, schema.minimum ?? 0) });
    case 'array':
      if (name === 'serviceLevelIds') return fc.subarray(pools.records['service-levels'] ?? [], { minLength: 1 });
      if (schema.items?.enum) return fc.subarray(schema.items.enum, { maxLength: 3 });
      return fc.array(plausible(name, schema.items ?? { type: 'string' }, pools, now, depth + 1), {
        maxLength: 3,
      });
    case 'object':
      return depth > 4 ? fc.constant({}) : plausibleObject(schema, pools, now, depth + 1);
    default:
      return plausibleString(name, schema, pools, now);
  }
}

/** Every required property and each optional one half the time. */
export function plausibleObject(
  schema: Schema,
  pools: Pools,
  now: number,
  depth = 0,
): fc.Arbitrary<Record<string, unknown>> {
  const props = Object.entries(schema.properties ?? {});
  const required = new Set(schema.required ?? []);
  const model = Object.fromEntries(props.map(([k, s]) => [k, plausible(k, s, pools, now, depth)]));
  return fc.record(model, { requiredKeys: props.map(([k]) => k).filter((k) => required.has(k)) });
}

/**
 * Valid but extreme: the longest strings allowed, the first and last dates, the bounds of ranges
 * (ids, enums and booleans have no extremes: they keep a plausible value).
 */
export function edge(name: string, schema: Schema, pools: Pools, now: number): fc.Arbitrary<unknown> {
  if (schema.enum?.length || schema.type === 'boolean' || schema.format === 'uuid' || ID_FIELDS[name]) {
    return plausible(name, schema, pools, now);
  }
  if (schema.type === 'number' || schema.type === 'integer') {
    return fc.constantFrom(schema.minimum ?? 0, schema.maximum ?? 2 ** 31 - 1, schema.minimum ?? 1);
  }
  if (schema.type === 'array') return fc.constantFrom([], [...Array<string>(20).fill('Crewe')]);
  if (schema.type !== 'string' && schema.type !== undefined) return plausible(name, schema, pools, now);
  if (schema.format === 'date' || name === 'dateOfBirth') {
    return fc.constantFrom('0001-01-01', '1900-01-01', '2000-02-29', '9999-12-31', isoDate(now), isoDate(now + DAY));
  }
  if (schema.format === 'date-time') {
    return fc.constantFrom(
      '0001-01-01T00:00:00Z',
      '1970-01-01T00:00:00.000+14:00',
      '2000-02-29T23:59:59.999-12:00',
      '9999-12-31T23:59:59Z',
      iso(now),
      iso(now + 60_000),
      iso(now - 1).replace('Z', '+05:45'),
    );
  }
  if (['after', 'repeatEvery', 'maxReviewAfter'].includes(name)) {
    return fc.constantFrom('PT0.5S', 'P0D', 'PT1S', 'P4W', 'P20WD', 'P21WD', 'P1Y', 'PT999999H', 'P9999999WD');
  }
  const max = schema.maxLength ?? 200;
  return fc.constantFrom('x'.repeat(max), 'é'.repeat(max), '李'.repeat(max), 'A', ' padded ', 'O’Brien-Smith');
}
