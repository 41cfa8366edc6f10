import { ManualClock } from '../../../src/platform/clock';
import { TimerRegistry } from '../../../src/platform/queue/timer-registry';
import { makePerson, makeRequest } from '../../support/fixtures';
import { Harness, PASSWORD } from '../../support/harness';
import { textOf, WebClient } from '../../support/web-client';

/**
 * Each role's home page (`GET /` in a browser). Time is a ManualClock: Monday 30 November 2026,
 * 10:00 GMT, then Wednesday 2 December 12:00; steps fire when the test runs the sweeps (no
 * workers). The harness's managers hold every role council-wide; a second team manager covers
 * Nantwich, so a Nantwich young person's team manager step reaches them and not the harness's.
 *
 * - Kit, 17, Crewe, in a hotel from Monday: every rung fired at once; the director acknowledged
 *   their step with a review on Tuesday, which lapsed; an open emergency placement request.
 * - Ada, 20, Nantwich, in a hotel from Monday: past two working days on Wednesday; the head of
 *   service acknowledged their step; the director's step has not fired.
 * - Zoe, 22, Sandbach, in a hotel from Wednesday: no breach, nothing acknowledged.
 * - Pat, another PA's young person, in a hotel from a minute after Zoe.
 */
const MONDAY = new Date('2026-11-30T10:00:00Z');
const WEDNESDAY = new Date('2026-12-02T12:00:00Z');
const clock = new ManualClock(MONDAY);
let h: Harness;
const sweep = () => h.app.get(TimerRegistry).sweep();

interface Step {
  id: string;
  role: string;
  occurrence: number;
  status: string;
}
const people: Record<string, { id: string; reference: string; stayId: string }> = {};
let tmNantwich: { id: string; email: string };
let otherPa: { id: string; email: string };

