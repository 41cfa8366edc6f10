import { EscalationSweep } from '../../../src/features/escalations/escalation-sweep';
import { ManualClock } from '../../../src/platform/clock';
import { makePerson, until } from '../../support/fixtures';
import { Harness, PASSWORD } from '../../support/harness';
import { TestSmtpServer } from '../../support/smtp';
import { textOf, WebClient } from '../../support/web-client';

/**
 * A young person's timeline as a page (`/young-people/:id/timeline`), for senior managers
 * preparing for an Ofsted monitoring visit and for PAs: who they are and where they are now, then
 * every entry oldest first with people's names and who was told how. Alex Taylor, 21, goes into a
 * hotel on Monday 30 November 2026 at 10:00; a week later (a ManualClock, a sweep) the ladder has
 * climbed to the director, who acknowledges the director's step through the API.
 */
const MONDAY = new Date('2026-11-30T10:00:00Z');
const WEEK_LATER = new Date('2026-12-07T11:00:00Z');
const clock = new ManualClock(MONDAY);
let h: Harness;
let smtp: TestSmtpServer;
let alex: { id: string; reference: string };
let directorStep: string;

const sweep = () => h.app.get(EscalationSweep).sweep();
const settle = () =>
  until(
    'deliveries to settle',
    () => h.count('notification', `status in ('pending', 'retrying')`),
    (n) => n === 0,
  );

async function signedIn(role: keyof Harness['users'] | { email: string }): Promise<WebClient> {
  const web = new WebClient(h.app);
  const email = typeof role === 'string' ? h.users[role].email : role.email;
  const res = await web.signIn(email, PASSWORD);
  if (res.status !== 303) throw new Error(`sign-in: ${res.status}`);
  return web;
}

beforeAll(async () => {
  smtp = await TestSmtpServer.start();
  h = await Harness.start({
    clock,
    env: { SMTP_URL: smtp.url, NOTIFY_ATTEMPTS: '1', DIGEST_AT: 'off', RECONCILE_EVERY: 'PT1H' },
  });
  alex = await makePerson(h, { firstName: 'Alex', lastName: 'Taylor', dateOfBirth: '2005-03-01' });
  const stay = await h
    .as('pa')
    .post('/stays')
    .send({ youngPersonId: alex.id, accommodationCode: 'W', description: 'Travelodge Crewe, room 12' });
  expect(stay.status).toBe(201);
  await sweep();
  await settle();
  clock.set(WEEK_LATER);
  await sweep();
  await settle();
  const steps = (await h.as('admin').get(`/escalations?stayId=${stay.body.id}&limit=100`)).body.items as {
    id: string;
    role: string;
    occurrence: number;
  }[];
  directorStep = steps.find((s) => s.role === 'director' && s.occurrence === 0)!.id;
  const ack = await h
    .as('director')
    .post(`/escalations/${directorStep}/acknowledge`)
    .send({ actionPlan: 'Supported lodgings referral today', reviewBy: '2026-12-11' });
  expect(ack.status).toBe(200);
  await settle();
});
afterAll(async () => {
  await h?.stop();
  await smtp?.stop();
});

