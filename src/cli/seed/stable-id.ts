import { createHash } from 'node:crypto';
import { uuidV5 } from '../../platform/uuid';

export { uuidV5 };

/**
 * Deterministic helpers for seed data: the same input gives the same ids and the same "random"
 * choices on every run and every machine, so re-running a seed finds its own rows again.
 */

/** A fixed namespace for every id the demo seed derives (generated once; never change it). */
export const DEMO_NAMESPACE = '6f1c2b9e-4d7a-4e35-9b8c-1a2d3e4f5a60';

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
