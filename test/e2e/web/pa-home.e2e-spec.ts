import { ManualClock } from '../../../src/platform/clock';
import { Harness, PASSWORD } from '../../support/harness';
import { makeBed, makeLevel, makeProvider } from '../../support/fixtures';
import { textOf, WebClient } from '../../support/web-client';

/**
 * A PA's home page over HTTP. ManualClock: Friday 27 November 2026, 17:00 GMT; CONTACT_DUE_AFTER
 * is the default, eight weeks. Pat's caseload (the harness PA): Ann Early, last contact nine weeks
 * ago, in a hotel; Ben Recent, last contact two weeks ago, with an emergency request and a bed
 * held for it; Cat Never, no contact, a planned request. Olive's: Dan Else, no contact.
 */
const WEEK = 7 * 86_400_000;
const NOW = new Date('2026-11-27T17:00:00Z');
const clock = new ManualClock(NOW);
let h: Harness;
let olive: string;
const ids: Record<string, string> = {};

async function person(key: string, firstName: string, lastName: string, paUserId = h.users.pa.id) {
  const res = await h.as('admin').post('/young-people').send({
    firstName,
    lastName,
    dateOfBirth: '2006-05-05',
    gender: 'male',
    legalStatus: 'former_relevant',
    homeArea: 'Crewe',
    paUserId,
  });
  if (res.status !== 201) throw new Error(`person: ${res.status} ${JSON.stringify(res.body)}`);
  ids[key] = res.body.id;
}
async function contact(key: string, weeksAgo: number) {
  const contactedAt = new Date(NOW.getTime() - weeksAgo * WEEK).toISOString();
  const res = await h
    .as('pa')
    .post(`/young-people/${ids[key]}/contacts`)
    .send({ contactedAt, method: 'phone', inTouch: 'YES' });
  if (res.status !== 201) throw new Error(`contact: ${res.status} ${JSON.stringify(res.body)}`);
}
async function request(key: string, urgency: string, neededBy: string) {
  const res = await h.as('pa').post('/placement-requests').send({ youngPersonId: ids[key], urgency, neededBy });
  if (res.status !== 201) throw new Error(`request: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

async function home(email: string) {
  const web = new WebClient(h.app);
  expect((await web.signIn(email, PASSWORD)).status).toBe(303);
  const res = await web.get('/');
  const caseload =
    /<table class="govuk-table app-table--dense app-caseload">[\s\S]*?<\/table>/.exec(res.text)?.[0] ?? '';
  const rows = [...caseload.matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g)].map((m) => textOf(m[1]));
  const requests = textOf(/<ul class="govuk-list app-open-requests">[\s\S]*?<\/ul>/.exec(res.text)?.[0] ?? '');
  return { res, text: textOf(res.text), rows, requests };
}

beforeAll(async () => {
  h = await Harness.start({ clock, env: { WORKERS_ENABLED: 'false', DIGEST_AT: 'off' } });
  const created = await h
    .as('admin')
    .post('/users')
    .send({ email: 'olive@test.invalid', name: 'Olive Other', role: 'pa', password: PASSWORD, area: null });
  olive = created.body.id;
  await person('ann', 'Ann', 'Early');
  await person('ben', 'Ben', 'Recent');
  await person('cat', 'Cat', 'Never');
  await person('dan', 'Dan', 'Else', olive);
  await contact('ann', 9);
  await contact('ben', 2);
  expect((await h.as('admin').post('/stays').send({ youngPersonId: ids.ann, accommodationCode: 'W' })).status).toBe(
    201,
  );
  const benRequest = await request('ben', 'emergency', '2026-11-27');
  await request('cat', 'planned', '2026-12-18');
  const bed = await makeBed(h, (await makeProvider(h, { name: 'Crewe Foyer' })).id, (await makeLevel(h)).id, {
    label: 'Room 4',
  });
  const hold = await h.as('housing_officer').post(`/placement-requests/${benRequest}/holds`).send({ bedId: bed.id });
  expect(hold.status).toBe(201);
});
afterAll(async () => {
  await h?.stop();
});

describe('a PA’s home page', () => {
  it('lists those due a contact first (nine weeks ago, or never), then the rest, each linking to their page', async () => {
    const { res, rows, text } = await home(h.users.pa.email);
    expect(res.status).toBe(200);
    expect(res.text.match(/<h1/g)).toHaveLength(1);
    expect(res.text).toMatch(/<title>Your young people – /);
    expect(text).toContain('2 young people are due a contact.');
    expect(rows.slice(1)).toEqual([
      expect.stringMatching(/^Ann Early .* Contact due Last contact 25 September 2026$/),
      expect.stringMatching(/^Cat Never .* Contact due No contact recorded$/),
      expect.stringMatching(/^Ben Recent .* Last contact 13 November 2026$/),
    ]);
    expect(rows[3]).not.toContain('Contact due');
    expect(res.text).toContain(`href="/young-people/${ids.ann}"`);
    expect(text).not.toContain('Dan Else');
  });

  it('shows where each is now and whether it is suitable', async () => {
    const { rows } = await home(h.users.pa.email);
    expect(rows[1]).toMatch(/B&amp;B|B&B|hotel/i);
    expect(rows[1]).toContain('Unsuitable');
    expect(rows[2]).toContain('Nowhere recorded');
  });

  it('lists their open requests with what is happening to each: the bed held, and until when', async () => {
    const { requests } = await home(h.users.pa.email);
    expect(requests).toContain('Ben Recent');
    expect(requests).toMatch(
      /Emergency, needed by 27 November 2026 Bed held Room 4, Crewe Foyer: held until Fri 27 Nov 2026, \d\d:\d\d/,
    );
    expect(requests).toContain('Cat Never');
    expect(requests).toContain('Planned, needed by 18 December 2026 Waiting for a bed');
  });

  it('moves someone off "contact due" once a contact is recorded, and counts time by the clock', async () => {
    await contact('cat', 0);
    let page = await home(h.users.pa.email);
    expect(page.text).toContain('1 young person is due a contact.');
    expect(page.rows[1]).toMatch(/^Ann Early/);
    clock.advance(6 * WEEK + 86_400_000); // Ben's contact is now eight weeks and a day old
    page = await home(h.users.pa.email);
    expect(page.text).toContain('2 young people are due a contact.');
    expect(page.rows.slice(1).map((r) => r.split(' ').slice(0, 2).join(' '))).toEqual([
      'Ann Early',
      'Ben Recent',
      'Cat Never',
    ]);
    clock.set(NOW);
  });

  it('shows another PA their own caseload only', async () => {
    const { rows, text } = await home('olive@test.invalid');
    expect(rows.slice(1)).toEqual([expect.stringMatching(/^Dan Else .* Contact due No contact recorded$/)]);
    expect(text).not.toContain('Ann Early');
    expect(text).toContain('You have no open placement requests.');
  });
});
