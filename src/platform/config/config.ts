import { isIP } from 'node:net';
import { parseFixedDurationMs } from '../../kernel/duration';
import { DEFAULT_CONTACT_DUE_AFTER } from '../../kernel/keeping-in-touch';

/** Typed configuration, read once from the environment and validated at boot. */
export interface AppConfig {
  nodeEnv: string;
  port: number;
  databaseUrl: string;
  /**
   * Most PostgreSQL connections this process opens (DATABASE_POOL_MAX, default 30): enough for the
   * timers worker's 16 firings and the delivery worker's 8 at once with requests beside them, so a
   * due step never waits for a connection behind e-mail deliveries.
   */
  databasePoolMax: number;
  redisUrl: string;
  /** Prefix of every BullMQ key, so two instances (or test runs) can share one Redis db. */
  queuePrefix: string;
  jwtSecret: string;
  jwtExpiresInSeconds: number;
  bootstrapAdmin?: { email: string; password: string };
  smtpUrl: string;
  mailFrom: string;
  publicBaseUrl: string;
  reconcileEveryMs: number;
  holdForMs: number;
  /** The longest a hold may live from when it was made, extensions and planned move-ins included (HOLD_MAX_LIFE, default P14D). */
  holdMaxLifeMs: number;
  vacancyStaleAfterMs: number;
  /** A young person with no contact recorded within this is listed first on their PA's home as "Contact due" (CONTACT_DUE_AFTER, default P8W). */
  contactDueAfterMs: number;
  /**
   * Sign-in limits (see kernel/sign-in-limits.ts): failed attempts per address per window
   * (LOGIN_RATE_LIMIT per LOGIN_RATE_WINDOW), free failures per account before delays start
   * (LOGIN_ACCOUNT_FREE_FAILURES) and the longest delay (LOGIN_ACCOUNT_MAX_DELAY).
   */
  loginRateLimit: { limit: number; ttlMs: number; freeFailures: number; maxDelayMs: number };
  /** Password hashes checked at once (argon2 takes 64 MiB and a thread each); more wait their turn (LOGIN_HASH_CONCURRENCY). */
  hashConcurrency: number;
  logLevel: string;
  bodyLimit: string;
  /** Run the BullMQ workers in this process (a web-only replica can turn them off). */
  workersEnabled: boolean;
  /** Static bearer token a Prometheus server sends to GET /metrics (unset: only an admin's token opens it). */
  metricsToken: string | null;
  /** Delivery attempts per email / webhook notification before it is marked failed (NOTIFY_ATTEMPTS, default 6). */
  notifyAttempts: number;
  /** Base of the exponential backoff between delivery attempts (NOTIFY_BACKOFF, ISO-8601, default PT5S). */
  notifyBackoffMs: number;
  /**
   * Which proxies' X-Forwarded-For to believe (TRUST_PROXY: `false` (default), `loopback`, or a
   * comma-separated list of addresses and CIDRs, as Express takes it); any other client's header is ignored.
   */
  trustProxy: false | string[];
  /** Web sessions: ended after this long without a request (SESSION_IDLE, default PT30M) or this long in all (SESSION_MAX, PT8H). */
  session: { idleMs: number; maxMs: number };
  /** The council's name and the service's, on every page (COUNCIL_NAME, SERVICE_NAME). */
  councilName: string;
  serviceName: string;
  /** Office hours, Europe/London wall-clock `HH:MM` (OFFICE_OPENS, default 09:00; OFFICE_CLOSES, default 17:00). */
  officeHours: { opens: string; closes: string };
  /** When senior managers' morning digest goes out on working days (DIGEST_AT, `HH:MM`, default 08:00); null: off. */
  digestAt: string | null;
  /** The shortest repeat a policy may set (MIN_REPEAT_EVERY, default PT1H; lowered only for drills and tests). */
  minRepeatEveryMs: number;
  /** `http://` webhook targets accepted (ALLOW_HTTP_WEBHOOKS=true, refused at boot unless NODE_ENV is development). */
  allowHttpWebhooks: boolean;
  /**
   * Test only: the loopback `address:port` endpoints of the automated tests' local webhook receivers,
   * exempt from the webhook target rules (WEBHOOK_TEST_RECEIVERS, refused at boot unless NODE_ENV is test).
   */
  webhookTestReceivers: string[];
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

export const APP_CONFIG = Symbol('APP_CONFIG');

/** Where development conveniences are allowed: a developer's machine and the automated tests. */
export const RELAXED_ENVIRONMENTS = ['development', 'test'];
export const MIN_SECRET_CHARACTERS = 32;
/** Values printed in the repository (`.env.example`, README): never a live secret. */
export const PUBLISHED_SECRETS = ['development-only-secret-change-me', 'replace-me-npm-start-generates-one'];
export const PUBLISHED_PASSWORDS = ['demo-password-2026'];

/**
 * A signing secret fit for a live service: not a published example, at least 32 characters, and
 * not a short pattern repeated (at least 16 distinct characters, as any 32 random bytes encoded
 * in hex or base64 have).
 */
export function strongSecret(secret: string): boolean {
  return !PUBLISHED_SECRETS.includes(secret) && secret.length >= MIN_SECRET_CHARACTERS && new Set(secret).size >= 16;
}

type Env = Record<string, string | undefined>;

/** Reads typed settings from the environment, collecting every problem instead of stopping at the first. */
class EnvReader {
  readonly problems: string[] = [];

