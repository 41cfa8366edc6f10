import { Migration } from '@mikro-orm/migrations';

/**
 * Web sessions for the staff pages (issue 11), kept server-side in PostgreSQL: a session ends the
 * moment its row goes (sign-out), its user is deactivated or changes password (token version), or
 * it has been idle or alive too long. The cookie holds a random id; the table only its hash.
 */
export class Migration20261129150000_WebSessions extends Migration {
  override name = 'Migration20261129150000_WebSessions';

  override up(): void | Promise<void> {
    this.addSql(`create table "web_session" (
      "id_hash" char(64) not null, "user_id" uuid not null, "token_version" int not null, "csrf_token" varchar(64) not null,
      "created_at" timestamptz not null, "last_seen_at" timestamptz not null,
      constraint "web_session_pkey" primary key ("id_hash"),
      constraint "web_session_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on delete cascade);`);
    this.addSql(`create index "web_session_user_id_index" on "web_session" ("user_id");`);
    this.addSql(`create index "web_session_last_seen_at_index" on "web_session" ("last_seen_at");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "web_session";`);
  }
}
