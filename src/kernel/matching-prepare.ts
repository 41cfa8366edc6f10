/**
 * Everything about the person and the request the matcher needs, worked out once per call (age on
 * the move-in date, normalised areas, risk flags), and the pool of shared Reasons. Internal to the
 * matching files (hard rules, soft rules, ordering); callers use `matching.ts`.
 */
import { ageOn, isValidDate } from './dates';
import type { MatchPerson, MatchRequest, Reason } from './matching-model';

export interface Prepared {
  uasc: boolean;
  homeArea: string | null; // normalised
  homeAreaText: string | null;
  preferred: Set<string>; // normalised
  preferredText: string;
  needsRank: number | null;
  emergency: boolean;
  /** normalised area for each raw provider area seen: a few distinct values over many beds */
  areaKeys: Map<string, string>;
  pool: ReasonPool;
}

export interface Prepared4Rules extends Prepared {
  moveIn: string;
  age: number;
  under18: boolean;
  agedOn: string; // "Aged 17 on 2026-12-01"
  gender: string; // normalised
  fire: boolean;
  sexualHarm: boolean;
  stepFree: boolean;
  pet: boolean;
  avoid: Set<string>; // normalised
  levels: Set<string> | null;
}

export const norm = (s: string): string => s.trim().toLowerCase();

/**
 * Shared, frozen Reasons. Over thousands of beds the reasons repeat (same status, same level, same
 * area), so beds share one Reason object per distinct case instead of each allocating its own:
 * at 50,000 beds most of the cost is otherwise garbage collection. `k1`/`k2` must be exactly the
 * values the effect and detail are made from (the person and request are fixed for a pool's life).
 */
export class ReasonPool {
  private readonly byRule = new Map<string, Map<unknown, Map<unknown, Reason>>>();
  get(rule: string, k1: unknown, k2: unknown, effect: Reason['effect'], detail: () => string): Reason {
    let byK1 = this.byRule.get(rule);
    if (byK1 === undefined) this.byRule.set(rule, (byK1 = new Map<unknown, Map<unknown, Reason>>()));
    let byK2 = byK1.get(k1);
    if (byK2 === undefined) byK1.set(k1, (byK2 = new Map<unknown, Reason>()));
    let reason = byK2.get(k2);
    if (reason === undefined) byK2.set(k2, (reason = Object.freeze<Reason>({ rule, effect, detail: detail() })));
    return reason;
  }
}

export function prepare(person: MatchPerson, request: MatchRequest): Prepared {
  const homeAreaText = person.homeArea && person.homeArea.trim() ? person.homeArea.trim() : null;
  const preferred = request.preferredAreas.map((a) => a.trim()).filter((a) => a !== '');
  return {
    uasc: person.uasc,
    homeArea: homeAreaText === null ? null : norm(homeAreaText),
    homeAreaText,
    preferred: new Set(preferred.map(norm)),
    preferredText: preferred.join(', '),
    needsRank: person.needsServiceLevelRank,
    emergency: request.urgency === 'emergency',
    areaKeys: new Map(),
    pool: new ReasonPool(),
  };
}

export function prepareForRules(person: MatchPerson, request: MatchRequest, today: string): Prepared4Rules {
  if (!isValidDate(request.neededBy))
    throw new RangeError(`neededBy is not a real date (YYYY-MM-DD): ${JSON.stringify(request.neededBy)}`);
  if (!isValidDate(today)) throw new RangeError(`today is not a real date (YYYY-MM-DD): ${JSON.stringify(today)}`);
  const moveIn = request.neededBy < today ? today : request.neededBy;
  const age = ageOn(person.dateOfBirth, moveIn);
  const risks = new Set(person.risks);
  return {
    ...prepare(person, request),
    moveIn,
    age,
    under18: age < 18,
    agedOn: `Aged ${age} on ${moveIn}`,
    gender: norm(person.gender),
    fire: risks.has('fire_setting'),
    sexualHarm: risks.has('sexual_harm'),
    stepFree: person.stepFreeNeeded,
    pet: person.hasPet,
    avoid: new Set(person.areasToAvoid.map(norm).filter((a) => a !== '')),
    levels: request.serviceLevelIds ? new Set(request.serviceLevelIds) : null,
  };
}

export function areaKey(p: Prepared, area: string): string {
  let key = p.areaKeys.get(area);
  if (key === undefined) {
    key = norm(area);
    p.areaKeys.set(area, key);
  }
  return key;
}