  constructor(private readonly env: Env) {}

  str(name: string, opts: { required?: boolean; fallback?: string } = {}): string {
    const v = this.env[name];
    if (v === undefined || v.trim() === '') {
      if (opts.required) this.problems.push(`${name} is required`);
      return opts.fallback ?? '';
    }
    return v.trim();
  }

  url(name: string, protocols: string[], required: boolean, fallback = ''): string {
    const v = this.str(name, { required, fallback });
    if (!v) return v;
    try {
      const u = new URL(v);
      if (!protocols.includes(u.protocol)) {
        this.problems.push(`${name} must be a ${protocols.map((p) => p.replace(':', '://')).join(' or ')} URL`);
      }
    } catch {
      this.problems.push(`${name} is not a valid URL`);
    }
    return v;
  }

  duration(name: string, fallback: string): number {
    const v = this.str(name, { fallback });
    const ms = parseFixedDurationMs(v);
    if (ms === null || ms <= 0) {
      this.problems.push(`${name} must be a positive ISO-8601 duration such as PT1M (got ${JSON.stringify(v)})`);
      return 0;
    }
    return ms;
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const v = this.str(name, { fallback: String(fallback) });
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) {
      this.problems.push(`${name} must be a whole number from ${min} to ${max} (got ${JSON.stringify(v)})`);
      return fallback;
    }
    return n;
  }

  /** A wall-clock time `HH:MM` (or null for `off`, where allowed). */
  clockTime(name: string, fallback: string, allowOff = false): string | null {
    const v = this.str(name, { fallback });
    if (allowOff && v.toLowerCase() === 'off') return null;
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(v)) {
      this.problems.push(`${name} must be a time of day HH:MM${allowOff ? ' or off' : ''} (got ${JSON.stringify(v)})`);
      return fallback;
    }
    return v;
  }
}

