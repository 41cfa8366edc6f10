/**
 * Keeping-in-touch contacts with a care leaver: how the council reached them, whether they were in
 * touch (the SSDA903 IN_TOUCH codes) and what they were doing (ACTIV). Plain rules, no I/O.
 */
import type { FieldError } from './errors';
import { londonDate } from './dates';
import { NOTHING_TO_REPORT, type InTouchCode } from './ssda903';

export const CONTACT_METHODS = ['in_person', 'phone', 'video', 'message', 'letter', 'other'] as const;
export type ContactMethod = (typeof CONTACT_METHODS)[number];

export interface ContactFacts {
  contactedAt: Date;
  inTouch: InTouchCode;
  activity: string | null;
}

/**
 * What is wrong with a contact, as field errors (empty when nothing): not in the future (`now` is
 * the injected clock's), not before the young person was born (Europe/London day), and no activity
 * for someone who died or returned home (the DfE reports their activity as 0).
 */
export function contactErrors(c: ContactFacts, dateOfBirth: string, now: Date): FieldError[] {
  const errors: FieldError[] = [];
  if (c.contactedAt.getTime() > now.getTime())
    errors.push({ field: 'contactedAt', message: 'contactedAt must not be in the future' });
  else if (londonDate(c.contactedAt) < dateOfBirth)
    errors.push({ field: 'contactedAt', message: 'contactedAt must not be before the young person’s date of birth' });
  if (c.activity && NOTHING_TO_REPORT.includes(c.inTouch))
    errors.push({
      field: 'activity',
      message: `activity is not recorded with inTouch ${c.inTouch} (the DfE reports it as 0)`,
    });
  return errors;
}

/** How long after the last contact a young person is due another, unless configured (CONTACT_DUE_AFTER). */
export const DEFAULT_CONTACT_DUE_AFTER = 'P8W';

/**
 * Whether a young person is due a contact at `now`: nobody has recorded one (`lastContactAt`
 * null), or the last was `dueAfterMs` or longer ago. A contact recorded in the future (clock
 * drift) counts as made now.
 */
export function contactDue(lastContactAt: Date | null, now: Date, dueAfterMs: number): boolean {
  if (lastContactAt === null) return true;
  return now.getTime() - lastContactAt.getTime() >= dueAfterMs;
}
