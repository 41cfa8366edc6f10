/** Shared plumbing for the benchmarks: a throwaway database, the real app on a loopback port, percentiles. */
import { INestApplication } from '@nestjs/common';
import Redis from 'ioredis';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { AddressInfo, createServer } from 'node:net';
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

  wipeRedis(): Promise<number> {
    return deletePrefix(this.queuePrefix);
  }

  async close(keep = process.argv.includes('--keep')): Promise<void> {
    await this.app?.close();
    await this.db?.end();
    await this.wipeRedis();
    if (!keep) await dropDatabase(this.databaseUrl);
    else console.log(`kept database ${this.databaseUrl}`);
  }
}

/** Deletes every Redis key under `prefix`; answers how many. */
export async function deletePrefix(prefix: string): Promise<number> {
  const redis = new Redis(REDIS);
  let n = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 5000);
      cursor = next;
      if (keys.length) n += await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return n;
}

/** A free loopback port. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise((r) => server.close(r));
  return port;
}

/** A memory figure of a process from /proc/<pid>/status (VmHWM: its peak resident set), in bytes. */
export function procMemory(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : 0;
}

/** CPU time (user + system) a process has used, in ms, from /proc/<pid>/stat (clock ticks of 10 ms). */
export function procCpuMs(pid: number): number {
  // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** CPU time (user + system, ms) of each process named `postgres` on this machine, by pid. */
function postgresProcessesCpuMs(): Map<number, number> {
  const cpu = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) === 'postgres')
        cpu.set(Number(entry), procCpuMs(Number(entry)));
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return cpu;
}

/**
 * Watches the CPU time PostgreSQL uses from now on: every process named `postgres` (the backends
 * serving the service and the server's own workers), read every 200 ms so that a backend that
 * exits during the run (a pool closing an idle connection) keeps what it used until its last
 * read; one started during the run counts from nothing. A bench runs alone: that is the run's cost
 * to PostgreSQL. `stop` ends the watch and answers the total in ms (the same on every later call).
 */
export function watchPostgresCpu(): { stop(): number } {
  const first = postgresProcessesCpuMs();
  const latest = new Map(first);
  let total: number | null = null;
  const read = () => {
    for (const [pid, ms] of postgresProcessesCpuMs()) {
      if (!first.has(pid)) first.set(pid, 0);
      latest.set(pid, ms);
    }
  };
  const timer = setInterval(read, 200);
  return {
    stop() {
      if (total !== null) return total;
      clearInterval(timer);
      read();
      total = 0;
      for (const [pid, ms] of latest) total += ms - first.get(pid)!;
      return total;
    },
  };
}

/** The machine's CPU time so far, from /proc/stat's first line (clock ticks of all cores). */
function machineTicks(): { busy: number; system: number; total: number } {
  const [user, nice, system, idle, iowait, irq, softirq, steal] = readFileSync('/proc/stat', 'utf8')
    .split('\n')[0]
    .split(/\s+/)
    .slice(1, 9)
    .map(Number);
  const busy = user + nice + system + irq + softirq + steal;
  return { busy, system: system + irq + softirq, total: busy + idle + iowait };
}

/**
 * Watches the whole machine's CPU from now on (every core, every process, the kernel's own work):
 * `stop` answers the share of it that was busy, and the share spent in the kernel, in %. On a
 * small VM whose page faults and wake-ups are dear, the kernel's share tells a slow hour.
 */
export function watchMachineCpu(): { stop(): { busyPct: number; systemPct: number } } {
  const first = machineTicks();
  return {
    stop() {
      const now = machineTicks();
      const total = now.total - first.total || 1;
      return {
        busyPct: (100 * (now.busy - first.busy)) / total,
        systemPct: (100 * (now.system - first.system)) / total,
      };
    },
  };
}

/**
 * The Node flags production starts the service with (`npm run start:prod`), less the .env file;
 * SERVICE_NODE_FLAGS overrides them (`SERVICE_NODE_FLAGS=` for none: what the heap budget costs).
 */
export function serviceNodeFlags(): string[] {
  const override = process.env.SERVICE_NODE_FLAGS;
  if (override !== undefined) return override.split(/\s+/).filter(Boolean);
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
  return pkg.scripts['start:prod'].split(/\s+/).filter((a) => a.startsWith('--') && !a.startsWith('--env-file'));
}

export async function until(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The production build running as production starts it, in a process of its own. */
export interface ServiceProcess {
  pid: number;
  baseUrl: string;
  stop(): Promise<void>;
}

/**
 * Starts `dist/main.js` (`npm run build`) with `start:prod`'s Node flags as a child process on the
 * benchmark's database and queue prefix, NODE_ENV=production with a random secret, and waits until it
 * answers. Null when there is no build.
 */
export async function startService(env: BenchEnv, extra: Record<string, string> = {}): Promise<ServiceProcess | null> {
  const main = 'dist/main.js';
  if (!existsSync(main)) return null;
  const port = await freePort();
  const child = spawn(process.execPath, [...serviceNodeFlags(), main], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: env.databaseUrl,
      REDIS_URL: REDIS,
      QUEUE_PREFIX: env.queuePrefix,
      JWT_SECRET: randomBytes(48).toString('base64url'),
      PORT: String(port),
      LOG_LEVEL: 'error',
      LOGIN_RATE_LIMIT: '1000',
      PUBLIC_BASE_URL: 'http://bench.invalid',
      ...extra,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
  };
  try {
    await until('the service to answer', async () => (await fetch(`${baseUrl}/health`)).status > 0, 60_000);
  } catch (e) {
    await stop();
    throw e;
  }
  return { pid: child.pid!, baseUrl, stop };
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
