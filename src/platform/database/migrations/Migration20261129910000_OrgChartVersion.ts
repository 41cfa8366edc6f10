import { Migration } from '@mikro-orm/migrations';

/**
 * A version number of the org chart (issue 14): routing a fired step needs every user's role, area,
 * manager, e-mail and whether they are active. Every statement that inserts, deletes or truncates
 * users, or updates any of those columns, bumps `org_chart_version.version` in the same transaction
 * (a statement-level trigger), so a service instance may keep the chart it last read and reuse it
 * for as long as the version it reads with a step's facts is the same. Sign-ins and token changes
 * touch other columns and leave it alone.
 */
export class Migration20261129910000_OrgChartVersion extends Migration {
  override name = 'Migration20261129910000_OrgChartVersion';

  override up(): void | Promise<void> {
    this.addSql(`create table "org_chart_version" (
      "one" boolean primary key default true check ("one"),
      "version" bigint not null);`);
    this.addSql(`insert into "org_chart_version" ("one", "version") values (true, 1);`);
    this.addSql(`create function org_chart_changed() returns trigger language plpgsql as $$
      begin
        update org_chart_version set version = version + 1;
        return null;
      end $$;`);
    this.addSql(`create trigger "app_user_org_chart_changed"
      after insert or delete or truncate or update of "email", "role", "area", "manager_id", "active" on "app_user"
      for each statement execute function org_chart_changed();`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger "app_user_org_chart_changed" on "app_user";`);
    this.addSql(`drop function org_chart_changed();`);
    this.addSql(`drop table "org_chart_version";`);
  }
}
