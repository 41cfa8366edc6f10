import type { Browser } from 'playwright-core';
import { freePort, inBrowser, launchBrowser, Person } from '../support/browser';
import { makeBed, makeLevel, makeProvider } from '../support/fixtures';
import { Harness, PASSWORD } from '../support/harness';

/**
 * A housing officer opens the vacancy board from the service navigation, reads it, filters it by
 * area, then asks for a day that is not real and is told why. axe (WCAG 2.2 AA), one h1 and a title
 * are checked on every page visited.
 */
describe('the vacancy board in a browser', () => {
  let h: Harness;
  let browser: Browser;
  let base: string;
  let officer: Person;
  const people = () => [officer].filter(Boolean);

  beforeAll(async () => {
    const port = await freePort();
    h = await Harness.start({ env: { PUBLIC_BASE_URL: `http://127.0.0.1:${port}`, RECONCILE_EVERY: 'PT1H' } });
    base = await h.listen(port);
    browser = await launchBrowser();
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
    await makeBed(h, crewe.id, house.id);
    await makeBed(h, macc.id, house.id);
    await makeBed(h, macc.id, house.id, { uascSpecialist: true });
    await makeBed(h, inn.id, hotel.id, { minAge: 18 });
    officer = await Person.open(browser, base);
  });
  afterAll(async () => {
    await officer?.close();
    await browser?.close();
    await h?.stop();
  });

  inBrowser(
    'a housing officer opens the board, filters it by area, and is told about a date that is not real',
    people,
    async () => {
      await officer.visit('/');
      await officer.signIn(h.users.housing_officer.email, PASSWORD);
      const page = officer.page;
      await Promise.all([page.waitForLoadState('load'), page.getByRole('link', { name: 'Vacancies' }).click()]);
      await officer.check();
      expect(new URL(page.url()).pathname).toBe('/vacancies');
      expect(await page.locator('h1').innerText()).toBe('Vacancies');
      let text = await officer.mainText();
      expect(text).toContain('Placements on the pathway: 3 free');
      expect(text).toContain('Hotels and B&B: 1 free');
      expect(text).toMatch(/Silk Lodgings Stale/);

      await page.getByLabel('Area').selectOption('Macclesfield');
      await officer.submit('Apply filters');
      expect(new URL(page.url()).searchParams.get('area')).toBe('Macclesfield');
      text = await officer.mainText();
      expect(text).toContain('Placements on the pathway: 2 free');
      expect(text).toContain('Hotels and B&B: 0 free');
      expect(text).not.toContain('Crewe Foyer Trust');

      await page.getByLabel('Day').fill('30');
      await page.getByLabel('Month').fill('2');
      await page.getByLabel('Year').fill('2030');
      await officer.submit('Apply filters');
      expect(await page.title()).toMatch(/^Error: /);
      expect(await page.locator('.govuk-error-summary').innerText()).toContain('Free on date must be a real date');
      expect(await page.getByLabel('Area').inputValue()).toBe('Macclesfield');
    },
  );
});
