import fc from 'fast-check';
import { isPositiveDuration, parseDuration, parseFixedDurationMs } from './duration';

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
