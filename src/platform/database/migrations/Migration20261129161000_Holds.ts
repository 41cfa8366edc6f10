import { Migration } from '@mikro-orm/migrations';

/**
 * Holds that fit real moves (issue 12): a hold carries its planned move-in (`move_in_at`) and why it was released (`end_reason`); a hold
 * confirmed for a future move-in stays `confirmed` with no stay until the move, and the index
 * finds those pending move-ins for the timer sweep.
 */
export class Migration20261129161000_Holds extends Migration {
  override name = 'Migration20261129161000_Holds';

  override up(): void | Promise<void> {
    this.addSql(`alter table "hold" add column "move_in_at" timestamptz null;`);
    this.addSql(`alter table "hold" add column "end_reason" varchar(500) null;`);
    this.addSql(
      `create index "hold_pending_move_in" on "hold" ("move_in_at") where "status" = 'confirmed' and "stay_id" is null;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index if exists "hold_pending_move_in";`);
    this.addSql(`alter table "hold" drop column "end_reason";`);
    this.addSql(`alter table "hold" drop column "move_in_at";`);
  }
}
