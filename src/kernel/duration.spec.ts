import fc from 'fast-check';
import {
  exceedsLimit,
  isDurationSyntax,
  isPositiveDuration,
  MAX_DURATION_TEXT,
  nominalMs,
  parseDuration,
  parseFixedDurationMs,
} from './duration';

describe('parseDuration', () => {
  it.each([
    ['PT0S', 0, 0],
    ['PT2S', 0, 2000],
    ['PT4H', 0, 4 * 3600_000],
    ['P3D', 3, 0],
    ['P1DT2H30M', 1, 2 * 3600_000 + 30 * 60_000],
    ['P6W', 42, 0],
    ['P1W2DT1H', 9, 3600_000],
    ['PT0.5S', 0, 500],
  ])('reads %s as a fixed duration of %d calendar days plus %d elapsed ms', (text, days, ms) => {
    expect(parseDuration(text)).toEqual({ kind: 'fixed', days, ms, totalMs: days * 86400_000 + ms, text });
  });

  it.each([
    ['PT0S', 0],
    ['PT4H', 4 * 3600_000],
    ['P3D', 3 * 86400_000],
    ['P1DT2H30M', 86400_000 + 2 * 3600_000 + 30 * 60_000],
    ['P6W', 42 * 86400_000],
    ['PT0.5S', 500],
  ])('gives config the nominal length of %s in ms', (text, ms) => {
    expect(parseFixedDurationMs(text)).toBe(ms);
  });

  it('tells positive durations from zero ones', () => {
    expect(['PT0S', 'P0D', 'P0WD', 'P0W'].map((t) => isPositiveDuration(parseDuration(t)!))).toEqual([
      false,
      false,
      false,
      false,
    ]);
    expect(['PT1S', 'P1D', 'P1WD'].map((t) => isPositiveDuration(parseDuration(t)!))).toEqual([true, true, true]);
  });

  it('reads P2WD as two working days', () => {
    expect(parseDuration('P2WD')).toEqual({ kind: 'working_days', days: 2, text: 'P2WD' });
    expect(parseFixedDurationMs('P2WD')).toBeNull();
  });

  it.each(['', 'P', 'PT', '4H', 'P1Y', 'P1M', 'PT-1H', 'P2WDT1H', 'P1.5D', 'bogus', 'P1DT'])('refuses %j', (text) => {
    expect(parseDuration(text)).toBeNull();
  });

  it('round-trips any whole number of hours', () => {
    fc.assert(fc.property(fc.nat({ max: 100_000 }), (h) => parseFixedDurationMs(`PT${h}H`) === h * 3600_000));
  });
});

describe('duration bounds', () => {
  it('reads nothing longer than MAX_DURATION_TEXT characters', () => {
    expect(parseDuration(`PT${'0'.repeat(MAX_DURATION_TEXT)}1H`)).toBeNull();
    expect(parseDuration(`PT${'0'.repeat(MAX_DURATION_TEXT - 4)}1H`)).not.toBeNull();
  });

  it('tells a duration too large to read from text that is no duration at all', () => {
    expect(parseDuration('P99999999999999999999D')).toBeNull();
    expect(isDurationSyntax('P99999999999999999999D')).toBe(true);
    expect(isDurationSyntax('P99999999999999999999WD')).toBe(true);
    expect(isDurationSyntax('every day')).toBe(false);
    expect(isDurationSyntax(42)).toBe(false);
  });

  it('gives working days a nominal 24 hours each, fixed durations their total', () => {
    expect(nominalMs(parseDuration('P2WD')!)).toBe(2 * 86400_000);
    expect(nominalMs(parseDuration('PT90M')!)).toBe(90 * 60_000);
  });

  it('compares a duration with a limit without any calendar arithmetic', () => {
    const limit = { maxFixedMs: 86400_000, maxWorkingDays: 3, text: 'a day or 3 working days' };
    expect(['P1D', 'PT24H', 'P3WD', 'P0D'].map((t) => exceedsLimit(parseDuration(t)!, limit))).toEqual([
      false,
      false,
      false,
      false,
    ]);
    expect(['P1DT1S', 'P4WD', 'P3000000WD'].map((t) => exceedsLimit(parseDuration(t)!, limit))).toEqual([
      true,
      true,
      true,
    ]);
  });

  it('never throws and answers at once for any text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary' })), (text) => {
        const d = parseDuration(text);
        expect(d === null || isDurationSyntax(text)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
