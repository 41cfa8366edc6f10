/**
 * ISO-8601 durations as the service uses them: `PT0S`, `PT4H`, `P3D`, `P1DT2H30M`, `P2W`,
 * plus the service's own working-day form `P2WD` (a whole number of working days, nothing else).
 * Plain functions, no framework.
 */
export type Duration =
  | { kind: 'fixed'; ms: number; text: string }
  | { kind: 'working_days'; days: number; text: string };

const FIXED = /^P(?!$)(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;
const WORKING_DAYS = /^P(\d+)WD$/;

export function parseDuration(text: string): Duration | null {
  if (typeof text !== 'string') return null;
  const wd = WORKING_DAYS.exec(text);
  if (wd) {
    const days = Number(wd[1]);
    return Number.isSafeInteger(days) ? { kind: 'working_days', days, text } : null;
  }
  const m = FIXED.exec(text);
  if (!m) return null;
  const [w, d, h, min, s] = m.slice(1).map((v) => (v === undefined ? 0 : Number(v)));
  const ms = Math.round((((w * 7 + d) * 24 + h) * 60 + min) * 60_000 + s * 1000);
  return Number.isSafeInteger(ms) ? { kind: 'fixed', ms, text } : null;
}

/** A fixed-length duration in milliseconds, or null when the text is not one (working days are not fixed). */
export function parseFixedDurationMs(text: string): number | null {
  const d = parseDuration(text);
  return d && d.kind === 'fixed' ? d.ms : null;
}
