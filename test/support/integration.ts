import type { INestApplicationContext, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import { AppModule } from '../../src/app.module';
import type { AuthUser, Role } from '../../src/kernel/roles';
import { ManualClock } from '../../src/platform/clock';
import { loadConfig, type AppConfig } from '../../src/platform/config/config';
import { dropDatabase } from '../../src/platform/database/database-admin';
import { migrateDatabase } from '../../src/platform/database/migrate';
import { UnitOfWork } from '../../src/platform/database/unit-of-work';
import { deleteQueueKeys, PG_BASE, REDIS_BASE, TEST_AREAS } from './harness';

/**
 * The integration tier: the service's modules against a real PostgreSQL database of its own
 * (created, migrated, dropped), with no HTTP server and no workers. Tests call services and
 * repositories directly, move time with the ManualClock, and read the database with `db`.
 */
export class Integration {
  ctx!: INestApplicationContext;
  config!: AppConfig;
  db!: Client;
  readonly clock = new ManualClock(new Date('2026-11-02T10:00:00Z'));
  private readonly suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  readonly databaseUrl = `${PG_BASE}/cla_int_${this.suffix}`;

  static async start(): Promise<Integration> {
    const it = new Integration();
    await migrateDatabase(it.databaseUrl);
    it.db = new Client({ connectionString: it.databaseUrl });
    await it.db.connect();
    await it.db.query(
      `insert into area (id, name, created_at) select gen_random_uuid(), n, now() from unnest($1::text[]) n`,
      [TEST_AREAS],
    );
    it.config = loadConfig({
      DATABASE_URL: it.databaseUrl,
      REDIS_URL: REDIS_BASE,
      QUEUE_PREFIX: `clatest${it.suffix}`,
      JWT_SECRET: 'test-secret-0123456789abcdef',
      LOG_LEVEL: 'silent',
      SMTP_URL: 'smtp://127.0.0.1:1',
      PUBLIC_BASE_URL: 'https://care-leavers.test',
      WORKERS_ENABLED: 'false',
    });
    it.ctx = await NestFactory.createApplicationContext(AppModule.forRoot({ config: it.config, clock: it.clock }), {
      logger: false,
    });
    return it;
  }

  get<T>(type: Type<T>): T {
    return this.ctx.get(type, { strict: false });
  }

  /** Runs `work` in a unit of work, as a service would. */
  run<T>(work: () => Promise<T>): Promise<T> {
    return this.get(UnitOfWork).run(() => work());
  }

  /** Inserts an active user straight into the table (no password needed here) and answers them as a signed-in user. */
  async user(role: Role, over: { area?: string | null; name?: string } = {}): Promise<AuthUser> {
    const id = crypto.randomUUID();
    const email = `${role}.${id.slice(0, 8)}@test.invalid`;
    const name = over.name ?? `Test ${role}`;
    await this.db.query(
      `insert into app_user (id, email, name, role, area, active, password_hash, created_at, updated_at)
       values ($1, $2, $3, $4, $5, true, 'not-a-hash', now(), now())`,
      [id, email, name, role, over.area ?? null],
    );
    return { id, email, name, role, area: over.area ?? null };
  }

  async stop(): Promise<void> {
    await this.ctx?.close().catch(() => undefined);
    await this.db?.end().catch(() => undefined);
    await dropDatabase(this.databaseUrl);
    await deleteQueueKeys(this.config?.queuePrefix);
  }
}
