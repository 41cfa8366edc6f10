import { createHash } from 'node:crypto';

/** UUIDs the service makes itself: time-ordered ones for hot tables, name-derived ones for stable keys. */

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** RFC 4122 / 9562 version-5 UUID: SHA-1 of namespace bytes + name, version and variant bits set. */
export function uuidV5(namespace: string, name: string): string {
  if (!UUID_RE.test(namespace)) throw new Error(`not a UUID: ${namespace}`);
  const bytes = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

let lastMs = 0;
let counter = 0;

/**
 * A UUIDv7 (RFC 9562) that increases with every call in this process: 48 bits of wall-clock
 * milliseconds, a 12-bit counter for events in the same millisecond, then random bits. Audit events
 * share `at` whenever the (possibly manual) clock has not moved, so the trail is ordered by
 * `(at, id)` and the id must follow the order events were written in.
 */
export function monotonicUuidV7(): string {
  let ms = Date.now();
  if (ms <= lastMs) {
    counter++;
    if (counter > 0xfff) {
      lastMs++;
      counter = 0;
    }
    ms = lastMs;
  } else {
    lastMs = ms;
    counter = 0;
  }
  const b = randomBytes16();
  for (let i = 0; i < 6; i++) b[i] = Math.floor(ms / 2 ** (8 * (5 - i))) & 0xff;
  b[6] = 0x70 | (counter >> 8);
  b[7] = counter & 0xff;
  b[8] = 0x80 | (b[8] & 0x3f);
  let hex = '';
  for (let i = 0; i < 16; i++) hex += HEX[b[i]];
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * Random bytes are drawn from the system's generator 64 KiB at a time: one call per id cost more
 * than the rest of the escalation engine's planning when it starts thousands of clocks at once.
 */
const POOL = 65_536;
let pool = new Uint8Array(0);
let used = POOL;
function randomBytes16(): Uint8Array {
  if (used + 16 > pool.length) {
    pool = crypto.getRandomValues(new Uint8Array(POOL));
    used = 0;
  }
  const out = pool.slice(used, used + 16);
  used += 16;
  return out;
}
