import { makeBed, makeLevel, makeProvider } from '../../support/fixtures';
import { Harness, PASSWORD } from '../../support/harness';
import { textOf, WebClient } from '../../support/web-client';

/**
 * The vacancy board page over HTTP: a housing officer opens /vacancies in a browser and sees the
 * board's tables (pathway apart from hotels), the stale provider tagged, the filters honoured
 * (area, and a "Free on" date from GOV.UK's three boxes), a bad date explained; a role outside
 * `GET /vacancies`' matrix would get the 403 page, and the JSON API keeps its answer.
 */
let h: Harness;

async function signedIn(role: keyof Harness['users']): Promise<WebClient> {
  const web = new WebClient(h.app);
  const res = await web.signIn(h.users[role].email, PASSWORD);
  if (res.status !== 303) throw new Error(`sign-in: ${res.status}`);
  return web;
}

beforeAll(async () => {
  h = await Harness.start();
  const house = await makeLevel(h, { code: 'SHARED', name: 'Shared house', rank: 3 });
  const hotel = await makeLevel(h, {
    code: 'INN',
    name: 'Hotel room',
    rank: 9,
    accommodationCode: 'W',
    suitable: false,
  });
  const crewe = await makeProvider(h, { name: 'Crewe Foyer Trust', area: 'Crewe' });
  await h.as('housing_officer').post(`/providers/${crewe.id}/vacancy-confirmations`).send({});
  const macc = await makeProvider(h, { name: 'Silk Lodgings', area: 'Macclesfield' });
  const inn = await makeProvider(h, { name: 'Station Inn', area: 'Crewe', ofstedUrn: null, ofstedCategory: null });
  await h.as('housing_officer').post(`/providers/${inn.id}/vacancy-confirmations`).send({});
  await makeBed(h, crewe.id, house.id);
  await makeBed(h, crewe.id, house.id);
  await makeBed(h, macc.id, house.id);
  await makeBed(h, inn.id, hotel.id, { minAge: 18 });
});
afterAll(async () => {
  await h?.stop();
});

describe('the vacancy board page', () => {
  it('shows a housing officer the board: pathway apart from hotels, the stale provider tagged, Vacancies in the navigation', async () => {
    const web = await signedIn('housing_officer');
    const res = await web.get('/vacancies');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    const text = textOf(res.text);
    expect(text).toContain('Placements on the pathway: 3 free');
    expect(text).toContain('Hotels and B&B: 1 free');
    expect(text).toContain('Emergency and crash beds: 0 free');
    expect(text).toMatch(/Silk Lodgings\s+Stale/);
    expect(text).not.toMatch(/Crewe Foyer Trust\s+Stale/);
    expect(text).toMatch(/Providers to confirm.*Silk Lodgings \(Macclesfield\): Never confirmed/s);
    expect(res.text).toMatch(/govuk-service-navigation__item--active">\s*<a[^>]+href="\/vacancies"/);
    expect(res.text.match(/<h1/g)).toHaveLength(1);
  });

  it('filters by area and by a "Free on" date', async () => {
    const web = await signedIn('housing_officer');
    const crewe = textOf((await web.get('/vacancies?area=Crewe')).text);
    expect(crewe).toContain('Placements on the pathway: 2 free');
    expect(crewe).not.toContain('Silk Lodgings');
    const later = new Date(Date.now() + 3 * 86_400_000);
    const [y, m, d] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(later).split('-');
    const dated = await web.get(`/vacancies?freeOn-day=${Number(d)}&freeOn-month=${Number(m)}&freeOn-year=${y}`);
    expect(dated.status).toBe(200);
    expect(textOf(dated.text)).toMatch(/Beds free on \d+ \w+ \d{4}/);
  });

  it('explains a date that is not real, or already past, in the error summary and beside the field', async () => {
    const web = await signedIn('housing_officer');
    const bad = await web.get('/vacancies?freeOn-day=31&freeOn-month=2&freeOn-year=2027');
    expect(bad.status).toBe(400);
    expect(textOf(bad.text)).toContain('There is a problem');
    expect(textOf(bad.text)).toContain('Free on date must be a real date');
    const past = await web.get('/vacancies?freeOn-day=1&freeOn-month=1&freeOn-year=2020');
    expect(past.status).toBe(400);
    expect(textOf(past.text)).toContain('Free on date must be today or in the future');
  });

  it('is open to senior managers too, and the API keeps answering JSON at the same address', async () => {
    const web = await signedIn('director');
    expect((await web.get('/vacancies')).status).toBe(200);
    const api = await h.as('housing_officer').get('/vacancies');
    expect(api.status).toBe(200);
    expect(api.body.totals.pathway.free).toBe(3);
  });
});
