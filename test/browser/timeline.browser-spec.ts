import type { Browser } from 'playwright-core';
import { EscalationSweep } from '../../src/features/escalations/escalation-sweep';
import { ManualClock } from '../../src/platform/clock';
import { inBrowser, launchBrowser, Person } from '../support/browser';
import { makePerson } from '../support/fixtures';
import { Harness, PASSWORD } from '../support/harness';

/**
 * A young person's timeline in a real browser: a director preparing for an Ofsted monitoring visit
 * opens it from the alert page, sees the entries with people's names, and prints it (the print
 * stylesheet leaves out the header, navigation and buttons; the "Print this page" button exists
 * only with JavaScript); a PA opening another PA's young person gets the 404 page. Alex Taylor,
 * 21, went into a hotel a week earlier (a ManualClock and a sweep). axe (WCAG 2.2 AA), one h1 and
 * a title are checked on every page visited.
 */
const clock = new ManualClock(new Date('2026-11-30T10:00:00Z'));

describe('the timeline page in a browser', () => {
  let h: Harness;
  let browser: Browser;
  let base: string;
  let director: Person;
  let stranger: Person;
  const people = () => [director, stranger].filter(Boolean);
  let alex: { id: string; reference: string };
  let alertId: string;

  beforeAll(async () => {
    h = await Harness.start({ clock, env: { NOTIFY_ATTEMPTS: '1', DIGEST_AT: 'off', RECONCILE_EVERY: 'PT1H' } });
    base = await h.listen();
    browser = await launchBrowser();
    alex = await makePerson(h, { firstName: 'Alex', lastName: 'Taylor', dateOfBirth: '2005-03-01' });
    const stay = await h
      .as('pa')
      .post('/stays')
      .send({ youngPersonId: alex.id, accommodationCode: 'W', description: 'Travelodge Crewe' });
    if (stay.status !== 201) throw new Error(`stay: ${stay.status}`);
    clock.set('2026-12-07T11:00:00Z'); // a week later: every step up to the director's has fired
    await h.app.get(EscalationSweep).sweep();
    const steps = (await h.as('admin').get(`/escalations?stayId=${stay.body.id}&limit=100`)).body.items as {
      id: string;
      role: string;
      status: string;
    }[];
    alertId = steps.find((s) => s.role === 'director' && s.status === 'open')!.id;
    const other = await h
      .as('admin')
      .post('/users')
      .send({ email: 'another.pa@test.invalid', name: 'Another PA', role: 'pa', password: PASSWORD });
    if (other.status !== 201) throw new Error(`user: ${other.status}`);
    director = await Person.open(browser, base);
    stranger = await Person.open(browser, base);
  });
  afterAll(async () => {
    await director?.close();
    await stranger?.close();
    await browser?.close();
    await h?.stop();
  });

  inBrowser(
    'a director opens a young person’s timeline from the alert page and sees every entry with names, oldest first',
    people,
    async () => {
      await director.visit(`/escalations/${alertId}`);
      await director.signIn(h.users.director.email, PASSWORD);
      const page = director.page;
      expect(new URL(page.url()).pathname).toBe(`/escalations/${alertId}`);
      await Promise.all([
        page.waitForURL((u) => u.pathname === `/young-people/${alex.id}/timeline`),
        page.getByRole('link', { name: 'See the young person’s full timeline' }).click(),
      ]);
      await director.check();
      expect(await page.locator('h1').innerText()).toBe(`Timeline for Alex Taylor (${alex.reference})`);
      const text = await director.mainText();
      expect(text).toContain('Personal adviser Test pa');
      expect(text).toContain('Stay started by Test pa (Personal adviser)');
      expect(text).toContain('Escalation step 5 fired to the director');
      expect(text.indexOf('Stay started')).toBeLessThan(text.indexOf('Escalation step 5 fired'));
      // With JavaScript, the print button is there.
      expect(await page.getByRole('button', { name: 'Print this page' }).isVisible()).toBe(true);
    },
  );

  inBrowser(
    'printed, the timeline leaves out the header, navigation, sign-out, buttons, links and their addresses',
    people,
    async () => {
      const page = director.page;
      await director.visit(`/young-people/${alex.id}/timeline`);
      expect(await page.locator('.govuk-service-navigation').isVisible()).toBe(true);
      await page.emulateMedia({ media: 'print' });
      try {
        for (const hidden of ['.govuk-header', '.govuk-service-navigation', '.govuk-back-link', '.govuk-footer'])
          expect(await page.locator(hidden).first().isVisible()).toBe(false);
        expect(await page.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(false);
        expect(await page.getByRole('button', { name: 'Print this page' }).isVisible()).toBe(false);
        // Links to other pages are left out, and no link has its address printed after it.
        expect(
          await page
            .getByRole('link', { name: /See this alert/ })
            .first()
            .isVisible(),
        ).toBe(false);
        const after = await page.evaluate<string>(
          "getComputedStyle(document.querySelector('main .govuk-link'), '::after').content",
        );
        expect(after).toBe('none');
        // The record itself prints.
        expect(await page.locator('h1').isVisible()).toBe(true);
        expect(await page.locator('.moj-timeline').isVisible()).toBe(true);
      } finally {
        await page.emulateMedia({ media: 'screen' });
      }
    },
  );

  inBrowser('without JavaScript there is no print button, because it could not work', people, async () => {
    const context = await browser.newContext({ baseURL: base, javaScriptEnabled: false });
    try {
      await context.addCookies(await director.context.cookies());
      const page = await context.newPage();
      await page.goto(`/young-people/${alex.id}/timeline`);
      expect(await page.locator('h1').innerText()).toBe(`Timeline for Alex Taylor (${alex.reference})`);
      expect(await page.locator('[data-app-print]').count()).toBe(1);
      expect(await page.getByRole('button', { name: 'Print this page' }).isVisible()).toBe(false);
    } finally {
      await context.close();
    }
  });

  inBrowser('a PA opening another PA’s young person gets the 404 page, which names nobody', people, async () => {
    await stranger.visit(`/young-people/${alex.id}/timeline`);
    await stranger.signIn('another.pa@test.invalid', PASSWORD);
    expect(new URL(stranger.page.url()).pathname).toBe(`/young-people/${alex.id}/timeline`);
    expect(await stranger.page.locator('h1').innerText()).toBe('Page not found');
    const text = await stranger.mainText();
    expect(text).not.toContain('Alex Taylor');
    expect(text).not.toContain(alex.reference);
  });
});
