import type { Browser } from 'playwright-core';
import { freePort, inBrowser, launchBrowser, Person } from '../support/browser';
import { makeBed, makeLevel, makePerson, makeProvider, makeRequest } from '../support/fixtures';
import { Harness, PASSWORD } from '../support/harness';

/**
 * Two housing officers race for one bed on the match page: each in their own browser context,
 * both open the page for their own request, both press "Hold this bed" on the same bed at once.
 * Exactly one gets the bed (the banner); the other sees the error summary naming who holds it and
 * until when. axe (WCAG 2.2 AA), one h1 and a title are checked on every page visited.
 */
describe('two housing officers race for one bed on the match page', () => {
  let h: Harness;
  let browser: Browser;
  let base: string;
  let ana: Person;
  let ben: Person;
  const people = () => [ana, ben].filter(Boolean);
  const requests: string[] = [];
  let bedId: string;

  beforeAll(async () => {
    const port = await freePort();
    h = await Harness.start({ env: { PUBLIC_BASE_URL: `http://127.0.0.1:${port}` } });
    base = await h.listen(port);
    browser = await launchBrowser();
    for (const [email, name] of [
      ['ana.race@test.invalid', 'Ana Okafor'],
      ['ben.race@test.invalid', 'Ben Rowe'],
    ]) {
      const made = await h
        .as('admin')
        .post('/users')
        .send({ email, name, role: 'housing_officer', password: PASSWORD });
      expect(made.status).toBe(201);
    }
    const level = await makeLevel(h);
    const provider = await makeProvider(h, { name: 'Elm Court' });
    bedId = (await makeBed(h, provider.id, level.id, { label: 'Room 3' })).id;
    for (const firstName of ['Robin', 'Casey']) {
      const person = await makePerson(h, { firstName, lastName: 'Moss' });
      requests.push((await makeRequest(h, person.id, { serviceLevelIds: [level.id] })).id);
    }
    ana = await Person.open(browser, base);
    ben = await Person.open(browser, base);
  });
  afterAll(async () => {
    await ana?.close();
    await ben?.close();
    await browser?.close();
    await h?.stop();
  });

  inBrowser('exactly one holds the bed; the other is told who holds it and until when', people, async () => {
    const pairs: [Person, string, string][] = [
      [ana, 'ana.race@test.invalid', requests[0]],
      [ben, 'ben.race@test.invalid', requests[1]],
    ];
    for (const [who, email, requestId] of pairs) {
      await who.visit(`/placement-requests/${requestId}/matches`);
      await who.signIn(email, PASSWORD);
      expect(new URL(who.page.url()).pathname).toBe(`/placement-requests/${requestId}/matches`);
      expect(await who.mainText()).toContain('Room 3');
      expect(await who.mainText()).toContain('Vacancies never confirmed');
    }
    const press = async (who: Person) => {
      await Promise.all([
        who.page.waitForNavigation({ waitUntil: 'load' }),
        who.page.locator(`tr[data-bed-id="${bedId}"] button`, { hasText: 'Hold this bed' }).click(),
      ]);
      await who.check();
    };
    await Promise.all([press(ana), press(ben)]);

    const outcomes = await Promise.all(
      [ana, ben].map(async (who) => ({ who, url: new URL(who.page.url()), text: await who.mainText() })),
    );
    const won = outcomes.filter((o) => o.url.search === '?done=held');
    const lost = outcomes.filter((o) => o.url.search !== '?done=held');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(won[0].text).toContain('Bed held');
    const winner = won[0].who === ana ? 'Ana Okafor' : 'Ben Rowe';
    const summary = (await lost[0].who.page.locator('.govuk-error-summary').innerText()).replace(/\s+/g, ' ');
    expect(summary).toMatch(new RegExp(`There is a problem Held by ${winner} until \\d+ \\w{3} \\d{2}:\\d{2}`));
    expect(await h.count('hold', `bed_id = $1 and status = 'held'`, [bedId])).toBe(1);
  });
});
