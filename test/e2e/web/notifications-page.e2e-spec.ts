import { ManualClock } from '../../../src/platform/clock';
import { Harness, PASSWORD } from '../../support/harness';
import { textOf, WebClient } from '../../support/web-client';

/**
 * The notifications page (`/notifications`) over HTTP. ManualClock: Friday 27 November 2026,
 * 16:00 GMT. Two emergency requests raised an hour apart: each tells the housing officer, in the
 * app and by e-mail.
 */
const clock = new ManualClock(new Date('2026-11-27T16:00:00Z'));
let h: Harness;

async function emergency(firstName: string) {
  const person = await h.as('admin').post('/young-people').send({
    firstName,
    lastName: 'Notice',
    dateOfBirth: '2006-05-05',
    gender: 'female',
    legalStatus: 'former_relevant',
    homeArea: 'Crewe',
    paUserId: h.users.pa.id,
  });
  expect(person.status).toBe(201);
  const req = await h
    .as('pa')
    .post('/placement-requests')
    .send({ youngPersonId: person.body.id, urgency: 'emergency', neededBy: '2026-11-27' });
  expect(req.status).toBe(201);
}

async function signedIn(email: string): Promise<WebClient> {
  const web = new WebClient(h.app);
  expect((await web.signIn(email, PASSWORD)).status).toBe(303);
  return web;
}

type Inbox = { items: { id: string; subject: string; link: string; readAt: string | null }[]; unread: number };
const inbox = async (): Promise<Inbox> => (await h.as('housing_officer').get('/me/notifications')).body;

beforeAll(async () => {
  h = await Harness.start({ clock, env: { WORKERS_ENABLED: 'false', DIGEST_AT: 'off' } });
  await emergency('Amy');
  clock.advance(3600_000);
  await emergency('Bo');
});
afterAll(async () => {
  await h?.stop();
});

describe('the notifications page', () => {
  it('shows a housing officer the emergency request notices, newest first, unread tagged, each linking into the service', async () => {
    const before = await inbox();
    expect(before.unread).toBe(2);
    const web = await signedIn(h.users.housing_officer.email);
    const res = await web.get('/notifications');
    expect(res.status).toBe(200);
    expect(res.text.match(/<h1/g)).toHaveLength(1);
    const text = textOf(res.text);
    expect(text).toContain('Notifications (2)');
    expect(text).toContain('You have 2 unread notifications.');
    const shown = [...res.text.matchAll(/data-notification-id="([^"]+)"/g)].map((m) => m[1]);
    expect(shown).toEqual(before.items.map((i) => i.id));
    expect(text.indexOf(before.items[0].subject)).toBeLessThan(text.indexOf(before.items[1].subject));
    expect(text.match(/Unread/g)).toHaveLength(2);
    expect(text).toContain('Received Fri 27 Nov 2026, 17:00');
    const path = new URL(before.items[0].link).pathname;
    expect(res.text).toContain(`href="${path}`);
    expect(res.text.match(/Mark as read/g)?.length).toBeGreaterThanOrEqual(2);
  });

  it('marks one read through the inbox service, and the count goes down', async () => {
    const [newest, older] = (await inbox()).items;
    const web = await signedIn(h.users.housing_officer.email);
    await web.get('/notifications');
    const res = await web.post(`/notifications/${newest.id}/read`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/notifications?read=1');
    const after = await inbox();
    expect(after.items.find((i) => i.id === newest.id)?.readAt).not.toBeNull();
    expect(after.items.find((i) => i.id === older.id)?.readAt).toBeNull();
    expect(after.unread).toBe(1);
    expect(await h.count('audit_event', `action = 'notification.read'`)).toBe(1);
    const page = textOf((await web.get('/notifications?read=1')).text);
    expect(page).toContain('Notification marked as read');
    expect(page).toContain('Notifications (1)');
    expect(page).toContain('You have 1 unread notification.');
    expect(page).toContain('read Fri 27 Nov 2026, 17:00');
  });

  it('refuses a mark-as-read posted without the session’s CSRF token, and another user’s notification is not found', async () => {
    const [, older] = (await inbox()).items;
    const web = await signedIn(h.users.housing_officer.email);
    await web.get('/notifications');
    expect((await web.post(`/notifications/${older.id}/read`, { _csrf: null })).status).toBe(403);
    const pa = await signedIn(h.users.pa.email);
    await pa.get('/notifications');
    expect((await pa.post(`/notifications/${older.id}/read`)).status).toBe(404);
    expect((await inbox()).items.find((i) => i.id === older.id)?.readAt).toBeNull();
  });

  it('is open to everyone signed in, and says when there is nothing', async () => {
    const web = await signedIn(h.users.director.email);
    const res = await web.get('/notifications');
    expect(res.status).toBe(200);
    expect(textOf(res.text)).toContain('You have no notifications.');
    expect(res.text).toContain('href="/notifications"');
    const anonymous = new WebClient(h.app);
    expect((await anonymous.get('/notifications')).status).toBe(303);
  });
});
