import {
  clashMessage,
  DEFAULT_END_REASON,
  PAST_STAY_NAMES,
  pastStayBody,
  pastStayMessage,
  presentPastStayForm,
} from './past-stay.presenter';
import { formValues } from './record-forms';

const filled = (over: Record<string, string> = {}) =>
  formValues(
    {
      accommodationCode: 'U',
      'startedAt-day': '3',
      'startedAt-month': '10',
      'startedAt-year': '2026',
      'startedAt-time': '18:00',
      'endedAt-day': '10',
      'endedAt-month': '10',
      'endedAt-year': '2026',
      'endedAt-time': '9:30',
      reason: 'Found in the old paper file',
      ...over,
    },
    PAST_STAY_NAMES,
  );

describe('the past stay form presenter', () => {
  it('reads the form into a stay that is already over, in UK time, with the reason and a default end reason', () => {
    expect(pastStayBody('p1', filled()).body).toEqual({
      youngPersonId: 'p1',
      accommodationCode: 'U',
      startedAt: '2026-10-03T18:00:00+01:00',
      endedAt: '2026-10-10T09:30:00+01:00',
      endReason: DEFAULT_END_REASON,
      reason: 'Found in the old paper file',
    });
  });

  it('asks for the reason, a place and real dates, boxes at fault by date', () => {
    const r = pastStayBody('p1', filled({ reason: ' ', accommodationCode: '', 'endedAt-day': '' }));
    expect(r.errors?.map((e) => e.field)).toEqual(['accommodationCode', 'endedAt', 'reason']);
    if (!r.errors) throw new Error('expected errors');
    expect(r.faulty).toEqual({ startedAt: [], endedAt: ['day'] });
    const form = presentPastStayForm(filled(), r.errors, r.faulty);
    expect(form.errors.byField.reason).toEqual({ text: 'Enter why it is being added now' });
    expect(form.endItems.find((i) => i.name === 'day')).toHaveProperty('error', true);
    expect(form.startItems.some((i) => 'error' in i)).toBe(false);
    expect(form.groups[0].heading).toBe('Emergency accommodation');
  });

  it('names the clashing stay in words', () => {
    expect(
      clashMessage({
        accommodationCode: 'W',
        description: 'Premier Inn, Crewe',
        startedAt: '2026-10-05T17:00:00Z',
        endedAt: '2026-10-08T09:00:00Z',
      }).message,
    ).toBe(
      'They were at bed and breakfast / hotel (W), Premier Inn, Crewe, from Mon 5 Oct 2026, 18:00 to Thu 8 Oct 2026, 10:00 then: a past stay cannot overlap another, so change its dates',
    );
    expect(
      clashMessage({ accommodationCode: 'W', description: null, startedAt: '2026-10-05T17:00:00Z', endedAt: null })
        .message,
    ).toContain('from Mon 5 Oct 2026, 18:00 and are still there then');
  });

  it('says the service’s instants as UK times and starts a bare message with its field', () => {
    expect(
      pastStayMessage({ field: 'endedAt', message: 'must be after the stay started (2026-10-03T17:00:00.000Z)' }),
    ).toEqual({
      field: 'endedAt',
      message: 'Date they left must be after the stay started (Sat 3 Oct 2026, 18:00)',
    });
  });
});
