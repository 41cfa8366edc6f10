import type { Browser } from 'playwright-core';
import { ManualClock } from '../../src/platform/clock';
import { freePort, inBrowser, launchBrowser, Person } from '../support/browser';
import { Harness, PASSWORD } from '../support/harness';

/**
 * A PA at 5 pm on a Friday finds their 17-year-old by name, in a real browser. ManualClock: Friday
 * 27 November 2026, 17:00 in London (GMT). Pat's caseload (the harness PA): Mia Hart, 17, in a
 * hotel tonight, last contact nine weeks ago; Mia Hartley, 20. Olive's: Mia Hart-Other. axe (WCAG
 * 2.2 AA), one h1 and a title are checked on every page visited.
 */
const FRIDAY_5PM = new Date('2026-11-27T17:00:00Z');
const clock = new ManualClock(FRIDAY_5PM);

describe('a PA finding a young person in a browser', () => {
  let h: Harness;
  let browser: Browser;
  let base: string;
  let pa: Person;
  const people = () => [pa].filter(Boolean);
  const ids: Record<string, string> = {};

  async function person(key: string, body: Record<string, unknown>) {
    const res = await h
      .as('admin')
      .post('/young-people')
      .send({ gender: 'female', homeArea: 'Crewe', paUserId: h.users.pa.id, ...body });
    expect(res.status).toBe(201);
    ids[key] = res.body.id;
  }

  beforeAll(async () => {
    const port = await freePort();
    h = await Harness.start({
      clock,
      env: { PUBLIC_BASE_URL: `http://127.0.0.1:${port}`, DIGEST_AT: 'off', WORKERS_ENABLED: 'false' },
    });
    base = await h.listen(port);
    browser = await launchBrowser();
    const olive = await h
      .as('admin')
      .post('/users')
      .send({ email: 'olive@test.invalid', name: 'Olive Other', role: 'pa', password: PASSWORD, area: null });
    await person('mia', { firstName: 'Mia', lastName: 'Hart', dateOfBirth: '2009-03-12', legalStatus: 'relevant' });
    await person('hartley', {
      firstName: 'Mia',
      lastName: 'Hartley',
      dateOfBirth: '2006-02-01',
      legalStatus: 'former_relevant',
    });
    await person('other', {
      firstName: 'Mia',
      lastName: 'Hart-Other',
      dateOfBirth: '2008-09-09',
      legalStatus: 'former_relevant',
      paUserId: olive.body.id,
    });
    expect((await h.as('admin').post('/stays').send({ youngPersonId: ids.mia, accommodationCode: 'W' })).status).toBe(
      201,
    );
    const nineWeeksAgo = new Date(FRIDAY_5PM.getTime() - 63 * 86_400_000).toISOString();
    const contact = await h
      .as('pa')
      .post(`/young-people/${ids.mia}/contacts`)
      .send({ contactedAt: nineWeeksAgo, method: 'phone', inTouch: 'YES' });
    expect(contact.status).toBe(201);
    pa = await Person.open(browser, base);
  });
  afterAll(async () => {
    await pa?.close();
    await browser?.close();
    await h?.stop();
  });

  inBrowser(
    'the PA signs in at 5 pm on a Friday, sees Mia is due a contact, and finds her by name',
    people,
    async () => {
      await pa.visit('/');
      await pa.signIn(h.users.pa.email, PASSWORD);
      const page = pa.page;
      expect(new URL(page.url()).pathname).toBe('/');
      const home = await pa.mainText();
      expect(home).toContain('2 young people are due a contact.'); // Mia Hartley has none recorded
      const first = (await page.locator('table.app-caseload tbody tr').first().innerText()).replace(/\s+/g, ' ');
      expect(first).toContain('Mia Hart');
      expect(first).toContain('Contact due');
      expect(first).toContain('Last contact 25 September 2026');

      await page.getByRole('link', { name: 'Young people' }).click();
      await page.waitForLoadState('load');
      await pa.check();
      expect(await page.getByRole('link', { name: 'Young people' }).getAttribute('aria-current')).toBe('true');

      await page.getByLabel('Name, reference or date of birth').fill('mia hart');
      await pa.submit('Search');
      expect(new URL(page.url()).search).toBe('?q=mia+hart');
      const rows = page.locator('table tbody tr');
      expect(await rows.count()).toBe(2); // Mia Hart and Mia Hartley; not Olive's Mia Hart-Other
      const mia = rows.filter({ has: page.getByRole('link', { name: 'Mia Hart', exact: true }) });
      const row = (await mia.first().innerText()).replace(/\s+/g, ' ');
      expect(row).toContain('12 March 2009');
      expect(row).toContain('17');
      expect(row).toContain('Unsuitable');
      expect(await pa.mainText()).not.toContain('Hart-Other');
      const link = page.getByRole('link', { name: 'Mia Hart', exact: true });
      expect(await link.getAttribute('href')).toBe(`/young-people/${ids.mia}`);

      await page.getByLabel('Name, reference or date of birth').fill('12/03/2009');
      await pa.submit('Search');
      expect(await page.locator('table tbody tr').count()).toBe(1);

      await page.getByLabel('Name, reference or date of birth').fill('nobody at all');
      await pa.submit('Search');
      expect(await pa.mainText()).toContain('No young people match your search');
    },
  );

  inBrowser('the add form, its errors, the duplicate warning and the notifications page pass axe', people, async () => {
    await pa.visit('/young-people/new');
    await pa.submit('Save young person');
    expect(await pa.mainText()).toContain('There is a problem');
    expect(await pa.mainText()).toContain('Enter their first name');
    const page = pa.page;
    await page.getByLabel('First name').fill('Mia');
    await page.getByLabel('Last name').fill('Hart');
    await page.getByLabel('Day').fill('12');
    await page.getByLabel('Month').fill('3');
    await page.getByLabel('Year').fill('2009');
    await page.getByLabel('Female').check();
    await page.getByLabel('Relevant (16–17, left care)').check();
    await page.getByLabel('No', { exact: true }).check();
    await pa.submit('Save young person');
    expect(await pa.mainText()).toContain('A young person with this name and date of birth may already be recorded');
    expect(await page.getByRole('link', { name: /Mia Hart, born 12 March 2009/ }).getAttribute('href')).toBe(
      `/young-people/${ids.mia}`,
    );
    await page.getByLabel('This is a different person').check();
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Save young person' }).click(),
    ]);
    expect(response.status()).toBe(303);
    expect(response.headers().location).toMatch(/^\/young-people\/[0-9a-f-]{36}$/);
    await pa.visit('/notifications');
    expect(await pa.mainText()).toContain('You have no notifications.');
  });
});
