import { ManualClock } from '../../../src/platform/clock';
import { makePerson } from '../../support/fixtures';
import { Harness, PASSWORD } from '../../support/harness';
import { textOf, WebClient } from '../../support/web-client';

/**
 * "Change their details" (`/young-people/:id/edit`) over HTTP: pre-filled with the record and
 * its version; a save goes through `PATCH /young-people/:id`'s service and is audited with the
 * actor; a colleague's change since the form was opened is a 409 error summary showing their
 * values; another PA's young person is the 404 page; a date of birth that is not a date is a
 * field error; a post without the CSRF token is refused. Monday 30 November 2026 (a ManualClock).
 */
const clock = new ManualClock(new Date('2026-11-30T10:00:00Z'));
let h: Harness;
const text = (html: string) => textOf(html).replace(/ ([,:])/g, '$1');

async function signedIn(email: string): Promise<WebClient> {
  const web = new WebClient(h.app);
  const res = await web.signIn(email, PASSWORD);
  if (res.status !== 303) throw new Error(`sign-in: ${res.status}`);
  return web;
}

const fields = (over: Record<string, string | null> = {}) => ({
  firstName: 'Sam',
  lastName: 'Jones',
  'dateOfBirth-day': '16',
  'dateOfBirth-month': '11',
  'dateOfBirth-year': '2009',
  gender: 'female',
  legalStatus: 'relevant',
  uasc: 'no',
  homeArea: 'Crewe',
  risks: 'fire_setting',
  version: '1',
  ...over,
});

beforeAll(async () => {
  h = await Harness.start({ clock, env: { NOTIFY_ATTEMPTS: '1', DIGEST_AT: 'off', RECONCILE_EVERY: 'PT1H' } });
  const other = await h
    .as('admin')
    .post('/users')
    .send({ email: 'edit.other.pa@test.invalid', name: 'Other PA', role: 'pa', password: PASSWORD });
  expect(other.status).toBe(201);
});
afterAll(async () => {
  await h?.stop();
});

const newSam = () =>
  makePerson(h, {
    firstName: 'Sam',
    lastName: 'Jones',
    dateOfBirth: '2009-11-16',
    legalStatus: 'relevant',
    areasToAvoid: ['Macclesfield'],
    risks: ['fire_setting'],
  });

describe('changing a young person’s details', () => {
  it('is a Change action on their page, pre-fills the form, saves through the service and is audited with the actor', async () => {
    const sam = await newSam();
    const web = await signedIn(h.users.pa.email);
    const page = await web.get(`/young-people/${sam.id}`);
    expect(page.text).toContain(`href="/young-people/${sam.id}/edit#dateOfBirth-day"`);
    expect(text(page.text)).toContain('Change date of birth');
    const form = await web.get(`/young-people/${sam.id}/edit`);
    expect(form.status).toBe(200);
    expect(form.text.match(/<h1/g)).toHaveLength(1);
    expect(form.text).toMatch(/name="version" value="1"/);
    expect(form.text).toMatch(/name="firstName"[^>]*value="Sam"/);
    expect(form.text).toMatch(/name="dateOfBirth-day"[^>]*value="16"/);
    expect(form.text).toMatch(/value="Macclesfield"[^>]*checked/);
    expect(form.text).not.toContain('name="paUserId"'); // a PA does not reallocate
    const res = await web.post(
      `/young-people/${sam.id}/edit`,
      fields({ firstName: 'Samantha', areasToAvoid: 'Nantwich', needs: 'hasPet' }),
    );
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/young-people/${sam.id}?recorded=details`);
    const after = text((await web.get(res.headers.location)).text);
    expect(after).toContain('Details saved');
    expect(after).toContain('Name Samantha Jones');
    expect(after).toContain('Areas to avoid Nantwich');
    expect(after).toContain('Has a pet');
    const audit = await h.db.query<{ actor_user_id: string; changes: Record<string, unknown> }>(
      `select actor_user_id, changes from audit_event where action = 'young_person.updated' and entity_id = $1`,
      [sam.id],
    );
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0].actor_user_id).toBe(h.users.pa.id);
    expect(JSON.stringify(audit.rows[0].changes)).toContain('Samantha');
  });

  it('refuses a save over a colleague’s change since the form was opened (409) and shows their values', async () => {
    const sam = await newSam();
    const web = await signedIn(h.users.pa.email);
    await web.get(`/young-people/${sam.id}/edit`);
    const colleague = await h
      .as('team_manager')
      .patch(`/young-people/${sam.id}`)
      .send({ lastName: 'Jones-Patel', version: 1 });
    expect(colleague.status).toBe(200);
    const res = await h.expectNoWrites(['young_person'], () =>
      web.post(`/young-people/${sam.id}/edit`, fields({ firstName: 'Sammy' })),
    );
    expect(res.status).toBe(409);
    const t = text(res.text);
    expect(t).toContain(
      'There is a problem Someone else changed this record since you opened it: check their change and try again',
    );
    expect(res.text).toMatch(/name="lastName"[^>]*value="Jones-Patel"/);
    expect(res.text).toMatch(/name="version" value="2"/);
    expect(res.text).not.toContain('value="Sammy"');
  });

  it('is the 404 page for a PA of another caseload, for the form and the post', async () => {
    const sam = await newSam();
    const stranger = await signedIn('edit.other.pa@test.invalid');
    const form = await stranger.get(`/young-people/${sam.id}/edit`);
    expect(form.status).toBe(404);
    expect(textOf(form.text)).toContain('Page not found');
    expect(form.text).not.toContain('Sam Jones');
    await stranger.get('/');
    const post = await h.expectNoWrites(['young_person'], () =>
      stranger.post(`/young-people/${sam.id}/edit`, fields({ firstName: 'Forged' })),
    );
    expect(post.status).toBe(404);
  });

  it('says a date of birth that is not a real date against the field, and saves nothing', async () => {
    const sam = await newSam();
    const web = await signedIn(h.users.pa.email);
    await web.get(`/young-people/${sam.id}/edit`);
    const res = await h.expectNoWrites(['young_person', 'audit_event'], () =>
      web.post(`/young-people/${sam.id}/edit`, fields({ 'dateOfBirth-day': '31', 'dateOfBirth-month': '2' })),
    );
    expect(res.status).toBe(400);
    expect(text(res.text)).toMatch(/There is a problem Date of birth must be a real date/);
    expect(res.text).toMatch(/id="dateOfBirth-error"/);
    expect(res.text).toContain('href="#dateOfBirth-day"');
  });

  it('says the service’s rule (a relevant young person is 16 or 17) against its field', async () => {
    const sam = await newSam();
    const web = await signedIn(h.users.pa.email);
    await web.get(`/young-people/${sam.id}/edit`);
    const res = await h.expectNoWrites(['young_person'], () =>
      web.post(`/young-people/${sam.id}/edit`, fields({ 'dateOfBirth-year': '2000' })),
    );
    expect(res.status).toBe(400);
    expect(res.text).toContain('govuk-error-message');
  });

  it('refuses a post without the CSRF token', async () => {
    const sam = await newSam();
    const web = await signedIn(h.users.pa.email);
    await web.get(`/young-people/${sam.id}/edit`);
    const res = await h.expectNoWrites(['young_person'], () =>
      web.post(`/young-people/${sam.id}/edit`, fields({ _csrf: null, firstName: 'Forged' })),
    );
    expect(res.status).toBe(403);
  });
});
