import { DateTime } from 'luxon';
import { londonOffsetMinutes, parseDate } from '../../kernel/dates';

const LONDON = 'Europe/London';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const MONTHS_SHORT = MONTHS.map((m) => m.slice(0, 3));
const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;
const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

/**
 * luxon's answer, for what the fast path does not cover (a clock-change hour, a date that is not
 * real, far years). Its locale is pinned so that no machine's locale changes a page: three-letter
 * months (`Sep`, as GOV.UK's style abbreviates them; en-GB's Intl data says `Sept`).
 */
const byLuxon = (value: Date | string, format: string) =>
  (typeof value === 'string' && CALENDAR_DATE.test(value)
    ? DateTime.fromISO(value, { zone: LONDON, locale: 'en-US' })
    : DateTime.fromJSDate(new Date(value), { zone: LONDON }).setLocale('en-US')
  ).toFormat(format);

/**
 * The UK clock face of `value` as UTC fields of a shifted Date: a calendar date is its midnight;
 * an instant is moved by London's offset then (the kernel's `londonOffsetMinutes`). Null where
 * only luxon can say. Every page writes dates, and luxon asks Intl for the offset of each instant
 * (partsOffset was the costliest of it); its answers are the property specs' reference.
 */
function ukFace(value: Date | string): Date | null {
  if (typeof value === 'string' && CALENDAR_DATE.test(value)) {
    const d = parseDate(value);
    return d && d.year >= 1900 ? new Date(Date.UTC(d.year, d.month - 1, d.day)) : null;
  }
  const t = new Date(value).getTime();
  const offset = londonOffsetMinutes(t);
  return offset === null ? null : new Date(t + offset * 60_000);
}

/** `Fri 4 Dec 2026, 16:00` in UK time; '' for nothing. */
export function ukDateTime(value: Date | string | null | undefined): string {
  if (!value) return '';
  const f = ukFace(value);
  if (!f) return byLuxon(value, 'ccc d LLL yyyy, HH:mm');
  return `${DAYS[f.getUTCDay()]} ${f.getUTCDate()} ${MONTHS_SHORT[f.getUTCMonth()]} ${f.getUTCFullYear()}, ${pad(f.getUTCHours())}:${pad(f.getUTCMinutes())}`;
}

/** `4 December 2026` for a calendar date or an instant (UK time); '' for nothing. */
export function ukDate(value: Date | string | null | undefined): string {
  if (!value) return '';
  const f = ukFace(value);
  if (!f) return byLuxon(value, 'd LLLL yyyy');
  return `${f.getUTCDate()} ${MONTHS[f.getUTCMonth()]} ${f.getUTCFullYear()}`;
}

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
