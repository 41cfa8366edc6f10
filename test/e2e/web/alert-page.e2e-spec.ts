import { EscalationSweep } from '../../../src/features/escalations/escalation-sweep';
import { ManualClock } from '../../../src/platform/clock';
import { makePerson, until } from '../../support/fixtures';
import { Harness, PASSWORD } from '../../support/harness';
import { TestSmtpServer } from '../../support/smtp';
import { textOf, WebClient } from '../../support/web-client';

/**
 * The alert page, where the link in every escalation e-mail lands (`/escalations/<id>`): who and
 * where, the step, the ladder with who was told and how, and acknowledging through the same
 * service as the API. Two 21-year-olds go into hotels on Monday 30 November 2026 at 10:00; a week
 * later (a ManualClock, a sweep) every step up to the director's has fired and been e-mailed.
 */
const MONDAY = new Date('2026-11-30T10:00:00Z');
const WEEK_LATER = new Date('2026-12-07T11:00:00Z');
const clock = new ManualClock(MONDAY);
let h: Harness;
let smtp: TestSmtpServer;

interface Step {
  id: string;
  step: number;
  occurrence: number;
  role: string;
  status: string;
}
interface Journey {
  person: { id: string; reference: string };
  steps: Step[];
  director: Step;
  headOfService: Step;
}

const sweep = () => h.app.get(EscalationSweep).sweep();
const settle = () =>
  until(
    'deliveries to settle',
    () => h.count('notification', `status in ('pending', 'retrying')`),
    (n) => n === 0,
  );

async function hotel(firstName: string): Promise<{ person: { id: string; reference: string }; stayId: string }> {
  const person = await makePerson(h, { firstName, lastName: 'Taylor', dateOfBirth: '2005-03-01' });
  const stay = await h
    .as('pa')
    .post('/stays')
    .send({ youngPersonId: person.id, accommodationCode: 'W', description: 'Travelodge Crewe, room 12' });
  if (stay.status !== 201) throw new Error(`stay: ${stay.status} ${JSON.stringify(stay.body)}`);
  return { person, stayId: stay.body.id };
}

async function journeyOf(p: { person: { id: string; reference: string }; stayId: string }): Promise<Journey> {
  const steps = (await h.as('admin').get(`/escalations?stayId=${p.stayId}&limit=100`)).body.items as Step[];
  const first = (role: string) => steps.find((s) => s.role === role && s.occurrence === 0)!;
  return { person: p.person, steps, director: first('director'), headOfService: first('head_of_service') };
}

async function signedIn(role: keyof Harness['users'] | { email: string }): Promise<WebClient> {
  const web = new WebClient(h.app);
  const email = typeof role === 'string' ? h.users[role].email : role.email;
  const res = await web.signIn(email, PASSWORD);
  if (res.status !== 303) throw new Error(`sign-in: ${res.status}`);
  return web;
}

let alex: Journey;
let sam: Journey;

beforeAll(async () => {
  smtp = await TestSmtpServer.start();
  h = await Harness.start({
    clock,
    env: { SMTP_URL: smtp.url, NOTIFY_ATTEMPTS: '1', DIGEST_AT: 'off', RECONCILE_EVERY: 'PT1H' },
  });
  const a = await hotel('Alex');
  const s = await hotel('Sam');
  await sweep();
  await settle();
  clock.set(WEEK_LATER);
  await sweep();
  await settle();
  [alex, sam] = [await journeyOf(a), await journeyOf(s)];
  // The director reads the in-app alert of Alex's director step.
  const inbox = (await h.as('director').get('/me/notifications?limit=100')).body.items as {
    id: string;
    escalationId: string;
  }[];
  const note = inbox.find((n) => n.escalationId === alex.director.id)!;
  expect((await h.as('director').post(`/me/notifications/${note.id}/read`)).status).toBe(200);
});
afterAll(async () => {
  await h?.stop();
  await smtp?.stop();
});

