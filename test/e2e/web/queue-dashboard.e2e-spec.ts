import request from 'supertest';
import { Harness, PASSWORD } from '../../support/harness';
import { WebClient } from '../../support/web-client';

/** Bull Board in the browser: an admin's web session opens it, no proxy needed. */
describe('the queue dashboard for an admin signed in on the web', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start({ env: { WORKERS_ENABLED: 'false' } });
  });
  afterAll(() => h.stop());

  const cookieOf = (web: WebClient) => `cla_session=${web.cookie('cla_session')}`;

  it('sends a browser that is not signed in to sign in, and back to the dashboard', async () => {
    const web = new WebClient(h.app);
    const res = await web.get('/admin/queues');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/sign-in?returnTo=%2Fadmin%2Fqueues');
    const signedIn = await web.signIn(h.users.admin.email, PASSWORD, '/admin/queues');
    expect(signedIn.headers.location).toBe('/admin/queues');
    const page = await web.get('/admin/queues');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<base href="/admin/queues/"');
  });

  it('refuses any other role’s session', async () => {
    const web = new WebClient(h.app);
    await web.signIn(h.users.director.email, PASSWORD);
    const res = await request(h.app.getHttpServer()).get('/admin/queues/api/queues').set('Cookie', cookieOf(web));
    expect(res.status).toBe(403);
  });

  it('takes an admin’s changes only from the dashboard’s own pages, and audits them', async () => {
    const web = new WebClient(h.app);
    await web.signIn(h.users.admin.email, PASSWORD);
    const path = '/admin/queues/api/queues/notifications/clean/failed';
    const before = await h.count('audit_event', `action = 'queue_dashboard.action'`);
    const crossSite = await request(h.app.getHttpServer())
      .put(path)
      .set('Cookie', cookieOf(web))
      .set('Sec-Fetch-Site', 'cross-site');
    expect(crossSite.status).toBe(403);
    const noOrigin = await request(h.app.getHttpServer()).put(path).set('Cookie', cookieOf(web));
    expect(noOrigin.status).toBe(403);
    expect(await h.count('audit_event', `action = 'queue_dashboard.action'`)).toBe(before);
    const own = await request(h.app.getHttpServer())
      .put(path)
      .set('Cookie', cookieOf(web))
      .set('Sec-Fetch-Site', 'same-origin');
    expect(own.status).toBe(200);
    expect(
      await h.count('audit_event', `action = 'queue_dashboard.action' and actor_user_id = $1`, [h.users.admin.id]),
    ).toBe(before + 1);
  });
});
