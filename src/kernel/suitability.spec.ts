import fc from 'fast-check';
import { resolveSuitability, startsClock } from './suitability';
import { ACCOMMODATION_CODES } from './accommodation';

const base = { ageYears: 19, actorIsManager: false };

describe('stay suitability', () => {
  it('defaults hotels, emergency hostels, no fixed abode and custody to unsuitable', () => {
    for (const code of ['W', 'V', 'S', 'X'] as const)
      expect(resolveSuitability({ ...base, code })).toEqual({ ok: true, suitable: false });
  });

  it('defaults semi-independent accommodation to suitable', () => {
    expect(resolveSuitability({ ...base, code: 'D' })).toEqual({ ok: true, suitable: true });
  });

  it('refuses to call custody or no fixed abode suitable, even for a manager', () => {
    expect(
      resolveSuitability({ ...base, code: 'X', requested: true, actorIsManager: true, reason: 'x' }),
    ).toMatchObject({ ok: false, error: { kind: 'rule_violation' } });
    expect(
      resolveSuitability({ ...base, code: 'S', requested: true, actorIsManager: true, reason: 'x' }),
    ).toMatchObject({ ok: false, error: { kind: 'rule_violation' } });
  });

  it('lets only a manager with a reason mark a hotel suitable', () => {
    expect(resolveSuitability({ ...base, code: 'W', requested: true })).toMatchObject({
      ok: false,
      error: { kind: 'forbidden' },
    });
    expect(resolveSuitability({ ...base, code: 'W', requested: true, actorIsManager: true })).toMatchObject({
      ok: false,
      error: { kind: 'invalid', field: 'suitabilityReason' },
    });
    expect(
      resolveSuitability({ ...base, code: 'W', requested: true, actorIsManager: true, reason: 'Family room, staffed' }),
    ).toEqual({ ok: true, suitable: true });
  });

  it('never calls a hotel, night shelter or foyer suitable for a 17-year-old', () => {
    for (const code of ['W', 'V', 'T'] as const) {
      expect(
        resolveSuitability({ code, ageYears: 17, actorIsManager: true, requested: true, reason: 'x' }),
      ).toMatchObject({ ok: false, error: { kind: 'rule_violation' } });
      expect(resolveSuitability({ code, ageYears: 17, actorIsManager: true })).toEqual({ ok: true, suitable: false });
    }
  });

  it('always honours a request to mark a stay unsuitable', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ACCOMMODATION_CODES),
        fc.integer({ min: 16, max: 25 }),
        fc.boolean(),
        (code, ageYears, mgr) => {
          const r = resolveSuitability({ code, ageYears, actorIsManager: mgr, requested: false });
          return r.ok && r.suitable === false;
        },
      ),
    );
  });

  it('starts the clock for any unsuitable stay and for emergency accommodation even when suitable', () => {
    expect(startsClock({ accommodationCode: 'D', suitable: false })).toBe(true);
    expect(startsClock({ accommodationCode: 'V', suitable: true })).toBe(true);
    expect(startsClock({ accommodationCode: 'D', suitable: true })).toBe(false);
  });
});
