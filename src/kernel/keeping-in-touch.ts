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
