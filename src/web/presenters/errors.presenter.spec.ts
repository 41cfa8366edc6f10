import { presentErrors } from './errors.presenter';

describe('form errors for the GOV.UK error summary', () => {
  const fields = { actionPlan: 'Action plan', reviewBy: 'Review date' };

  it('links each message to its field and puts it beside the field', () => {
    const out = presentErrors([{ field: 'actionPlan', message: 'Enter the action plan' }], fields);
    expect(out.summary).toEqual([{ text: 'Enter the action plan', href: '#actionPlan' }]);
    expect(out.byField.actionPlan).toEqual({ text: 'Enter the action plan' });
  });

  it('links a date to its first box and names the field as people do', () => {
    const out = presentErrors([{ field: 'reviewBy', message: 'reviewBy must be today or later.' }], fields, {
      reviewBy: 'reviewBy-day',
    });
    expect(out.summary).toEqual([{ text: 'Review date must be today or later', href: '#reviewBy-day' }]);
  });

  it('shows one message per field beside it, and keeps an unknown field in the summary only', () => {
    const out = presentErrors(
      [
        { field: 'actionPlan', message: 'first' },
        { field: 'actionPlan', message: 'second' },
        { field: 'other', message: 'something else is wrong' },
      ],
      fields,
    );
    expect(out.byField).toEqual({ actionPlan: { text: 'First' } });
    expect(out.summary.map((s) => s.href)).toEqual(['#actionPlan', '#main-content']);
  });
});
