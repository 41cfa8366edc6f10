/** Shared plumbing for the benchmarks: a throwaway database, the real app on a loopback port, percentiles. */
import { INestApplication } from '@nestjs/common';
import Redis from 'ioredis';
import { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { createApp } from '../src/app.factory';
import { hashPassword } from '../src/features/users/password';
import { loadConfig } from '../src/platform/config/config';
import { dropDatabase } from '../src/platform/database/database-admin';
import { migrateDatabase } from '../src/platform/database/migrate';

export const PG = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';
export const REDIS = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/0';

export class BenchEnv {
  readonly id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  readonly databaseUrl = `${PG}/cla_bench_${this.id}`;
  readonly queuePrefix = `clabench${this.id}`;
  db!: Client;
  app?: INestApplication;
  baseUrl = '';

  async createDatabase(): Promise<void> {
    await migrateDatabase(this.databaseUrl);
    this.db = new Client({ connectionString: this.databaseUrl });
    await this.db.connect();
  }

  async user(role: string, email: string, password = 'bench-password-123'): Promise<string> {
    const id = crypto.randomUUID();
    await this.db.query(
      `insert into app_user (id, email, name, role, area, active, password_hash, created_at, updated_at) values ($1, $2, $3, $4, null, true, $5, now(), now())`,
      [id, email, `Bench ${role}`, role, await hashPassword(password)],
    );
    return id;
  }

  async startApp(env: Record<string, string> = {}): Promise<void> {
    const config = loadConfig({
      DATABASE_URL: this.databaseUrl,
      REDIS_URL: REDIS,
      QUEUE_PREFIX: this.queuePrefix,
      JWT_SECRET: 'bench-secret-0123456789',
      // Errors only: a page that answers 500 says why.
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'error',
      LOGIN_RATE_LIMIT: '1000',
      SMTP_URL: 'smtp://127.0.0.1:1',
      PUBLIC_BASE_URL: 'http://bench.invalid',
      ...env,
    });
    this.app = await createApp({ config, logger: true });
    await this.app.listen(0, '127.0.0.1');
    const server = this.app.getHttpServer() as { address(): AddressInfo };
    const port = server.address().port;
    this.baseUrl = `http://127.0.0.1:${port}`;
  }

  async login(email: string, password = 'bench-password-123'): Promise<string> {
    const res = await fetch(`${this.baseUrl}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    if (res.status !== 200) throw new Error(`login failed: ${res.status}`);
    return ((await res.json()) as { accessToken: string }).accessToken;
  }

  async wipeRedis(): Promise<number> {
    const redis = new Redis(REDIS);
    let n = 0;
    try {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${this.queuePrefix}:*`, 'COUNT', 5000);
        cursor = next;
        if (keys.length) n += await redis.del(...keys);
      } while (cursor !== '0');
    } finally {
      redis.disconnect();
    }
    return n;
  }

  async close(keep = process.argv.includes('--keep')): Promise<void> {
    await this.app?.close();
    await this.db?.end();
    await this.wipeRedis();
    if (!keep) await dropDatabase(this.databaseUrl);
    else console.log(`kept database ${this.databaseUrl}`);
  }
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export function summary(label: string, samples: number[], unit = 'ms'): string {
  const s = [...samples].sort((a, b) => a - b);
  const f = (x: number) => x.toFixed(1);
  return `${label}: n=${s.length} p50=${f(percentile(s, 50))}${unit} p95=${f(percentile(s, 95))}${unit} p99=${f(percentile(s, 99))}${unit} max=${f(s[s.length - 1])}${unit}`;
}

/** The seeded PRNG the demo seed uses, so every benchmark run seeds the same data. */
export { prng } from '../src/cli/seed/stable-id';
