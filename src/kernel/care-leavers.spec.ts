import fc from 'fast-check';
import { LEGAL_STATUSES, ageBand, checkYoungPerson, type LegalStatus } from './care-leavers';
import { ageOn } from './dates';

const TODAY = '2026-11-23';

describe('checkYoungPerson', () => {
  const check = (dateOfBirth: string, legalStatus: LegalStatus, uasc = false) =>
    checkYoungPerson({ dateOfBirth, legalStatus, uasc }, TODAY);

  it('accepts consistent records', () => {
    expect(check('2009-06-15', 'eligible')).toEqual([]); // 17
    expect(check('2010-11-23', 'relevant', true)).toEqual([]); // 16 today, UASC
    expect(check('2008-11-24', 'relevant', true)).toEqual([]); // 17, 18 tomorrow
    expect(check('2007-06-15', 'former_relevant')).toEqual([]); // 19
    expect(check('2000-11-24', 'former_relevant')).toEqual([]); // 25, 26 tomorrow
    expect(check('2009-06-15', 'qualifying')).toEqual([]); // 17
    expect(check('2002-06-15', 'qualifying')).toEqual([]); // 24 (in education)
  });

  it('puts a 15-year-old out of scope', () => {
    expect(check('2010-11-24', 'eligible')).toEqual([
      { field: 'dateOfBirth', message: expect.stringMatching(/Aged 15 .*under-16s are out of scope/) },
    ]);
  });

  it('puts a 26-year-old out of scope', () => {
    expect(check('2000-11-23', 'former_relevant')).toEqual([
      { field: 'dateOfBirth', message: expect.stringMatching(/Aged 26 .*over-25s are out of scope/) },
    ]);
  });

  it('rejects a legal status that does not fit the age', () => {
    const [problem] = check('2007-06-15', 'eligible'); // 19
    expect(problem.field).toBe('legalStatus');
    expect(problem.message).toMatch(/Aged 19 .*cannot be eligible/);
    expect(problem.message).toContain('former_relevant');
    expect(check('2007-06-15', 'relevant').map((p) => p.field)).toEqual(['legalStatus']);
    expect(check('2009-06-15', 'former_relevant').map((p) => p.field)).toEqual(['legalStatus']); // 17
  });

  it('ends UASC status at 18', () => {
    expect(check('2008-11-23', 'former_relevant', true)).toEqual([
      { field: 'uasc', message: expect.stringMatching(/UASC status ends at 18; aged 18/) },
    ]);
    // both contradictions at once
    expect(check('2007-06-15', 'eligible', true).map((p) => p.field)).toEqual(['legalStatus', 'uasc']);
  });

  it('rejects a future or unreal date of birth', () => {
    expect(check('2027-01-01', 'eligible')).toEqual([
      { field: 'dateOfBirth', message: expect.stringContaining('is in the future') },
    ]);
    expect(check('2009-02-29', 'eligible')).toEqual([
      { field: 'dateOfBirth', message: expect.stringContaining('not a real date') },
    ]);
    expect(check('15/06/2009', 'eligible')).toEqual([
      { field: 'dateOfBirth', message: expect.stringContaining('not a real date') },
    ]);
  });

  it('rejects an unknown legal status', () => {
    expect(check('2009-06-15', 'looked_after' as LegalStatus).map((p) => p.field)).toEqual(['legalStatus']);
  });

  it('finds no problem exactly when the age is in scope and fits the status and UASC', () => {
    const dob = fc
      .date({ min: new Date('1995-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    const bands: Record<LegalStatus, [number, number]> = {
      eligible: [16, 17],
      relevant: [16, 17],
      former_relevant: [18, 25],
      qualifying: [16, 25],
    };
    fc.assert(
      fc.property(dob, fc.constantFrom(...LEGAL_STATUSES), fc.boolean(), (dateOfBirth, legalStatus, uasc) => {
        const problems = checkYoungPerson({ dateOfBirth, legalStatus, uasc }, TODAY);
        for (const p of problems) expect(p.message.length).toBeGreaterThan(10);
        if (dateOfBirth > TODAY) return expect(problems.map((p) => p.field)).toEqual(['dateOfBirth']);
        const age = ageOn(dateOfBirth, TODAY);
        const [min, max] = bands[legalStatus];
        const ok = age >= 16 && age <= 25 && age >= min && age <= max && !(uasc && age >= 18);
        expect(problems.length === 0).toBe(ok);
      }),
    );
  });
});

describe('ageBand', () => {
  it('puts under-18s in 16-17, 18 to 21 in 18-21 and older in 22+', () => {
    expect([15, 16, 17, 18, 21, 22, 25].map(ageBand)).toEqual([
      '16-17',
      '16-17',
      '16-17',
      '18-21',
      '18-21',
      '22+',
      '22+',
    ]);
  });
});
