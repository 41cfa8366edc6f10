import type { Browser } from 'playwright-core';
import { ManualClock } from '../../src/platform/clock';
import { inBrowser, launchBrowser, Person } from '../support/browser';
import { makePerson } from '../support/fixtures';
import { Harness, PASSWORD } from '../support/harness';

/**
 * A PA's journey in a real browser: from the home page they open Sam Jones, 17 (17th birthday on
 * 16 November 2026), record tonight's hotel, then a contact, and see what the next SSDA903 return
 * says change. It is Monday 30 November 2026, 18:00 (a ManualClock). axe (WCAG 2.2 AA), one h1
 * and a title are checked on every page visited.
 */
const clock = new ManualClock(new Date('2026-11-30T18:00:00Z'));

describe('a PA’s journey in a browser', () => {
  let h: Harness;
  let browser: Browser;
  let base: string;
  let pa: Person;
  let sam: { id: string; reference: string };

  beforeAll(async () => {
    h = await Harness.start({ clock, env: { NOTIFY_ATTEMPTS: '1', DIGEST_AT: 'off', RECONCILE_EVERY: 'PT1H' } });
    base = await h.listen();
    browser = await launchBrowser();
    sam = await makePerson(h, {
      firstName: 'Sam',
      lastName: 'Jones',
      dateOfBirth: '2009-11-16',
      legalStatus: 'relevant',
    });
    pa = await Person.open(browser, base);
  });
  afterAll(async () => {
    await pa?.close();
    await browser?.close();
    await h?.stop();
  });

  inBrowser(
    'a PA opens their 17-year-old from the home page, records a hotel tonight and a contact, and sees the next return change',
    () => [pa],
    async () => {
      await pa.visit('/');
      await pa.signIn(h.users.pa.email, PASSWORD);
      const page = pa.page;
      await Promise.all([
        page.waitForURL((u) => u.pathname === `/young-people/${sam.id}`),
        page.getByRole('link', { name: 'Sam Jones' }).click(),
      ]);
      await pa.check();
      expect(await page.locator('h1').innerText()).toBe(`Sam Jones (${sam.reference})`);
      expect(await pa.mainText()).toContain('No row yet.');

      // Tonight's hotel: the date and time default to now.
      await Promise.all([
        page.waitForURL((u) => u.pathname.endsWith('/stays/new')),
        page.getByRole('link', { name: 'Record where they are staying' }).click(),
      ]);
      await pa.check();
      expect(await page.getByLabel('Day').inputValue()).toBe('30');
      expect(await page.getByLabel('Time they started staying there').inputValue()).toBe('18:00');
      await page.getByLabel('Bed and breakfast / hotel (W)').check();
      await page.getByLabel('Description (optional)').fill('Premier Inn, Crewe');
      await pa.submit('Record stay');
      expect(new URL(page.url()).pathname).toBe(`/young-people/${sam.id}`);
      let text = await pa.mainText();
      expect(text).toContain('Stay recorded');
      expect(text).toContain('Bed and breakfast / hotel (W2) Unsuitable Emergency');
      expect(text).toContain('Unsuitable accommodation');
      expect(text).toContain('Who was told');

      // A contact: in touch, in full-time education.
      await Promise.all([
        page.waitForURL((u) => u.pathname.endsWith('/contacts/new')),
        page.getByRole('link', { name: 'Record a contact' }).click(),
      ]);
      await pa.check();
      await page.getByLabel('In person').check();
      await page.getByLabel('In touch (YES)').check();
      await page.getByLabel('What they are doing (optional)').selectOption('F2');
      await pa.submit('Record contact');
      expect(new URL(page.url()).pathname).toBe(`/young-people/${sam.id}`);
      text = await pa.mainText();
      expect(text).toContain('Contact recorded The next SSDA903 return changed. Their row: YES, F2, W2.');
      expect(text).toContain('Accommodation (ACCOM) W2: Bed and breakfast / hotel, unsuitable');
    },
  );
});
