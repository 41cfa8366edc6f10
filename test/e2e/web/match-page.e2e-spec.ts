import { agentFor, Harness, PASSWORD, type Agent } from '../../support/harness';
import { dayFromToday, makeBed, makeLevel, makePerson, makeProvider, makeRequest } from '../../support/fixtures';
import { textOf, WebClient } from '../../support/web-client';

/**
 * Match, hold and confirm on pages (issue 12): a housing officer opens a request from the queue,
 * sees the beds that fit with the score broken down, stale providers tagged and who lives there in
 * summary, holds a bed with a planned move-in, extends the hold with a reason, confirms a future
 * move-in; releasing a colleague's hold asks for a reason; a bed held meanwhile names its holder;
 * a PA is refused, an unknown request is not found, and a form without its CSRF token is refused.
 */
let h: Harness;
let sam: Agent;
const SAM = 'sam.patel@test.invalid';

const parts = (date: string, prefix: string) => {
  const [y, m, d] = date.split('-');
  return { [`${prefix}-day`]: String(Number(d)), [`${prefix}-month`]: String(Number(m)), [`${prefix}-year`]: y };
};

async function signedIn(email: string): Promise<WebClient> {
  const web = new WebClient(h.app);
  const res = await web.signIn(email, PASSWORD);
  if (res.status !== 303) throw new Error(`sign-in: ${res.status}`);
  return web;
}

async function scene() {
  const level = await makeLevel(h);
  const provider = await makeProvider(h, { name: `Oak House ${Math.random().toString(36).slice(2, 6)}` });
  const bed = await makeBed(h, provider.id, level.id, { label: 'Room 7' });
  const tooYoung = await makeBed(h, provider.id, level.id, { label: 'Room 9', maxAge: 17 });
  const person = await makePerson(h, { firstName: 'Jordan', lastName: 'Hale', risks: [] });
  const req = await makeRequest(h, person.id, { serviceLevelIds: [level.id] });
  return { level, provider, bed, tooYoung, person, req };
}

beforeAll(async () => {
  h = await Harness.start({ env: { HOLD_FOR: 'PT4H', HOLD_MAX_LIFE: 'P7D' } });
  const created = await h
    .as('admin')
    .post('/users')
    .send({ email: SAM, name: 'Sam Patel', role: 'housing_officer', password: PASSWORD });
  expect(created.status).toBe(201);
  sam = agentFor(h.app, await h.login(SAM, PASSWORD));
});
afterAll(async () => {
  await h?.stop();
});

