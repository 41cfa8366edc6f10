/**
 * `npm run db:seed:demo`: loads the demo county (service levels, providers, beds, one user per
 * role) into DATABASE_URL in one transaction. Idempotent: inserts only what is missing and never
 * changes or deletes existing rows. Run `npm run db:migrate` first.
 *
 * Every demo user gets the same published password, so this refuses to run with
 * NODE_ENV=production unless given `--allow-production`.
 */
import { ENTITIES } from '../entities';
import { NestFactory } from '@nestjs/core';
import { MikroORM } from '@mikro-orm/postgresql';
import { AppModule } from '../app.module';
import { seedDemoPeople } from './seed/demo-people';
import { loadConfig } from '../platform/config/config';
import { ormConfig } from '../platform/database/mikro-orm.config';
import { DEMO_PASSWORD, seedDemoCounty, type SeedCount } from './seed/demo-county';

const line = (what: string, c: SeedCount) =>
  `  ${what.padEnd(15)} ${String(c.created).padStart(4)} created, ${String(c.existing).padStart(4)} already there${c.skipped ? `, ${c.skipped} skipped (name taken by a record the seed did not create)` : ''}`;

async function main() {
  const config = loadConfig();
  if (config.nodeEnv === 'production' && !process.argv.includes('--allow-production')) {
    throw new Error(
      'refusing to load demo data (with a published password) into a production database; pass --allow-production if you really mean it',
    );
  }
  const orm = await MikroORM.init(ormConfig(config.databaseUrl, { poolMax: 2, entities: ENTITIES }));
  try {
    const s = await seedDemoCounty(orm.em.fork());
    console.log('demo county loaded:');
    console.log(line('service levels', s.serviceLevels));
    console.log(line('providers', s.providers));
    console.log(line('beds', s.beds));
    console.log(line('users', s.users));
    if (s.users.created)
      console.log(
        `  demo sign-ins: admin@demo.invalid, housing.officer@demo.invalid, pa@demo.invalid, ... password ${DEMO_PASSWORD} (development only)`,
      );
  } finally {
    await orm.close(true);
  }
  // Young people and where they live go through the service's own code (clocks, steps, audit).
  // No workers here: the service fires any step already due when it starts.
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot({ config: { ...config, workersEnabled: false, logLevel: 'warn' } }),
    { logger: ['error', 'warn'] },
  );
  try {
    const p = await seedDemoPeople(app);
    console.log(
      `  young people    ${String(p.created).padStart(4)} created, ${String(p.existing).padStart(4)} already there`,
    );
  } finally {
    await app.close();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
