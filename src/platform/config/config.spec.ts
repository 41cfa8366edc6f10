import { ConfigError, loadConfig } from './config';

const valid = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/app',
  REDIS_URL: 'redis://127.0.0.1:6379/2',
  JWT_SECRET: 'a-long-enough-secret',
};

describe('loadConfig', () => {
  it('reads a valid environment with the documented defaults', () => {
    const c = loadConfig(valid);
    expect(c.port).toBe(3000);
    expect(c.reconcileEveryMs).toBe(60_000);
    expect(c.holdForMs).toBe(4 * 3600_000);
    expect(c.vacancyStaleAfterMs).toBe(7 * 86400_000);
    expect(c.publicBaseUrl).toBe('http://localhost:3000');
    expect(c.databasePoolMax).toBe(30);
    expect(loadConfig({ ...valid, DATABASE_POOL_MAX: '12' }).databasePoolMax).toBe(12);
  });

  it('names every missing required variable', () => {
    try {
      loadConfig({});
      throw new Error('should have thrown');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const msg = (e as Error).message;
      expect(msg).toContain('DATABASE_URL is required');
      expect(msg).toContain('REDIS_URL is required');
      expect(msg).toContain('JWT_SECRET is required');
    }
  });

  it.each([
    ['DATABASE_URL', 'mysql://x@y/z'],
    ['DATABASE_URL', 'not a url'],
    ['REDIS_URL', 'redis://127.0.0.1:6379/abc'],
    ['HOLD_FOR', '4 hours'],
    ['RECONCILE_EVERY', 'PT0S'],
    ['PORT', 'eighty'],
    ['BOOTSTRAP_ADMIN_EMAIL', 'admin@example.org'],
    ['METRICS_TOKEN', 'too-short'],
    ['NOTIFY_ATTEMPTS', '0'],
    ['DATABASE_POOL_MAX', '1'],
    ['DATABASE_POOL_MAX', 'many'],
  ])('refuses a malformed %s and names it', (name, value) => {
    expect(() => loadConfig({ ...valid, [name]: value })).toThrow(name);
  });

  it('reads office hours, the digest time and the shortest repeat, refusing malformed ones by name', () => {
    const c = loadConfig(valid);
    expect(c.officeHours).toEqual({ opens: '09:00', closes: '17:00' });
    expect(c.digestAt).toBe('08:00');
    expect(c.minRepeatEveryMs).toBe(3600_000);
    expect(loadConfig({ ...valid, DIGEST_AT: 'off' }).digestAt).toBeNull();
    expect(loadConfig({ ...valid, OFFICE_OPENS: '08:30', MIN_REPEAT_EVERY: 'PT1S' })).toMatchObject({
      officeHours: { opens: '08:30' },
      minRepeatEveryMs: 1000,
    });
    expect(() => loadConfig({ ...valid, OFFICE_OPENS: '9am' })).toThrow(/OFFICE_OPENS must be a time of day/);
    expect(() => loadConfig({ ...valid, DIGEST_AT: '25:00' })).toThrow(/DIGEST_AT/);
    expect(() => loadConfig({ ...valid, OFFICE_OPENS: '18:00' })).toThrow(/OFFICE_OPENS must be before OFFICE_CLOSES/);
  });

  it('refuses, outside development and tests, a published, short or patterned JWT secret and the published admin password', () => {
    const live = { ...valid, NODE_ENV: 'production' };
    expect(() => loadConfig({ ...live, JWT_SECRET: 'development-only-secret-change-me' })).toThrow(
      /JWT_SECRET must be at least 32 random/,
    );
    expect(() => loadConfig({ ...live, JWT_SECRET: 'a-long-enough-secret' })).toThrow(/JWT_SECRET/);
    expect(() => loadConfig({ ...live, JWT_SECRET: 'abcd'.repeat(12) })).toThrow(/JWT_SECRET/);
    const secret = 'Qm9vdHN0cmFwIHNlY3JldCBmb3IgYSB0ZXN0IG9ubHkhIQ';
    expect(loadConfig({ ...live, JWT_SECRET: secret }).jwtSecret).toBe(secret);
    expect(() =>
      loadConfig({
        ...live,
        JWT_SECRET: secret,
        BOOTSTRAP_ADMIN_EMAIL: 'a@b.c',
        BOOTSTRAP_ADMIN_PASSWORD: 'demo-password-2026',
      }),
    ).toThrow(/BOOTSTRAP_ADMIN_PASSWORD is the published example/);
    // A developer's machine keeps its conveniences.
    expect(
      loadConfig({ ...valid, NODE_ENV: 'development', JWT_SECRET: 'development-only-secret-change-me' }).nodeEnv,
    ).toBe('development');
  });

  it('trusts no proxy unless TRUST_PROXY names one', () => {
    expect(loadConfig(valid).trustProxy).toBe(false);
    expect(loadConfig({ ...valid, TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toEqual([
      'loopback',
      '10.0.0.0/8',
    ]);
    expect(() => loadConfig({ ...valid, TRUST_PROXY: 'everyone' })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ ...valid, TRUST_PROXY: '10.0.0.0/99' })).toThrow(/TRUST_PROXY/);
  });
});
