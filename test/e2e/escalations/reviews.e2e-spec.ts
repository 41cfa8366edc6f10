import { ROLES } from '../../../src/kernel/roles';
import { ManualClock } from '../../../src/platform/clock';
import { REVIEW_DUE } from '../../../src/features/escalations/reviews.service';
import { Scheduler } from '../../../src/platform/queue/scheduler';
import { TimerRegistry } from '../../../src/platform/queue/timer-registry';
import { makePerson, until } from '../../support/fixtures';
import { expectProblem, Harness } from '../../support/harness';
import { TestSmtpServer } from '../../support/smtp';

/**
 * Acknowledgements that lead somewhere (api.md): a review date bounded by the policy, a reminder
 * and a lapse at the office opening on the review date, the step open again until acknowledged
 * afresh, and `GET /me/reviews`. Time is a ManualClock moved by the test; the sweep is called
 * directly after moving it, as the scheduler would every RECONCILE_EVERY.
 */

// Monday 7 December 2026, 10:00 in London (GMT). Default policy bound P5WD: reviews by Monday 14th.
const clock = new ManualClock(new Date('2026-12-07T10:00:00Z'));
let h: Harness;
let smtp: TestSmtpServer;

interface Esc {
  id: string;
  role: string;
  status: string;
  acknowledgedAt: string | null;
  acknowledgedByUserId: string | null;
  reviewBy: string | null;
  acknowledgementLapsedAt: string | null;
}
interface Review {
  escalationId: string;
  reference: string;
  initials: string;
  reviewBy: string;
  reviewDueAt: string;
  actionPlan: string;
  lapsed: boolean;
  step: number;
  role: string;
}

const sweep = () => h.app.get(TimerRegistry).sweep();
const step = async (id: string) => (await h.as('director').get(`/escalations/${id}`)).body as Esc;
const liveAcknowledged = async (reference: string) => {
  const live = (await h.as('director').get('/reports/unsuitable-accommodation')).body.items as {
    reference: string;
    acknowledged: boolean;
  }[];
  return live.find((r) => r.reference === reference)?.acknowledged;
};
const settle = () =>
  until(
    'deliveries to settle',
    () => h.count('notification', `status in ('pending', 'retrying')`),
    (n) => n === 0,
  );
const acknowledge = (id: string, reviewBy: string, role: 'team_manager' | 'service_manager' | 'pa' = 'team_manager') =>
  h.as(role).post(`/escalations/${id}/acknowledge`).send({ actionPlan: 'Supported lodgings referral', reviewBy });

/** A 21-year-old in a hotel from now, whose team manager step has fired: answers the step. */
async function hotelStep(): Promise<{ id: string; reference: string; stayId: string }> {
  const person = await makePerson(h, { dateOfBirth: '2005-03-01' });
  const stay = await h
    .as('pa')
    .post('/stays')
    .send({ youngPersonId: person.id, accommodationCode: 'W', description: 'Travelodge Crewe, room 12' });
  expect(stay.status).toBe(201);
  await sweep();
  const rows = (await h.as('director').get(`/escalations?stayId=${stay.body.id}`)).body.items as Esc[];
  const tm = rows.find((r) => r.role === 'team_manager' && r.status === 'open');
  if (!tm) throw new Error(`no open team manager step: ${JSON.stringify(rows)}`);
  return { id: tm.id, reference: person.reference, stayId: stay.body.id };
}

beforeAll(async () => {
  smtp = await TestSmtpServer.start();
  h = await Harness.start({
    clock,
    env: { SMTP_URL: smtp.url, RECONCILE_EVERY: 'PT1H', NOTIFY_ATTEMPTS: '1', DIGEST_AT: 'off' },
  });
  // One simple ladder of our own (the shipped ones retired): the team manager at once.
  const shipped = (await h.as('admin').get('/escalation-policies')).body.items as { id: string }[];
  for (const p of shipped)
    expect((await h.as('admin').patch(`/escalation-policies/${p.id}`).send({ active: false })).status).toBe(200);
  const policy = await h
    .as('admin')
    .post('/escalation-policies')
    .send({
      name: 'Test: reviews',
      appliesTo: { minAge: 18, accommodationCodes: ['W'], unsuitableOnly: true },
      steps: [{ after: 'PT0S', role: 'team_manager' }],
    });
  expect(policy.status).toBe(201);
});
afterAll(async () => {
  await h?.stop();
  await smtp?.stop();
});

