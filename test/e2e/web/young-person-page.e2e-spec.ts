import { EscalationSweep } from '../../../src/features/escalations/escalation-sweep';
import { ManualClock } from '../../../src/platform/clock';
import { makePerson } from '../../support/fixtures';
import { Harness, PASSWORD } from '../../support/harness';
import { textOf, WebClient } from '../../support/web-client';

/**
 * A young person's page for their PA (`/young-people/:id`), and its forms: record a contact, record
 * a stay. Sam Jones turned 17 on 16 November 2026; it is Monday 30 November 2026, 10:00 (a
 * ManualClock), so the 2026-27 SSDA903 return reports Sam's 17th birthday from a stay and a
 * contact recorded now.
 */
const clock = new ManualClock(new Date('2026-11-30T10:00:00Z'));
let h: Harness;
let sam: { id: string; reference: string };

async function signedIn(email: string): Promise<WebClient> {
  const web = new WebClient(h.app);
  const res = await web.signIn(email, PASSWORD);
  if (res.status !== 303) throw new Error(`sign-in: ${res.status}`);
  return web;
}
const text = (html: string) => textOf(html).replace(/ ([,:])/g, '$1');

beforeAll(async () => {
  h = await Harness.start({ clock, env: { NOTIFY_ATTEMPTS: '1', DIGEST_AT: 'off', RECONCILE_EVERY: 'PT1H' } });
  sam = await makePerson(h, {
    firstName: 'Sam',
    lastName: 'Jones',
    dateOfBirth: '2009-11-16',
    legalStatus: 'relevant',
    areasToAvoid: ['Macclesfield'],
    risks: ['fire_setting'],
  });
  const other = await h
    .as('admin')
    .post('/users')
    .send({ email: 'another.pa@test.invalid', name: 'Another PA', role: 'pa', password: PASSWORD });
  expect(other.status).toBe(201);
});
afterAll(async () => {
  await h?.stop();
});

