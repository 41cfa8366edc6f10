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
import { countViolations, violations } from './matching-hard-rules';
import type { Candidate, Excluded, MatchBed, MatchPerson, MatchRequest } from './matching-model';
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

  const order = rankCandidates(p, candidates, candidateBeds);
  excluded.sort((a, b) => cmp(a.bedId, b.bedId) || cmpReasons(a.reasons, b.reasons));

  return { candidates: order.map((i) => candidates[i]), excluded };
}

export interface MatchPageOptions {
  offset: number;
  limit: number;
  excludedOffset: number;
  excludedLimit: number;
}

export interface MatchPage {
  candidates: Candidate[];
  excluded: Excluded[];
  candidatesTotal: number;
  excludedTotal: number;
  /** How many beds each hard rule excluded (a bed breaking two rules counts under both). */
  excludedByRule: Record<string, number>;
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
  const excludedByRule: Record<string, number> = {};
  for (let i = 0; i < beds.length; i++) {
    const bed = beds[i];
    if (countViolations(p, bed, excludedByRule)) {
      excludedIdx.push(i);
    } else {
      const s = score(p, bed);
      candidates.push({ bedId: bed.id, score: s.score, reasons: s.reasons });
      candidateBeds.push(bed);
    }
  }
  const order = rankCandidates(p, candidates, candidateBeds, page.offset + page.limit);
  let inIdOrder = true; // the usual case: the inventory comes sorted by id, and a sorted array needs no sort
  for (let k = 1; k < excludedIdx.length && inIdOrder; k++)
    inIdOrder = beds[excludedIdx[k - 1]].id < beds[excludedIdx[k]].id;
  if (!inIdOrder)
    excludedIdx.sort(
      (a, b) => cmp(beds[a].id, beds[b].id) || cmpReasons(violations(p, beds[a])!, violations(p, beds[b])!),
    );
  return {
    candidates: order.slice(page.offset, page.offset + page.limit).map((i) => candidates[i]),
    excluded: excludedIdx
      .slice(page.excludedOffset, page.excludedOffset + page.excludedLimit)
      .map((i) => ({ bedId: beds[i].id, reasons: violations(p, beds[i])! })),
    candidatesTotal: candidates.length,
    excludedTotal: excludedIdx.length,
    excludedByRule,
  };
}
