/** Helpers for hand-written SQL. */
import type { EntityManager } from '@mikro-orm/postgresql';
import { CompiledQuery } from 'kysely';

/** An element PostgreSQL's array parser reads as itself unquoted (uuids, numbers, ISO times, plain words). */
const BARE = /^[\w.:+-]+$/;

/** A PostgreSQL array literal (`{"a","b",NULL}`), passed as one text parameter and cast in SQL. */
export function pgArray(values: (string | number | null)[]): string {
  return `{${values.map(arrayElement).join(',')}}`;
}

function arrayElement(v: string | number | null): string {
  if (v === null) return 'NULL';
  const s = String(v);
  // Quoted when it could be misread: empty, the word NULL, or any character outside the bare set.
  if (BARE.test(s) && s.toUpperCase() !== 'NULL') return s;
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * Runs `sql` (placeholders `$1`, `$2`, ...) with its parameters bound by the PostgreSQL driver, in
 * `em`'s transaction when it has one. For bulk statements: `em.execute` inlines every parameter
 * into the SQL text in JavaScript (MikroORM 7 formats queries client-side, through Kysely, its
 * query layer), which for arrays of thousands of ids costs more than PostgreSQL's own work.
 */
export async function executeBound<T = Record<string, unknown>>(
  em: EntityManager,
  sql: string,
  params: unknown[],
): Promise<T[]> {
  const result = await em.getKysely().executeQuery<T>(CompiledQuery.raw(sql, params));
  return [...result.rows];
}
