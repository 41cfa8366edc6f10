import { ManualClock } from '../../../src/platform/clock';
import { Harness, PASSWORD } from '../../support/harness';
import { textOf, WebClient } from '../../support/web-client';

/**
 * Find a young person (`/young-people`) and add one (`/young-people/new`) in a browser, over HTTP.
 * ManualClock: Friday 27 November 2026, 17:00 GMT. Pat's caseload (the harness PA): Jo Smith, 17,
 * CL-7001, born 17/04/2009, in a hotel; Sam Jones, 19, CL-7002. Olive's caseload: Jo Smyth-Other,
 * 18, CL-8001.
 */
const clock = new ManualClock(new Date('2026-11-27T17:00:00Z'));
let h: Harness;
let olive: { id: string; email: string };
const ids: Record<string, string> = {};

async function person(key: string, body: Record<string, unknown>) {
  const res = await h
    .as('admin')
    .post('/young-people')
    .send({ gender: 'female', homeArea: 'Crewe', paUserId: h.users.pa.id, ...body });
  if (res.status !== 201) throw new Error(`person: ${res.status} ${JSON.stringify(res.body)}`);
  ids[key] = res.body.id;
}

async function signedIn(email: string): Promise<WebClient> {
  const web = new WebClient(h.app);
  expect((await web.signIn(email, PASSWORD)).status).toBe(303);
  return web;
}

/** The search page for `q`, its text and the references of its rows in order. */
async function search(web: WebClient, q: string) {
  const res = await web.get(`/young-people?q=${encodeURIComponent(q)}`);
  const refs = [...res.text.matchAll(/<td class="govuk-table__cell">(CL-\d+)<\/td>/g)].map((m) => m[1]);
  return { res, text: textOf(res.text), refs };
}

const form = (over: Record<string, string> = {}): Record<string, string> => ({
  firstName: 'Lee',
  lastName: 'Newman',
  'dateOfBirth-day': '3',
  'dateOfBirth-month': '2',
  'dateOfBirth-year': '2008',
  gender: 'male',
  legalStatus: 'former_relevant',
  uasc: 'no',
  homeArea: 'Crewe',
  ...over,
});

beforeAll(async () => {
  h = await Harness.start({ clock, env: { WORKERS_ENABLED: 'false', DIGEST_AT: 'off' } });
  const res = await h
    .as('admin')
    .post('/users')
    .send({ email: 'olive@test.invalid', name: 'Olive Other', role: 'pa', password: PASSWORD, area: null });
  olive = { id: res.body.id, email: 'olive@test.invalid' };
  await person('jo', {
    reference: 'CL-7001',
    firstName: 'Jo',
    lastName: 'Smith',
    dateOfBirth: '2009-04-17',
    legalStatus: 'relevant',
  });
  await person('sam', {
    reference: 'CL-7002',
    firstName: 'Sam',
    lastName: 'Jones',
    dateOfBirth: '2007-08-02',
    legalStatus: 'former_relevant',
  });
  await person('other', {
    reference: 'CL-8001',
    firstName: 'Jo',
    lastName: 'Smyth-Other',
    dateOfBirth: '2008-01-05',
    legalStatus: 'former_relevant',
    paUserId: olive.id,
  });
  expect((await h.as('admin').post('/stays').send({ youngPersonId: ids.jo, accommodationCode: 'W' })).status).toBe(201);
});
afterAll(async () => {
  await h?.stop();
});

describe('finding a young person', () => {
  it('finds by name words, by reference and by date of birth either way, with their PA and where they are now', async () => {
    const web = await signedIn(h.users.housing_officer.email);
    const byName = await search(web, 'jo sm');
    expect(byName.res.status).toBe(200);
    expect(byName.res.text.match(/<h1/g)).toHaveLength(1);
    expect(byName.refs.sort()).toEqual(['CL-7001', 'CL-8001']);
    expect(byName.res.text).toContain(`href="/young-people/${ids.jo}"`);
    expect(byName.text).toContain('Jo Smith CL-7001 17 April 2009 17 Test pa');
    expect(byName.text).toContain('Unsuitable');
    expect(byName.text).toContain('Olive Other');
    expect((await search(web, 'cl-700')).refs.sort()).toEqual(['CL-7001', 'CL-7002']);
    expect((await search(web, '17/04/2009')).refs).toEqual(['CL-7001']);
    expect((await search(web, '2007-08-02')).refs).toEqual(['CL-7002']);
    const none = await search(web, 'nobody');
    expect(none.refs).toEqual([]);
    expect(none.text).toContain('No young people match your search');
  });

  it('shows a PA only their own caseload', async () => {
    const web = await signedIn(h.users.pa.email);
    expect((await search(web, 'jo')).refs.sort()).toEqual(['CL-7001', 'CL-7002']); // Jo Smith, Sam Jones
    expect((await search(web, 'smith')).refs).toEqual(['CL-7001']);
    expect((await search(web, 'CL-8001')).refs).toEqual([]);
    expect((await search(web, '05/01/2008')).refs).toEqual([]);
    const oliveWeb = await signedIn(olive.email);
    expect((await search(oliveWeb, 'jo sm')).refs).toEqual(['CL-8001']);
  });

  it('says a date of birth that is not a real date is one, and refuses parameters it does not know', async () => {
    const web = await signedIn(h.users.team_manager.email);
    const bad = await search(web, '31/02/2009');
    expect(bad.res.status).toBe(400);
    expect(bad.text).toContain('There is a problem');
    expect(bad.text).toContain('Enter a real date of birth, for example 17/04/2008');
    expect((await web.get('/young-people?sort=name')).status).toBe(400);
  });

  it('is in the navigation of PAs, housing officers and managers', async () => {
    for (const email of [h.users.pa.email, h.users.housing_officer.email, h.users.director.email]) {
      const web = await signedIn(email);
      expect((await web.get('/')).text).toContain('href="/young-people"');
    }
  });
});

