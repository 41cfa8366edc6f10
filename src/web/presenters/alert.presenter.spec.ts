import type { AlertPageView, AlertStep } from '../../features/escalations/alert-view';
import {
  deliveryText,
  elapsed,
  markup,
  ladderCards,
  presentAlert,
  statusTag,
  toldHtml,
  whoRows,
} from './alert.presenter';

const FIRED = '2026-11-30T10:00:00.000Z';

function step(over: Partial<AlertStep> = {}): AlertStep {
  return {
    id: 'e1',
    step: 5,
    occurrence: 0,
    role: 'director',
    policyName: '18+ in hotel / B&B / emergency accommodation',
    status: 'open',
    dueAt: FIRED,
    firedAt: FIRED,
    closedAt: null,
    closedReason: null,
    unrouted: false,
    recordedLate: false,
    current: true,
    told: [],
    adminsTold: [],
    acknowledgement: null,
    ...over,
  };
}

function alert(over: Partial<AlertPageView> = {}): AlertPageView {
  const s = over.step ?? step();
  return {
    asOf: '2026-12-07T11:00:00.000Z',
    youngPerson: {
      id: 'y1',
      reference: 'CL-1001',
      name: 'Alex Taylor',
      age: 21,
      homeArea: 'Crewe',
      paUserId: 'pa1',
      paName: 'Pat Adviser',
    },
    place: {
      stayId: 's1',
      accommodationCode: 'W',
      accommodationLabel: 'bed and breakfast / hotel',
      unsuitable: true,
      emergency: true,
      description: null,
      startedAt: FIRED,
      endedAt: null,
    },
    clock: { startedAt: FIRED, running: true, hoursElapsed: 169, workingDaysElapsed: 5, breaches: [] },
    step: s,
    ladder: [s],
    acknowledge: { allowed: true, refusal: null, reason: null, latestReviewBy: '2026-12-14' },
    ...over,
  };
}

/** A summary list's rows as `key: value` lines, tags stripped. */
const lines = (rows: { key: { text: string }; value: { text?: string; html?: string } }[]) =>
  rows.map(
    (r) =>
      `${r.key.text}: ${(r.value.text ?? r.value.html ?? '')
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim()}`,
  );

describe('the alert page: who and where', () => {
  it('names the young person, their age, the place in words with its tags, and how long', () => {
    expect(lines(whoRows(alert()))).toEqual([
      'Name: Alex Taylor',
      'Reference: CL-1001',
      'Age: 21',
      'Where: Bed and breakfast / hotel (W) Unsuitable Emergency',
      'In unsuitable or emergency accommodation: Since Mon 30 Nov 2026, 10:00 169 hours (7 days 1 hour), 5 working days so far',
      'Statutory limits: None broken',
      'Personal adviser: Pat Adviser',
    ]);
  });

  it('tags each statutory breach, and says when they moved into this place if later than the clock started', () => {
    const v = alert({
      clock: { ...alert().clock, breaches: ['under_18_unsuitable', 'parent_six_weeks'] },
      place: { ...alert().place, startedAt: '2026-12-02T15:00:00.000Z' },
    });
    const rows = whoRows(v);
    expect(rows.find((r) => r.key.text === 'Statutory limits')!.value.html).toContain(
      '<strong class="govuk-tag govuk-tag--red">Under 18: never suitable here</strong>',
    );
    expect(lines(rows)).toContain('In this place since: Wed 2 Dec 2026, 15:00');
  });

  it('escapes whatever was typed about the place', () => {
    const v = alert({ place: { ...alert().place, description: '<script>alert(1)</script> & Co' } });
    const where = whoRows(v).find((r) => r.key.text === 'Where')!.value.html!;
    expect(where).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co');
    expect(where).not.toContain('<script>');
    expect(markup`${'"quoted"'} ${['<a>', markup`<b></b>`]}`.html).toBe('&quot;quoted&quot; &lt;a&gt;<b></b>');
  });

  it('writes durations under a day in hours', () => expect(elapsed(5, 0)).toBe('5 hours, 0 working days'));
});

