import { ManualClock } from '../../../src/platform/clock';
import { Harness, PASSWORD } from '../../support/harness';
import { textOf, WebClient } from '../../support/web-client';

/**
 * The queue page (`/placement-requests/queue` in a browser) over HTTP. ManualClock: Monday 30
 * November 2026, 09:00 GMT. Ada, 20, in a hotel since 09:00 with an emergency request; Kit, 17,
 * in a hotel since 10:00 with a planned request; Dee, 19, Nantwich, a planned request and no
 * stay; Fay, 19, in a night shelter with no request. Then 30 more planned requests, for paging.
 */
const clock = new ManualClock(new Date('2026-11-30T09:00:00Z'));
let h: Harness;
const refs: Record<string, string> = {};

async function person(key: string, age: number, homeArea = 'Crewe') {
  const res = await h
    .as('admin')
    .post('/young-people')
    .send({
      firstName: key,
      lastName: 'Page',
      dateOfBirth: `${2026 - age}-06-15`,
      gender: 'female',
      legalStatus: age < 18 ? 'relevant' : 'former_relevant',
      homeArea,
      paUserId: h.users.pa.id,
    });
  if (res.status !== 201) throw new Error(`person: ${res.status} ${JSON.stringify(res.body)}`);
  refs[key] = res.body.reference;
  return res.body.id as string;
}
async function stay(id: string, accommodationCode: string) {
  expect((await h.as('admin').post('/stays').send({ youngPersonId: id, accommodationCode })).status).toBe(201);
}
async function request(id: string, urgency: string, neededBy: string) {
  const res = await h.as('pa').post('/placement-requests').send({ youngPersonId: id, urgency, neededBy });
  expect(res.status).toBe(201);
}

async function signedIn(email: string): Promise<WebClient> {
  const web = new WebClient(h.app);
  expect((await web.signIn(email, PASSWORD)).status).toBe(303);
  return web;
}

/** The page, its text, and the first names of its table's rows in order. */
async function queuePage(web: WebClient, query = '') {
  const res = await web.get(`/placement-requests/queue${query}`);
  const rows = [...res.text.matchAll(/<th scope="row"[\s\S]*?<\/th>/g)].map((m) => m[0]);
  const order = rows.map((r) => /([A-Za-z0-9-]+) Page<\/a>/.exec(r)?.[1] ?? '?');
  return { res, text: textOf(res.text), order };
}

beforeAll(async () => {
  h = await Harness.start({ clock, env: { WORKERS_ENABLED: 'false', DIGEST_AT: 'off' } });
  const ada = await person('Ada', 20);
  await stay(ada, 'W');
  clock.advance(3600_000);
  const kit = await person('Kit', 17);
  await stay(kit, 'W');
  const dee = await person('Dee', 19, 'Nantwich');
  const fay = await person('Fay', 19);
  await stay(fay, 'V');
  await request(dee, 'planned', '2026-12-01');
  await request(ada, 'emergency', '2026-11-30');
  await request(kit, 'planned', '2026-12-10');
  clock.advance(3600_000);
});
afterAll(async () => {
  await h?.stop();
});

