import { dayFromToday, makeBed, makeLevel, makeProvider } from '../../support/fixtures';
import { Harness, PASSWORD } from '../../support/harness';
import { textOf, WebClient } from '../../support/web-client';

/**
 * The providers and beds pages over HTTP: the lists with their filters in the address (an unknown
 * parameter refused as the API refuses it), a provider's page with its confirmations by name, a
 * housing officer confirming vacancies with a note (a PA sees no form, and a PA's post is the 403
 * page), a bed taken out of service (a past return date refused) and back, each in its history
 * with the officer's name.
 */
let h: Harness;
let crewe: { id: string };
let silk: { id: string };
let bedId: string;

async function signedIn(role: keyof Harness['users']): Promise<WebClient> {
  const web = new WebClient(h.app);
  const res = await web.signIn(h.users[role].email, PASSWORD);
  if (res.status !== 303) throw new Error(`sign-in: ${res.status}`);
  return web;
}

const dateFields = (iso: string) => {
  const [y, m, d] = iso.split('-');
  return { 'availableFrom-day': String(Number(d)), 'availableFrom-month': String(Number(m)), 'availableFrom-year': y };
};

beforeAll(async () => {
  h = await Harness.start();
  const house = await makeLevel(h, { code: 'SHARED', name: 'Shared house', rank: 3 });
  crewe = await makeProvider(h, { name: 'Crewe Foyer Trust', area: 'Crewe', email: 'beds@foyer.example' });
  silk = await makeProvider(h, { name: 'Silk Lodgings', area: 'Macclesfield', phone: '01625 000000' });
  await h.as('housing_officer').post(`/providers/${crewe.id}/vacancy-confirmations`).send({ note: 'Spoke to Jo' });
  bedId = (await makeBed(h, crewe.id, house.id, { label: 'Room 1' })).id;
  await makeBed(h, crewe.id, house.id, { label: 'Room 2' });
  await makeBed(h, silk.id, house.id, { label: 'Attic' });
});
afterAll(async () => {
  await h?.stop();
});

