import type { Browser } from 'playwright-core';
import { inBrowser, launchBrowser, Person } from '../support/browser';
import { Harness, PASSWORD } from '../support/harness';

describe('signing in and out in a browser', () => {
  let h: Harness;
  let browser: Browser;
  let base: string;
  let person: Person;

  beforeAll(async () => {
    h = await Harness.start();
    base = await h.listen();
    browser = await launchBrowser();
  });
  beforeEach(async () => {
    person = await Person.open(browser, base);
  });
  afterEach(() => person.close());
  afterAll(async () => {
    await browser?.close();
    await h.stop();
  });

  inBrowser(
    'a signed-out visitor is sent to sign in, sees the error summary take focus, signs in and out with the keyboard',
    () => [person],
    async () => {
      await person.visit('/');
      expect(new URL(person.page.url()).pathname).toBe('/sign-in');
      await person.submit('Sign in');
      // The error summary takes focus, and links to the field.
      const focused = await person.page.evaluate<string>("document.activeElement?.className ?? ''");
      expect(focused).toContain('govuk-error-summary');
      expect(await person.page.title()).toMatch(/^Error: Sign in/);
      // Keyboard only: tab to the fields, type, press Enter.
      await person.page.getByLabel('Email address').focus();
      await person.page.keyboard.type(h.users.director.email);
      await person.page.keyboard.press('Tab');
      await person.page.keyboard.type(PASSWORD);
      await Promise.all([person.page.waitForURL((u) => u.pathname === '/'), person.page.keyboard.press('Enter')]);
      await person.check();
      expect(await person.page.locator('header').innerText()).toContain('Test director');
      await person.submit('Sign out');
      expect(await person.mainText()).toContain('You have signed out');
      await person.visit('/');
      expect(new URL(person.page.url()).pathname).toBe('/sign-in');
    },
  );

  inBrowser(
    'an unknown page is the 404 page',
    () => [person],
    async () => {
      await person.visit('/sign-in');
      await person.signIn(h.users.team_manager.email, PASSWORD);
      const res = await person.page.goto('/nothing-here');
      expect(res?.status()).toBe(404);
      await person.check();
      expect(await person.mainText()).toContain('Page not found');
    },
  );
});
