import type { Client } from 'pg';

/**
 * Which rows a request changed, in the fuzz's own test database: a trigger on every table logs
 * each inserted, deleted or actually changed row (an UPDATE writing the same values is not a
 * change) to `fuzz_write_log`, in the writing transaction, so a rolled-back write leaves no trace
 * and a committed one always does. Reading the log's highest id after each request costs one
 * index lookup, where fingerprinting every table costs a scan of each; the fingerprints are still
 * taken around each endpoint to check the log against them.
 */
export class WriteLog {
  private constructor(
    private readonly db: Client,
    readonly tables: string[],
  ) {}

  static async install(db: Client): Promise<WriteLog> {
    const { rows } = await db.query<{ t: string }>(
      `select tablename as t from pg_tables where schemaname = current_schema()
         and tablename not in ('mikro_orm_migrations', 'fuzz_write_log') order by 1`,
    );
    await db.query(`
      create table fuzz_write_log (id bigserial primary key, tbl text not null, op text not null);
      create function fuzz_log_write() returns trigger language plpgsql as $$
      begin
        insert into fuzz_write_log (tbl, op) values (tg_table_name, tg_op);
        return null;
      end $$;`);
    for (const { t } of rows) {
      await db.query(`
        create trigger fuzz_write_log_ins_del after insert or delete on "${t}"
          for each row execute function fuzz_log_write();
        create trigger fuzz_write_log_upd after update on "${t}"
          for each row when (old.* is distinct from new.*) execute function fuzz_log_write();`);
    }
    return new WriteLog(
      db,
      rows.map((r) => r.t),
    );
  }

  /**
   * Row counts and fingerprints of every table, in one query (as `Harness.snapshot` takes them,
   * two queries a table): equal before and after means nothing was written.
   */
  async fingerprint(): Promise<Record<string, string>> {
    const sql = this.tables
      .map(
        (t) =>
          `select '${t}' as t, count(*) || ':' || md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as f from "${t}" x`,
      )
      .join(' union all ');
    const { rows } = await this.db.query<{ t: string; f: string }>(sql);
    return Object.fromEntries(rows.map((r) => [r.t, r.f]));
  }

  /** The log's position now: writes after it are the ones a later `since` reports. */
  async mark(): Promise<number> {
    const { rows } = await this.db.query<{ n: string }>(`select coalesce(max(id), 0) as n from fuzz_write_log`);
    return Number(rows[0].n);
  }

  /** What was written after `mark`, as `table:OPERATION ×n`; empty when nothing was. */
  async since(mark: number): Promise<string[]> {
    const { rows } = await this.db.query<{ tbl: string; op: string; n: number }>(
      `select tbl, op, count(*)::int as n from fuzz_write_log where id > $1 group by 1, 2 order by 1, 2`,
      [mark],
    );
    return rows.map((r) => `${r.tbl}:${r.op} ×${r.n}`);
  }
}