describe('the alert page: the step and its ladder', () => {
  it('tags each state: open and lapsed red, acknowledged green, scheduled blue, closed and passed over grey', () => {
    expect(statusTag(step()).text).toBe('Open');
    const lapsed = step({
      acknowledgement: {
        byUserId: 'd',
        byName: 'D',
        at: FIRED,
        actionPlan: 'x',
        reviewBy: '2026-12-04',
        lapsedAt: FIRED,
      },
    });
    expect(statusTag(lapsed)).toEqual({ text: 'Lapsed', classes: 'govuk-tag--red' });
    expect(statusTag(step({ status: 'acknowledged' })).classes).toBe('govuk-tag--green');
    expect(statusTag(step({ status: 'scheduled' })).text).toBe('Scheduled');
    expect(statusTag(step({ status: 'closed', closedReason: 'recorded_late' })).text).toBe('Passed over');
    expect(statusTag(step({ status: 'closed', closedReason: 'clock_stopped' })).text).toBe('Closed');
  });

  it('says how each channel went: sent, read or not, waiting, retrying, failed', () => {
    const d = (
      channel: 'email' | 'in_app' | 'webhook',
      status: 'pending' | 'retrying' | 'sent' | 'failed',
      readAt: string | null = null,
    ) => deliveryText({ channel, status, sentAt: FIRED, readAt });
    expect(d('email', 'sent')).toBe('Email: sent Mon 30 Nov 2026, 10:00');
    expect(d('in_app', 'sent')).toBe('In this service: not read yet');
    expect(d('in_app', 'sent', FIRED)).toBe('In this service: read Mon 30 Nov 2026, 10:00');
    expect(d('email', 'failed')).toBe('Email: failed, not delivered');
    expect(d('webhook', 'retrying')).toBe('Teams or Slack channel: not delivered yet, retrying');
    expect(d('email', 'pending')).toBe('Email: waiting to be sent');
  });

  it('lists who was told, how they were found and each channel', () => {
    const s = step({
      told: [
        {
          userId: 'd1',
          name: 'Dee <Director>',
          role: 'director',
          via: 'line_manager',
          deliveries: [{ channel: 'email', status: 'sent', sentAt: FIRED, readAt: null }],
        },
        {
          userId: null,
          name: null,
          role: 'director',
          via: null,
          deliveries: [{ channel: 'webhook', status: 'failed', sentAt: null, readAt: null }],
        },
      ],
    });
    const out = toldHtml(s).html;
    expect(out).toContain(
      '<strong>Dee &lt;Director&gt;</strong>, Director: through the personal adviser’s line management',
    );
    expect(out).toContain('<li>Email: sent Mon 30 Nov 2026, 10:00</li>');
    expect(out).toContain('Teams or Slack channel for directors');
  });

  it('says clearly when nobody holds the role, and which administrators were told', () => {
    const admin = { userId: 'a1', name: 'Ada Admin', role: 'admin', via: null, deliveries: [] };
    expect(toldHtml(step({ unrouted: true, adminsTold: [admin] })).html).toContain(
      'Nobody holds this role for this young person: an administrator was told',
    );
    expect(toldHtml(step({ unrouted: true, adminsTold: [admin] })).html).toContain('Ada Admin');
    expect(toldHtml(step({ unrouted: true })).html).toContain('no administrator could be told');
    expect(toldHtml(step({ status: 'scheduled', firedAt: null })).html).toBe('Nobody yet: due Mon 30 Nov 2026, 10:00');
    expect(toldHtml(step({ status: 'closed', firedAt: null, closedReason: 'recorded_late' })).html).toMatch(
      /^Nobody: passed over/,
    );
  });

  it('marks the step of this alert, names repeats, and names the policy only when the clock runs on more than one', () => {
    const other = step({ id: 'e2', step: 6, occurrence: 2, role: 'head_of_service', current: false });
    const cards = ladderCards(alert({ ladder: [step(), other] }));
    expect(cards.map((c) => c.card.title.text)).toEqual([
      'Step 5: Director (this alert)',
      'Step 6 (repeat 2): Head of service',
    ]);
    expect(cards[0].card.classes).toContain('app-ladder-card--current');
    expect(cards[0].rows.some((r) => r.key.text === 'Policy')).toBe(false);
    const two = ladderCards(alert({ ladder: [step(), { ...other, policyName: 'Parents' }] }));
    expect(two[1].rows.find((r) => r.key.text === 'Policy')!.value.text).toBe('Parents');
  });

  it('shows who acknowledged, their action plan, the review date, and a lapse', () => {
    const acknowledgement = {
      byUserId: 'd1',
      byName: 'Dee Director',
      at: FIRED,
      actionPlan: 'Line one\nLine two',
      reviewBy: '2026-12-04',
      lapsedAt: '2026-12-04T09:00:00.000Z',
    };
    const v = alert({ step: step({ acknowledgement }) });
    expect(lines(presentAlert(v).step)).toEqual(
      expect.arrayContaining([
        'Acknowledged by: Dee Director on Mon 30 Nov 2026, 10:00',
        'Action plan: Line one Line two',
        'Review by: 4 December 2026',
        'Acknowledgement lapsed: Fri 4 Dec 2026, 09:00: not renewed by its review date',
      ]),
    );
  });
});

