/**
 * The soft preferences of matching: how a bed that breaks no hard rule scores, and the reasons
 * that make up its score (every soft rule is listed, with its contribution, which may be 0).
 */
import { type AccommodationCode } from './accommodation';
import type { MatchBed, MatchPerson, MatchRequest, Reason } from './matching-model';
import { areaKey, prepare, type Prepared } from './matching-prepare';

/** Soft rules, in the order their reasons are listed on a candidate. */
export const SOFT_RULES = [
  'level_fit',
  'home_area',
  'preferred_area',
  'uasc_specialism',
  'emergency_provision',
  'suitability',
] as const;
export type SoftRule = (typeof SOFT_RULES)[number];

/**
 * Soft-preference weights (whole numbers, so scores are exact integers).
 * - level_fit: `levelExact` when the level's rank equals the assessed rank (`needsServiceLevelRank`),
 *   minus `levelStepMoreSupport` per rank step towards more support (a lower rank; rank 1 = most
 *   support) and `levelStepLessSupport` per step towards less support: under-supporting someone is
 *   worse than over-supporting them. May go negative. No assessed rank: 0. Levels are ordered by
 *   their support-hours bands, so this is also the support-hours fit (a separate term would count
 *   it twice).
 * - home_area: `homeArea` when the provider is in the young person's home area (local connection).
 * - preferred_area: `preferredArea` when the provider is in one of the request's preferred areas.
 * - uasc_specialism: `uascSpecialistForUasc` for a UASC specialist bed and a UASC young person;
 *   `uascSpecialistForOthers` (a small minus, to keep scarce specialist beds free) for anyone else.
 * - emergency_provision: `emergencyForEmergency` for emergency provision on an emergency request;
 *   `emergencyForPlanned` for emergency provision on a planned move (meant for a few days only).
 * - suitability: `unsuitableLevel` when the level's default suitability is "unsuitable" (a stay
 *   there starts the escalation clock).
 */
export const WEIGHTS = Object.freeze({
  levelExact: 40,
  levelStepMoreSupport: 10,
  levelStepLessSupport: 20,
  homeArea: 15,
  preferredArea: 20,
  uascSpecialistForUasc: 25,
  uascSpecialistForOthers: -5,
  emergencyForEmergency: 10,
  emergencyForPlanned: -10,
  unsuitableLevel: -30,
});

// Each soft rule's Reason, shared between beds: `k1`/`k2` are exactly the bed values it is made from.

function levelFit(p: Prepared, rank: number): Reason {
  const needs = p.needsRank;
  if (needs === null) return p.pool.get('level_fit', null, null, 0, () => 'No assessed support level; neutral');
  const w = WEIGHTS;
  const steps = Math.abs(rank - needs);
  const more = rank < needs;
  return p.pool.get(
    'level_fit',
    rank,
    null,
    w.levelExact - steps * (more ? w.levelStepMoreSupport : w.levelStepLessSupport),
    () =>
      steps === 0
        ? `Level rank ${rank} matches the assessed rank`
        : `Level rank ${rank} is ${steps} step${steps === 1 ? '' : 's'} ${more ? 'more' : 'less'} support than the assessed rank ${needs}`,
  );
}

function homeArea(p: Prepared, area: string, key: string): Reason {
  return p.homeArea === null
    ? p.pool.get('home_area', null, null, 0, () => 'No home area recorded')
    : key === p.homeArea
      ? p.pool.get(
          'home_area',
          area,
          null,
          WEIGHTS.homeArea,
          () => `Provider in ${area}, the home area (local connection)`,
        )
      : p.pool.get('home_area', area, null, 0, () => `Provider in ${area}; home area is ${p.homeAreaText}`);
}

function preferredArea(p: Prepared, area: string, key: string): Reason {
  return p.preferred.size === 0
    ? p.pool.get('preferred_area', null, null, 0, () => 'No preferred areas')
    : p.preferred.has(key)
      ? p.pool.get('preferred_area', area, null, WEIGHTS.preferredArea, () => `Provider in ${area}, a preferred area`)
      : p.pool.get('preferred_area', area, null, 0, () => `Provider in ${area}; preferred: ${p.preferredText}`);
}

function uascSpecialism(p: Prepared, specialist: boolean): Reason {
  if (!specialist)
    return p.pool.get('uasc_specialism', false, null, 0, () =>
      p.uasc ? 'Not a UASC specialist bed' : 'Not a UASC specialist bed; not UASC',
    );
  return p.uasc
    ? p.pool.get(
        'uasc_specialism',
        true,
        null,
        WEIGHTS.uascSpecialistForUasc,
        () => 'UASC specialist bed for a UASC young person',
      )
    : p.pool.get(
        'uasc_specialism',
        true,
        null,
        WEIGHTS.uascSpecialistForOthers,
        () => 'UASC specialist bed, kept for UASC young people where possible',
      );
}

function emergencyProvision(p: Prepared, emergency: boolean): Reason {
  if (!emergency)
    return p.pool.get('emergency_provision', false, null, 0, () =>
      p.emergency ? 'Not emergency provision (emergency request)' : 'Not emergency provision (planned move)',
    );
  return p.emergency
    ? p.pool.get(
        'emergency_provision',
        true,
        null,
        WEIGHTS.emergencyForEmergency,
        () => 'Emergency provision for an emergency request',
      )
    : p.pool.get(
        'emergency_provision',
        true,
        null,
        WEIGHTS.emergencyForPlanned,
        () => 'Emergency provision, for a planned move',
      );
}

function suitability(p: Prepared, code: AccommodationCode, suitable: boolean): Reason {
  return suitable
    ? p.pool.get('suitability', code, true, 0, () => `Suitable accommodation (903 code ${code})`)
    : p.pool.get(
        'suitability',
        code,
        false,
        WEIGHTS.unsuitableLevel,
        () => `Unsuitable accommodation (903 code ${code}): a stay here escalates`,
      );
}

/** A candidate's score and its reasons, one per soft rule in SOFT_RULES order. */
export function score(p: Prepared, bed: MatchBed): { score: number; reasons: Reason[] } {
  const level = bed.level;
  const area = bed.provider.area;
  const key = areaKey(p, area);
  const reasons = [
    levelFit(p, level.rank),
    homeArea(p, area, key),
    preferredArea(p, area, key),
    uascSpecialism(p, bed.uascSpecialist),
    emergencyProvision(p, level.emergency),
    suitability(p, level.accommodationCode, level.suitable),
  ];
  let total = 0;
  for (const r of reasons) total += r.effect as number;
  return { score: Math.round(total), reasons };
}

/** The soft-preference score of a bed and the reasons that make it up (hard rules not checked). */
export function scoreBed(
  person: MatchPerson,
  request: MatchRequest,
  bed: MatchBed,
): { score: number; reasons: Reason[] } {
  return score(prepare(person, request), bed);
}