describe('the timeline page', () => {
  it('shows a director who the young person is, where they are now, and every entry oldest first with names and who was told how', async () => {
    const web = await signedIn('director');
    const res = await web.get(`/young-people/${alex.id}/timeline`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toMatch(new RegExp(`<title>Timeline for Alex Taylor \\(${alex.reference}\\) –`));
    expect(res.text.match(/<h1/g)).toHaveLength(1);
    // (a name is bold: its tag leaves a space before the comma in the text)
    const text = textOf(res.text).replace(/ ,/g, ',');
    expect(text).toContain(`Timeline for Alex Taylor (${alex.reference})`);
    for (const said of [
      `Reference ${alex.reference}`,
      'Age 21',
      'Legal status Former relevant (18–25)',
      'Home area Crewe',
      'Personal adviser Test pa',
      'Where now Bed and breakfast / hotel (W2) Unsuitable Emergency Travelodge Crewe, room 12',
      'There since Mon 30 Nov 2026, 10:00',
      'Stay started by Test pa (Personal adviser) Mon 30 Nov 2026, 10:00',
      'Escalation clock started by the service (automatically) Mon 30 Nov 2026, 10:00',
      'Escalation step 1 fired to the team manager by the service (automatically) Mon 30 Nov 2026, 10:00',
      'Test team_manager, Team manager Email: sent Mon 30 Nov 2026, 10:00 In this service: not read yet',
      'Escalation step 5 fired to the director by the service (automatically) Mon 7 Dec 2026, 11:00',
      'Test director, Director Email: sent Mon 7 Dec 2026, 11:00',
      'Escalation step 5 acknowledged by Test director (Director) Mon 7 Dec 2026, 11:00',
      'Action plan: Supported lodgings referral today',
      'Review by 11 December 2026',
      'oldest first',
    ])
      expect(text).toContain(said);
    // Oldest first: the stay before the first step, the first step before the director's, its acknowledgement last.
    const order = [
      'Stay started',
      'Escalation step 1 fired',
      'Escalation step 5 fired',
      'Escalation step 5 acknowledged',
    ];
    const at = order.map((s) => text.indexOf(s));
    expect(at.every((n) => n >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    // Names, never ids; the MoJ timeline; the alert linked; printing only with JavaScript.
    expect(text).not.toContain(h.users.pa.id);
    expect(text).not.toContain(h.users.director.id);
    expect(res.text).toContain('class="moj-timeline app-timeline"');
    expect(res.text).toContain(`href="/escalations/${directorStep}"`);
    expect(res.text).toMatch(/<button[^>]*data-app-print[^>]*hidden>Print this page<\/button>/);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('shows the last page for a page past the last, and the first for a page that is not a number', async () => {
    const web = await signedIn('director');
    for (const q of ['?page=7', '?page=x']) {
      const res = await web.get(`/young-people/${alex.id}/timeline${q}`);
      expect(res.status).toBe(200);
      expect(textOf(res.text)).toMatch(/Showing 1 to \d+ of \d+ entries, oldest first/);
      expect(res.text).not.toContain('govuk-pagination');
    }
  });

  it('shows the young person’s own PA their timeline, and another PA the 404 page without naming them', async () => {
    const own = await signedIn('pa');
    expect((await own.get(`/young-people/${alex.id}/timeline`)).status).toBe(200);
    const other = await h.as('admin').post('/users').send({
      email: 'another.pa@test.invalid',
      name: 'Another PA',
      role: 'pa',
      password: PASSWORD,
    });
    expect(other.status).toBe(201);
    const stranger = await signedIn({ email: 'another.pa@test.invalid' });
    const res = await stranger.get(`/young-people/${alex.id}/timeline`);
    expect(res.status).toBe(404);
    expect(textOf(res.text)).toContain('Page not found');
    expect(textOf(res.text)).not.toContain('Alex Taylor');
    expect(res.text).not.toContain(alex.reference);
  });

  it('answers an unknown or malformed id with the 404 page', async () => {
    const web = await signedIn('director');
    for (const path of [`/young-people/${crypto.randomUUID()}/timeline`, '/young-people/not-an-id/timeline']) {
      const res = await web.get(path);
      expect(res.status).toBe(404);
      expect(textOf(res.text)).toContain('Page not found');
    }
  });

  it('sends someone signed out to sign in and back', async () => {
    const res = await new WebClient(h.app).get(`/young-people/${alex.id}/timeline`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/sign-in?returnTo=${encodeURIComponent(`/young-people/${alex.id}/timeline`)}`);
  });

  it('still answers JSON to an API client with a bearer token, at the same address', async () => {
    const res = await h.as('director').get(`/young-people/${alex.id}/timeline`).set('Accept', 'text/html');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.body.youngPerson).toEqual({ id: alex.id, reference: alex.reference });
    expect(res.body.items[0]).toMatchObject({ kind: 'stay.started', actor: { name: 'Test pa' } });
  });
});
