import { Migration } from '@mikro-orm/migrations';

/**
 * The placement request queue (issue 12): when the housing officers' managers were told that a
 * request is still open past its needed-by date. Set by the sweep's conditional UPDATE, so the
 * notice goes once across restarts and instances.
 */
export class Migration20261129160000_RequestNotices extends Migration {
  override name = 'Migration20261129160000_RequestNotices';

  override up(): void | Promise<void> {
    this.addSql(`alter table "placement_request" add column "overdue_notified_at" timestamptz null;`);
    this.addSql(
      `create index "placement_request_overdue_index" on "placement_request" ("needed_by")
        where "status" in ('open', 'held') and "overdue_notified_at" is null;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index if exists "placement_request_overdue_index";`);
    this.addSql(`alter table "placement_request" drop column if exists "overdue_notified_at";`);
  }
}
