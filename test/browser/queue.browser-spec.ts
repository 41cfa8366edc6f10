import type { Browser } from 'playwright-core';
import { ManualClock } from '../../src/platform/clock';
import { freePort, inBrowser, launchBrowser, Person } from '../support/browser';
import { makePerson, until } from '../support/fixtures';
import { Harness, PASSWORD } from '../support/harness';
import { TestSmtpServer } from '../support/smtp';

/**
 * The placement request queue in a real browser. A planned request and an adult's emergency
 * already wait; then a PA raises an emergency request through the API for a 17-year-old in a
 * hotel. The housing officer's e-mail (caught by the in-process SMTP server) links to the queue;
 * they follow it, sign in, and find that request at the top, and it is in their inbox. axe (WCAG
 * 2.2 AA), one h1 and a title are checked on every page visited.
 */
const clock = new ManualClock(new Date('2026-11-30T10:00:00Z'));

describe('the queue page in a browser', () => {
  let h: Harness;
  let smtp: TestSmtpServer;
  let browser: Browser;
  let base: string;
  let officer: Person;
  const people = () => [officer].filter(Boolean);
  let kit: { id: string; reference: string };

  beforeAll(async () => {
    const port = await freePort();
    smtp = await TestSmtpServer.start();
    h = await Harness.start({
      clock,
      env: {
        PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
        SMTP_URL: smtp.url,
        NOTIFY_ATTEMPTS: '1',
        DIGEST_AT: 'off',
        RECONCILE_EVERY: 'PT1H',
      },
    });
    base = await h.listen(port);
    browser = await launchBrowser();
    const planned = await makePerson(h, { firstName: 'Dee', lastName: 'Planned', dateOfBirth: '2006-01-10' });
    const adult = await makePerson(h, { firstName: 'Ada', lastName: 'Adult', dateOfBirth: '2005-01-10' });
    const p1 = await h
      .as('pa')
      .post('/placement-requests')
      .send({ youngPersonId: planned.id, urgency: 'planned', neededBy: '2026-12-03' });
    const p2 = await h
      .as('pa')
      .post('/placement-requests')
      .send({ youngPersonId: adult.id, urgency: 'emergency', neededBy: '2026-11-30' });
    expect([p1.status, p2.status]).toEqual([201, 201]);
    officer = await Person.open(browser, base);
  });
  afterAll(async () => {
    await officer?.close();
    await browser?.close();
    await h?.stop();
    await smtp?.stop();
  });

  inBrowser(
    'an emergency request made through the API is at the top of the queue page the e-mail links to, and in the inbox',
    people,
    async () => {
      kit = await makePerson(h, {
        firstName: 'Kit',
        lastName: 'Urgent',
        dateOfBirth: '2009-06-15',
        legalStatus: 'relevant',
      });
      const hotel = await h.as('pa').post('/stays').send({ youngPersonId: kit.id, accommodationCode: 'W' });
      expect(hotel.status).toBe(201);
      clock.advance(2 * 3600_000);
      const raised = await h
        .as('pa')
        .post('/placement-requests')
        .send({ youngPersonId: kit.id, urgency: 'emergency', neededBy: '2026-11-30' });
      expect(raised.status).toBe(201);

      const mails = await until(
        'the housing officer’s e-mail',
        async () => smtp.to(h.users.housing_officer.email).filter((m) => m.subject.includes(kit.reference)),
        (m) => m.length > 0,
      );
      expect(mails[0].subject).toBe(`Emergency placement request: ${kit.reference} K.U.`);
      const link = /http:\/\/127\.0\.0\.1:\d+\/placement-requests\/queue/.exec(mails[0].text)![0];
      expect(link).toBe(`${base}/placement-requests/queue`);

      await officer.visit(link);
      expect(new URL(officer.page.url()).pathname).toBe('/sign-in');
      await officer.signIn(h.users.housing_officer.email, PASSWORD);
      expect(new URL(officer.page.url()).pathname).toBe('/placement-requests/queue');
      const page = officer.page;
      expect(await page.locator('h1').innerText()).toBe('Placement requests');
      const rows = page.locator('table tbody tr');
      expect(await rows.count()).toBe(3);
      const top = (await rows.first().innerText()).replace(/\s+/g, ' ');
      expect(top).toContain('Kit Urgent');
      expect(top).toContain('Under 18, unsuitable accommodation');
      expect(top).toContain('Under 18 in unsuitable accommodation: bed and breakfast / hotel for 2 hours');
      expect((await rows.nth(1).innerText()).replace(/\s+/g, ' ')).toContain('Ada Adult');
      expect((await rows.nth(2).innerText()).replace(/\s+/g, ' ')).toContain('Dee Planned');
      expect(await page.getByRole('link', { name: 'Requests' }).getAttribute('aria-current')).toBe('true');

      const inbox = (await h.as('housing_officer').get('/me/notifications')).body.items as {
        kind: string;
        youngPersonId: string;
        link: string;
      }[];
      expect(inbox).toContainEqual(
        expect.objectContaining({ kind: 'placement_request_emergency', youngPersonId: kit.id, link }),
      );
    },
  );

  inBrowser('the housing officer filters the queue to planned requests and back', people, async () => {
    const page = officer.page;
    await page.getByLabel('Urgency').selectOption('planned');
    await officer.submit('Apply filters');
    expect(new URL(page.url()).search).toBe('?area=&urgency=planned');
    expect(await page.locator('table tbody tr').count()).toBe(1);
    await page.getByRole('link', { name: 'Clear filters' }).click();
    await page.waitForLoadState('load');
    await officer.check();
    expect(await page.locator('table tbody tr').count()).toBe(3);
  });

  inBrowser('an address with a parameter the page does not know shows the error summary', people, async () => {
    await officer.visit('/placement-requests/queue?sort=name');
    expect(await officer.page.locator('.govuk-error-summary').innerText()).toContain(
      'The address has a parameter this page does not know: sort',
    );
  });
});
