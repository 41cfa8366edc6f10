/**
 * Matching a young person to a bed: which beds may be offered (hard rules), how the rest rank
 * (soft preferences), and why. Plain functions over plain data: no framework, no database.
 *
 * - A bed that breaks any hard rule is excluded, with every broken rule listed (not just the
 *   first), so a housing officer sees all the reasons at once.
 * - Every other bed is a candidate whose score is the sum of its soft-preference reasons; every
 *   soft rule is always listed, with its contribution (which may be 0), so the score can be read
 *   off the reasons.
 * - The move-in date is the request's `neededBy`, or `today` when `neededBy` has already passed
 *   (an overdue request is matched for a move today). Age, age ranges, under/over-18 rules and
 *   `availableFrom` are all judged on that date.
 *
 * Built for ~50,000 beds per call: one linear pass, everything about the person and the request
 * (age, normalised areas, risk flags) worked out once per call, Reason objects shared between beds
 * that break or score a rule the same way, then one sort for each list.
 *
 * The rules live in their own files, and this module is the matcher's public face:
 *   matching-model.ts       the data (person, request, bed, reasons) and `toMatchPerson`
 *   matching-hard-rules.ts  the hard rules (`HARD_RULES`, `hardRuleViolations`)
 *   matching-soft-rules.ts  the soft preferences (`SOFT_RULES`, `WEIGHTS`, `scoreBed`)
 *   matching-order.ts       the candidate order
 *   matching-prepare.ts     what is worked out once per call
 */
import { brokenRules, HARD_RULES, violations } from './matching-hard-rules';
import type { Candidate, Excluded, MatchBed, MatchPerson, MatchRequest, Reason } from './matching-model';
import { cmp, cmpReasons, rankCandidates } from './matching-order';
import { prepareForRules } from './matching-prepare';
import { score } from './matching-soft-rules';

export * from './matching-model';
export { HARD_RULES, hardRuleViolations, type HardRule } from './matching-hard-rules';
export { SOFT_RULES, WEIGHTS, scoreBed, type SoftRule } from './matching-soft-rules';

/**
 * Splits beds into candidates (best first) and excluded (with every broken hard rule).
 *
 * Candidate order, a total order that does not depend on the input order:
 *   0. beds of providers in `staleProviderIds` (vacancies not confirmed lately) after all others;
 *   1. score, highest first;
 *   2. closeness of the level's rank to the assessed rank (0 when none assessed), closest first;
 *   3. level rank, lowest (most support) first;
 *   4. provider area, trimmed and lower-cased, A→Z (code-unit order, not locale-dependent);
 *   5. bed label, A→Z;  6. bed id, A→Z.
 * Excluded beds are sorted by bed id. (Should two input beds share an id, their reasons break the
 * tie, so even then the output does not depend on the input order.)
 *
 * Reason objects are shared between beds and frozen; arrays and the returned objects are not.
 * Throws RangeError when the date of birth, `neededBy` or `today` is not a real YYYY-MM-DD date.
 */
export function matchBeds(
  person: MatchPerson,
  request: MatchRequest,
  beds: MatchBed[],
  today: string,
  staleProviderIds?: ReadonlySet<string>,
): { candidates: Candidate[]; excluded: Excluded[] } {
  const p = prepareForRules(person, request, today);
  const candidates: Candidate[] = [];
  const candidateBeds: MatchBed[] = [];
  const excluded: Excluded[] = [];

  for (const bed of beds) {
    const broken = violations(p, bed);
    if (broken) {
      excluded.push({ bedId: bed.id, reasons: broken });
    } else {
      const s = score(p, bed);
      candidates.push({ bedId: bed.id, score: s.score, reasons: s.reasons });
      candidateBeds.push(bed);
    }
  }

  const order = rankCandidates(p, candidates, candidateBeds, candidates.length, staleProviderIds);
  excluded.sort((a, b) => cmp(a.bedId, b.bedId) || cmpReasons(a.reasons, b.reasons));

  return { candidates: order.map((i) => candidates[i]), excluded };
}

export interface MatchPageOptions {
  offset: number;
  limit: number;
  excludedOffset: number;
  excludedLimit: number;
  /** Providers whose vacancies are stale: their beds rank after every other (see matchBeds). */
  staleProviderIds?: ReadonlySet<string>;
  /** How many nearest misses to list (default 10). */
  nearestMissLimit?: number;
  /** How many bed ids to give for each hard rule in `excludedGroups` (default 5). */
  idsPerRule?: number;
}

/** A bed that breaks exactly one hard rule: never a candidate, shown so the search can be widened. */
export interface NearestMiss {
  bedId: string;
  reason: Reason;
}

