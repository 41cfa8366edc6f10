import { MikroORM } from '@mikro-orm/postgresql';
import { ensureDatabase } from './database-admin';
import { ormConfig } from './mikro-orm.config';

/** Creates the database if it is missing and applies every pending migration; returns what ran. */
export async function migrateDatabase(databaseUrl: string): Promise<{ created: boolean; applied: string[] }> {
  const created = await ensureDatabase(databaseUrl);
  const orm = await MikroORM.init(ormConfig(databaseUrl, { poolMax: 2 }));
  try {
    const applied = await orm.migrator.up();
    return { created, applied: applied.map((m) => m.name) };
  } finally {
    await orm.close(true);
  }
}
