/** `npm run db:migrate`: creates the database if needed and applies every pending migration. */
import { MikroORM } from '@mikro-orm/postgresql';
import { loadConfig } from '../config/config';
import { ensureDatabase } from '../database/database-admin';
import { ormConfig } from '../database/mikro-orm.config';

async function main() {
  const config = loadConfig();
  if (await ensureDatabase(config.databaseUrl)) console.log('created the database');
  const orm = await MikroORM.init(ormConfig(config.databaseUrl));
  try {
    const applied = await orm.migrator.up();
    console.log(applied.length ? `applied ${applied.map((m) => m.name).join(', ')}` : 'database is up to date');
  } finally {
    await orm.close(true);
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
