import { ManualClock } from '../../../src/platform/clock';
import { TimerRegistry } from '../../../src/platform/queue/timer-registry';
import { Harness, PASSWORD } from '../../support/harness';
import { WebClient } from '../../support/web-client';

const MINUTE = 60_000;

/** Web sessions end after 30 minutes idle or 8 hours in all (the defaults), and when the password changes. */
describe('web session timeouts', () => {
  const clock = new ManualClock(new Date('2026-12-01T09:00:00Z'));
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start({ clock, env: { WORKERS_ENABLED: 'false' } });
  });
  afterAll(() => h.stop());

  const signedIn = async (role: 'director' | 'team_manager' = 'director') => {
    const web = new WebClient(h.app);
    const res = await web.signIn(h.users[role].email, PASSWORD);
    expect(res.status).toBe(303);
    return web;
  };
  const home = async (web: WebClient) => (await web.get('/')).status;

  it('keeps a session used within 30 minutes, and ends one left idle longer', async () => {
    const web = await signedIn();
    clock.advance(29 * MINUTE);
    expect(await home(web)).toBe(200);
    clock.advance(29 * MINUTE);
    expect(await home(web)).toBe(200);
    clock.advance(31 * MINUTE);
    expect(await home(web)).toBe(303);
  });

  it('ends a session 8 hours after sign-in however busy it was', async () => {
    const web = await signedIn();
    for (let i = 0; i < 16; i++) {
      clock.advance(29 * MINUTE);
      expect(await home(web)).toBe(200);
    }
    clock.advance(25 * MINUTE); // 8 h 9 min after sign-in, 25 min after the last request
    expect(await home(web)).toBe(303);
  });

  it('ends every web session when the password changes', async () => {
    const web = await signedIn('team_manager');
    expect(await home(web)).toBe(200);
    const res = await h
      .as('admin')
      .patch(`/users/${h.users.team_manager.id}`)
      .send({ password: 'another-password-456' });
    expect(res.status).toBe(200);
    expect(await home(web)).toBe(303);
  });

  it('sweeps sessions past either timeout out of the database', async () => {
    await signedIn();
    const before = await h.count('web_session');
    expect(before).toBeGreaterThan(0);
    clock.advance(31 * MINUTE);
    await h.app.get(TimerRegistry).sweep();
    expect(await h.count('web_session')).toBe(0);
  });
});
