import { ENTITIES } from '../../../src/entities';
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { dropDatabase, ensureDatabase } from '../../../src/platform/database/database-admin';
import { ormConfig } from '../../../src/platform/database/mikro-orm.config';
import { deleteQueueKeys, PG_BASE, REDIS_BASE } from '../../support/harness';

/**
 * The compiled service (`node dist/main.js`, as `npm run start:prod` runs it) on the project's
 * Node 24. Run `npm run build` first (`npm test` does).
 */

const ROOT = path.resolve(__dirname, '../../..');
const NODE = path.join(ROOT, 'node_modules', '.bin', 'node');
const MAIN = path.join(ROOT, 'dist', 'main.js');
const SECRET = 'boot-test-secret-0123456789abcdef';

/** Only what the service is given here: no DATABASE_URL etc. leaking in from the test's own environment. */
function baseEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'silent' };
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) env[k] = v;
  return env;
}

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function run(env: NodeJS.ProcessEnv, timeoutMs = 20_000): { child: ChildProcess; exited: Promise<Exit> } {
  const child = spawn(NODE, [MAIN], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<Exit>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
  return { child, exited };
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });

beforeAll(() => {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npm run build" before this test (npm test does)`);
  if (!existsSync(NODE))
    throw new Error(`${NODE} is missing: the project's Node 24 comes from the "node" devDependency`);
});

describe('booting the compiled service', () => {
  it("runs on the project's Node 24, not the machine's", async () => {
    const { exited } = (() => {
      const child = spawn(NODE, ['-p', 'process.versions.node'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      return { exited: new Promise<string>((r) => child.on('exit', () => r(out.trim()))) };
    })();
    expect(Number((await exited).split('.')[0])).toBeGreaterThanOrEqual(24);
  });

  it('refuses to start without DATABASE_URL, exiting non-zero with a message naming it', async () => {
    const { exited } = run(baseEnv({ REDIS_URL: REDIS_BASE, JWT_SECRET: SECRET }));
    const exit = await exited;
    expect(exit.code).not.toBe(0);
    expect(exit.code).not.toBeNull();
    expect(exit.stderr).toMatch(/DATABASE_URL is required/);
    expect(exit.stderr).not.toContain(SECRET);
  });

  it('names every missing or malformed setting at once', async () => {
    const { exited } = run(baseEnv({ DATABASE_URL: 'mysql://root@db/app', HOLD_FOR: 'four hours' }));
    const exit = await exited;
    expect(exit.code).toBe(1);
    for (const name of ['DATABASE_URL', 'REDIS_URL', 'JWT_SECRET', 'HOLD_FOR']) expect(exit.stderr).toContain(name);
  });

  describe('with a valid environment', () => {
    const databaseUrl = `${PG_BASE}/cla_boot_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    beforeAll(async () => {
      // As `npm run db:migrate` leaves it before `npm run start:prod`.
      await ensureDatabase(databaseUrl);
      const orm = await MikroORM.init(ormConfig(databaseUrl, { entities: ENTITIES }));
      await orm.migrator.up();
      await orm.close(true);
    });
    afterAll(async () => {
      await dropDatabase(databaseUrl);
    });

    it('serves /health and exits 0 on SIGTERM', async () => {
      const port = await freePort();
      const { child, exited } = run(
        baseEnv({
          DATABASE_URL: databaseUrl,
          REDIS_URL: REDIS_BASE,
          JWT_SECRET: SECRET,
          PORT: String(port),
          QUEUE_PREFIX: `claboot${port}`,
          WORKERS_ENABLED: 'false',
        }),
      );
      let health: { status: number; body: unknown } | undefined;
      const until = Date.now() + 15_000;
      while (!health && Date.now() < until && child.exitCode === null) {
        try {
          const res = await fetch(`http://127.0.0.1:${port}/health`);
          health = { status: res.status, body: await res.json() };
        } catch {
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      child.kill('SIGTERM');
      const exit = await exited;
      await deleteQueueKeys(`claboot${port}`);
      expect(health).toEqual({ status: 200, body: { status: 'ok', checks: { database: 'up', redis: 'up' } } });
      expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null });
    });
  });
});