describe('adding a young person', () => {
  it('records them and goes to their page; the API sees the same record', async () => {
    const web = await signedIn(h.users.housing_officer.email);
    const page = await web.get('/young-people/new');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Test pa'); // the PA select, for a user who allocates
    const res = await web.post('/young-people/new', {
      ...form({ paUserId: h.users.pa.id, risks: 'self_harm' }),
    });
    expect(res.status).toBe(303);
    const id = /^\/young-people\/([0-9a-f-]{36})$/.exec(res.headers.location)?.[1];
    expect(id).toBeDefined();
    const api = await h.as('admin').get(`/young-people/${id}`);
    expect(api.body).toMatchObject({
      firstName: 'Lee',
      lastName: 'Newman',
      dateOfBirth: '2008-02-03',
      gender: 'male',
      legalStatus: 'former_relevant',
      uasc: false,
      homeArea: 'Crewe',
      paUserId: h.users.pa.id,
      risks: ['self_harm'],
    });
  });

  it('warns of a possible duplicate with a link to the record, and records them once "This is a different person" is ticked', async () => {
    const web = await signedIn(h.users.pa.email);
    await web.get('/young-people/new');
    const same = form({
      firstName: 'jo',
      lastName: 'SMITH',
      'dateOfBirth-day': '17',
      'dateOfBirth-month': '04',
      'dateOfBirth-year': '2009',
      gender: 'female',
      legalStatus: 'relevant',
    });
    const before = await h.count('young_person');
    const warned = await web.post('/young-people/new', same);
    expect(warned.status).toBe(409);
    expect(textOf(warned.text)).toContain('A young person with this name and date of birth may already be recorded');
    expect(warned.text).toContain(`href="/young-people/${ids.jo}"`);
    expect(warned.text).toContain('This is a different person');
    expect(warned.text).toContain('value="jo"'); // what was typed is kept
    expect(await h.count('young_person')).toBe(before);
    const confirmed = await web.post('/young-people/new', { ...same, confirmedNotDuplicate: 'true' });
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.location).toMatch(/^\/young-people\/[0-9a-f-]{36}$/);
    expect(await h.count('young_person')).toBe(before + 1);
  });

  it('does not name a match on another caseload to a PA, but still warns', async () => {
    const web = await signedIn(h.users.pa.email);
    await web.get('/young-people/new');
    const res = await web.post(
      '/young-people/new',
      form({
        firstName: 'Jo',
        lastName: 'Smyth-Other',
        'dateOfBirth-day': '5',
        'dateOfBirth-month': '1',
        'dateOfBirth-year': '2008',
      }),
    );
    expect(res.status).toBe(409);
    expect(textOf(res.text)).toContain('A match is on a caseload you cannot see');
    expect(res.text).not.toContain(ids.other);
    expect(res.text).not.toContain('CL-8001');
  });

  it('shows what is wrong beside each field, keeping what was typed, and writes nothing', async () => {
    const web = await signedIn(h.users.team_manager.email);
    await web.get('/young-people/new');
    const before = await h.count('young_person');
    const blank = await web.post('/young-people/new', {
      firstName: 'Kim',
      'dateOfBirth-day': '31',
      'dateOfBirth-month': '2',
      'dateOfBirth-year': '2009',
    });
    expect(blank.status).toBe(400);
    const text = textOf(blank.text);
    expect(text).toContain('There is a problem');
    expect(text).toContain('Enter their last name');
    expect(text).toContain('Date of birth must be a real date');
    expect(text).toContain('Select their gender');
    expect(blank.text).toContain('href="#lastName"');
    expect(blank.text).toContain('value="Kim"');
    expect(blank.text).toMatch(/<title>Error: Add a young person/);
    // The service's own rules: a 15-year-old is not a care leaver; the PA must be chosen by a manager.
    const young = await web.post('/young-people/new', form({ 'dateOfBirth-year': '2011', paUserId: h.users.pa.id }));
    expect(young.status).toBe(400);
    expect(textOf(young.text)).toMatch(/There is a problem/);
    const noPa = await web.post('/young-people/new', form());
    expect(noPa.status).toBe(400);
    expect(textOf(noPa.text)).toContain('Choose a personal adviser from the list');
    const area = await web.post('/young-people/new', form({ homeArea: 'Atlantis', paUserId: h.users.pa.id }));
    expect(area.status).toBe(400);
    expect(textOf(area.text)).toContain('Choose a home area from the list');
    expect(await h.count('young_person')).toBe(before);
  });

  it('refuses a form posted without the session’s CSRF token, writing nothing', async () => {
    const web = await signedIn(h.users.pa.email);
    await web.get('/young-people/new');
    const before = await h.count('young_person');
    const res = await web.post('/young-people/new', { ...form({ firstName: 'Csrf' }), _csrf: null });
    expect(res.status).toBe(403);
    const forged = await web.post('/young-people/new', { ...form({ firstName: 'Csrf' }), _csrf: 'not-the-token' });
    expect(forged.status).toBe(403);
    expect(await h.count('young_person')).toBe(before);
  });

  it('is not offered to a role that may not add young people', async () => {
    const web = await signedIn(h.users.director.email);
    expect((await web.get('/young-people/new')).status).toBe(403);
    expect((await web.get('/young-people')).text).not.toContain('href="/young-people/new"');
  });
});
