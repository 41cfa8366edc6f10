import fc from 'fast-check';
import { currentDefault, DEFAULT_POLICIES } from './default-policies';
import {
  APPLIES_TO_KEYS,
  samePolicyContent,
  validateAppliesTo,
  validateMaxReviewAfter,
  validatePolicyContent,
  type PolicyContent,
} from './policy-input';
import { WorkingCalendar } from './working-days';

const cal = new WorkingCalendar();
const fields = (problems: { field: string }[]) => problems.map((p) => p.field).sort();

describe('validateAppliesTo', () => {
  it.each<[string, unknown]>([
    ['an empty object (every stay)', {}],
    ['the 16-17 scope', { minAge: 16, maxAge: 17, unsuitableOnly: true }],
    ['accommodation codes', { accommodationCodes: ['W', 'V'], pregnantOrParent: true }],
    ['an empty code list (any accommodation)', { accommodationCodes: [] }],
    ['minAge equal to maxAge', { minAge: 18, maxAge: 18 }],
    ['false flags', { unsuitableOnly: false, pregnantOrParent: false }],
  ])('accepts %s', (_name, value) => {
    expect(validateAppliesTo(value)).toEqual([]);
  });

  it.each<[string, unknown, string[]]>([
    ['a list (which once became {"0": …}, matching every stay)', [{ minAge: 18 }], ['appliesTo']],
    ['a list of nothing', [], ['appliesTo']],
    ['null', null, ['appliesTo']],
    ['a string', 'everyone', ['appliesTo']],
    ['numbered keys', { '0': { minAge: 18 } }, ['appliesTo.0']],
    ['an unknown key', { minAge: 18, colour: 'red' }, ['appliesTo.colour']],
    ['a null age', { minAge: null }, ['appliesTo.minAge']],
    ['a null code list', { accommodationCodes: null }, ['appliesTo.accommodationCodes']],
    [
      'a null flag',
      { unsuitableOnly: null, pregnantOrParent: null },
      ['appliesTo.pregnantOrParent', 'appliesTo.unsuitableOnly'],
    ],
    ['an age below 16', { minAge: 15 }, ['appliesTo.minAge']],
    ['an age above 25', { maxAge: 26 }, ['appliesTo.maxAge']],
    ['a fractional age', { minAge: 17.5 }, ['appliesTo.minAge']],
    ['an age as text', { minAge: '18' }, ['appliesTo.minAge']],
    ['minAge above maxAge', { minAge: 20, maxAge: 18 }, ['appliesTo.maxAge']],
    ['an unknown code', { accommodationCodes: ['Q'] }, ['appliesTo.accommodationCodes']],
    ['a code twice', { accommodationCodes: ['W', 'W'] }, ['appliesTo.accommodationCodes']],
    ['a code list as text', { accommodationCodes: 'W' }, ['appliesTo.accommodationCodes']],
    ['too many codes', { accommodationCodes: Array(17).fill('W') }, ['appliesTo.accommodationCodes']],
    ['a flag as text', { unsuitableOnly: 'yes' }, ['appliesTo.unsuitableOnly']],
  ])('refuses %s, naming the field', (_name, value, expected) => {
    expect(fields(validateAppliesTo(value))).toEqual(expected);
  });

  it('accepts every default policy’s scope, in every version', () => {
    for (const p of DEFAULT_POLICIES) for (const v of p.versions) expect(validateAppliesTo(v.appliesTo)).toEqual([]);
  });

  it('never throws, and refuses any key it does not know, for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const problems = validateAppliesTo(value);
        const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
        if (!isObject) expect(fields(problems)).toEqual(['appliesTo']);
        else
          for (const key of Object.keys(value))
            if (!(APPLIES_TO_KEYS as readonly string[]).includes(key))
              expect(fields(problems)).toContain(`appliesTo.${key}`);
      }),
    );
  });
});

