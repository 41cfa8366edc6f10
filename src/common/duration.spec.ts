import fc from 'fast-check';
import { parseDuration, parseFixedDurationMs } from './duration';

describe('parseDuration', () => {
  it.each([
    ['PT0S', 0],
    ['PT2S', 2000],
    ['PT4H', 4 * 3600_000],
    ['P3D', 3 * 86400_000],
    ['P1DT2H30M', 86400_000 + 2 * 3600_000 + 30 * 60_000],
    ['P6W', 42 * 86400_000],
    ['PT0.5S', 500],
  ])('reads %s as a fixed duration', (text, ms) => {
    expect(parseDuration(text)).toEqual({ kind: 'fixed', ms, text });
  });

  it('reads P2WD as two working days', () => {
    expect(parseDuration('P2WD')).toEqual({ kind: 'working_days', days: 2, text: 'P2WD' });
    expect(parseFixedDurationMs('P2WD')).toBeNull();
  });

  it.each(['', 'P', 'PT', '4H', 'P1Y', 'P1M', 'PT-1H', 'P2WDT1H', 'P1.5D', 'bogus', 'P1DT'])(
    'refuses %j',
    (text) => {
      expect(parseDuration(text)).toBeNull();
    },
  );

  it('round-trips any whole number of hours', () => {
    fc.assert(
      fc.property(fc.nat({ max: 100_000 }), (h) => parseFixedDurationMs(`PT${h}H`) === h * 3600_000),
    );
  });
});
