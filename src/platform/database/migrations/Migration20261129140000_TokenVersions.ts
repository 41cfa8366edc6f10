import { Migration } from '@mikro-orm/migrations';

/**
 * Tokens that end when they should (issue 10): every access token carries its user's token
 * version, and a password change, a deactivation or signing out bumps it, so older tokens (and
 * web sessions) stop working at once.
 */
export class Migration20261129140000_TokenVersions extends Migration {
  override name = 'Migration20261129140000_TokenVersions';

  override up(): void | Promise<void> {
    this.addSql(`alter table "app_user" add column "token_version" int not null default 0;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "app_user" drop column "token_version";`);
  }
}
