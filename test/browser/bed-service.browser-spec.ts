import type { Browser } from 'playwright-core';
import { freePort, inBrowser, launchBrowser, Person } from '../support/browser';
import { dayFromToday, makeBed, makeLevel, makeProvider } from '../support/fixtures';
import { Harness, PASSWORD } from '../support/harness';

/**
 * A housing officer opens the beds from the service navigation, finds a bed by its provider, takes
 * it out of service (a past return date explained first), sees it in the bed's status history
 * under their name, and puts it back; then opens the providers, finds one, and confirms its
 * vacancies with a note. axe (WCAG 2.2 AA), one h1 and a title on every page visited.
 */
describe('a bed out of service and back in a browser', () => {
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
    const crewe = await makeProvider(h, { name: 'Crewe Foyer Trust', area: 'Crewe' });
    const macc = await makeProvider(h, { name: 'Silk Lodgings', area: 'Macclesfield' });
    await makeBed(h, crewe.id, house.id, { label: 'Room 1' });
    await makeBed(h, macc.id, house.id, { label: 'Attic' });
    officer = await Person.open(browser, base);
  });
  afterAll(async () => {
    await officer?.close();
    await browser?.close();
    await h?.stop();
  });

  const fillDate = async (iso: string) => {
    const [y, m, d] = iso.split('-');
    await officer.page.getByLabel('Day').fill(String(Number(d)));
    await officer.page.getByLabel('Month').fill(String(Number(m)));
    await officer.page.getByLabel('Year').fill(y);
  };

  inBrowser('a bed goes out of service and back', people, async () => {
    await officer.visit('/');
    await officer.signIn(h.users.housing_officer.email, PASSWORD);
    const page = officer.page;
    await Promise.all([page.waitForLoadState('load'), page.getByRole('link', { name: 'Beds', exact: true }).click()]);
    await officer.check();
    expect(new URL(page.url()).pathname).toBe('/beds');
    expect(await officer.mainText()).toContain('Showing 1 to 2 of 2 beds');

    await page.getByLabel('Provider').selectOption({ label: 'Silk Lodgings' });
    await officer.submit('Apply filters');
    const text = await officer.mainText();
    expect(text).toContain('Attic');
    expect(text).not.toContain('Room 1');

    await Promise.all([page.waitForLoadState('load'), page.getByRole('link', { name: 'Attic' }).click()]);
    await officer.check();
    expect(await page.locator('h1').innerText()).toBe('Attic');
    expect(await officer.mainText()).toContain('Status: Available');

    await page.getByLabel('Reason').fill('Boiler replaced');
    await fillDate(dayFromToday(-2));
    await officer.submit('Take out of service');
    expect(await page.title()).toMatch(/^Error: /);
    expect(await page.locator('.govuk-error-summary').innerText()).toContain(
      'Expected return date must be today or in the future',
    );
    expect(await page.getByLabel('Reason').inputValue()).toBe('Boiler replaced');

    await fillDate(dayFromToday(7));
    await officer.submit('Take out of service');
    let main = await officer.mainText();
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain('The bed is out of service');
    expect(main).toContain('Status: Out of service');
    expect(main).toMatch(/Taken out of service Available to out of service Test housing_officer Boiler replaced/);

    await officer.submit('Return to service');
    main = await officer.mainText();
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain('The bed is back in service');
    expect(main).toContain('Status: Available');
    expect(main).toMatch(/Returned to service Out of service to available Test housing_officer/);
  });

  inBrowser(
    "a housing officer confirms a provider's vacancies with a note, and it shows who and when",
    people,
    async () => {
      const page = officer.page;
      await officer.visit('/');
      if (new URL(page.url()).pathname === '/sign-in') await officer.signIn(h.users.housing_officer.email, PASSWORD);
      await Promise.all([
        page.waitForLoadState('load'),
        page.getByRole('link', { name: 'Providers', exact: true }).click(),
      ]);
      await officer.check();
      expect(new URL(page.url()).pathname).toBe('/providers');
      const list = await officer.mainText();
      expect(list).toContain('Crewe Foyer Trust');
      expect(list).toContain('Silk Lodgings');

      await Promise.all([page.waitForLoadState('load'), page.getByRole('link', { name: 'Silk Lodgings' }).click()]);
      await officer.check();
      expect(await page.locator('h1').innerText()).toContain('Silk Lodgings');
      await page.getByLabel('Note (optional)').fill('Phoned the manager: one room free');
      await officer.submit('Confirm vacancies are current');
      expect(await page.locator('.govuk-notification-banner').count()).toBe(1);
      const main = await officer.mainText();
      expect(main).toContain('Phoned the manager: one room free');
      expect(main).toContain('Test housing_officer');
    },
  );
});
