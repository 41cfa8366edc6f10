/** Helpers for hand-written SQL. */
import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { CompiledQuery } from 'kysely';
import { Client, type Pool } from 'pg';

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

/**
 * The name each statement text is prepared under: the same text, the same name, on every
 * connection. The pool's connections (`PreparingClient`) prepare these texts wherever they run.
 */
const statementNames = new Map<string, string>();
/**
 * At most this many texts are prepared (each on every connection that runs it). The hot reads have
 * a few dozen shapes; a caller that wrongly put values into the text would otherwise grow this map
 * and every connection's statements without bound, so past it a new text runs bound, unprepared.
 */
export const MAX_PREPARED = 256;

/** The name `sql` is prepared under, or null when MAX_PREPARED other texts already are. */
export function statementName(sql: string): string | null {
  let name = statementNames.get(sql);
  if (name === undefined) {
    if (statementNames.size >= MAX_PREPARED) return null;
    name = `cla_${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`;
    statementNames.set(sql, name);
  }
  return name;
}

/**
 * The pool's connection (MikroORM's `driverOptions.Client`, `mikro-orm.config.ts`): a `pg` client
 * that sends a text `executePrepared` has run as that text's named prepared statement, whoever
 * sends it. So a prepared read or write keeps its plan inside a transaction too, where it reaches
 * the driver through Kysely's connection of the transaction rather than `executePrepared`'s pool.
 * Any other text (the ORM's, a bulk statement's, BEGIN) goes as it came.
 */
export class PreparingClient extends Client {}
PreparingClient.prototype.query = function (this: Client, config: unknown, ...rest: unknown[]) {
  const name = typeof config === 'string' ? statementNames.get(config) : undefined;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called with this client as `this`, below
  const query = Client.prototype.query as (this: Client, ...args: unknown[]) => unknown;
  return query.call(this, name === undefined ? config : { name, text: config }, ...rest);
} as Client['query'];

const pools = new WeakMap<object, Pool>();

async function poolOf(em: EntityManager): Promise<Pool> {
  const connection = em.getConnection();
  let pool = pools.get(connection);
  if (pool === undefined) {
    pool = await connection.getNativeClient();
    pools.set(connection, pool);
  }
  return pool;
}

/**
 * Runs a statement that runs all day (a page's read, a firing step's writes; placeholders `$1`,
 * `$2`, ...) as a named prepared statement: each pooled connection parses and plans it once, and
 * PostgreSQL then reuses the plan (a generic one, once it costs no more than planning afresh),
 * where a statement sent as text is parsed and planned every time, which for the larger reads
 * costs more than running them. In a transaction it runs there, prepared by the transaction's
 * connection (`PreparingClient`). The text must be fixed per shape: values go in `params`, never
 * into the text (each distinct text is prepared on each connection).
 */
export async function executePrepared<T = Record<string, unknown>>(
  em: EntityManager,
  sql: string,
  params: unknown[],
): Promise<T[]> {
  const name = statementName(sql);
  // Past MAX_PREPARED it runs unprepared; in a transaction the transaction's connection names it.
  if (name === null || em.isInTransaction()) return executeBound<T>(em, sql, params);
  const pool = await poolOf(em);
  const result = await pool.query({ name, text: sql, values: params });
  return result.rows as T[];
}

/** The parameters of a statement built from parts: each `add` answers the placeholder (`$n`) of its value. */
export class Params {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * A read one feature hands another to run in the same statement as its own (one round trip, not
 * two): `sql` is one SQL expression (a scalar subquery, JSON for anything larger) with its values
 * added to the statement's `Params`; `read` turns what it answered into the owner's result.
 */
export interface Alongside<T> {
  sql(params: Params): string;
  read(value: unknown): T;
}
