import { createHash } from 'node:crypto';

/**
 * Deterministic helpers for seed data: the same input gives the same ids and the same "random"
 * choices on every run and every machine, so re-running a seed finds its own rows again.
 */

/** A fixed namespace for every id the demo seed derives (generated once; never change it). */
export const DEMO_NAMESPACE = '6f1c2b9e-4d7a-4e35-9b8c-1a2d3e4f5a60';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** RFC 4122 / 9562 version-5 UUID: SHA-1 of namespace bytes + name, version and variant bits set. */
export function uuidV5(namespace: string, name: string): string {
  if (!UUID_RE.test(namespace)) throw new Error(`not a UUID: ${namespace}`);
  const bytes = createHash('sha1').update(Buffer.from(namespace.replace(/-/g, ''), 'hex')).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The demo seed's id for a natural key such as `provider:ymca-crewe`. */
export const stableId = (naturalKey: string) => uuidV5(DEMO_NAMESPACE, naturalKey);

/** A 32-bit seed derived from a string (so each generator is independent of the others). */
export function seedOf(text: string): number {
  return createHash('sha1').update(text, 'utf8').digest().readUInt32BE(0);
}

/** mulberry32: a small, fast, seeded PRNG returning floats in [0, 1). Not for anything secret. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
