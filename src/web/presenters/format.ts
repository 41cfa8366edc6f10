import { DateTime } from 'luxon';

const LONDON = 'Europe/London';

const instant = (value: Date | string) =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
    ? DateTime.fromISO(value, { zone: LONDON })
    : DateTime.fromJSDate(new Date(value), { zone: LONDON });

/**
 * Formatting in a zone is costly (luxon asks Intl for the offset of every instant) and the same
 * instants come back on every page view (when each stay started, when each step fired): each
 * answer is kept, keyed by its input, up to a bound. A pure function's answers: nothing goes stale.
 */
function remembered(format: (value: Date | string) => string): (value: Date | string | null | undefined) => string {
  const answers = new Map<string, string>();
  return (value) => {
    if (!value) return '';
    const key = value instanceof Date ? `t${value.getTime()}` : `${typeof value}:${String(value)}`;
    let answer = answers.get(key);
    if (answer === undefined) {
      if (answers.size >= 10_000) answers.clear();
      answer = format(value);
      answers.set(key, answer);
    }
    return answer;
  };
}

/** `Fri 4 Dec 2026, 16:00` in UK time; '' for nothing. */
export const ukDateTime = remembered((value) => instant(value).toFormat('ccc d LLL yyyy, HH:mm'));

/** `4 December 2026` for a calendar date or an instant (UK time); '' for nothing. */
export const ukDate = remembered((value) => instant(value).toFormat('d LLLL yyyy'));

/** `3 days 4 hours`, `5 hours`, `under an hour` for a number of hours. */
export function hoursSpoken(hours: number): string {
  const h = Math.floor(hours);
  if (h < 1) return 'under an hour';
  const days = Math.floor(h / 24);
  const rest = h % 24;
  const part = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (days === 0) return part(rest, 'hour');
  return rest === 0 ? part(days, 'day') : `${part(days, 'day')} ${part(rest, 'hour')}`;
}

/** A role or code as words: `head_of_service` → `head of service`. */
export const words = (code: string) => code.replace(/_/g, ' ');
