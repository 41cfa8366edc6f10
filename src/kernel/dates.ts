import { DateTime } from 'luxon';

export const LONDON = 'Europe/London';

/** The Europe/London calendar date of an instant, `YYYY-MM-DD` (what "today" means to a council). */
export function londonDate(at: Date): string {
  return DateTime.fromJSDate(at, { zone: LONDON }).toISODate() as string;
}