/** The excluded beds of one hard rule: how many, and the first few by bed id. */
export interface ExcludedGroup {
  rule: string;
  count: number;
  bedIds: string[];
}

export interface MatchPage {
  candidates: Candidate[];
  excluded: Excluded[];
  candidatesTotal: number;
  excludedTotal: number;
  /** How many beds each hard rule excluded (a bed breaking two rules counts under both). */
  excludedByRule: Record<string, number>;
  /** `excludedByRule` in HARD_RULES order, with the first few bed ids (by id) of each. */
  excludedGroups: ExcludedGroup[];
  /** Excluded beds breaking exactly one hard rule, by bed id, at most `nearestMissLimit`. */
  nearestMisses: NearestMiss[];
  nearestMissesTotal: number;
}

/**
 * One page of matchBeds: the same rules, scores and order, without building an entry for every
 * excluded bed (at 50,000 beds most are excluded, and most of matchBeds' cost is those entries).
 * Equal to slicing matchBeds' lists; a property test holds it to that.
 */
export function matchPage(
  person: MatchPerson,
  request: MatchRequest,
  beds: MatchBed[],
  today: string,
  page: MatchPageOptions,
): MatchPage {
  const p = prepareForRules(person, request, today);
  const candidates: Candidate[] = [];
  const candidateBeds: MatchBed[] = [];
  const excludedIdx: number[] = [];
  const masks = new Int32Array(beds.length);
  for (let i = 0; i < beds.length; i++) {
    const bed = beds[i];
    const m = brokenRules(p, bed);
    if (m) {
      masks[i] = m;
      excludedIdx.push(i);
    } else {
      const s = score(p, bed);
      candidates.push({ bedId: bed.id, score: s.score, reasons: s.reasons });
      candidateBeds.push(bed);
    }
  }
  const order = rankCandidates(p, candidates, candidateBeds, page.offset + page.limit, page.staleProviderIds);
  let inIdOrder = true; // the usual case: the inventory comes sorted by id, and a sorted array needs no sort
  for (let k = 1; k < excludedIdx.length && inIdOrder; k++)
    inIdOrder = beds[excludedIdx[k - 1]].id < beds[excludedIdx[k]].id;
  if (!inIdOrder)
    excludedIdx.sort(
      (a, b) => cmp(beds[a].id, beds[b].id) || cmpReasons(violations(p, beds[a])!, violations(p, beds[b])!),
    );
  const groups = groupsAndMisses(p, beds, excludedIdx, masks, page.idsPerRule ?? 5, page.nearestMissLimit ?? 10);
  return {
    ...groups,
    candidates: order.slice(page.offset, page.offset + page.limit).map((i) => candidates[i]),
    excluded: excludedIdx
      .slice(page.excludedOffset, page.excludedOffset + page.excludedLimit)
      .map((i) => ({ bedId: beds[i].id, reasons: violations(p, beds[i])! })),
    candidatesTotal: candidates.length,
    excludedTotal: excludedIdx.length,
    excludedByRule: Object.fromEntries(groups.excludedGroups.map((g) => [g.rule, g.count])),
  };
}

/** One pass over the excluded beds in bed-id order: a few ids per broken rule, and the beds breaking exactly one. */
function groupsAndMisses(
  p: ReturnType<typeof prepareForRules>,
  beds: MatchBed[],
  excludedIdx: number[],
  masks: Int32Array,
  idsPerRule: number,
  missLimit: number,
): Pick<MatchPage, 'excludedGroups' | 'nearestMisses' | 'nearestMissesTotal'> {
  const counts = HARD_RULES.map(() => 0);
  const ids: string[][] = HARD_RULES.map(() => []);
  const nearestMisses: NearestMiss[] = [];
  let nearestMissesTotal = 0;
  for (const i of excludedIdx) {
    const m = masks[i];
    for (let r = 0; r < HARD_RULES.length; r++) {
      if (!(m & (1 << r))) continue;
      counts[r]++;
      if (ids[r].length < idsPerRule) ids[r].push(beds[i].id);
    }
    if ((m & (m - 1)) === 0) {
      nearestMissesTotal++;
      if (nearestMisses.length < missLimit)
        nearestMisses.push({ bedId: beds[i].id, reason: violations(p, beds[i])![0] });
    }
  }
  const excludedGroups = HARD_RULES.flatMap((rule, r) =>
    counts[r] ? [{ rule, count: counts[r], bedIds: ids[r] }] : [],
  );
  return { excludedGroups, nearestMisses, nearestMissesTotal };
}
