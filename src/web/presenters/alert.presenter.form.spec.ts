import fc from 'fast-check';
import {
  acknowledgeErrors,
  acknowledgeFormValues,
  composeDate,
  dateItems,
  serviceMessage,
  stateConflictErrors,
} from './alert.presenter.form';

const date = (day: string, month: string, year: string) => composeDate({ day, month, year });

describe('the review date’s three boxes', () => {
  it('composes a real date as YYYY-MM-DD, with or without leading zeros and spaces', () => {
    expect(date('4', '12', '2026')).toEqual({ value: '2026-12-04', error: null });
    expect(date(' 04 ', '02', '2028')).toEqual({ value: '2028-02-04', error: null });
    expect(date('29', '2', '2028')).toEqual({ value: '2028-02-29', error: null });
  });

  it('says “Enter the review date” when nothing is entered', () => {
    expect(date('', ' ', '').error).toEqual({ message: 'Enter the review date', parts: ['day', 'month', 'year'] });
  });

  it('names the boxes left empty, as GOV.UK does', () => {
    expect(date('4', '', '2026').error).toEqual({ message: 'Review date must include a month', parts: ['month'] });
    expect(date('', '', '2026').error).toEqual({
      message: 'Review date must include a day and month',
      parts: ['day', 'month'],
    });
    expect(date('4', '12', '').error?.message).toBe('Review date must include a year');
  });

  it('says “must be a real date” for letters, an impossible day or month, and a 29 February out of a leap year', () => {
    expect(date('4', 'Dec', '2026').error).toEqual({ message: 'Review date must be a real date', parts: ['month'] });
    expect(date('32', '12', '2026').error).toEqual({ message: 'Review date must be a real date', parts: ['day'] });
    expect(date('4', '13', '2026').error?.parts).toEqual(['month']);
    expect(date('29', '2', '2027').error).toEqual({
      message: 'Review date must be a real date',
      parts: ['day', 'month', 'year'],
    });
    expect(date('004', '12', '2026').error?.message).toBe('Review date must be a real date');
  });

  it('asks for a four-figure year', () => {
    expect(date('4', '12', '26').error).toEqual({ message: 'Year must include 4 numbers', parts: ['year'] });
  });

  it('never answers both a value and an error, and any value is a real date it was given', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 4 }), fc.string({ maxLength: 4 }), fc.string({ maxLength: 6 }), (d, m, y) => {
        const out = date(d, m, y);
        expect((out.value === null) !== (out.error === null)).toBe(true);
        if (out.value) {
          expect(out.value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          expect(Number(out.value.slice(8))).toBe(Number(d.trim()));
        }
      }),
    );
  });

  it('shows the boxes again with what was typed, the faulty ones marked', () => {
    const items = dateItems({ day: '4', month: 'x', year: '2026' }, ['month']);
    expect(items).toEqual([
      { name: 'day', value: '4', classes: 'govuk-input--width-2' },
      { name: 'month', value: 'x', classes: 'govuk-input--width-2', error: true },
      { name: 'year', value: '2026', classes: 'govuk-input--width-4' },
    ]);
  });
});

describe('the acknowledge form’s messages', () => {
  it('reads the posted fields, missing ones as empty', () => {
    expect(acknowledgeFormValues({ actionPlan: 'Plan', 'reviewBy-day': '4', 'reviewBy-year': ['x'] })).toEqual({
      actionPlan: 'Plan',
      day: '4',
      month: '',
      year: '',
    });
    expect(acknowledgeFormValues(undefined).actionPlan).toBe('');
  });

  it('writes the service’s review-date bound for people: a UK date and the duration in words', () => {
    expect(
      serviceMessage('reviewBy', 'must be no later than 2026-12-14 (the policy allows P5WD at most)').message,
    ).toBe('Review date must be no later than 14 December 2026 (the policy allows 5 working days at most)');
    expect(serviceMessage('reviewBy', 'must be today or later').message).toBe('Review date must be today or later');
    expect(serviceMessage('reviewBy', 'allows P1D or P2W').message).toBe('allows 1 day or 2 weeks');
  });

  it('links a date’s error to its first faulty box, and the action plan to its box', () => {
    const out = acknowledgeErrors(
      [
        { field: 'actionPlan', message: 'Enter the action plan' },
        { field: 'reviewBy', message: 'Review date must include a month' },
      ],
      'month',
    );
    expect(out.summary).toEqual([
      { text: 'Enter the action plan', href: '#actionPlan' },
      { text: 'Review date must include a month', href: '#reviewBy-month' },
    ]);
    expect(out.byField.reviewBy).toEqual({ text: 'Review date must include a month' });
  });

  it('says what happened when the step changed under the form, linking to the step', () => {
    expect(stateConflictErrors('acknowledged').summary).toEqual([
      { text: 'This step has already been acknowledged. The acknowledgement is shown below', href: '#this-step' },
    ]);
    expect(stateConflictErrors('closed').summary[0].text).toBe(
      'This step is closed, so it can no longer be acknowledged',
    );
    expect(stateConflictErrors('scheduled').summary[0].text).toMatch(/not fired yet/);
  });
});
