import { londonDate } from '../../kernel/dates';
import { conflict, invalid, ruleViolation } from '../../kernel/errors';
import { type HoldStatus, type RequestStatus } from '../../kernel/placements';
import type { MatchBed, MatchLevel, Reason } from '../../kernel/matching';
import { resolveSuitability } from '../../kernel/suitability';

const DAY_MS = 86400_000;

/** A request may be needed by a date in the past (it is matched as of today), but not over a year ago. */
export function checkNeededBy(neededBy: string, now: Date): void {
  if (neededBy < londonDate(new Date(now.getTime() - DAY_MS * 366))) {
    throw invalid(
      [{ field: 'neededBy', message: 'is more than a year in the past' }],
      'neededBy: is more than a year in the past',
    );
  }
}

/** Only an open or held request may be withdrawn. */
export function checkCanWithdraw(status: RequestStatus): void {
  if (status === 'placed' || status === 'withdrawn')
    throw conflict(`The request is already ${status}`, 'request_state', { requestStatus: status });
}

/** Only an open request (or one already holding another bed) may hold a bed. */
export function checkCanHold(status: RequestStatus): void {
  if (status !== 'open' && status !== 'held')
    throw conflict(`The request is ${status}; only an open request can hold a bed`, 'request_state', {
      requestStatus: status,
    });
}

/** A bed must be available to be held. */
export function checkBedAvailable(bed: Pick<MatchBed, 'status'>): void {
  if (bed.status !== 'available')
    throw conflict(`The bed is ${bed.status.replace(/_/g, ' ')}`, 'bed_state', { bedStatus: bed.status });
}

/** The 422 for a bed that breaks hard rules, naming each (none broken: nothing thrown); on `confirm` they were judged again for the move-in. */
export function checkNoRuleBroken(broken: Reason[], when: 'hold' | 'confirm'): void {
  if (!broken.length) return;
  const rules = broken.length === 1 ? 'a placement rule' : 'placement rules';
  const details = broken.map((b) => b.detail).join('; ');
  throw ruleViolation(
    when === 'hold'
      ? `This bed breaks ${rules} for this young person: ${details}`
      : `This bed now breaks ${rules} for this young person: ${details}; release the hold`,
    broken.map((b) => ({ rule: b.rule, detail: b.detail })),
  );
}

/** A hold may be confirmed only while it is live: held and not yet past its expiry. */
export function checkHoldLive(h: { status: HoldStatus; expiresAt: Date }, now: Date): void {
  if (h.status !== 'held' || h.expiresAt.getTime() <= now.getTime()) {
    throw conflict(h.status === 'held' ? 'The hold has expired' : `The hold is ${h.status}`, 'hold_state', {
      holdStatus: h.status === 'held' ? 'expired' : h.status,
    });
  }
}

/** A hold may be released only while it is held. */
export function checkHoldHeld(status: HoldStatus): void {
  if (status !== 'held') throw conflict(`The hold is ${status}`, 'hold_state', { holdStatus: status });
}

/** The move-in may be recorded a little late, but not more than a day before the bed was held. */
export function checkMoveInAt(moveInAt: Date, heldAt: Date): void {
  if (moveInAt.getTime() < heldAt.getTime() - DAY_MS)
    throw invalid(
      [{ field: 'moveInAt', message: 'must not be more than a day before the bed was held' }],
      'moveInAt: must not be more than a day before the bed was held',
    );
}

/** The date a request is matched for: its needed-by date, or today when that has passed. */
export const moveInDateOf = (neededBy: string, today: string): string => (neededBy < today ? today : neededBy);

/** A managed bed's suitability: its level's default, never suitable where the code forbids it for this age. */
export function levelSuitability(level: MatchLevel, ageYears: number): boolean {
  const r = resolveSuitability({
    code: level.accommodationCode,
    ageYears,
    levelDefault: level.suitable,
    actorIsManager: false,
  });
  return r.ok && r.suitable;
}