async function staff(role: string, over: { area?: string | null; name?: string } = {}) {
  const email = `${role}.${Math.random().toString(36).slice(2, 8)}@test.invalid`;
  const res = await h
    .as('admin')
    .post('/users')
    .send({ email, name: over.name ?? `Staff ${role}`, role, password: PASSWORD, area: over.area ?? null });
  if (res.status !== 201) throw new Error(`user: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id as string, email };
}

async function inHotel(key: string, over: Record<string, unknown>) {
  const person = await makePerson(h, { paUserId: h.users.pa.id, ...over }, 'admin');
  const stay = await h.as('admin').post('/stays').send({ youngPersonId: person.id, accommodationCode: 'W' });
  if (stay.status !== 201) throw new Error(`stay: ${stay.status} ${JSON.stringify(stay.body)}`);
  people[key] = { ...person, stayId: stay.body.id };
}

const stepsOf = async (key: string): Promise<Step[]> =>
  (await h.as('admin').get(`/escalations?stayId=${people[key].stayId}&limit=500`)).body.items;
const stepOf = async (key: string, role: string) =>
  (await stepsOf(key)).find((s) => s.role === role && s.occurrence === 0)!;

async function signedIn(email: string): Promise<WebClient> {
  const web = new WebClient(h.app);
  const res = await web.signIn(email, PASSWORD);
  expect(res.status).toBe(303);
  return web;
}

/** The page's text, and the references of the table's rows in order. */
async function home(web: WebClient, query = '') {
  const res = await web.get(`/${query}`);
  const rows = [...res.text.matchAll(/<th scope="row"[\s\S]*?<\/th>/g)].map((m) => m[0]);
  const refs = rows.map(
    (r) =>
      Object.entries(people).find(([, p]) => r.includes(`>${p.reference}<`) || r.includes(`>${p.reference},`))?.[0] ??
      '?',
  );
  const aside = /<aside[\s\S]*<\/aside>/.exec(res.text)?.[0] ?? '';
  return { res, text: textOf(res.text), refs, aside: textOf(aside) };
}

beforeAll(async () => {
  h = await Harness.start({ clock, env: { WORKERS_ENABLED: 'false', DIGEST_AT: 'off' } });
  tmNantwich = await staff('team_manager', { area: 'Nantwich', name: 'Nantwich team manager' });
  otherPa = await staff('pa', { name: 'Olive Other' });
  await inHotel('kit', {
    firstName: 'Kit',
    lastName: 'Young',
    dateOfBirth: '2009-05-01',
    legalStatus: 'relevant',
    homeArea: 'Crewe',
  });
  await makeRequest(h, people.kit.id, { urgency: 'emergency', neededBy: '2026-12-04' });
  await inHotel('ada', { firstName: 'Ada', lastName: 'Adult', dateOfBirth: '2006-01-10', homeArea: 'Nantwich' });
  await sweep();
  const ack = await h
    .as('director')
    .post(`/escalations/${(await stepOf('kit', 'director')).id}/acknowledge`)
    .send({
      actionPlan:
        'Supported lodgings with a host family in Crewe from Wednesday; the PA visits the hotel every day until then and the panel reviews on Thursday',
      reviewBy: '2026-12-01',
    });
  expect(ack.status).toBe(200);
  clock.set(WEDNESDAY);
  await sweep(); // the review lapses; Ada's service manager and head of service steps fire
  await inHotel('zoe', { firstName: 'Zoe', lastName: 'Zed', dateOfBirth: '2004-02-02', homeArea: 'Sandbach' });
  clock.advance(60_000); // Pat a minute after Zoe: the list's order is the clock's
  await inHotel('pat', {
    firstName: 'Pat',
    lastName: 'Other',
    dateOfBirth: '2005-07-07',
    homeArea: 'Crewe',
    paUserId: otherPa.id,
  });
  await sweep();
  const adaAck = await h
    .as('head_of_service')
    .post(`/escalations/${(await stepOf('ada', 'head_of_service')).id}/acknowledge`)
    .send({ actionPlan: 'Bed at Crewe Foyer on Friday', reviewBy: '2026-12-03' });
  expect(adaAck.status).toBe(200);
});
afterAll(() => h?.stop());

describe('a senior manager’s home page', () => {
  it('lists the young people whose alerts reach the director: the hotel, the breach, how long, the step, the plan, the PA and the request', async () => {
    const web = await signedIn(h.users.director.email);
    const { res, text, refs } = await home(web);
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/<title>Young people in unsuitable or emergency accommodation – /);
    expect(res.text.match(/<h1/g)).toHaveLength(1);
    expect(refs).toEqual(['kit']); // Ada's director step has not fired; Zoe's and Pat's steps reached others
    expect(text).toContain('Young people whose alerts reach you');
    const api = (await h.as('director').get('/reports/unsuitable-accommodation')).body.items as {
      reference: string;
      hoursElapsed: number;
      workingDaysElapsed: number;
    }[];
    const kit = api.find((i) => i.reference === people.kit.reference)!;
    expect(kit).toMatchObject({ hoursElapsed: 50, workingDaysElapsed: 2 });
    const row = /<tr class="govuk-table__row">\s*<th scope="row"[\s\S]*?<\/tr>/.exec(res.text)![0];
    const director = await stepOf('kit', 'director');
    expect(row).toContain(`href="/young-people/${people.kit.id}/timeline"`);
    expect(row).toContain(`href="/escalations/${director.id}"`);
    const cells = textOf(row);
    for (const words of [
      'Kit Young',
      people.kit.reference,
      'Age 17, Crewe',
      'Under 18',
      'Bed and breakfast / hotel',
      'Unsuitable',
      'Emergency',
      '50 hours',
      '2 working days',
      'Under 18 in unsuitable accommodation',
      'Director (step 4)',
      'Not acknowledged',
      'Supported lodgings with a host family in Crewe from Wednesday; the PA visits the hotel every day…',
      'Review by 1 December 2026',
      'Lapsed',
      'Test pa',
      'Open, emergency',
      'Needed by 4 December 2026',
    ])
      expect(cells).toContain(words);
    expect(cells).not.toContain('the panel reviews on Thursday');
  });

  it('shows everyone under "Everyone": under-18s first, then breaches, the acknowledged step tagged', async () => {
    const web = await signedIn(h.users.director.email);
    const { text, refs, res } = await home(web, '?show=everyone');
    expect(refs).toEqual(['kit', 'ada', 'zoe', 'pat']);
    expect(text).toContain('Everyone in unsuitable or emergency accommodation');
    expect(res.text).toMatch(/value="everyone" checked/);
    const ada = textOf(/<th scope="row"[^>]*>(?:(?!<\/tr>)[\s\S])*Ada Adult[\s\S]*?<\/tr>/.exec(res.text)![0]);
    expect(ada).toContain('Head of service (step 4)');
    expect(ada).toContain('Acknowledged');
    expect(ada).not.toContain('Not acknowledged');
    expect(ada).toContain('Over 2 working days in B&B or a hotel');
    expect(ada).toContain('Next: Director, Mon 7 Dec 2026, 10:00');
    expect(ada).toContain('Nantwich');
    const zoe = textOf(/<th scope="row"[^>]*>(?:(?!<\/tr>)[\s\S])*Zoe Zed[\s\S]*?<\/tr>/.exec(res.text)![0]);
    expect(zoe).toContain('None'); // no breach, no plan
    expect(zoe).toContain('None open');
  });

  it('filters by area, breach and acknowledgement in the address, and keeps the choices in the form', async () => {
    const web = await signedIn(h.users.director.email);
    expect((await home(web, '?show=everyone&area=Nantwich')).refs).toEqual(['ada']);
    expect((await home(web, '?show=everyone&area=%20nantwich%20')).refs).toEqual(['ada']);
    expect((await home(web, '?show=everyone&breach=true')).refs).toEqual(['kit', 'ada']);
    expect((await home(web, '?show=everyone&unacknowledged=true')).refs).toEqual(['kit', 'zoe', 'pat']);
    const both = await home(web, '?show=everyone&breach=true&unacknowledged=true&area=Crewe');
    expect(both.refs).toEqual(['kit']);
    expect(both.res.text).toMatch(/<option value="Crewe" selected>Crewe<\/option>/);
    expect(both.res.text).toMatch(/name="breach" type="checkbox" value="true" checked/);
    expect(both.res.text).toMatch(/name="unacknowledged" type="checkbox" value="true" checked/);
    // The reach toggle combines with the filters: nobody whose alerts reach the director is in Nantwich.
    const mine = await home(web, '?area=Nantwich');
    expect(mine.refs).toEqual([]);
    expect(mine.text).toContain('Nobody whose alerts reach you matches these filters.');
    expect(mine.res.text).toContain('href="/?show=everyone&amp;area=Nantwich"');
  });

  it('says an area that is not on the list is wrong, with the error summary, not a failure', async () => {
    const web = await signedIn(h.users.director.email);
    const { res, text } = await home(web, '?show=everyone&area=Atlantis');
    expect(res.status).toBe(400);
    expect(res.text).toContain('govuk-error-summary');
    expect(res.text).toMatch(/<title>Error: Young people in unsuitable or emergency accommodation/);
    expect(res.text).toContain('href="#area"');
    expect(text).toContain('Choose an area from the list');
    expect(res.text).toContain('govuk-select--error');
    expect(text).toContain('Your open alerts'); // the rest of the page is still there
  });

  it('shows the director’s open alerts (reference and initials only) and the review that lapsed', async () => {
    const web = await signedIn(h.users.director.email);
    const { res, aside } = await home(web);
    const director = await stepOf('kit', 'director');
    expect(aside).toContain('Your open alerts');
    expect(aside).toContain(`${people.kit.reference} K.Y.`);
    expect(aside).toContain('Step 4, Director');
    expect(aside).toContain('Fired Mon 30 Nov 2026, 10:00');
    expect(aside).toContain('Acknowledgement lapsed');
    expect(aside).not.toContain('Kit Young');
    expect(aside).toContain('Your reviews');
    expect(aside).toContain('Review by 1 December 2026');
    expect(aside).toContain('Lapsed');
    const asideHtml = /<aside[\s\S]*<\/aside>/.exec(res.text)![0];
    expect(asideHtml.match(new RegExp(`href="/escalations/${director.id}"`, 'g'))).toHaveLength(2);
    // The head of service's open alerts: Kit's steps and Ada's (acknowledged, so not open) ones.
    const hos = await home(await signedIn(h.users.head_of_service.email));
    expect(hos.aside).toContain(`${people.kit.reference} K.Y.`);
    expect(hos.aside).not.toContain(`${people.ada.reference} A.A.`);
    expect(hos.aside).toContain('None of your acknowledgements is due for review.');
  });

  it('does not show a team manager a young person whose alerts reach another team manager, but does under "Everyone"', async () => {
    const tm = await signedIn(h.users.team_manager.email);
    expect((await home(tm)).refs).toEqual(['kit', 'zoe', 'pat']);
    expect((await home(tm, '?show=everyone')).refs).toEqual(['kit', 'ada', 'zoe', 'pat']);
    const nantwich = await signedIn(tmNantwich.email);
    const theirs = await home(nantwich);
    expect(theirs.refs).toEqual(['ada']);
    expect(theirs.aside).toContain(`${people.ada.reference} A.A.`);
    expect(theirs.aside).toContain('Step 1, Team manager');
  });

  it('says so when nobody whose alerts reach the manager is in unsuitable accommodation, and links to everyone', async () => {
    const sm = await staff('service_manager', { area: 'Wybunbury', name: 'Quiet service manager' });
    const { text, res, refs } = await home(await signedIn(sm.email));
    expect(refs).toEqual([]);
    expect(text).toContain('Nobody is in unsuitable or emergency accommodation whose alerts reach you.');
    expect(res.text).toContain(
      '<a class="govuk-link" href="/?show=everyone">Show everyone in unsuitable or emergency accommodation</a>',
    );
    expect(text).toContain('No alert that reached you is waiting to be acknowledged.');
  });
});

describe('the other roles’ home pages', () => {
  it('shows a PA only their caseload, their own open steps and no "Everyone" toggle', async () => {
    const pa = await home(await signedIn(h.users.pa.email));
    expect(pa.res.text).toMatch(/<title>Your young people – /);
    expect(pa.refs).toEqual(['kit', 'ada', 'zoe']);
    expect(pa.text).not.toContain('Pat Other');
    expect(pa.res.text).not.toContain('name="show"');
    expect(pa.aside).toContain(`${people.kit.reference} K.Y.`);
    // The PA's own steps; not the copies of the managers' steps the PA is told of.
    expect(pa.aside).toContain('Step 5, Personal adviser');
    expect(pa.aside).not.toContain('Director');
    // Asking for everyone changes nothing for a PA.
    expect((await home(await signedIn(h.users.pa.email), '?show=everyone')).refs).toEqual(['kit', 'ada', 'zoe']);
    const other = await home(await signedIn(otherPa.email));
    expect(other.refs).toEqual(['pat']);
    expect(other.aside).toContain(`${people.pat.reference} P.O.`);
    expect(other.aside).not.toContain(people.kit.reference);
  });

  it('shows a housing officer everyone, with the filters and no alerts', async () => {
    const ho = await home(await signedIn(h.users.housing_officer.email));
    expect(ho.res.status).toBe(200);
    expect(ho.refs).toEqual(['kit', 'ada', 'zoe', 'pat']);
    expect(ho.res.text).not.toContain('<aside');
    expect(ho.res.text).not.toContain('name="show"');
    expect((await home(await signedIn(h.users.housing_officer.email), '?breach=true')).refs).toEqual(['kit', 'ada']);
  });

  it('pages the list 25 at a time, keeping the filters in the pages’ addresses', async () => {
    clock.advance(60_000);
    for (let n = 0; n < 26; n++)
      await inHotel(`f${n}`, {
        firstName: 'Fay',
        lastName: `Filter${n}`,
        dateOfBirth: '2003-03-03',
        homeArea: 'Filterham',
      });
    await sweep();
    const web = await signedIn(h.users.director.email);
    const first = await home(web, '?show=everyone');
    expect(first.refs).toHaveLength(25);
    expect(first.refs.slice(0, 4)).toEqual(['kit', 'ada', 'zoe', 'pat']);
    expect(first.text).toContain('Showing 1 to 25 of 30');
    expect(first.res.text).toContain('govuk-pagination');
    expect(first.res.text).toContain('href="/?show=everyone&amp;page=2"');
    const second = await home(web, '?show=everyone&page=2');
    expect(second.refs).toHaveLength(5);
    expect(second.text).toContain('Showing 26 to 30 of 30');
    expect(second.res.text).toContain('aria-current="page"');
    const filteredSecond = await home(web, '?show=everyone&area=Filterham&page=2');
    expect(filteredSecond.refs).toHaveLength(1);
    expect(filteredSecond.text).toContain('Showing 26 to 26 of 26');
    expect(filteredSecond.res.text).toContain('href="/?show=everyone&amp;area=Filterham"');
    // A page past the last shows the last; nonsense is the first.
    expect((await home(web, '?show=everyone&page=99')).text).toContain('Showing 26 to 30 of 30');
    expect((await home(web, '?show=everyone&page=two')).text).toContain('Showing 1 to 25 of 30');
  });

  it('shows an administrator operations: the steps that reached nobody, the coverage gaps, the last check and the queues', async () => {
    // Nobody holds a manager's role any more: a new hotel stay's team manager step reaches nobody.
    await h.db.query(
      `update app_user set active = false where role in ('team_manager', 'service_manager', 'head_of_service', 'director')`,
    );
    await inHotel('vic', { firstName: 'Vic', lastName: 'Nobody', dateOfBirth: '2004-04-04', homeArea: 'Wilmslow' });
    await sweep();
    const web = await signedIn(h.users.admin.email);
    const { res, text, refs } = await home(web);
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/<title>Operations – /);
    expect(refs).toEqual(['vic']);
    expect(text).toContain('Steps that reached nobody');
    const tm = await stepOf('vic', 'team_manager');
    expect(res.text).toContain(`href="/escalations/${tm.id}"`);
    expect(res.text).toContain(`href="/young-people/${people.vic.id}/timeline"`);
    const coverage = (await h.as('admin').get('/escalation-coverage')).body as { gaps: unknown[] };
    expect(coverage.gaps.length).toBeGreaterThan(0);
    expect(text).toContain(`${coverage.gaps.length} gaps in who escalations would reach`);
    expect(text).toContain('Reach nobody');
    expect(text).toMatch(/Last checked Wed 2 Dec 2026, 12:0\d/);
    expect(res.text).toContain('href="/admin/queues"');
  });
});
