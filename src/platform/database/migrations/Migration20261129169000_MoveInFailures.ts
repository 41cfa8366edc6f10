import { Migration } from '@mikro-orm/migrations';

/**
 * A planned move-in that could not be made is told once: `move_in_failed_at` marks the hold when
 * the officers were told (a conditional UPDATE, so racing sweeps and restarts tell them once).
 */
export class Migration20261129169000_MoveInFailures extends Migration {
  override name = 'Migration20261129169000_MoveInFailures';

  override up(): void | Promise<void> {
    this.addSql(`alter table "hold" add column "move_in_failed_at" timestamptz null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "hold" drop column "move_in_failed_at";`);
  }
}
