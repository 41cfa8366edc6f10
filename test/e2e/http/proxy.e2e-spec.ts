import { expectProblem, Harness, PASSWORD } from '../../support/harness';

/** X-Forwarded-For is the client's own claim unless it comes from a proxy the council configured. */
let h: Harness;
beforeAll(async () => (h = await Harness.start()));
afterAll(() => h?.stop());

describe('TRUST_PROXY', () => {
  it('ignores X-Forwarded-For when no proxy is trusted: a rotating header does not get round the sign-in limit', async () => {
    const app = await h.extraApp({
      env: { TRUST_PROXY: 'false', LOGIN_RATE_LIMIT: '3', QUEUE_PREFIX: `noproxy${Date.now()}` },
    });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        const res = await app
          .as()
          .post('/auth/login')
          .set('X-Forwarded-For', `198.51.100.${i}`)
          .send({ email: h.users.pa.email, password: 'not-the-password' });
        statuses.push(res.status);
      }
      expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
      expect(statuses.slice(3)).toEqual([429, 429, 429]);
    } finally {
      await app.close();
    }
  });

  it('believes X-Forwarded-For from a trusted proxy, so two offices behind it have their own allowances', async () => {
    const app = await h.extraApp({
      env: { TRUST_PROXY: 'loopback', LOGIN_RATE_LIMIT: '1', QUEUE_PREFIX: `proxy${Date.now()}` },
    });
    try {
      const from = (ip: string, password = PASSWORD) =>
        app.as().post('/auth/login').set('X-Forwarded-For', ip).send({ email: h.users.pa.email, password });
      expectProblem(await from('203.0.113.1', 'not-the-password'), 401);
      expectProblem(await from('203.0.113.1'), 429);
      expect((await from('203.0.113.2')).status).toBe(200);
    } finally {
      await app.close();
    }
  });
});
