/**
 * The candidate order of a match (see `matchBeds` in matching.ts) and the tie-breaks shared by
 * both lists.
 */
import type { Candidate, MatchBed, Reason } from './matching-model';
import { areaKey, type Prepared } from './matching-prepare';

export const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Last-resort tie-break, reached only for two entries with the same bed id (ids are primary keys). */
export const cmpReasons = (a: Reason[], b: Reason[]): number => {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = cmp(a[i].rule, b[i].rule) || cmp(a[i].detail, b[i].detail);
    if (c) return c;
  }
  return a.length - b.length;
};

/** The span of the packed keys below a stale provider's mark (score, closeness, rank, area). */
const STALE_MARK = 200_000 * 128 * 128 * 16384;

/** Is the candidate's provider one whose vacancies are stale (not confirmed lately)? */
const staleOf = (stale: ReadonlySet<string> | undefined, b: MatchBed): number => (stale?.has(b.provider.id) ? 1 : 0);

/**
 * The numeric keys (staleness, score, closeness, rank, area) of each candidate folded into one number, so
 * that comparing two candidates is mostly a subtraction; null when some value falls outside what
 * the packing holds (then the keys are compared one by one).
 */
function packedKeys(
  p: Prepared,
  candidates: Candidate[],
  candidateBeds: MatchBed[],
  stale: ReadonlySet<string> | undefined,
): Float64Array | null {
  const n = candidates.length;
  const areas = new Map<string, number>();
  for (const b of candidateBeds) areas.set(areaKey(p, b.provider.area), 0);
  [...areas.keys()].sort(cmp).forEach((a, i) => areas.set(a, i));
  if (areas.size >= 16384) return null;
  const key = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const b = candidateBeds[i];
    const dist = p.needsRank === null ? 0 : Math.abs(b.level.rank - p.needsRank);
    const neg = 100_000 - candidates[i].score;
    if (
      neg < 0 ||
      neg >= 200_000 ||
      dist > 127 ||
      b.level.rank < 0 ||
      b.level.rank > 127 ||
      !Number.isInteger(candidates[i].score)
    )
      return null;
    key[i] =
      staleOf(stale, b) * STALE_MARK +
      ((neg * 128 + dist) * 128 + b.level.rank) * 16384 +
      areas.get(areaKey(p, b.provider.area))!;
  }
  return key;
}

/**
 * The candidate order (see matchBeds) as indices into `candidates`: beds of providers in `stale`
 * (vacancies not confirmed lately) after every other, and within each of the two groups the usual
 * order. The numeric keys are packed (packedKeys) where they fit; only exact ties fall through to
 * label, id and reasons.
 */
export function rankCandidates(
  p: Prepared,
  candidates: Candidate[],
  candidateBeds: MatchBed[],
  need = candidates.length,
  stale?: ReadonlySet<string>,
): number[] {
  const n = candidates.length;
  const key = packedKeys(p, candidates, candidateBeds, stale);
  let order = Array.from({ length: n }, (_, i) => i);
  if (key && need < n) {
    // Only the first `need` are wanted: find the need-th smallest key with a native numeric sort,
    // keep every candidate at or under it (ties included) and sort just those.
    const threshold = need === 0 ? -Infinity : Float64Array.from(key).sort()[need - 1];
    order = order.filter((i) => key[i] <= threshold);
  }
  const tail = (i: number, j: number) =>
    cmp(candidateBeds[i].label, candidateBeds[j].label) ||
    cmp(candidates[i].bedId, candidates[j].bedId) ||
    cmpReasons(candidates[i].reasons, candidates[j].reasons);
  if (key) {
    order.sort((i, j) => key[i] - key[j] || tail(i, j));
  } else {
    const dist = (b: MatchBed) => (p.needsRank === null ? 0 : Math.abs(b.level.rank - p.needsRank));
    order.sort(
      (i, j) =>
        staleOf(stale, candidateBeds[i]) - staleOf(stale, candidateBeds[j]) ||
        candidates[j].score - candidates[i].score ||
        dist(candidateBeds[i]) - dist(candidateBeds[j]) ||
        candidateBeds[i].level.rank - candidateBeds[j].level.rank ||
        cmp(areaKey(p, candidateBeds[i].provider.area), areaKey(p, candidateBeds[j].provider.area)) ||
        tail(i, j),
    );
  }
  return order;
}