describe('the queue page', () => {
  it('shows a housing officer the requests in the service’s order, with tags, and the warning at the top', async () => {
    const web = await signedIn(h.users.housing_officer.email);
    const { res, text, order } = await queuePage(web);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(order).toEqual(['Kit', 'Ada', 'Dee']);
    expect(res.text.match(/<h1/g)).toHaveLength(1);
    expect(text).toContain('Under 18, unsuitable accommodation');
    expect(text).toContain('Emergency, unsuitable accommodation');
    expect(text).toContain('Under 18 in unsuitable accommodation: bed and breakfast / hotel for 1 hour');
    const banner = /<div class="govuk-notification-banner"[\s\S]*?<\/ul>/.exec(res.text)?.[0] ?? '';
    expect(textOf(banner)).toContain(`${refs.Fay} Fay Page, age 19: emergency accommodation`);
    expect(res.text.indexOf('govuk-notification-banner')).toBeLessThan(res.text.indexOf('<h1'));
    const active =
      /<li class="govuk-service-navigation__item govuk-service-navigation__item--active">([\s\S]*?)<\/li>/.exec(
        res.text,
      );
    expect(textOf(active?.[1] ?? '')).toBe('Requests');
  });

  it('filters by urgency and area', async () => {
    const web = await signedIn(h.users.service_manager.email);
    expect((await queuePage(web, '?urgency=planned')).order).toEqual(['Kit', 'Dee']);
    expect((await queuePage(web, '?area=Nantwich')).order).toEqual(['Dee']);
    expect((await queuePage(web, '?area=&urgency=')).order).toEqual(['Kit', 'Ada', 'Dee']);
  });

  it('refuses an unknown parameter and an area not on the list with a 400 and an error summary', async () => {
    const web = await signedIn(h.users.housing_officer.email);
    const unknown = await queuePage(web, '?sort=name');
    expect(unknown.res.status).toBe(400);
    expect(unknown.text).toContain('There is a problem');
    expect(unknown.text).toContain('The address has a parameter this page does not know: sort');
    expect(unknown.order).toEqual([]);
    const area = await queuePage(web, '?area=Atlantis');
    expect(area.res.status).toBe(400);
    expect(area.text).toContain('Choose an area from the list');
    expect((await queuePage(web, '?urgency=soon')).res.status).toBe(400);
  });

  it('offers an area an administrator adds among the filter’s choices within five seconds, and filters by it at once', async () => {
    const web = await signedIn(h.users.housing_officer.email);
    const option = (html: string) => /<option value="Lyme"/.test(html);
    expect(option((await queuePage(web)).res.text)).toBe(false);
    expect((await h.as('admin').post('/areas').send({ name: 'Lyme' })).status).toBe(201);
    // The filter is checked against the list itself, never the page's copy of the choices.
    const filtered = await queuePage(web, '?area=Lyme');
    expect(filtered.res.status).toBe(200);
    expect(filtered.order).toEqual([]);
    clock.advance(5_000);
    expect(option((await queuePage(web)).res.text)).toBe(true);
  });

  it('shows a PA and a team manager the 403 page, and sends someone signed out to sign in', async () => {
    expect((await queuePage(await signedIn(h.users.pa.email))).res.status).toBe(403);
    expect((await queuePage(await signedIn(h.users.team_manager.email))).res.status).toBe(403);
    const anonymous = await new WebClient(h.app).get('/placement-requests/queue');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toMatch(/^\/sign-in/);
  });

  it('pages 25 at a time, keeping the order and the filters', async () => {
    for (let k = 0; k < 30; k++) {
      const id = await person(`P${String(k).padStart(2, '0')}`, 19);
      await request(id, 'planned', `2026-12-${String(11 + (k % 15)).padStart(2, '0')}`);
    }
    const web = await signedIn(h.users.housing_officer.email);
    const first = await queuePage(web);
    expect(first.order).toHaveLength(25);
    expect(first.order.slice(0, 3)).toEqual(['Kit', 'Ada', 'Dee']);
    expect(first.text).toContain('Showing 1 to 25 of 33');
    expect(first.res.text).toContain('href="/placement-requests/queue?page=2"');
    const second = await queuePage(web, '?page=2');
    expect(second.order).toHaveLength(8);
    expect(second.text).toContain('Showing 26 to 33 of 33');
    expect(new Set([...first.order, ...second.order]).size).toBe(33);
    const past = await queuePage(web, '?page=9');
    expect(past.order).toEqual(second.order);
    const planned = await queuePage(web, '?urgency=planned&page=2');
    expect(planned.order).toHaveLength(7);
    expect(planned.res.text).toContain('href="/placement-requests/queue?urgency=planned"');
  });
});
