import { Migration } from '@mikro-orm/migrations';

/**
 * Who is alerted (issue 9): a managed list of areas, and each user's line manager.
 * The list starts from every area already named anywhere, one row per spelling ignoring case and
 * surrounding spaces, and every stored area is rewritten to that row's spelling.
 */
export class Migration20261129090000_AreasAndManagers extends Migration {
  override name = 'Migration20261129090000_AreasAndManagers';

  override up(): void | Promise<void> {
    this.addSql(`create table "area" (
      "id" uuid not null, "name" varchar(100) not null, "created_at" timestamptz not null,
      "created_by_user_id" uuid null, constraint "area_pkey" primary key ("id"));`);
    this.addSql(`create unique index "area_name_unique" on "area" (lower(btrim("name")));`);
    this.addSql(`insert into "area" ("id", "name", "created_at")
      select gen_random_uuid(), min(btrim(a)), now() from (
        select "area" as a from "app_user" where "area" is not null
        union all select "area" from "provider"
        union all select "home_area" from "young_person" where "home_area" is not null
        union all select jsonb_array_elements_text("areas_to_avoid") from "young_person"
        union all select jsonb_array_elements_text("preferred_areas") from "placement_request") x
      where btrim(a) <> '' group by lower(btrim(a));`);
    const canonical = (table: string, column: string) =>
      this.addSql(`update "${table}" t set "${column}" = a."name" from "area" a
        where lower(btrim(t."${column}")) = lower(btrim(a."name")) and t."${column}" <> a."name";`);
    canonical('app_user', 'area');
    canonical('provider', 'area');
    canonical('young_person', 'home_area');
    this.addSql(`update "app_user" set "area" = null where btrim("area") = '';`);
    this.addSql(`alter table "app_user" add column "manager_id" uuid null;`);
    this.addSql(
      `alter table "app_user" add constraint "app_user_manager_id_foreign" foreign key ("manager_id") references "app_user" ("id");`,
    );
    this.addSql(`create index "app_user_manager_id_index" on "app_user" ("manager_id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "app_user" drop column "manager_id";`);
    this.addSql(`drop table if exists "area";`);
  }
}