describe('the alert page: acknowledging', () => {
  it('offers the form to whoever may acknowledge, with the policy’s latest review date', () => {
    const page = presentAlert(alert());
    expect(page.pageTitle).toBe('Escalation step 5 for CL-1001');
    expect(page.form).toMatchObject({ action: '/escalations/e1/acknowledge', latestReviewBy: '14 December 2026' });
    expect(page.refusal).toBeNull();
    expect(page.timelineHref).toBe('/young-people/y1/timeline');
  });

  it('says why instead of the form to a role that may not, and nothing while the step needs nobody', () => {
    const reason = 'This step is addressed to the director. Only the director can acknowledge it.';
    const refused = presentAlert(
      alert({ acknowledge: { allowed: false, refusal: 'role', reason, latestReviewBy: null } }),
    );
    expect(refused).toMatchObject({ form: null, refusal: reason });
    const done = alert({
      step: step({ status: 'acknowledged' }),
      acknowledge: {
        allowed: false,
        refusal: 'state',
        reason: 'This step is already acknowledged',
        latestReviewBy: null,
      },
    });
    expect(presentAlert(done)).toMatchObject({ form: null, refusal: null });
  });

  it('shows the success banner once, after acknowledging, with the review date', () => {
    const acknowledgement = {
      byUserId: 'd1',
      byName: 'D',
      at: FIRED,
      actionPlan: 'x',
      reviewBy: '2026-12-11',
      lapsedAt: null,
    };
    const v = alert({ step: step({ status: 'acknowledged', acknowledgement }) });
    expect(presentAlert(v, { acknowledged: true }).success).toBe(
      '<p class="govuk-notification-banner__heading">Step 5 acknowledged. Review by 11 December 2026</p>',
    );
    expect(presentAlert(v).success).toBeNull();
    expect(presentAlert(alert(), { acknowledged: true }).success).toBeNull();
  });

  it('keeps what was typed when the form comes back with errors', () => {
    const page = presentAlert(alert(), {
      values: { actionPlan: 'Plan', day: '4', month: '', year: '2026' },
      faultyDateParts: ['month'],
      errors: { summary: [{ text: 'Review date must include a month', href: '#reviewBy-month' }], byField: {} },
    });
    expect(page.form!.actionPlan).toBe('Plan');
    expect(page.form!.dateItems[1]).toMatchObject({ name: 'month', error: true });
    expect(page.errors.summary).toHaveLength(1);
  });
});
