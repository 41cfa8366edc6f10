/**
 * `npm run db:seed:demo`: loads the demo county (areas, service levels, providers, beds, the org
 * chart of users) into DATABASE_URL in one transaction, then the demo young people through the
 * service. Idempotent: inserts only what is missing and never deletes; the one change it makes to
 * an existing row is filling in a demo user's empty line manager (see `seed/demo-county.ts`).
 * Run `npm run db:migrate` first.
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
    console.log(line('areas', s.areas));
    console.log(line('service levels', s.serviceLevels));
    console.log(line('providers', s.providers));
    console.log(line('beds', s.beds));
    console.log(line('users', s.users));
    if (s.managers.filledIn || s.managers.leftAlone)
      console.log(
        `  line managers   ${String(s.managers.filledIn).padStart(4)} filled in, ${String(s.managers.leftAlone).padStart(4)} left empty (changed through the service, manager missing, or a loop)`,
      );
    if (s.users.created)
      console.log(
        `  demo sign-ins: admin@demo.invalid, pa@demo.invalid, team.manager@demo.invalid, ... (README, "Demo sign-ins"), password ${DEMO_PASSWORD} (development only)`,
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
      `  young people    ${String(p.created).padStart(4)} created, ${String(p.existing).padStart(4)} already there${p.skipped ? `, ${p.skipped} skipped (their PA is no longer an active PA)` : ''}`,
    );
  } finally {
    await app.close();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
