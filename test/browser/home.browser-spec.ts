import type { Browser } from 'playwright-core';
import { ManualClock } from '../../src/platform/clock';
import { TimerRegistry } from '../../src/platform/queue/timer-registry';
import { inBrowser, launchBrowser, Person } from '../support/browser';
import { makePerson, makeRequest } from '../support/fixtures';
import { Harness, PASSWORD } from '../support/harness';

/**
 * Each role's home page in a real browser, with data on it: axe (WCAG 2.2 AA), one h1 and a title
 * on every page; the filters by keyboard alone. Monday 30 November 2026, then Wednesday 2 December.
 */
describe('home pages in a browser', () => {
  const clock = new ManualClock(new Date('2026-11-30T10:00:00Z'));
  let h: Harness;
  let browser: Browser;
  let base: string;
  let person: Person;
  const sweep = () => h.app.get(TimerRegistry).sweep();

  async function inHotel(over: Record<string, unknown>) {
    const p = await makePerson(h, { paUserId: h.users.pa.id, ...over }, 'admin');
    const stay = await h.as('admin').post('/stays').send({ youngPersonId: p.id, accommodationCode: 'W' });
    if (stay.status !== 201) throw new Error(`stay: ${stay.status} ${JSON.stringify(stay.body)}`);
    return { ...p, stayId: stay.body.id as string };
  }
  const step = async (stayId: string, role: string) =>
    (
      (await h.as('admin').get(`/escalations?stayId=${stayId}&limit=500`)).body.items as { id: string; role: string }[]
    ).find((s) => s.role === role)!;

  beforeAll(async () => {
    h = await Harness.start({ clock, env: { WORKERS_ENABLED: 'false', DIGEST_AT: 'off' } });
    base = await h.listen();
    browser = await launchBrowser();
    const kit = await inHotel({
      firstName: 'Kit',
      lastName: 'Young',
      dateOfBirth: '2009-05-01',
      legalStatus: 'relevant',
      homeArea: 'Crewe',
    });
    await makeRequest(h, kit.id, { urgency: 'emergency', neededBy: '2026-12-04' });
    const ada = await inHotel({ firstName: 'Ada', lastName: 'Adult', dateOfBirth: '2006-01-10', homeArea: 'Nantwich' });
    await sweep();
    await h
      .as('director')
      .post(`/escalations/${(await step(kit.stayId, 'director')).id}/acknowledge`)
      .send({ actionPlan: 'Supported lodgings with a host family from Wednesday', reviewBy: '2026-12-01' });
    clock.set(new Date('2026-12-02T12:00:00Z'));
    await inHotel({ firstName: 'Zoe', lastName: 'Zed', dateOfBirth: '2004-02-02', homeArea: 'Sandbach' });
    await sweep();
    await h
      .as('head_of_service')
      .post(`/escalations/${(await step(ada.stayId, 'head_of_service')).id}/acknowledge`)
      .send({ actionPlan: 'Bed at the foyer on Friday', reviewBy: '2026-12-03' });
    // A step that reached nobody, for the administrator's page (and the tag on the list).
    await h.db.query(`update escalation set unrouted = true, recipients = '[]' where id = $1`, [
      (await step(ada.stayId, 'team_manager')).id,
    ]);
  });
  beforeEach(async () => {
    person = await Person.open(browser, base);
  });
  afterEach(() => person.close());
  afterAll(async () => {
    await browser?.close();
    await h?.stop();
  });

  async function signIn(email: string): Promise<void> {
    await person.visit('/sign-in');
    await person.signIn(email, PASSWORD);
  }

  inBrowser(
    'each role’s home page passes axe with data on it',
    () => [person],
    async () => {
      const pages: [string, string, string][] = [
        [h.users.director.email, '/', 'Young people whose alerts reach you'],
        [h.users.director.email, '/?show=everyone', 'Everyone in unsuitable or emergency accommodation'],
        [h.users.director.email, '/?show=everyone&area=Atlantis', 'Choose an area from the list'],
        [h.users.team_manager.email, '/', 'Your open alerts'],
        [h.users.pa.email, '/', 'Your caseload'],
        [h.users.housing_officer.email, '/', 'Everyone in unsuitable or emergency accommodation'],
        [h.users.admin.email, '/', 'Steps that reached nobody'],
      ];
      let signedInAs = '';
      for (const [email, path, expected] of pages) {
        if (email !== signedInAs) {
          await person.close();
          person = await Person.open(browser, base);
          await signIn(email);
          signedInAs = email;
        }
        await person.visit(path);
        expect(await person.mainText()).toContain(expected);
      }
    },
    120_000,
  );

  inBrowser(
    'a manager filters the list with the keyboard alone',
    () => [person],
    async () => {
      await signIn(h.users.director.email);
      await person.visit('/');
      expect(await person.page.locator('tbody tr').count()).toBe(1);
      const keys = person.page.keyboard;
      await person.page.getByLabel('Alerts that reach you').focus();
      await keys.press('ArrowDown'); // the radio group: "Everyone"
      await keys.press('Tab'); // the area
      await keys.type('Nantwich');
      await keys.press('Tab'); // "Statutory breaches"
      await keys.press('Space');
      await keys.press('Tab'); // "Not acknowledged"
      await keys.press('Tab'); // "Apply filters"
      await Promise.all([
        person.page.waitForURL((u) => u.searchParams.get('area') === 'Nantwich'),
        keys.press('Enter'),
      ]);
      await person.check();
      const url = new URL(person.page.url());
      expect(Object.fromEntries(url.searchParams)).toEqual({ show: 'everyone', area: 'Nantwich', breach: 'true' });
      expect(await person.page.locator('tbody tr').count()).toBe(1);
      expect(await person.mainText()).toContain('Ada Adult');
      expect(await person.page.getByRole('radio', { name: 'Everyone' }).isChecked()).toBe(true);
      expect(await person.page.getByRole('checkbox', { name: 'Statutory breaches' }).isChecked()).toBe(true);
      // Clearing the filters keeps "Everyone".
      await person.page.getByRole('link', { name: 'Clear filters' }).focus();
      await Promise.all([person.page.waitForURL((u) => !u.searchParams.has('area')), keys.press('Enter')]);
      await person.check();
      expect(await person.page.locator('tbody tr').count()).toBe(3);
    },
  );

  inBrowser(
    'on a narrow screen the table scrolls inside a region the keyboard can reach',
    () => [person],
    async () => {
      await person.page.setViewportSize({ width: 390, height: 844 });
      await signIn(h.users.director.email);
      await person.visit('/?show=everyone');
      const scroll = (what: string) =>
        person.page.evaluate<number>(
          `(() => { const el = document.querySelector('.app-table-scroll'); return ${what}; })()`,
        );
      expect(await scroll('el.scrollWidth - el.clientWidth')).toBeGreaterThan(0);
      await person.page.getByRole('region', { name: 'Everyone in unsuitable or emergency accommodation' }).focus();
      await person.page.keyboard.press('ArrowRight');
      // Chromium runs without smooth scrolling (see launchBrowser): the key moves the region by the next frame.
      expect(
        await person.page.evaluate<number>(
          `new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(document.querySelector('.app-table-scroll').scrollLeft))))`,
        ),
      ).toBeGreaterThan(0);
    },
  );
});