describe('bounded review dates', () => {
  it('refuses a review date past the policy’s bound with 400 naming reviewBy, writing nothing', async () => {
    const { id } = await hotelStep();
    await settle();
    for (const reviewBy of ['2026-12-15', '2027-06-01']) {
      const res = await h.expectNoWrites(['escalation', 'notification'], () => acknowledge(id, reviewBy));
      expectProblem(res, 400, ['reviewBy']);
      expect(res.body.errors[0].message).toContain('2026-12-14');
    }
    expectProblem(await h.expectNoWrites(['escalation', 'notification'], () => acknowledge(id, '2026-12-06')), 400, [
      'reviewBy',
    ]);
    expect((await step(id)).status).toBe('open');
  });

  it('checks the role before the review date: a PA with a date past the bound is refused with 403', async () => {
    const { id } = await hotelStep();
    await settle();
    const res = await h.expectNoWrites(['escalation', 'notification'], () =>
      h.as('pa').post(`/escalations/${id}/acknowledge`).send({ actionPlan: 'x', reviewBy: '2027-06-01' }),
    );
    // The PA may not acknowledge a team manager's step.
    expectProblem(res, 403);
  });

  it('accepts the last day the policy allows', async () => {
    const { id } = await hotelStep();
    const res = await acknowledge(id, '2026-12-14');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'acknowledged', reviewBy: '2026-12-14', acknowledgementLapsedAt: null });
  });
});

describe('the review date, the reminder and the lapse', () => {
  let esc: { id: string; reference: string };

  it('reminds the acknowledger and re-opens the step at the office opening on the review date, once', async () => {
    esc = await hotelStep();
    expect((await acknowledge(esc.id, '2026-12-09')).status).toBe(200); // Wednesday
    // A wake-up waits in Redis for the review; the sweep below stands in for it (and for a lost one).
    expect(await h.app.get(Scheduler).isScheduled(REVIEW_DUE, esc.id)).toBe(true);

    clock.set('2026-12-09T08:59:00Z');
    await sweep();
    expect((await step(esc.id)).status).toBe('acknowledged');
    expect(await liveAcknowledged(esc.reference)).toBe(true);

    clock.set('2026-12-09T09:00:00Z');
    await sweep();
    await sweep(); // a second sweep (or a racing worker) changes nothing
    const lapsed = await step(esc.id);
    expect(lapsed).toMatchObject({
      status: 'open',
      acknowledgementLapsedAt: '2026-12-09T09:00:00.000Z',
      acknowledgedByUserId: h.users.team_manager.id,
      reviewBy: '2026-12-09',
    });
    const audit = await h.db.query(
      `select actor_user_id from audit_event where action = 'escalation.acknowledgement_lapsed' and entity_id = $1`,
      [esc.id],
    );
    expect(audit.rows).toEqual([{ actor_user_id: null }]);

    const inbox = (await h.as('team_manager').get('/me/notifications')).body.items as {
      kind: string;
      subject: string;
      body: string;
      link: string;
      escalationId: string;
    }[];
    const reminders = inbox.filter((n) => n.kind === 'review_due' && n.escalationId === esc.id);
    expect(reminders).toHaveLength(1);
    expect(reminders[0].subject).toContain(esc.reference);
    expect(reminders[0].subject).toContain('A.T.');
    expect(reminders[0].link).toBe(`https://care-leavers.test/escalations/${esc.id}`);
    for (const secret of ['Alex', 'Taylor', 'Travelodge', 'Supported lodgings referral'])
      expect(reminders[0].body).not.toContain(secret);

    await settle();
    const mails = smtp.to(h.users.team_manager.email).filter((m) => m.subject.startsWith('Review due'));
    expect(mails.filter((m) => m.subject.includes(esc.reference))).toHaveLength(1);
  });

  it('shows the lapsed step on the live list as not acknowledged', async () => {
    expect(await liveAcknowledged(esc.reference)).toBe(false);
  });

  it('takes a fresh acknowledgement of a lapsed step, with a new review that lapses in its turn', async () => {
    const again = await acknowledge(esc.id, '2026-12-11', 'service_manager');
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      status: 'acknowledged',
      acknowledgedByUserId: h.users.service_manager.id,
      reviewBy: '2026-12-11',
      acknowledgementLapsedAt: null,
    });
    // Acknowledging an acknowledged step is still a conflict.
    expectProblem(await acknowledge(esc.id, '2026-12-11', 'service_manager'), 409);

    clock.set('2026-12-11T09:00:00Z');
    await sweep();
    expect((await step(esc.id)).status).toBe('open');
    const reminders = await h.count(
      'notification',
      `kind = 'review_due' and escalation_id = $1 and channel = 'in_app' and recipient_user_id = $2`,
      [esc.id, h.users.service_manager.id],
    );
    expect(reminders).toBe(1);
  });
});

