import { getQueueToken } from '@nestjs/bullmq';
import { INestApplication } from '@nestjs/common';
import type { Queue } from 'bullmq';
import Redis from 'ioredis';
import { Client } from 'pg';
import request from 'supertest';
import { createApp } from '../../src/app.factory';
import { hashPassword } from '../../src/features/users/password';
import { Role, ROLES } from '../../src/kernel/roles';
import { Clock } from '../../src/platform/clock';
import { loadConfig, AppConfig } from '../../src/platform/config/config';
import { dropDatabase } from '../../src/platform/database/database-admin';
import { migrateDatabase } from '../../src/platform/database/migrate';

export const PG_BASE = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';
export const REDIS_BASE = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';
export const PASSWORD = 'test-password-123';
export const TEST_AREAS = [
  'Crewe',
  'Nantwich',
  'Macclesfield',
  'Sandbach',
  'Wilmslow',
  'Knutsford',
  'Congleton',
  'Alsager',
  'Wybunbury',
  'Otherton',
  'Vacancyville',
  'Filterham',
];

export interface TestUser {
  id: string;
  email: string;
  role: Role;
  token: string;
}

/**
 * One isolated service for one test file: its own PostgreSQL database (created, migrated, dropped)
 * and its own BullMQ key prefix in the real Redis (its keys deleted at the end).
 */
export class Harness {
  app!: INestApplication;
  config!: AppConfig;
  db!: Client;
  users = {} as Record<Role, TestUser>;
  private readonly suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  readonly databaseUrl = `${PG_BASE}/cla_test_${this.suffix}`;
  readonly queuePrefix = `clatest${this.suffix}`;

  static async start(opts: { env?: Record<string, string>; clock?: Clock; users?: boolean } = {}): Promise<Harness> {
    const h = new Harness();
    await h.boot(opts);
    return h;
  }

  env(extra: Record<string, string> = {}): Record<string, string> {
    return {
      DATABASE_URL: this.databaseUrl,
      REDIS_URL: REDIS_BASE,
      QUEUE_PREFIX: this.queuePrefix,
      JWT_SECRET: 'test-secret-0123456789abcdef',
      LOG_LEVEL: 'silent',
      LOGIN_RATE_LIMIT: '1000',
      // Tests sign the same accounts in and out many times; the sign-in tests lower these.
      LOGIN_ACCOUNT_FREE_FAILURES: '1000',
      SMTP_URL: 'smtp://127.0.0.1:1',
      PUBLIC_BASE_URL: 'https://care-leavers.test',
      // The tests stand in for clients behind the council's proxy by sending X-Forwarded-For from loopback.
      TRUST_PROXY: 'loopback',
      ...extra,
    };
  }

  private async boot(opts: { env?: Record<string, string>; clock?: Clock; users?: boolean }): Promise<void> {
    await migrateDatabase(this.databaseUrl);
    this.db = new Client({ connectionString: this.databaseUrl });
    await this.db.connect();
    await this.insertAreas();
    if (opts.users !== false) await this.insertUsers();
    await this.startApp(opts);
    if (opts.users !== false) {
      // argon2 verification runs on the libuv pool: sign everyone in at once. If that fails, close
      // what was started, or the test run would not exit.
      try {
        await Promise.all(
          ROLES.map(async (role) => (this.users[role].token = await this.login(this.users[role].email))),
        );
      } catch (e) {
        await this.stop();
        throw e;
      }
    }
  }

  /** (Re)starts the HTTP service against the same database and Redis prefix. */
  async startApp(opts: { env?: Record<string, string>; clock?: Clock } = {}): Promise<void> {
    this.config = loadConfig(this.env(opts.env));
    this.app = await createApp({ config: this.config, clock: opts.clock, logger: false });
    await this.app.init();
  }

  /** Listens on a loopback port (for a browser); answers the address. */
  async listen(port = 0): Promise<string> {
    await this.app.listen(port, '127.0.0.1');
    return (await this.app.getUrl()).replace('[::1]', '127.0.0.1');
  }

  async stopApp(): Promise<void> {
    await this.app?.close();
  }

  /**
   * A second, independent instance of the service against the same database (and, unless `env`
   * says otherwise, the same Redis prefix): for settings such as LOGIN_RATE_LIMIT or an unreachable
   * REDIS_URL without disturbing the main app. Tokens from `users` work on it. Close it yourself.
   */
  async extraApp(opts: { env?: Record<string, string>; clock?: Clock } = {}): Promise<ExtraApp> {
    const config = loadConfig(this.env(opts.env));
    const app = await createApp({ config, clock: opts.clock, logger: false });
    await app.init();
    return {
      app,
      config,
      as: (role?: Role) => agentFor(app, role ? this.users[role].token : undefined),
      close: async () => {
        await app.close();
        // An instance on a prefix of its own (`QUEUE_PREFIX` in `env`) leaves it empty, as stop() does the harness's.
        if (config.queuePrefix !== this.queuePrefix) await deleteQueueKeys(config.queuePrefix);
      },
    };
  }

