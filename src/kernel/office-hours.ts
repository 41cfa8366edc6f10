/**
 * Office hours (local policy: OFFICE_OPENS / OFFICE_CLOSES, default 09:00-17:00 Europe/London on
 * working days). A step counted in working days falls due when someone is at work to act on it:
 * one that would fall outside office hours falls due at the next opening. Steps counted in hours
 * or days (`PT0S`, `P1D`) keep their exact time: a 17-year-old in a hotel at 23:00 is news at 23:00.
 * Review reminders and the morning digest use the same clock face.
 */
import { DateTime } from 'luxon';
import { LONDON } from './dates';
import { dayNumber, isoDate, londonParts, type WorkingCalendar } from './working-days';

export interface OfficeHours {
  /** `HH:MM`, Europe/London wall clock. */
  opens: string;
  closes: string;
}

export const DEFAULT_OFFICE_HOURS: OfficeHours = { opens: '09:00', closes: '17:00' };

const timeOnCache = new Map<string, number>();

/**
 * The instant London clocks read `time` (`HH:MM`) on `date` (`YYYY-MM-DD`). Remembered per date and
 * time (a handful a day): the escalation engine asks this for every working-day step that falls
 * outside office hours, and luxon's time-zone lookup was a quarter of the CPU of scheduling clocks.
 */
export function londonTimeOn(date: string, time: string): Date {
  const key = `${date}T${time}`;
  let ms = timeOnCache.get(key);
  if (ms === undefined) {
    ms = DateTime.fromISO(key, { zone: LONDON }).toMillis();
    if (timeOnCache.size >= 10_000) timeOnCache.clear();
    timeOnCache.set(key, ms);
  }
  return new Date(ms);
}

/** `at` itself when it is within office hours on a working day; otherwise the next opening. */
export function withinOfficeHours(at: Date, cal: WorkingCalendar, hours: OfficeHours = DEFAULT_OFFICE_HOURS): Date {
  // Day numbers and milliseconds, not luxon: the escalation engine asks this for every working-day step it plans.
  const { day, msOfDay } = londonParts(at);
  const minute = Math.floor(msOfDay / 60_000);
  if (cal.isWorkingDayNumber(day)) {
    if (minute >= minutesOf(hours.opens) && minute < minutesOf(hours.closes)) return at;
    if (minute < minutesOf(hours.opens)) return londonTimeOn(isoDate(day), hours.opens);
  }
  return londonTimeOn(nextWorkingDay(isoDate(day), cal), hours.opens);
}

/** `HH:MM` as minutes since midnight. */
function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/** The first working day after `date`. Bounded: a calendar never has a year without a working day. */
export function nextWorkingDay(date: string, cal: WorkingCalendar): string {
  let day = dayNumber(date);
  for (let i = 0; i < 400; i++) {
    day += 1;
    if (cal.isWorkingDayNumber(day)) return isoDate(day);
  }
  throw new RangeError(`no working day within 400 days after ${date}`);
}

/** The opening time on `date` if it is a working day, else on the next working day. */
export function openingOnOrAfter(date: string, cal: WorkingCalendar, hours: OfficeHours = DEFAULT_OFFICE_HOURS): Date {
  return londonTimeOn(cal.isWorkingDay(date) ? date : nextWorkingDay(date, cal), hours.opens);
}