describe('the match page', () => {
  it('is linked from the queue and shows the request, the beds that fit with their score, stale tags, co-residents and the nearest misses', async () => {
    const s = await scene();
    const web = await signedIn(h.users.housing_officer.email);
    const queue = await web.get('/placement-requests/queue');
    expect(queue.text).toContain(`href="/placement-requests/${s.req.id}/matches"`);
    const res = await web.get(`/placement-requests/${s.req.id}/matches`);
    expect(res.status).toBe(200);
    const text = textOf(res.text);
    expect(text).toContain('Find a bed for Jordan Hale');
    expect(text).toContain('Room 7');
    expect(text).toContain('Vacancies never confirmed');
    expect(text).toContain('No one else lives there now');
    expect(text).toMatch(/Room 9, Oak House \w+ \. Fails one rule: Age outside the bed’s range/);
    expect(text).toContain('Beds that do not fit, by rule 1 bed breaks at least one rule');
    // The nearest miss has no hold button: one "Hold this bed" form, the candidate's.
    expect(res.text.match(/name="bedId"/g)).toHaveLength(1);
    expect(res.text).toContain(`value="${s.bed.id}"`);
  });

  it('holds a bed with a planned move-in, extends it with a reason, and confirms a future move-in', async () => {
    const s = await scene();
    const web = await signedIn(h.users.housing_officer.email);
    await web.get(`/placement-requests/${s.req.id}/matches`);
    const held = await web.post(`/placement-requests/${s.req.id}/holds`, {
      bedId: s.bed.id,
      ...parts(dayFromToday(3), 'moveIn'),
    });
    expect(held.status).toBe(303);
    expect(held.headers.location).toBe(`/placement-requests/${s.req.id}/matches?done=held`);
    const page = await web.get(held.headers.location);
    expect(textOf(page.text)).toContain('Bed held');
    const [hold] = (await h.as('housing_officer').get(`/placement-requests/${s.req.id}/holds`)).body.items;
    expect(hold).toMatchObject({ bedId: s.bed.id, status: 'held' });
    expect(hold.moveInAt.slice(0, 10)).toBe(dayFromToday(3));

    const noReason = await web.post(`/holds/${hold.id}/extend`, { ...parts(dayFromToday(2), 'until'), reason: '' });
    expect(noReason.status).toBe(400);
    expect(textOf(noReason.text)).toContain('There is a problem Enter why the hold needs longer');
    const extended = await web.post(`/holds/${hold.id}/extend`, {
      ...parts(dayFromToday(2), 'until'),
      reason: 'Provider confirms on Monday',
    });
    expect(extended.status).toBe(303);
    const after = (await h.as('housing_officer').get(`/holds/${hold.id}`)).body;
    expect(Date.parse(after.expiresAt)).toBeGreaterThan(Date.parse(hold.expiresAt));

    const form = await web.get(`/holds/${hold.id}/confirm`);
    expect(form.status).toBe(200);
    const confirmed = await web.post(`/holds/${hold.id}/confirm`, {
      when: 'date',
      ...parts(dayFromToday(3), 'moveIn'),
    });
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.location).toBe(`/placement-requests/${s.req.id}/matches?done=planned`);
    const done = (await h.as('housing_officer').get(`/holds/${hold.id}`)).body;
    expect(done).toMatchObject({ status: 'confirmed', stayId: null });
    expect(done.moveInAt.slice(0, 10)).toBe(dayFromToday(3));
  });

  it('asks for a reason to release a colleague’s hold, then releases it', async () => {
    const s = await scene();
    const made = await sam.post(`/placement-requests/${s.req.id}/holds`).send({ bedId: s.bed.id });
    expect(made.status).toBe(201);
    const web = await signedIn(h.users.housing_officer.email);
    const page = await web.get(`/placement-requests/${s.req.id}/matches`);
    expect(textOf(page.text)).toContain('Held by Sam Patel until');
    const bare = await web.post(`/holds/${made.body.id}/release`, { reason: '' });
    expect(bare.status).toBe(400);
    expect(textOf(bare.text)).toContain('Enter why you are releasing Sam Patel’s hold');
    expect((await h.as('housing_officer').get(`/holds/${made.body.id}`)).body.status).toBe('held');
    const ok = await web.post(`/holds/${made.body.id}/release`, { reason: 'Young person declined the room' });
    expect(ok.status).toBe(303);
    expect((await h.as('housing_officer').get(`/holds/${made.body.id}`)).body).toMatchObject({
      status: 'released',
      endReason: 'Young person declined the room',
    });
  });

  it('shows a bed held meanwhile as an error summary naming who holds it and until when', async () => {
    const s = await scene();
    const other = await makeRequest(h, (await makePerson(h)).id, { serviceLevelIds: [s.level.id] });
    const web = await signedIn(h.users.housing_officer.email);
    await web.get(`/placement-requests/${s.req.id}/matches`);
    expect((await sam.post(`/placement-requests/${other.id}/holds`).send({ bedId: s.bed.id })).status).toBe(201);
    const lost = await web.post(`/placement-requests/${s.req.id}/holds`, { bedId: s.bed.id });
    expect(lost.status).toBe(409);
    expect(textOf(lost.text)).toMatch(/There is a problem Held by Sam Patel until \d+ \w{3} \d{2}:\d{2}/);
  });

  it('refuses a PA (403) and answers an unknown request with the not-found page', async () => {
    const s = await scene();
    const pa = await signedIn(h.users.pa.email);
    expect((await pa.get(`/placement-requests/${s.req.id}/matches`)).status).toBe(403);
    const web = await signedIn(h.users.housing_officer.email);
    expect((await web.get('/placement-requests/00000000-0000-4000-8000-000000000000/matches')).status).toBe(404);
  });

  it('refuses a hold posted without the CSRF token, writing nothing', async () => {
    const s = await scene();
    const web = await signedIn(h.users.housing_officer.email);
    await web.get(`/placement-requests/${s.req.id}/matches`);
    const res = await web.post(`/placement-requests/${s.req.id}/holds`, { _csrf: null, bedId: s.bed.id });
    expect(res.status).toBe(403);
    expect(await h.count('hold', 'request_id = $1', [s.req.id])).toBe(0);
  });
});
