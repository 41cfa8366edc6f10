/**
 * ISO-8601 durations as the service uses them: `PT0S`, `PT4H`, `P3D`, `P1DT2H30M`, `P2W`,
 * plus the service's own working-day form `P2WD` (a whole number of working days, nothing else).
 * Plain functions, no framework.
 *
 * A fixed duration keeps its two parts apart, because they are added differently
 * (see `addCalendarDuration` in src/escalations/working-days.ts):
 * - `days`: the calendar part, weeks * 7 + days. "P3D" means the same Europe/London wall-clock
 *   time three calendar days later, which is 71 or 73 elapsed hours across a clock change.
 * - `ms`: the time part (hours, minutes, seconds) in elapsed milliseconds. "PT4H" is always 4 real hours.
 * - `totalMs`: days * 24h + ms, the nominal length. Use it only where a single number is wanted
 *   (config timeouts, comparing against zero); it is what `parseFixedDurationMs` returns.
 */
export type FixedDuration = { kind: 'fixed'; days: number; ms: number; totalMs: number; text: string };
export type WorkingDaysDuration = { kind: 'working_days'; days: number; text: string };
export type Duration = FixedDuration | WorkingDaysDuration;

const DAY_MS = 86_400_000;
/** No duration the service uses is longer than this as text; anything longer is not read at all. */
export const MAX_DURATION_TEXT = 40;
const FIXED = /^P(?!$)(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;
const WORKING_DAYS = /^P(\d+)WD$/;

/** Reads a duration, or null when it is not one (or longer than MAX_DURATION_TEXT). Cheap for any input: no loops. */
export function parseDuration(text: string): Duration | null {
  if (typeof text !== 'string' || text.length > MAX_DURATION_TEXT) return null;
  const wd = WORKING_DAYS.exec(text);
  if (wd) {
    const days = Number(wd[1]);
    return Number.isSafeInteger(days) ? { kind: 'working_days', days, text } : null;
  }
  const m = FIXED.exec(text);
  if (!m) return null;
  const [w, d, h, min, s] = m.slice(1).map((v) => (v === undefined ? 0 : Number(v)));
  const days = w * 7 + d;
  const ms = Math.round((h * 60 + min) * 60_000 + s * 1000);
  const totalMs = days * DAY_MS + ms;
  return Number.isSafeInteger(ms) && Number.isSafeInteger(totalMs) ? { kind: 'fixed', days, ms, totalMs, text } : null;
}

/** True when `text` is written as a duration, though perhaps too large to read exactly (P99999999999999D). */
export function isDurationSyntax(text: unknown): boolean {
  return typeof text === 'string' && text.length <= MAX_DURATION_TEXT && (WORKING_DAYS.test(text) || FIXED.test(text));
}

/** True when the duration moves time forward at all (PT0S, P0D and P0WD do not). */
export function isPositiveDuration(d: Duration): boolean {
  return d.kind === 'fixed' ? d.totalMs > 0 : d.days > 0;
}

/** A fixed-length duration in milliseconds (days counted as 24 h), or null when the text is not one (working days are not fixed). */
export function parseFixedDurationMs(text: string): number | null {
  const d = parseDuration(text);
  return d && d.kind === 'fixed' ? d.totalMs : null;
}

/**
 * The nominal length in milliseconds, for comparing against a minimum: a fixed duration's `totalMs`,
 * a working day counted as 24 hours (it is never shorter than that between two working days).
 */
export function nominalMs(d: Duration): number {
  return d.kind === 'fixed' ? d.totalMs : d.days * DAY_MS;
}

/** The longest a duration may be: a fixed one by its nominal length, working days by their count. */
export interface DurationLimit {
  maxFixedMs: number;
  maxWorkingDays: number;
  /** How the limit reads in a message: "at most a year (P366D) or 260 working days (P260WD)". */
  text: string;
}

/**
 * True when `d` is longer than `limit`. Constant time: call it before any working-day arithmetic,
 * which walks the calendar a day at a time.
 */
export function exceedsLimit(d: Duration, limit: DurationLimit): boolean {
  return d.kind === 'fixed' ? d.totalMs > limit.maxFixedMs : d.days > limit.maxWorkingDays;
}
