import { Migration } from '@mikro-orm/migrations';

/**
 * The inventory change feed the matcher's in-memory copy follows (issue 14): every insert, update
 * or delete of a bed, provider or service level writes one `inventory_change` row per changed row,
 * stamped with the writing transaction's id (statement-level triggers over transition tables, so a
 * bulk load writes its rows in one INSERT). A reader keeps a cursor — the oldest transaction that
 * was still running when it last looked (`pg_snapshot_xmin`) — and reads the rows at or after it:
 * transactions that commit out of order are never skipped. Rows older than a day are pruned;
 * `inventory_change_pruned.upto` tells a reader whose cursor is older that it must reload in full.
 */
export class Migration20261129900000_InventoryChanges extends Migration {
  override name = 'Migration20261129900000_InventoryChanges';

  override up(): void | Promise<void> {
    this.addSql(`create table "inventory_change" (
      "xid" xid8 not null default pg_current_xact_id(),
      "kind" text not null check ("kind" in ('bed', 'provider', 'service_level')),
      "id" uuid not null,
      "at" timestamptz not null default now());`);
    this.addSql(`create index "inventory_change_xid_index" on "inventory_change" ("xid");`);
    this.addSql(`create index "inventory_change_at_index" on "inventory_change" ("at");`);
    this.addSql(`create table "inventory_change_pruned" (
      "one" boolean primary key default true check ("one"),
      "upto" xid8 not null);`);
    this.addSql(`insert into "inventory_change_pruned" ("one", "upto") values (true, '0');`);
    this.addSql(`create function inventory_changed() returns trigger language plpgsql as $$
      begin
        insert into inventory_change (kind, id) select distinct tg_argv[0], id from changed_rows;
        return null;
      end $$;`);
    for (const table of ['bed', 'provider', 'service_level']) {
      this.addSql(`create trigger "${table}_inserted_change" after insert on "${table}"
        referencing new table as changed_rows for each statement execute function inventory_changed('${table}');`);
      this.addSql(`create trigger "${table}_updated_change" after update on "${table}"
        referencing new table as changed_rows for each statement execute function inventory_changed('${table}');`);
      this.addSql(`create trigger "${table}_deleted_change" after delete on "${table}"
        referencing old table as changed_rows for each statement execute function inventory_changed('${table}');`);
    }
  }

  override down(): void | Promise<void> {
    for (const table of ['bed', 'provider', 'service_level'])
      for (const what of ['inserted', 'updated', 'deleted'])
        this.addSql(`drop trigger "${table}_${what}_change" on "${table}";`);
    this.addSql(`drop function inventory_changed();`);
    this.addSql(`drop table "inventory_change_pruned";`);
    this.addSql(`drop table "inventory_change";`);
  }
}