describe('the alert page', () => {
  it('shows a director who, where and since when, the step, and the ladder with who was told by e-mail and in the service, delivered and read', async () => {
    const web = await signedIn('director');
    const res = await web.get(`/escalations/${alex.director.id}`);
    expect(res.status).toBe(200);
    // (a name is bold: its tag leaves a space before the comma in the text)
    const text = textOf(res.text).replace(/ ,/g, ',');
    expect(res.text).toMatch(new RegExp(`<title>Escalation step 5 for ${alex.person.reference} –`));
    for (const said of [
      'Alex Taylor',
      alex.person.reference,
      'Age 21',
      'Bed and breakfast / hotel (W) Unsuitable Emergency',
      'Travelodge Crewe, room 12',
      'Since Mon 30 Nov 2026, 10:00 169 hours (7 days 1 hour), 5 working days so far',
      'Over 2 working days in B&B',
      'Personal adviser Test pa',
      'Addressed to Director',
      'Policy 18+ in hotel / B&B / emergency accommodation',
      'Status Open',
      'Fired Mon 7 Dec 2026, 11:00',
      // The ladder: each step, who it reached and how, and each channel's delivery.
      'Step 1: Team manager Status Open',
      'Test team_manager, Team manager: covers the whole council Email: sent Mon 30 Nov 2026, 10:00 In this service: not read yet',
      'Test pa, Personal adviser: the allocated personal adviser',
      'Step 5: Director (this alert)',
      'Test director, Director: covers the whole council Email: sent Mon 7 Dec 2026, 11:00 In this service: read Mon 7 Dec 2026, 11:00',
      'Step 6: Head of service Status Scheduled',
      'Nobody yet: due',
    ])
      expect(text).toContain(said);
    expect(res.text).toContain(`href="/young-people/${alex.person.id}/timeline"`);
    expect(res.text).toContain(`action="/escalations/${alex.director.id}/acknowledge"`);
    // The e-mail really went: its link is this page's address.
    const mail = smtp.to(h.users.director.email).find((m) => m.text.includes(alex.director.id))!;
    expect(mail.text).toContain(`https://care-leavers.test/escalations/${alex.director.id}`);
  });

  it('refuses a missing, an incomplete, an impossible and an out-of-bounds review date, then acknowledges and says so', async () => {
    const web = await signedIn('director');
    await web.get(`/escalations/${alex.director.id}`);
    const post = (day: string, month: string, year: string, actionPlan = 'Supported lodgings referral today') =>
      web.post(`/escalations/${alex.director.id}/acknowledge`, {
        actionPlan,
        'reviewBy-day': day,
        'reviewBy-month': month,
        'reviewBy-year': year,
      });
    const refused = await h.expectNoWrites(['escalation', 'notification'], async () => [
      await post('', '', '', ''),
      await post('11', '', '2026'),
      await post('31', '2', '2027'),
      await post('20', '1', '2027'),
    ]);
    const [missing, noMonth, unreal, tooLate] = refused;
    for (const r of refused) {
      expect(r.status).toBe(400);
      expect(r.text).toContain('govuk-error-summary');
      expect(r.text).toMatch(/<title>Error: Escalation step 5/);
    }
    expect(textOf(missing.text)).toContain('Enter the action plan');
    expect(textOf(missing.text)).toContain('Enter the review date');
    expect(missing.text).toContain('href="#reviewBy-day"');
    expect(textOf(noMonth.text)).toContain('Review date must include a month');
    expect(noMonth.text).toContain('href="#reviewBy-month"');
    expect(noMonth.text).toContain('>Supported lodgings referral today</textarea>');
    expect(textOf(unreal.text)).toContain('Review date must be a real date');
    expect(textOf(tooLate.text)).toContain(
      'Review date must be no later than 14 December 2026 (the policy allows 5 working days at most)',
    );
    const done = await post('11', '12', '2026');
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe(`/escalations/${alex.director.id}?acknowledged=1`);
    const after = await web.get(done.headers.location);
    expect(after.status).toBe(200);
    expect(textOf(after.text)).toContain('Step 5 acknowledged. Review by 11 December 2026');
    expect(after.text).toContain('govuk-notification-banner--success');
    expect(after.text).not.toContain('name="actionPlan"');
    const row = await h.db.query(
      `select status, acknowledged_by_user_id, action_plan, to_char(review_by, 'YYYY-MM-DD') as review_by from escalation where id = $1`,
      [alex.director.id],
    );
    expect(row.rows[0]).toEqual({
      status: 'acknowledged',
      acknowledged_by_user_id: h.users.director.id,
      action_plan: 'Supported lodgings referral today',
      review_by: '2026-12-11',
    });
    const audit = await h.count(
      'audit_event',
      `action = 'escalation.acknowledged' and entity_id = $1 and actor_user_id = $2`,
      [alex.director.id, h.users.director.id],
    );
    expect(audit).toBe(1);
  });

  it('shows a team manager why they cannot acknowledge the director’s step, and refuses their post with 403, writing nothing', async () => {
    const web = await signedIn('team_manager');
    const page = await web.get(`/escalations/${sam.director.id}`);
    expect(page.status).toBe(200);
    expect(textOf(page.text)).toContain(
      'This step is addressed to the director. Only the director can acknowledge it.',
    );
    expect(page.text).toContain('govuk-inset-text');
    expect(page.text).not.toContain('name="actionPlan"');
    const res = await h.expectNoWrites(['escalation', 'notification'], () =>
      web.post(`/escalations/${sam.director.id}/acknowledge`, {
        actionPlan: 'I will sort it',
        'reviewBy-day': '9',
        'reviewBy-month': '12',
        'reviewBy-year': '2026',
      }),
    );
    expect(res.status).toBe(403);
    expect(textOf(res.text)).toContain('Only the director can acknowledge it');
  });

  it('shows a PA the alerts of their own caseload only: another PA’s young person is the 404 page', async () => {
    const other = await h.as('admin').post('/users').send({
      email: 'another.pa@test.invalid',
      name: 'Another PA',
      role: 'pa',
      password: PASSWORD,
    });
    expect(other.status).toBe(201);
    const stranger = await signedIn({ email: 'another.pa@test.invalid' });
    const res = await stranger.get(`/escalations/${sam.director.id}`);
    expect(res.status).toBe(404);
    expect(textOf(res.text)).toContain('Page not found');
    expect(textOf(res.text)).not.toContain('Sam Taylor');
    const own = await signedIn('pa');
    expect((await own.get(`/escalations/${sam.director.id}`)).status).toBe(200);
  });

  it('answers a malformed or unknown id with the 404 page', async () => {
    const web = await signedIn('director');
    for (const path of ['/escalations/not-an-id', `/escalations/${crypto.randomUUID()}`]) {
      const res = await web.get(path);
      expect(res.status).toBe(404);
      expect(textOf(res.text)).toContain('Page not found');
    }
  });

  it('refuses an acknowledgement posted without the CSRF token, writing nothing', async () => {
    const web = await signedIn('director');
    await web.get(`/escalations/${sam.director.id}`);
    const res = await h.expectNoWrites(['escalation', 'notification'], () =>
      web.post(`/escalations/${sam.director.id}/acknowledge`, {
        _csrf: null,
        actionPlan: 'Forged',
        'reviewBy-day': '9',
        'reviewBy-month': '12',
        'reviewBy-year': '2026',
      }),
    );
    expect(res.status).toBe(403);
    expect(textOf(res.text)).toContain('The form was not sent from this service');
  });

  it('tells a second manager the step was acknowledged meanwhile (409), showing who did, not a 500', async () => {
    const hos = await signedIn('head_of_service');
    const form = await hos.get(`/escalations/${sam.headOfService.id}`);
    expect(form.text).toContain('name="actionPlan"');
    const director = await signedIn('director');
    await director.get(`/escalations/${sam.headOfService.id}`);
    const first = await director.post(`/escalations/${sam.headOfService.id}/acknowledge`, {
      actionPlan: 'Director: emergency panel tomorrow',
      'reviewBy-day': '10',
      'reviewBy-month': '12',
      'reviewBy-year': '2026',
    });
    expect(first.status).toBe(303);
    const late = await h.expectNoWrites(['escalation', 'notification'], () =>
      hos.post(`/escalations/${sam.headOfService.id}/acknowledge`, {
        actionPlan: 'Head of service: I will call the provider',
        'reviewBy-day': '9',
        'reviewBy-month': '12',
        'reviewBy-year': '2026',
      }),
    );
    expect(late.status).toBe(409);
    const text = textOf(late.text);
    expect(text).toContain('There is a problem');
    expect(text).toContain('This step has already been acknowledged');
    expect(text).toContain('Acknowledged by Test director');
    expect(text).toContain('Director: emergency panel tomorrow');
    expect(late.text).not.toContain('name="actionPlan"');
  });
});
