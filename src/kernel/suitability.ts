/**
 * SSDA903 suitability of a stay: plain rules, no framework.
 *  - S (no fixed abode) and X (custody) are always unsuitable.
 *  - V (emergency accommodation) and W (B&B / hotel) default to unsuitable; marking one suitable
 *    needs a manager and a reason.
 *  - Under 18, W, V and T (foyer) are never suitable.
 *  - R (residence not known) defaults to unsuitable: nobody can vouch for it.
 *  - Anything else defaults to suitable (or to its service level's default for a managed bed).
 */
import {
  ALWAYS_UNSUITABLE,
  DEFAULT_UNSUITABLE,
  EMERGENCY_CODES,
  MANAGER_OVERRIDE,
  NEVER_SUITABLE_UNDER_18,
  type AccommodationCode,
} from './accommodation';
import { DomainError, forbidden, invalidField } from './errors';

export interface SuitabilityInput {
  code: AccommodationCode;
  ageYears: number;
  /** What the caller asked for; undefined = the default. */
  requested?: boolean;
  /** The default from a managed bed's service level, if any. */
  levelDefault?: boolean;
  actorIsManager: boolean;
  reason?: string | null;
}

export type SuitabilityResult = { ok: true; suitable: boolean } | { ok: false; error: DomainError };

const refused = (message: string): SuitabilityResult => ({
  ok: false,
  error: new DomainError('rule_violation', 'rule_violation', message, [{ field: 'suitable', message }], {
    rules: [{ rule: 'suitability', detail: message }],
  }),
});

export function resolveSuitability(i: SuitabilityInput): SuitabilityResult {
  const fallback = i.levelDefault ?? !DEFAULT_UNSUITABLE.includes(i.code);
  const underAge = i.ageYears < 18 && NEVER_SUITABLE_UNDER_18.includes(i.code);
  if (i.requested === undefined)
    return { ok: true, suitable: underAge || ALWAYS_UNSUITABLE.includes(i.code) ? false : fallback };
  if (!i.requested) return { ok: true, suitable: false };
  if (ALWAYS_UNSUITABLE.includes(i.code)) {
    return refused(`accommodation code ${i.code} is always unsuitable`);
  }
  if (underAge) {
    return refused(`accommodation code ${i.code} is never suitable for a 16-17 year old`);
  }
  if (MANAGER_OVERRIDE.includes(i.code) && !fallback) {
    if (!i.actorIsManager)
      return { ok: false, error: forbidden(`only a manager may mark ${i.code} accommodation suitable`) };
    if (!i.reason?.trim())
      return {
        ok: false,
        error: invalidField('suitabilityReason', `marking ${i.code} accommodation suitable needs a reason`),
      };
  }
  return { ok: true, suitable: true };
}

/** Whether a stay starts (or keeps) the escalation clock: unsuitable, or emergency accommodation. */
export function startsClock(stay: { accommodationCode: AccommodationCode; suitable: boolean }): boolean {
  return !stay.suitable || EMERGENCY_CODES.includes(stay.accommodationCode);
}
