import { Harness, PASSWORD } from '../../support/harness';
import { textOf, WebClient } from '../../support/web-client';

describe('web sign-in and sessions', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start();
  });
  afterAll(() => h.stop());

  it('sends a browser that is not signed in to the sign-in page, and back to the page it asked for', async () => {
    const web = new WebClient(h.app);
    const first = await web.get('/escalations/6b1f0a9e-44f4-4d8e-9d2b-0a3c8a1e5f11');
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/sign-in?returnTo=%2Fescalations%2F6b1f0a9e-44f4-4d8e-9d2b-0a3c8a1e5f11');
    const page = await web.get(first.headers.location);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1 class="govuk-heading-l">Sign in</h1>');
    const signedIn = await web.post('/sign-in', {
      email: h.users.director.email,
      password: PASSWORD,
      returnTo: '/escalations/6b1f0a9e-44f4-4d8e-9d2b-0a3c8a1e5f11',
    });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.location).toBe('/escalations/6b1f0a9e-44f4-4d8e-9d2b-0a3c8a1e5f11');
    const cookie = (signedIn.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('cla_session='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Expires|Max-Age/);
    const home = await web.get('/');
    expect(home.status).toBe(200);
    expect(textOf(home.text)).toContain('Test director');
  });

  it('keeps the JSON API as it was: no token is a 401 problem, not a page', async () => {
    const res = await h.as().get('/escalations').set('Accept', 'application/json');
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    const curl = await h.as().get('/').set('Accept', '*/*');
    expect(curl.headers['content-type']).not.toMatch(/text\/html/);
  });

  it('shows GOV.UK errors for a blank form and a wrong password, and audits the failure', async () => {
    const web = new WebClient(h.app);
    await web.get('/sign-in');
    const blank = await web.post('/sign-in', { email: '', password: '' });
    expect(blank.status).toBe(400);
    expect(blank.text).toContain('govuk-error-summary');
    expect(textOf(blank.text)).toContain('Enter your email address');
    expect(textOf(blank.text)).toContain('Enter your password');
    expect(blank.text).toMatch(/<title>Error: Sign in/);
    const wrong = await web.post('/sign-in', { email: h.users.director.email, password: 'not-the-password' });
    expect(wrong.status).toBe(401);
    expect(textOf(wrong.text)).toContain('The email address or password is wrong');
    expect(web.cookie('cla_session')).toBeUndefined();
    expect(await h.count('audit_event', `action = 'user.sign_in_failed'`)).toBeGreaterThan(0);
  });

  it('refuses a sign-in form posted without the token paired with its cookie', async () => {
    const web = new WebClient(h.app);
    await web.get('/sign-in');
    const res = await web.post('/sign-in', { _csrf: null, email: h.users.director.email, password: PASSWORD });
    expect(res.status).toBe(403);
    expect(web.cookie('cla_session')).toBeUndefined();
  });

  it('never sends anyone to another site after signing in', async () => {
    const web = new WebClient(h.app);
    const res = await web.signIn(h.users.director.email, PASSWORD, '//evil.example/steal');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/');
  });

  it('refuses a form posted without the session’s CSRF token, and signing out ends the session', async () => {
    const web = new WebClient(h.app);
    await web.signIn(h.users.team_manager.email, PASSWORD);
    await web.get('/');
    const forged = await web.post('/sign-out', { _csrf: 'forged' });
    expect(forged.status).toBe(403);
    expect(textOf(forged.text)).toContain('The form was not sent from this service');
    const session = web.cookie('cla_session')!;
    expect((await web.get('/')).status).toBe(200);
    const out = await web.post('/sign-out');
    expect(out.status).toBe(303);
    expect(out.headers.location).toBe('/sign-in?signedOut=1');
    const again = new WebClient(h.app);
    await again.get('/sign-in');
    // The old cookie, replayed, no longer opens anything.
    const replay = await h.as().get('/').set('Accept', 'text/html').set('Cookie', `cla_session=${session}`);
    expect(replay.status).toBe(303);
    expect(replay.headers.location).toBe('/sign-in');
  });

  it('ends every web session of a deactivated user at once', async () => {
    const web = new WebClient(h.app);
    await web.signIn(h.users.housing_officer.email, PASSWORD);
    expect((await web.get('/')).status).toBe(200);
    await h.db.query(`update app_user set active = false, token_version = token_version + 1 where id = $1`, [
      h.users.housing_officer.id,
    ]);
    expect((await web.get('/')).status).toBe(303);
    await h.db.query(`update app_user set active = true where id = $1`, [h.users.housing_officer.id]);
  });

  it('answers a page that does not exist with the 404 page, signed in or not', async () => {
    const web = new WebClient(h.app);
    const anon = await web.get('/no-such-page');
    expect(anon.status).toBe(404);
    expect(anon.text).toContain('Page not found');
    await web.signIn(h.users.director.email, PASSWORD);
    expect((await web.get('/no-such-page')).status).toBe(404);
  });

  it('sends security headers and a fresh CSP nonce that the page’s inline script carries', async () => {
    const web = new WebClient(h.app);
    const a = await web.get('/sign-in');
    const b = await web.get('/sign-in');
    const nonce = (r: { headers: Record<string, string> }) =>
      /'nonce-([^']+)'/.exec(r.headers['content-security-policy'])?.[1];
    expect(nonce(a)).toBeTruthy();
    expect(nonce(a)).not.toBe(nonce(b));
    expect(a.text).toContain(`nonce="${nonce(a)}"`);
    expect(a.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(a.headers['cache-control']).toBe('no-store');
  });

  it('serves the stylesheet and scripts, and no GDS Transport font or crown', async () => {
    const css = await h.as().get('/assets/app/app.css');
    expect(css.status).toBe(200);
    expect(css.text).not.toMatch(/GDS Transport/);
    expect((await h.as().get('/assets/js/govuk-frontend.min.js')).status).toBe(200);
    expect((await h.as().get('/assets/js/moj-frontend.min.js')).status).toBe(200);
    const web = new WebClient(h.app);
    const page = await web.get('/sign-in');
    expect(page.text).not.toMatch(/govuk-logo|crown|Crown copyright/i);
  });
});
