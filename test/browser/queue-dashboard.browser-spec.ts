import type { Browser } from 'playwright-core';
import { inBrowser, launchBrowser, Person } from '../support/browser';
import { Harness, PASSWORD } from '../support/harness';

describe('the queue dashboard in a browser', () => {
  let h: Harness;
  let browser: Browser;
  let admin: Person;

  beforeAll(async () => {
    h = await Harness.start({ env: { WORKERS_ENABLED: 'false' } });
    browser = await launchBrowser();
    admin = await Person.open(browser, await h.listen());
  });
  afterAll(async () => {
    await admin?.close();
    await browser?.close();
    await h.stop();
  });

  inBrowser(
    'an admin signs in, follows Queues and sees both queues (Bull Board runs under the CSP)',
    () => [admin],
    async () => {
      await admin.visit('/');
      await admin.signIn(h.users.admin.email, PASSWORD);
      await admin.page.getByRole('link', { name: 'Queues' }).click();
      await admin.page.waitForURL((u) => u.pathname.startsWith('/admin/queues'));
      // Bull Board is a third-party page: it is not held to the service's own page checks, but it must run.
      await admin.page.getByText('notifications', { exact: false }).first().waitFor({ timeout: 15_000 });
      expect(await admin.page.getByText('timers', { exact: false }).count()).toBeGreaterThan(0);
      expect(admin.problems.filter((p) => /Content Security Policy|script error/.test(p))).toEqual([]);
    },
  );
});