describe('the providers pages', () => {
  it('lists providers with their beds and last confirmation, stale ones tagged, filtered by area and staleness', async () => {
    const web = await signedIn('housing_officer');
    const all = await web.get('/providers');
    expect(all.status).toBe(200);
    const text = textOf(all.text);
    expect(text).toMatch(/Crewe Foyer Trust Crewe 2 \w{3} \d+ \w{3} \d{4}, \d\d:\d\d/);
    expect(text).toContain('Silk Lodgings Macclesfield 1 Never confirmed Stale');
    expect(all.text).toMatch(/govuk-service-navigation__item--active">\s*<a[^>]+href="\/providers"/);
    expect(all.text.match(/<h1/g)).toHaveLength(1);
    const stale = textOf((await web.get('/providers?stale=true')).text);
    expect(stale).toContain('Silk Lodgings');
    expect(stale).not.toContain('Crewe Foyer Trust');
    const area = textOf((await web.get('/providers?area=Crewe&stale=')).text);
    expect(area).toContain('Crewe Foyer Trust');
    expect(area).not.toContain('Silk Lodgings');
  });

  it('refuses a parameter it does not know, and a stale value that is not one, as the API does', async () => {
    const web = await signedIn('housing_officer');
    const unknown = await web.get('/providers?colour=red');
    expect(unknown.status).toBe(400);
    expect(textOf(unknown.text)).toContain('There is a problem');
    expect(textOf(unknown.text)).toContain('This page has no filter called "colour"');
    expect(textOf(unknown.text)).not.toContain('Crewe Foyer Trust Crewe');
    expect((await h.as('housing_officer').get('/providers?colour=red')).status).toBe(400);
    const bad = await web.get('/providers?stale=maybe');
    expect(bad.status).toBe(400);
    expect(textOf(bad.text)).toContain('Choose whether to show stale providers from the list');
  });

  it("shows a provider's contacts, Ofsted details, beds and confirmations with who recorded them by name", async () => {
    const web = await signedIn('team_manager');
    const res = await web.get(`/providers/${crewe.id}`);
    expect(res.status).toBe(200);
    const text = textOf(res.text);
    expect(text).toContain('Email beds@foyer.example');
    expect(text).toContain('Ofsted URN SC123456');
    expect(text).toContain('Ofsted category Shared housing');
    expect(text).toMatch(/Room 1 Shared house Available/);
    expect(text).toMatch(/Vacancy confirmations .* Test housing_officer Spoke to Jo/);
    expect(res.text).toContain(`href="/beds/${bedId}"`);
  });

  it('lets a housing officer confirm vacancies with a note, then shows it with their name and a banner', async () => {
    const web = await signedIn('housing_officer');
    const page = await web.get(`/providers/${silk.id}`);
    expect(textOf(page.text)).toContain('Confirm vacancies');
    const posted = await web.post(`/providers/${silk.id}/vacancy-confirmations`, { note: 'Two rooms free, per Sam' });
    expect(posted.status).toBe(303);
    expect(posted.headers.location).toBe(`/providers/${silk.id}?confirmed=1`);
    const after = textOf((await web.get(posted.headers.location)).text);
    expect(after).toMatch(/Success Vacancies confirmed on \d+ \w+ \d{4}/);
    expect(after).toMatch(/Test housing_officer Two rooms free, per Sam/);
    expect(after).not.toMatch(/Silk Lodgings Stale/);
    const api = await h.as('pa').get(`/providers/${silk.id}/vacancy-confirmations`);
    expect(api.body.items[0]).toMatchObject({
      note: 'Two rooms free, per Sam',
      confirmedByName: 'Test housing_officer',
    });
  });

  it('shows a PA no form, and answers a PA posting one with the 403 page and nothing recorded', async () => {
    const web = await signedIn('pa');
    const page = await web.get(`/providers/${crewe.id}`);
    expect(page.status).toBe(200);
    expect(textOf(page.text)).not.toContain('Confirm vacancies are current');
    expect(page.text).not.toContain('vacancy-confirmations');
    const before = (await h.as('pa').get(`/providers/${crewe.id}/vacancy-confirmations`)).body.total;
    const posted = await web.post(`/providers/${crewe.id}/vacancy-confirmations`, { note: 'sneaky' });
    expect(posted.status).toBe(403);
    expect(posted.headers['content-type']).toMatch(/text\/html/);
    const after = (await h.as('pa').get(`/providers/${crewe.id}/vacancy-confirmations`)).body.total;
    expect(after).toBe(before);
  });
});

describe('the beds pages', () => {
  it('lists beds with provider, service level and status, filtered by provider, area and status', async () => {
    const web = await signedIn('housing_officer');
    const all = textOf((await web.get('/beds')).text);
    expect(all).toContain('Showing 1 to 3 of 3 beds');
    expect(all).toMatch(/Attic Silk Lodgings Shared house Available/);
    const foyer = textOf((await web.get(`/beds?providerId=${crewe.id}`)).text);
    expect(foyer).toContain('Room 1');
    expect(foyer).not.toContain('Attic Silk');
    const macc = textOf((await web.get('/beds?area=Macclesfield&status=available')).text);
    expect(macc).toContain('Showing 1 to 1 of 1 beds');
    const none = textOf((await web.get('/beds?status=held')).text);
    expect(none).toContain('No beds match these filters.');
  });

  it('refuses an unknown parameter and a status that is not one', async () => {
    const web = await signedIn('housing_officer');
    const unknown = await web.get('/beds?sort=label');
    expect(unknown.status).toBe(400);
    expect(textOf(unknown.text)).toContain('This page has no filter called "sort"');
    const bad = await web.get('/beds?status=broken');
    expect(bad.status).toBe(400);
    expect(textOf(bad.text)).toContain('Choose a status from the list');
  });

  it('takes a bed out of service (a past return date refused), then back, each in its history by name', async () => {
    const web = await signedIn('housing_officer');
    const page = await web.get(`/beds/${bedId}`);
    expect(textOf(page.text)).toContain('Status: Available');
    const blank = await web.post(`/beds/${bedId}/out-of-service`, { outOfServiceReason: '', version: '1' });
    expect(blank.status).toBe(400);
    expect(textOf(blank.text)).toContain('Enter why the bed is out of service');
    const past = await web.post(`/beds/${bedId}/out-of-service`, {
      outOfServiceReason: 'Leak in the ceiling',
      version: '1',
      ...dateFields(dayFromToday(-3)),
    });
    expect(past.status).toBe(400);
    expect(textOf(past.text)).toContain('There is a problem');
    expect(textOf(past.text)).toContain('Expected return date must be today or in the future');
    expect(past.text).toContain('href="#availableFrom-day"');
    expect(textOf(past.text)).toContain('Status: Available');
    expect(past.text).toContain('Leak in the ceiling</textarea>');
    expect((await h.as('housing_officer').get(`/beds/${bedId}`)).body.status).toBe('available');

    const back = dayFromToday(5);
    const out = await web.post(`/beds/${bedId}/out-of-service`, {
      outOfServiceReason: 'Leak in the ceiling',
      version: '1',
      ...dateFields(back),
    });
    expect(out.status).toBe(303);
    const shown = textOf((await web.get(out.headers.location)).text);
    expect(shown).toContain('The bed is out of service');
    expect(shown).toContain('Status: Out of service');
    expect(shown).toMatch(
      /Taken out of service Available to out of service Test housing_officer Leak in the ceiling\. Expected back \d+ \w+ \d{4}/,
    );
    expect((await h.as('housing_officer').get(`/beds/${bedId}`)).body).toMatchObject({
      status: 'out_of_service',
      availableFrom: back,
    });

    const returned = await web.post(`/beds/${bedId}/return-to-service`, {});
    expect(returned.status).toBe(303);
    const again = textOf((await web.get(returned.headers.location)).text);
    expect(again).toContain('The bed is back in service');
    expect(again).toContain('Status: Available');
    expect(again).toMatch(/Returned to service Out of service to available Test housing_officer/);
  });

  it('shows other roles the bed and its history without the forms, and refuses their posts', async () => {
    const web = await signedIn('director');
    const page = await web.get(`/beds/${bedId}`);
    expect(page.status).toBe(200);
    expect(textOf(page.text)).toContain('Status history');
    expect(page.text).not.toContain('out-of-service"');
    // Where the form would be, the page says why it is not there.
    expect(textOf(page.text)).toMatch(/You cannot take this bed out of service: .*take beds out of service/);
    expect((await web.post(`/beds/${bedId}/out-of-service`, { outOfServiceReason: 'x' })).status).toBe(403);
  });
});