describe('the young person’s page', () => {
  it('shows their PA who they are, that no stay or contact is recorded, and why the next return has no row yet', async () => {
    const web = await signedIn(h.users.pa.email);
    const res = await web.get(`/young-people/${sam.id}`);
    expect(res.status).toBe(200);
    expect(res.text.match(/<h1/g)).toHaveLength(1);
    const t = text(res.text);
    for (const said of [
      `Sam Jones (${sam.reference})`,
      `Reference ${sam.reference}`,
      'Date of birth 16 November 2009 (age 17)',
      'Legal status Relevant (16–17, left care)',
      'Unaccompanied asylum-seeking child No',
      'Home area Crewe',
      'Areas to avoid Macclesfield',
      'Personal adviser Test pa',
      'Where now No stay recorded as open',
      'No open placement request',
      'Last contact No contact recorded',
      'What the 2026-27 SSDA903 return will say',
      'No row yet. Their 17th birthday on 16 November 2026.',
    ])
      expect(t).toContain(said);
    expect(res.text).toContain(`href="/young-people/${sam.id}/timeline"`);
    expect(res.text).toContain(`href="/young-people/${sam.id}/contacts/new"`);
    expect(res.text).toContain(`href="/young-people/${sam.id}/stays/new"`);
  });

  it('is the 404 page for another PA, naming nobody', async () => {
    const stranger = await signedIn('another.pa@test.invalid');
    for (const path of [
      `/young-people/${sam.id}`,
      `/young-people/${sam.id}/contacts/new`,
      `/young-people/${sam.id}/stays/new`,
    ]) {
      const res = await stranger.get(path);
      expect(res.status).toBe(404);
      expect(textOf(res.text)).toContain('Page not found');
      expect(res.text).not.toContain('Sam Jones');
      expect(res.text).not.toContain(sam.reference);
    }
  });

  it('links each young person on the PA’s home page to their page', async () => {
    const web = await signedIn(h.users.pa.email);
    const res = await web.get('/');
    expect(res.status).toBe(200);
    expect(res.text).toContain(`href="/young-people/${sam.id}"`);
  });

  it('records a hotel tonight through the stay form: the page shows it unsuitable and who was told', async () => {
    const web = await signedIn(h.users.pa.email);
    const form = await web.get(`/young-people/${sam.id}/stays/new`);
    expect(form.status).toBe(200);
    const ft = text(form.text);
    expect(ft).toContain('Bed and breakfast / hotel (W)');
    expect(ft).toContain('Never suitable for 16 and 17 year olds.');
    expect(form.text).toMatch(/name="startedAt-day" type="text" value="30"|value="30"/);
    // Nothing chosen: the error summary, nothing written.
    const bad = await h.expectNoWrites(['stay'], () =>
      web.post(`/young-people/${sam.id}/stays/new`, {
        'startedAt-day': '30',
        'startedAt-month': '11',
        'startedAt-year': '2026',
        'startedAt-time': '10:00',
      }),
    );
    expect(bad.status).toBe(400);
    expect(text(bad.text)).toContain('There is a problem Select where they are staying');
    const res = await web.post(`/young-people/${sam.id}/stays/new`, {
      accommodationCode: 'W',
      'startedAt-day': '30',
      'startedAt-month': '11',
      'startedAt-year': '2026',
      'startedAt-time': '10:00',
      description: 'Premier Inn, Crewe',
    });
    expect(res.status).toBe(303);
    // Still no row (no contact yet around the birthday): the banner says the return is unchanged.
    expect(res.headers.location).toBe(`/young-people/${sam.id}?recorded=stay&returnChanged=0`);
    await h.app.get(EscalationSweep).sweep();
    const page = await web.get(res.headers.location);
    const t = text(page.text);
    expect(t).toContain('Stay recorded The next SSDA903 return is unchanged. No row yet.');
    expect(t).toContain('Where now Bed and breakfast / hotel (W2) Unsuitable Emergency');
    expect(t).toContain('Premier Inn, Crewe');
    expect(t).toContain('Unsuitable accommodation');
    expect(t).toMatch(
      /Who was told Step 1: Team manager: Told Mon 30 Nov 2026, 10:00: Test team_manager \(Team manager\)/,
    );
    expect(t).toContain('Step 2:');
  });

  it('shows the contact form’s errors, then records a contact and says the next return changed', async () => {
    const web = await signedIn(h.users.pa.email);
    const form = await web.get(`/young-people/${sam.id}/contacts/new`);
    expect(form.status).toBe(200);
    expect(text(form.text)).toContain('Refuses contact (REFU)');
    expect(text(form.text)).toContain('Full time in other education (F2)');
    const bad = await h.expectNoWrites(['keeping_in_touch_contact'], () =>
      web.post(`/young-people/${sam.id}/contacts/new`, {
        'contactedAt-day': '30',
        'contactedAt-month': '11',
        'contactedAt-year': '2026',
        'contactedAt-time': '09:30',
        method: 'phone',
        inTouch: 'DIED',
        activity: 'F2',
      }),
    );
    expect(bad.status).toBe(400);
    const bt = text(bad.text);
    expect(bt).toContain('There is a problem');
    expect(bt).toMatch(/What they are doing is not recorded with inTouch DIED|activity is not recorded/i);
    expect(bad.text).toContain('govuk-error-message');
    const future = await web.post(`/young-people/${sam.id}/contacts/new`, {
      'contactedAt-day': '1',
      'contactedAt-month': '12',
      'contactedAt-year': '2026',
      'contactedAt-time': '09:30',
      method: 'phone',
      inTouch: 'YES',
    });
    expect(future.status).toBe(400);
    expect(text(future.text)).toContain('must not be in the future');
    const res = await web.post(`/young-people/${sam.id}/contacts/new`, {
      'contactedAt-day': '30',
      'contactedAt-month': '11',
      'contactedAt-year': '2026',
      'contactedAt-time': '09:30',
      method: 'in_person',
      inTouch: 'YES',
      activity: 'F2',
      notes: 'Met at college',
    });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/young-people/${sam.id}?recorded=contact&returnChanged=1`);
    const t = text((await web.get(res.headers.location)).text);
    expect(t).toContain('Contact recorded The next SSDA903 return changed. Their row: YES, F2, W2.');
    expect(t).toContain('Last contact Mon 30 Nov 2026, 09:30');
    expect(t).toContain('In touch (IN_TOUCH) YES: In touch');
    expect(t).toContain('Activity (ACTIV) F2: Full time in other education');
    expect(t).toContain('Accommodation (ACCOM) W2: Bed and breakfast / hotel, unsuitable');
  });

  it('makes a placement request through the request form, after its error summary', async () => {
    const web = await signedIn(h.users.pa.email);
    const form = await web.get(`/young-people/${sam.id}/placement-requests/new`);
    expect(form.status).toBe(200);
    const bad = await h.expectNoWrites(['placement_request'], () =>
      web.post(`/young-people/${sam.id}/placement-requests/new`, {
        'neededBy-day': '31',
        'neededBy-month': '2',
        'neededBy-year': '2027',
      }),
    );
    expect(bad.status).toBe(400);
    const bt = text(bad.text);
    expect(bt).toContain('There is a problem Select how urgent it is');
    expect(bt).toContain('Date the bed is needed by must be a real date');
    const res = await web.post(`/young-people/${sam.id}/placement-requests/new`, {
      urgency: 'emergency',
      'neededBy-day': '2',
      'neededBy-month': '12',
      'neededBy-year': '2026',
      preferredAreas: 'Crewe',
      notes: 'Near college',
    });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/young-people/${sam.id}?recorded=request`);
    const t = text((await web.get(res.headers.location)).text);
    expect(t).toContain('Placement request made');
    expect(t).toContain('Emergency request, needed by 2 December 2026');
    expect(t).toContain('State Open: waiting for a housing officer to hold a bed');
    expect(t).toContain('Preferred areas Crewe');
    expect(await h.count('placement_request', 'young_person_id = $1', [sam.id])).toBe(1);
  });

  it('refuses a form posted without the CSRF token, writing nothing', async () => {
    const web = await signedIn(h.users.pa.email);
    await web.get(`/young-people/${sam.id}/contacts/new`);
    const res = await h.expectNoWrites(['keeping_in_touch_contact'], () =>
      web.post(`/young-people/${sam.id}/contacts/new`, {
        _csrf: null,
        'contactedAt-day': '30',
        'contactedAt-month': '11',
        'contactedAt-year': '2026',
        'contactedAt-time': '09:30',
        method: 'phone',
        inTouch: 'NO',
      }),
    );
    expect(res.status).toBe(403);
    expect(textOf(res.text)).toContain('The form was not sent from this service');
  });
});