describe('GET /me/reviews', () => {
  it('lists the caller’s own acknowledgements, oldest review date first, with the lapsed ones flagged', async () => {
    // Friday 11 December, 09:00: the bound is Friday 18th.
    const late = await hotelStep();
    const soon = await hotelStep();
    const middle = await hotelStep();
    expect((await acknowledge(late.id, '2026-12-16')).status).toBe(200);
    expect((await acknowledge(soon.id, '2026-12-14')).status).toBe(200);
    expect((await acknowledge(middle.id, '2026-12-15')).status).toBe(200);

    clock.set('2026-12-14T09:00:00Z'); // Monday: the soonest lapses
    await sweep();

    const res = await h.as('team_manager').get('/me/reviews?limit=500');
    expect(res.status).toBe(200);
    const mine = (res.body.items as Review[]).filter((r) => [late.id, soon.id, middle.id].includes(r.escalationId));
    expect(mine.map((r) => [r.escalationId, r.reviewBy, r.lapsed])).toEqual([
      [soon.id, '2026-12-14', true],
      [middle.id, '2026-12-15', false],
      [late.id, '2026-12-16', false],
    ]);
    expect(mine[1]).toMatchObject({
      reference: middle.reference,
      initials: 'A.T.',
      step: 1,
      role: 'team_manager',
      actionPlan: 'Supported lodgings referral',
      reviewDueAt: '2026-12-15T09:00:00.000Z',
    });
    const dates = (res.body.items as Review[]).map((r) => r.reviewBy);
    expect(dates).toEqual([...dates].sort());
    expect(res.body.total).toBe(res.body.items.length);

    // Only their own: the director acknowledged none of these.
    const theirs = (await h.as('director').get('/me/reviews')).body.items as Review[];
    expect(theirs.filter((r) => [late.id, soon.id, middle.id].includes(r.escalationId))).toEqual([]);
    const page = await h.as('team_manager').get('/me/reviews?limit=1&offset=1');
    expect(page.body).toMatchObject({ total: res.body.total, items: [expect.objectContaining(res.body.items[1])] });
  });

  it('leaves out acknowledgements whose clock has stopped', async () => {
    const esc = await hotelStep();
    expect((await acknowledge(esc.id, '2026-12-15')).status).toBe(200);
    expect(
      (await h.as('pa').post(`/stays/${esc.stayId}/end`).send({ reason: 'Moved to supported lodgings' })).status,
    ).toBe(200);
    const mine = (await h.as('team_manager').get('/me/reviews?limit=500')).body.items as Review[];
    expect(mine.some((r) => r.escalationId === esc.id)).toBe(false);
    // Its review date passing lapses nothing and reminds nobody.
    clock.set('2026-12-15T09:00:00Z');
    await sweep();
    expect((await step(esc.id)).status).toBe('acknowledged');
    expect(await h.count('notification', `kind = 'review_due' and escalation_id = $1`, [esc.id])).toBe(0);
  });

  it('answers every signed-in role, and 401 without a token', async () => {
    for (const role of ROLES) expect((await h.as(role).get('/me/reviews')).status).toBe(200);
    expectProblem(await h.as().get('/me/reviews'), 401);
  });

  it('refuses a bad page with 400 naming the field, writing nothing', async () => {
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['limit=501', 'limit'],
      ['offset=-1', 'offset'],
      ['limit=abc', 'limit'],
    ]) {
      const res = await h.expectNoWrites(['escalation', 'notification'], () =>
        h.as('team_manager').get(`/me/reviews?${query}`),
      );
      expectProblem(res, 400, [field]);
    }
  });
});