  /** The managed list of areas the tests name (users, providers and young people must name one of these). */
  private async insertAreas(): Promise<void> {
    await this.db.query(
      `insert into area (id, name, created_at) select gen_random_uuid(), n, now() from unnest($1::text[]) n`,
      [TEST_AREAS],
    );
  }

  private async insertUsers(): Promise<void> {
    const hash = await hashPassword(PASSWORD);
    for (const role of ROLES) {
      const id = crypto.randomUUID();
      const email = `${role.replace(/_/g, '.')}@test.invalid`;
      await this.db.query(
        `insert into app_user (id, email, name, role, area, active, password_hash, created_at, updated_at)
         values ($1, $2, $3, $4, null, true, $5, now(), now())`,
        [id, email, `Test ${role}`, role, hash],
      );
      this.users[role] = { id, email, role, token: '' };
    }
  }

  async login(email: string, password = PASSWORD): Promise<string> {
    const res = await request(this.app.getHttpServer()).post('/auth/login').send({ email, password });
    if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.accessToken;
  }

  /** A supertest agent for a role (or anonymous). */
  as(role?: Role): Agent {
    return agentFor(this.app, role ? this.users[role].token : undefined);
  }

  /** A supertest agent sending this bearer token (or none). */
  withToken(token?: string): Agent {
    return agentFor(this.app, token);
  }

  /** Waits until a BullMQ queue has nothing waiting, running or delayed: every job it was given has finished. */
  async queueIdle(name: string, timeoutMs = 15_000): Promise<void> {
    const queue = this.app.get<Queue>(getQueueToken(name), { strict: false });
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      if (Object.values(counts).every((n) => n === 0)) return;
      if (Date.now() > deadline) throw new Error(`queue ${name} still busy: ${JSON.stringify(counts)}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  async count(table: string, where = 'true', params: unknown[] = []): Promise<number> {
    const r = await this.db.query(`select count(*)::int as n from ${table} where ${where}`, params);
    return r.rows[0].n;
  }

  /** A fingerprint of every row of a table: equal before and after means nothing was written. */
  async checksum(table: string): Promise<string> {
    const r = await this.db.query(
      `select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as h from ${table} t`,
    );
    return r.rows[0].h;
  }

  /** Row counts and fingerprints of the given tables, audit_event always included. */
  async snapshot(...tables: string[]): Promise<Record<string, { rows: number; checksum: string }>> {
    const out: Record<string, { rows: number; checksum: string }> = {};
    for (const t of new Set([...tables, 'audit_event']))
      out[t] = { rows: await this.count(t), checksum: await this.checksum(t) };
    return out;
  }

  /** Runs `fn` and asserts it wrote nothing to `tables` nor to audit_event (row counts and contents). */
  async expectNoWrites<T>(tables: string[], fn: () => Promise<T>): Promise<T> {
    const before = await this.snapshot(...tables);
    const result = await fn();
    expect(await this.snapshot(...tables)).toEqual(before);
    return result;
  }

  async stop(): Promise<void> {
    await this.stopApp().catch(() => undefined);
    await this.db?.end().catch(() => undefined);
    await dropDatabase(this.databaseUrl);
    await deleteQueueKeys(this.queuePrefix);
  }
}

/** Deletes every Redis key under a queue prefix a test made (BullMQ leaves its queues' meta keys behind). */
export async function deleteQueueKeys(prefix: string | undefined): Promise<void> {
  if (!prefix) return;
  const redis = new Redis(REDIS_BASE);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

export interface ExtraApp {
  app: INestApplication;
  config: AppConfig;
  as: (role?: Role) => Agent;
  close: () => Promise<void>;
}

export type Agent = ReturnType<typeof agentFor>;

/** Supertest requests against `app`, with `Authorization: Bearer <token>` when a token is given. */
export function agentFor(app: INestApplication, token?: string) {
  const server = app.getHttpServer();
  const auth = (t: request.Test) => (token ? t.set('Authorization', `Bearer ${token}`) : t);
  return {
    get: (url: string) => auth(request(server).get(url)),
    post: (url: string) => auth(request(server).post(url)),
    patch: (url: string) => auth(request(server).patch(url)),
    put: (url: string) => auth(request(server).put(url)),
    delete: (url: string) => auth(request(server).delete(url)),
  };
}

/** Asserts a problem-details body with the given status (and, for 400s, the named fields). */
export function expectProblem(res: request.Response, status: number, fields: string[] = []): void {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toEqual(
    expect.objectContaining({
      type: expect.any(String),
      title: expect.any(String),
      status,
      detail: expect.any(String),
    }),
  );
  if (fields.length) {
    expect(Array.isArray(res.body.errors)).toBe(true);
    const named = (res.body.errors as { field: string }[]).map((e) => e.field);
    for (const f of fields) expect(named).toContain(f);
  }
}
