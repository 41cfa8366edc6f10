/** `npm run db:migrate`: creates the database if needed and applies every pending migration. */
import { loadConfig } from '../platform/config/config';
import { migrateDatabase } from '../platform/database/migrate';

async function main() {
  const config = loadConfig();
  const { created, applied } = await migrateDatabase(config.databaseUrl);
  if (created) console.log('created the database');
  console.log(applied.length ? `applied ${applied.join(', ')}` : 'database is up to date');
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
