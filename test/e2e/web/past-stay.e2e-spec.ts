import { EscalationSweep } from '../../../src/features/escalations/escalation-sweep';
import { ManualClock } from '../../../src/platform/clock';
import { makePerson } from '../../support/fixtures';
import { Harness, PASSWORD } from '../../support/harness';
import { textOf, WebClient } from '../../support/web-client';

/**
 * "Add a past stay to their history" (`/young-people/:id/stays/past`) over HTTP: a hotel stay
 * inserted between two recorded stays fires nothing and is audited with its reason; an overlap is
 * said in words naming where they were then; no reason is a field error. Monday 30 November
 * 2026, 10:00 (a ManualClock); steps fire only when the test runs the sweep.
 */
const clock = new ManualClock(new Date('2026-11-30T10:00:00Z'));
let h: Harness;
const sweep = () => h.app.get(EscalationSweep).sweep();
const text = (html: string) => textOf(html).replace(/ ([,:])/g, '$1');

async function signedIn(email: string): Promise<WebClient> {
  const web = new WebClient(h.app);
  const res = await web.signIn(email, PASSWORD);
  if (res.status !== 303) throw new Error(`sign-in: ${res.status}`);
  return web;
}

async function stay(body: Record<string, unknown>) {
  const res = await h.as('pa').post('/stays').send(body);
  if (res.status !== 201) throw new Error(`stay: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; startedAt: string };
}

/** Supported lodgings 1–10 October (ended), then independent living from 1 November (open). */
async function personWithAGap() {
  const person = await makePerson(h, { age: 20 });
  const october = await stay({
    youngPersonId: person.id,
    accommodationCode: 'E',
    startedAt: '2026-10-01T12:00:00Z',
    description: 'Oak House lodgings',
  });
  const ended = await h
    .as('pa')
    .post(`/stays/${october.id}/end`)
    .send({ endedAt: '2026-10-10T12:00:00Z', reason: 'Left the lodgings' });
  expect(ended.status).toBe(200);
  const november = await stay({ youngPersonId: person.id, accommodationCode: 'U', startedAt: '2026-11-01T12:00:00Z' });
  await sweep();
  return { person, october, november };
}

const hotel = (over: Record<string, string> = {}) => ({
  accommodationCode: 'W',
  'startedAt-day': '15',
  'startedAt-month': '10',
  'startedAt-year': '2026',
  'startedAt-time': '19:00',
  'endedAt-day': '20',
  'endedAt-month': '10',
  'endedAt-year': '2026',
  'endedAt-time': '11:00',
  reason: 'Found in the out-of-hours log',
  description: 'Premier Inn, Crewe',
  ...over,
});

beforeAll(async () => {
  h = await Harness.start({ clock, env: { NOTIFY_ATTEMPTS: '1', DIGEST_AT: 'off', RECONCILE_EVERY: 'PT1H' } });
});
afterAll(async () => {
  await h?.stop();
});

describe('adding a past stay to a young person’s history', () => {
  it('is linked from their page, says it fires nothing, inserts the stay between two others, fires nothing and is audited with its reason', async () => {
    const { person, november } = await personWithAGap();
    const web = await signedIn(h.users.pa.email);
    const page = await web.get(`/young-people/${person.id}`);
    expect(page.text).toContain(`href="/young-people/${person.id}/stays/past"`);
    expect(text(page.text)).toContain('Add a past stay to their history');
    const form = await web.get(`/young-people/${person.id}/stays/past`);
    expect(form.status).toBe(200);
    expect(form.text.match(/<h1/g)).toHaveLength(1);
    const ft = text(form.text);
    expect(ft).toContain('sends no alerts and tells nobody');
    expect(ft).toContain('recorded in the audit');
    expect(ft).toContain('Bed and breakfast / hotel (W)');
    const escalationsBefore = await h.count('escalation');
    const notificationsBefore = await h.count('notification');
    const res = await web.post(`/young-people/${person.id}/stays/past`, hotel());
    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(
      new RegExp(`^/young-people/${person.id}\\?recorded=past_stay&returnChanged=[01]$`),
    );
    const after = await web.get(res.headers.location);
    expect(text(after.text)).toContain('Past stay added to their history');
    await sweep();
    await sweep();
    expect(await h.count('escalation')).toBe(escalationsBefore);
    expect(await h.count('notification')).toBe(notificationsBefore);
    const rows = await h.db.query<{ id: string; started_at: Date; ended_at: Date; description: string }>(
      `select id, started_at, ended_at, description from stay where young_person_id = $1 and accommodation_code = 'W'`,
      [person.id],
    );
    expect(rows.rows).toHaveLength(1);
    expect(rows.rows[0].started_at.toISOString()).toBe('2026-10-15T18:00:00.000Z');
    expect(rows.rows[0].ended_at.toISOString()).toBe('2026-10-20T10:00:00.000Z');
    expect(rows.rows[0].description).toBe('Premier Inn, Crewe');
    const audit = await h.db.query<{ actor_user_id: string; changes: Record<string, unknown> }>(
      `select actor_user_id, changes from audit_event where action = 'stay.recorded_history' and entity_id = $1`,
      [rows.rows[0].id],
    );
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0].actor_user_id).toBe(h.users.pa.id);
    expect(audit.rows[0].changes).toMatchObject({
      reason: 'Found in the out-of-hours log',
      insertedBeforeStayId: november.id,
    });
  });

  it('names the stay it would overlap, in words, and writes nothing', async () => {
    const { person } = await personWithAGap();
    const web = await signedIn(h.users.pa.email);
    await web.get(`/young-people/${person.id}/stays/past`);
    const res = await h.expectNoWrites(['stay'], () =>
      web.post(`/young-people/${person.id}/stays/past`, hotel({ 'startedAt-day': '8', 'startedAt-time': '12:00' })),
    );
    expect(res.status).toBe(409);
    const t = text(res.text);
    expect(t).toContain('There is a problem');
    expect(t).toContain(
      'They were at supported lodgings (E), Oak House lodgings, from Thu 1 Oct 2026, 13:00 to Sat 10 Oct 2026, 13:00 then',
    );
    // The form comes back as posted.
    expect(res.text).toContain('Found in the out-of-hours log');
  });

  it('asks why it is being added now, against the field, and writes nothing', async () => {
    const { person } = await personWithAGap();
    const web = await signedIn(h.users.pa.email);
    await web.get(`/young-people/${person.id}/stays/past`);
    const res = await h.expectNoWrites(['stay', 'audit_event'], () =>
      web.post(`/young-people/${person.id}/stays/past`, hotel({ reason: '  ' })),
    );
    expect(res.status).toBe(400);
    expect(text(res.text)).toContain('There is a problem Enter why it is being added now');
    expect(res.text).toContain('href="#reason"');
    expect(res.text).toMatch(/id="reason-error"/);
  });

  it('is the 404 page for another PA', async () => {
    const { person } = await personWithAGap();
    const other = await h
      .as('admin')
      .post('/users')
      .send({ email: 'past.other.pa@test.invalid', name: 'Other PA', role: 'pa', password: PASSWORD });
    expect(other.status).toBe(201);
    const stranger = await signedIn('past.other.pa@test.invalid');
    const res = await stranger.get(`/young-people/${person.id}/stays/past`);
    expect(res.status).toBe(404);
    expect(textOf(res.text)).toContain('Page not found');
  });
});
