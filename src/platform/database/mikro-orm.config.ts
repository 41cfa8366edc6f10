import { defineConfig, PostgreSqlDriver } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import type { EntityClass } from '@mikro-orm/core';
import { MIGRATIONS } from './migrations';
import { PreparingClient } from './sql';

/**
 * The one MikroORM configuration, used by the app, the CLIs (migrate, seed) and the tests.
 * Migrations are listed explicitly (no file discovery), so the same list runs from `dist/` and
 * under Jest.
 */
export function ormConfig(
  databaseUrl: string,
  overrides: { debug?: boolean; poolMax?: number; entities?: EntityClass[] } = {},
) {
  return defineConfig({
    driver: PostgreSqlDriver,
    clientUrl: databaseUrl,
    // The composition root (src/entities.ts) names the entities; migrations alone need none.
    entities: overrides.entities ?? [],
    discovery: { warnWhenNoEntities: false },
    extensions: [Migrator],
    migrations: {
      migrationsList: MIGRATIONS,
      tableName: 'mikro_orm_migrations',
      transactional: true,
      silent: true,
      allOrNothing: true,
      snapshot: false,
      emit: 'ts',
      path: 'src/platform/database/migrations',
    },
    pool: { min: 0, max: overrides.poolMax ?? 10 },
    // Statements run with `executePrepared` stay prepared inside transactions too (sql.ts).
    driverOptions: { Client: PreparingClient },
    debug: overrides.debug ?? false,
    // Timestamps are stored as timestamptz and read as UTC instants.
    forceUtcTimezone: true,
    ignoreUndefinedInQuery: true,
    allowGlobalContext: false,
  });
}
