/**
 * Developer tool: writes a new migration from the difference between the entities and a database
 * that has every existing migration applied. `npm run build && node dist/cli/make-migration.js`
 * with DATABASE_URL pointing at a scratch database. Register the new class in migrations/index.ts.
 *
 * The generator does not know the constraints and partial indexes written by hand in earlier
 * migrations (foreign keys on plain uuid columns, partial unique indexes) and proposes dropping
 * them: review the file and delete those lines (and their mirror in `down`).
 */
import { ENTITIES } from '../entities';
import { MikroORM } from '@mikro-orm/postgresql';
import { ormConfig } from '../platform/database/mikro-orm.config';
import { ensureDatabase } from '../platform/database/database-admin';

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is required');
  await ensureDatabase(url);
  const orm = await MikroORM.init(ormConfig(url, { entities: ENTITIES }));
  try {
    await orm.migrator.up();
    const result = await orm.migrator.create('src/platform/database/migrations', false, false, process.argv[2]);
    console.log(result.fileName ? `wrote ${result.fileName}` : 'no changes');
  } finally {
    await orm.close(true);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