function readStores(r: EnvReader): Pick<AppConfig, 'databaseUrl' | 'databasePoolMax' | 'redisUrl' | 'queuePrefix'> {
  const databaseUrl = r.url('DATABASE_URL', ['postgres:', 'postgresql:'], true);
  const redisUrl = r.url('REDIS_URL', ['redis:', 'rediss:'], true);
  if (redisUrl) {
    try {
      const db = new URL(redisUrl).pathname.replace(/^\//, '');
      if (db !== '' && !/^\d+$/.test(db)) r.problems.push('REDIS_URL database index must be a number');
    } catch {
      /* reported above */
    }
  }
  return {
    databaseUrl,
    databasePoolMax: r.int('DATABASE_POOL_MAX', 30, 2, 500),
    redisUrl,
    queuePrefix: r.str('QUEUE_PREFIX', { fallback: 'cla' }),
  };
}

/** Secrets and the bootstrap admin; outside development and tests, published examples are refused. */
function readSecrets(
  r: EnvReader,
  nodeEnv: string,
): Pick<AppConfig, 'jwtSecret' | 'jwtExpiresInSeconds' | 'bootstrapAdmin'> {
  const relaxed = RELAXED_ENVIRONMENTS.includes(nodeEnv);
  const jwtSecret = r.str('JWT_SECRET', { required: true });
  if (jwtSecret && jwtSecret.length < 16) r.problems.push('JWT_SECRET must be at least 16 characters');
  else if (jwtSecret && !relaxed && !strongSecret(jwtSecret)) {
    r.problems.push(
      `JWT_SECRET must be at least ${MIN_SECRET_CHARACTERS} random characters and not a published example when NODE_ENV is ${nodeEnv} ` +
        "(generate one: node -e \"console.log(require('crypto').randomBytes(48).toString('base64url'))\")",
    );
  }
  const email = r.str('BOOTSTRAP_ADMIN_EMAIL');
  const password = r.str('BOOTSTRAP_ADMIN_PASSWORD');
  if (email && !password) r.problems.push('BOOTSTRAP_ADMIN_PASSWORD is required with BOOTSTRAP_ADMIN_EMAIL');
  if (password && !email) r.problems.push('BOOTSTRAP_ADMIN_EMAIL is required with BOOTSTRAP_ADMIN_PASSWORD');
  if (email && !/^[^@\s]+@[^@\s]+$/.test(email)) r.problems.push('BOOTSTRAP_ADMIN_EMAIL is not an email address');
  if (password && password.length < 12) r.problems.push('BOOTSTRAP_ADMIN_PASSWORD must be at least 12 characters');
  if (password && !relaxed && PUBLISHED_PASSWORDS.includes(password))
    r.problems.push(`BOOTSTRAP_ADMIN_PASSWORD is the published example; choose your own when NODE_ENV is ${nodeEnv}`);
  return {
    jwtSecret,
    jwtExpiresInSeconds: Math.round(r.duration('JWT_EXPIRES_IN', 'PT8H') / 1000),
    bootstrapAdmin: email && password ? { email: email.toLowerCase(), password } : undefined,
  };
}

/** Timers, notification delivery, office hours and the digest. */
function readSchedule(
  r: EnvReader,
): Pick<
  AppConfig,
  | 'reconcileEveryMs'
  | 'holdForMs'
  | 'holdMaxLifeMs'
  | 'vacancyStaleAfterMs'
  | 'contactDueAfterMs'
  | 'notifyAttempts'
  | 'notifyBackoffMs'
  | 'officeHours'
  | 'digestAt'
  | 'minRepeatEveryMs'
> {
  const officeHours = { opens: r.clockTime('OFFICE_OPENS', '09:00')!, closes: r.clockTime('OFFICE_CLOSES', '17:00')! };
  if (officeHours.opens >= officeHours.closes) r.problems.push('OFFICE_OPENS must be before OFFICE_CLOSES');
  return {
    reconcileEveryMs: r.duration('RECONCILE_EVERY', 'PT1M'),
    holdForMs: r.duration('HOLD_FOR', 'PT4H'),
    holdMaxLifeMs: r.duration('HOLD_MAX_LIFE', 'P14D'),
    vacancyStaleAfterMs: r.duration('VACANCY_STALE_AFTER', 'P7D'),
    contactDueAfterMs: r.duration('CONTACT_DUE_AFTER', DEFAULT_CONTACT_DUE_AFTER),
    notifyAttempts: r.int('NOTIFY_ATTEMPTS', 6, 1, 50),
    notifyBackoffMs: r.duration('NOTIFY_BACKOFF', 'PT5S'),
    officeHours,
    digestAt: r.clockTime('DIGEST_AT', '08:00', true),
    minRepeatEveryMs: r.duration('MIN_REPEAT_EVERY', 'PT1H'),
  };
}

/** Where webhooks may go beyond public https (kernel/webhook-targets.ts); both settings are refused in production. */
function readWebhooks(r: EnvReader, nodeEnv: string): Pick<AppConfig, 'allowHttpWebhooks' | 'webhookTestReceivers'> {
  const allowHttp = r.str('ALLOW_HTTP_WEBHOOKS', { fallback: 'false' });
  if (!['true', 'false'].includes(allowHttp)) r.problems.push('ALLOW_HTTP_WEBHOOKS must be true or false');
  else if (allowHttp === 'true' && nodeEnv !== 'development')
    r.problems.push(`ALLOW_HTTP_WEBHOOKS=true is only allowed when NODE_ENV is development (it is ${nodeEnv})`);
  const receivers = r
    .str('WEBHOOK_TEST_RECEIVERS')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  if (receivers.length && nodeEnv !== 'test')
    r.problems.push(`WEBHOOK_TEST_RECEIVERS is only for the automated tests (NODE_ENV=test, not ${nodeEnv})`);
  const bad = receivers.filter(
    (e) => !/^(127\.0\.0\.1|\[::1\]):([1-9]\d{0,4})$/.test(e) || Number(e.split(':').pop()) > 65535,
  );
  if (bad.length)
    r.problems.push(
      `WEBHOOK_TEST_RECEIVERS must list loopback endpoints such as 127.0.0.1:8080 (not ${bad.join(', ')})`,
    );
  return { allowHttpWebhooks: allowHttp === 'true' && nodeEnv === 'development', webhookTestReceivers: receivers };
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function loadConfig(env: Env = process.env): AppConfig {
  const r = new EnvReader(env);
  const nodeEnv = r.str('NODE_ENV', { fallback: 'development' });
  const port = r.int('PORT', 3000, 0, 65535);
  const config: AppConfig = {
    nodeEnv,
    port,
    ...readStores(r),
    ...readSecrets(r, nodeEnv),
    ...readSchedule(r),
    ...readWebhooks(r, nodeEnv),
    smtpUrl: r.url('SMTP_URL', ['smtp:', 'smtps:'], false, 'smtp://127.0.0.1:1025'),
    mailFrom: r.str('MAIL_FROM', { fallback: 'Care leaver accommodation <no-reply@care-leavers.invalid>' }),
    publicBaseUrl: r.url('PUBLIC_BASE_URL', ['http:', 'https:'], false, `http://localhost:${port}`).replace(/\/+$/, ''),
    loginRateLimit: {
      limit: r.int('LOGIN_RATE_LIMIT', 20, 1, 100_000),
      ttlMs: r.duration('LOGIN_RATE_WINDOW', 'PT15M'),
      freeFailures: r.int('LOGIN_ACCOUNT_FREE_FAILURES', 5, 1, 1000),
      maxDelayMs: r.duration('LOGIN_ACCOUNT_MAX_DELAY', 'PT15M'),
    },
    hashConcurrency: r.int('LOGIN_HASH_CONCURRENCY', 2, 1, 64),
    logLevel: r.str('LOG_LEVEL', { fallback: 'info' }),
    bodyLimit: r.str('BODY_LIMIT', { fallback: '100kb' }),
    workersEnabled: r.str('WORKERS_ENABLED', { fallback: 'true' }) !== 'false',
    metricsToken: r.str('METRICS_TOKEN') || null,
    session: { idleMs: r.duration('SESSION_IDLE', 'PT30M'), maxMs: r.duration('SESSION_MAX', 'PT8H') },
    councilName: r.str('COUNCIL_NAME', { fallback: 'Cheshire Vale Council' }),
    serviceName: r.str('SERVICE_NAME', { fallback: 'Care leaver accommodation' }),
    trustProxy: trustProxyFrom(r.str('TRUST_PROXY', { fallback: 'false' }), r.problems),
  };
  if (!LOG_LEVELS.includes(config.logLevel)) r.problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  if (config.metricsToken && config.metricsToken.length < 24)
    r.problems.push('METRICS_TOKEN must be at least 24 characters');
  if (r.problems.length) throw new ConfigError(r.problems);
  return config;
}

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** TRUST_PROXY as Express's `trust proxy` setting: false, or the names, addresses and CIDRs to trust. */
function trustProxyFrom(value: string, problems: string[]): false | string[] {
  if (value.toLowerCase() === 'false' || value === '') return false;
  const entries = value
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  const bad = entries.filter((e) => !PROXY_NAMES.includes(e) && !isIpOrCidr(e));
  if (bad.length)
    problems.push(
      `TRUST_PROXY must be false, loopback, linklocal, uniquelocal or addresses / CIDRs (not ${bad.join(', ')})`,
    );
  return entries;
}

function isIpOrCidr(text: string): boolean {
  const [address, bits, ...rest] = text.split('/');
  if (rest.length || isIP(address) === 0) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return Number.isInteger(n) && n >= 0 && n <= (isIP(address) === 4 ? 32 : 128);
}