describe('validateMaxReviewAfter', () => {
  it.each(['P1WD', 'P5WD', 'P20WD', 'P1D', 'P4W', 'P28D', 'PT12H'])('accepts %s', (text) => {
    expect(validateMaxReviewAfter(text)).toEqual([]);
  });

  it.each<[unknown, RegExp]>([
    ['P21WD', /at most four weeks \(P4W\) or 20 working days/],
    ['P29D', /at most four weeks/],
    ['P5W', /at most four weeks/],
    ['P3000000WD', /at most four weeks/],
    ['P0WD', /longer than zero/],
    ['PT0S', /longer than zero/],
    ['next week', /ISO-8601 duration/],
    ['', /ISO-8601 duration/],
    [null, /ISO-8601 duration/],
    [5, /ISO-8601 duration/],
  ])('refuses %j', (value, message) => {
    const problems = validateMaxReviewAfter(value);
    expect(fields(problems)).toEqual(['maxReviewAfter']);
    expect(problems[0].message).toMatch(message);
  });
});

describe('validatePolicyContent', () => {
  const under18 = currentDefault(DEFAULT_POLICIES.find((p) => p.key === 'under-18-unsuitable')!);

  it('accepts every default policy as shipped', () => {
    for (const p of DEFAULT_POLICIES)
      for (const v of p.versions) expect(validatePolicyContent({ ...v, active: true }, cal)).toEqual([]);
  });

  it('checks only the fields given (a PATCH checks what it sends)', () => {
    expect(validatePolicyContent({}, cal)).toEqual([]);
    expect(fields(validatePolicyContent({ maxReviewAfter: 'P6W' }, cal))).toEqual(['maxReviewAfter']);
  });

  it('names every field at fault at once', () => {
    const problems = validatePolicyContent(
      {
        appliesTo: [under18.appliesTo],
        active: null,
        steps: [{ after: 'P3000000WD', role: 'director', repeatEvery: 'PT0.001S' }],
        maxReviewAfter: 'P1Y',
      },
      cal,
    );
    expect(fields(problems)).toEqual(['active', 'appliesTo', 'maxReviewAfter', 'steps.0.after', 'steps.0.repeatEvery']);
  });

  it('applies the configured minimum repeat', () => {
    const steps = [{ after: 'PT0S', role: 'director', repeatEvery: 'PT2S' }];
    expect(fields(validatePolicyContent({ steps }, cal))).toEqual(['steps.0.repeatEvery']);
    expect(validatePolicyContent({ steps }, cal, { minRepeatEveryMs: 1000 })).toEqual([]);
  });
});

describe('samePolicyContent', () => {
  const base: PolicyContent = {
    name: 'Policy',
    active: true,
    appliesTo: { minAge: 18, accommodationCodes: ['W'] },
    steps: [{ after: 'PT0S', role: 'team_manager' }],
    maxReviewAfter: 'P5WD',
  };

  it('sees the same content whatever the key order, and an absent repeat as a null one', () => {
    expect(
      samePolicyContent(base, {
        ...base,
        appliesTo: { accommodationCodes: ['W'], minAge: 18 },
        steps: [{ role: 'team_manager', after: 'PT0S', repeatEvery: null }],
      }),
    ).toBe(true);
  });

  it.each<[string, Partial<PolicyContent>]>([
    ['name', { name: 'Other' }],
    ['active', { active: false }],
    ['appliesTo', { appliesTo: { minAge: 19, accommodationCodes: ['W'] } }],
    ['code order (the list as written)', { appliesTo: { minAge: 18, accommodationCodes: ['W', 'V'] } }],
    ['steps', { steps: [{ after: 'PT0S', role: 'team_manager', repeatEvery: 'P1D' }] }],
    ['maxReviewAfter', { maxReviewAfter: 'P1WD' }],
  ])('sees a change of %s', (_name, change) => {
    expect(samePolicyContent(base, { ...base, ...change })).toBe(false);
  });
});
