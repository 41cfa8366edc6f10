import type { Browser } from 'playwright-core';
import { EscalationSweep } from '../../src/features/escalations/escalation-sweep';
import { ManualClock } from '../../src/platform/clock';
import { freePort, inBrowser, launchBrowser, Person } from '../support/browser';
import { makeBed, makeLevel, makeProvider } from '../support/fixtures';
import { Harness, PASSWORD } from '../support/harness';

/**
 * The PA's Friday: at 5 pm on Friday 27 November 2026 (London, GMT; a ManualClock) Pat finds
 * Mia Hart, 17, by name, opens her page, makes an emergency placement request and reads that no
 * bed fits tonight (the county's only bed is for 18 and over), records tonight's hotel, and once
 * the first escalation step has fired (the test runs the sweep: workers are off) sees who was
 * told. axe (WCAG 2.2 AA), one h1 and a title are checked on every page visited.
 */
const FRIDAY_5PM = new Date('2026-11-27T17:00:00Z');
const clock = new ManualClock(FRIDAY_5PM);

describe('a PA’s Friday evening in a browser', () => {
  let h: Harness;
  let browser: Browser;
  let base: string;
  let pa: Person;
  let mia: { id: string; reference: string };
  const people = () => [pa].filter(Boolean);

  beforeAll(async () => {
    const port = await freePort();
    h = await Harness.start({
      clock,
      env: { PUBLIC_BASE_URL: `http://127.0.0.1:${port}`, DIGEST_AT: 'off', WORKERS_ENABLED: 'false' },
    });
    base = await h.listen(port);
    browser = await launchBrowser();
    // The county's only bed is for 18 and over: nothing fits a 17-year-old tonight.
    const level = await makeLevel(h, { minAge: 18 });
    const provider = await makeProvider(h, { name: 'Oak House', area: 'Crewe' });
    await makeBed(h, provider.id, level.id, { minAge: 18, label: 'Room 1' });
    const res = await h.as('admin').post('/young-people').send({
      firstName: 'Mia',
      lastName: 'Hart',
      dateOfBirth: '2009-03-12',
      gender: 'female',
      legalStatus: 'relevant',
      homeArea: 'Crewe',
      paUserId: h.users.pa.id,
    });
    expect(res.status).toBe(201);
    mia = res.body;
    pa = await Person.open(browser, base);
  });
  afterAll(async () => {
    await pa?.close();
    await browser?.close();
    await h?.stop();
  });

  inBrowser(
    'at 5 pm on a Friday the PA finds Mia, asks for a bed, reads that none fits tonight, records a hotel and sees who was told',
    people,
    async () => {
      await pa.visit('/');
      await pa.signIn(h.users.pa.email, PASSWORD);
      const page = pa.page;

      // Find her by name.
      await page.getByRole('link', { name: 'Young people' }).click();
      await page.waitForLoadState('load');
      await pa.check();
      await page.getByLabel('Name, reference or date of birth').fill('mia hart');
      await pa.submit('Search');
      await Promise.all([
        page.waitForURL((u) => u.pathname === `/young-people/${mia.id}`),
        page.getByRole('link', { name: 'Mia Hart', exact: true }).click(),
      ]);
      await pa.check();
      expect(await page.locator('h1').innerText()).toBe(`Mia Hart (${mia.reference})`);
      expect(await pa.mainText()).toContain('(age 17)');

      // An emergency placement request, needed tonight (the date defaults to today).
      await Promise.all([
        page.waitForURL((u) => u.pathname.endsWith('/placement-requests/new')),
        page.getByRole('link', { name: 'Make a placement request' }).click(),
      ]);
      await pa.check();
      expect(await page.getByLabel('Day').inputValue()).toBe('27');
      await page.getByLabel('Emergency').check();
      await pa.submit('Make request');
      expect(new URL(page.url()).pathname).toBe(`/young-people/${mia.id}`);
      let text = await pa.mainText();
      expect(text).toContain('Placement request made');
      expect(text).toContain('Emergency request, needed by 27 November 2026');
      expect(text).toContain(
        'No bed fits tonight: a housing officer has been told, and the request is on the placement queue.',
      );
      expect(text).not.toContain('Oak House');
      expect(await page.locator('table').filter({ hasText: 'Best matches today' }).count()).toBe(0);

      // Tonight's hotel.
      await Promise.all([
        page.waitForURL((u) => u.pathname.endsWith('/stays/new')),
        page.getByRole('link', { name: 'Record where they are staying' }).click(),
      ]);
      await pa.check();
      expect(await page.getByLabel('Time they started staying there').inputValue()).toBe('17:00');
      await page.getByLabel('Bed and breakfast / hotel (W)').check();
      await page.getByLabel('Description (optional)').fill('Premier Inn, Crewe');
      await pa.submit('Record stay');
      expect(new URL(page.url()).pathname).toBe(`/young-people/${mia.id}`);
      text = await pa.mainText();
      expect(text).toContain('Stay recorded');
      expect(text).toContain('Bed and breakfast / hotel (W2) Unsuitable Emergency');

      // The first step falls due at once; with the workers off, the test runs the sweep the
      // worker would, then the PA reloads and reads who was told.
      await h.app.get(EscalationSweep).sweep();
      await page.reload();
      await pa.check();
      text = await pa.mainText();
      expect(text).toMatch(
        /Who was told Step 1: Team manager: Told Fri 27 Nov 2026, 17:00: Test team_manager \(Team manager\)/,
      );
    },
  );

  inBrowser('the change details and past stay forms, with their errors, pass axe', people, async () => {
    const page = pa.page;
    await pa.visit(`/young-people/${mia.id}`);
    await Promise.all([
      page.waitForURL((u) => u.pathname.endsWith('/edit')),
      page.getByRole('link', { name: 'Change areas to avoid' }).click(),
    ]);
    await pa.check();
    await page.getByLabel('Day').fill('31');
    await page.getByLabel('Month').fill('2');
    await pa.submit('Save changes');
    expect(await pa.mainText()).toContain('There is a problem');
    await page.getByLabel('Day').fill('12');
    await page.getByLabel('Month').fill('3');
    await page.getByLabel('Has a pet').check();
    await pa.submit('Save changes');
    expect(new URL(page.url()).pathname).toBe(`/young-people/${mia.id}`);
    expect(await pa.mainText()).toContain('Details saved');
    expect(await pa.mainText()).toContain('Has a pet');

    await Promise.all([
      page.waitForURL((u) => u.pathname.endsWith('/stays/past')),
      page.getByRole('link', { name: 'Add a past stay to their history' }).click(),
    ]);
    await pa.check();
    await pa.submit('Add past stay');
    expect(await pa.mainText()).toContain('Enter why it is being added now');
  });
});
