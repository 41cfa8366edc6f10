import { londonDate } from '../../kernel/dates';
import { invalid, ruleViolation } from '../../kernel/errors';
import type { MatchLevel, Reason } from '../../kernel/matching';
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
