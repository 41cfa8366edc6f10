import { Migration } from '@mikro-orm/migrations';

export class Migration20261123053056_Initial extends Migration {
  override name = 'Migration20261123053056_Initial';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "audit_event" ("id" uuid not null, "at" timestamptz not null, "actor_user_id" uuid null, "action" varchar(100) not null, "entity" varchar(60) not null, "entity_id" uuid not null, "changes" jsonb not null, primary key ("id"));`,
    );
    this.addSql(`create index "audit_event_at_index" on "audit_event" ("at");`);
    this.addSql(`create index "audit_event_actor_user_id_index" on "audit_event" ("actor_user_id");`);
    this.addSql(`create index "audit_event_entity_entity_id_at_index" on "audit_event" ("entity", "entity_id", "at");`);

    this.addSql(
      `create table "bed" ("id" uuid not null, "provider_id" uuid not null, "service_level_id" uuid not null, "label" varchar(200) not null, "status" text not null default 'available', "min_age" int not null, "max_age" int not null, "gender" text not null default 'any', "step_free" boolean not null default false, "pets_allowed" boolean not null default false, "accepts_fire_risk" boolean not null default false, "accepts_sexual_harm_risk" boolean not null default false, "uasc_specialist" boolean not null default false, "under18only" boolean not null default false, "over18only" boolean not null default false, "out_of_service_reason" varchar(500) null, "available_from" date null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "bed_provider_id_index" on "bed" ("provider_id");`);
    this.addSql(`create index "bed_service_level_id_index" on "bed" ("service_level_id");`);
    this.addSql(`create index "bed_status_index" on "bed" ("status");`);

    this.addSql(
      `create table "provider" ("id" uuid not null, "name" varchar(200) not null, "area" varchar(100) not null, "ofsted_urn" varchar(20) null, "ofsted_category" text null, "email" varchar(254) null, "phone" varchar(40) null, "vacancies_confirmed_at" timestamptz null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "provider_area_index" on "provider" ("area");`);

    this.addSql(
      `create table "service_level" ("id" uuid not null, "code" varchar(40) not null, "name" varchar(200) not null, "rank" int not null, "min_age" int not null, "max_age" int not null, "support_hours_min" int not null, "support_hours_max" int not null, "emergency" boolean not null, "accommodation_code" text not null, "suitable" boolean not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`alter table "service_level" add constraint "service_level_code_unique" unique ("code");`);

    this.addSql(
      `create table "app_user" ("id" uuid not null, "email" varchar(254) not null, "name" varchar(200) not null, "role" text not null, "area" varchar(100) null, "active" boolean not null default true, "password_hash" text not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`alter table "app_user" add constraint "app_user_email_unique" unique ("email");`);

    this.addSql(
      `alter table "bed" add constraint "bed_status_check" check ("status" in ('available', 'held', 'occupied', 'out_of_service'));`,
    );
    this.addSql(`alter table "bed" add constraint "bed_gender_check" check ("gender" in ('any', 'female', 'male'));`);

    this.addSql(
      `alter table "provider" add constraint "provider_ofsted_category_check" check ("ofsted_category" in ('single_occupancy', 'shared_housing', 'supported_lodgings', 'lead_tenancy'));`,
    );

    this.addSql(
      `alter table "service_level" add constraint "service_level_accommodation_code_check" check ("accommodation_code" in ('B', 'C', 'D', 'E', 'G', 'H', 'K', 'R', 'S', 'T', 'U', 'V', 'W', 'X', 'Y', 'Z'));`,
    );

    this.addSql(
      `alter table "app_user" add constraint "app_user_role_check" check ("role" in ('admin', 'housing_officer', 'pa', 'team_manager', 'service_manager', 'head_of_service', 'director'));`,
    );

    // Foreign keys and sanity checks the entity definitions do not express.
    this.addSql(
      `alter table "bed" add constraint "bed_provider_id_foreign" foreign key ("provider_id") references "provider" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "bed" add constraint "bed_service_level_id_foreign" foreign key ("service_level_id") references "service_level" ("id") on update cascade;`,
    );
    this.addSql(`alter table "bed" add constraint "bed_age_range_check" check ("min_age" <= "max_age");`);
    this.addSql(
      `alter table "service_level" add constraint "service_level_age_range_check" check ("min_age" <= "max_age");`,
    );
    this.addSql(
      `alter table "service_level" add constraint "service_level_support_hours_check" check ("support_hours_min" <= "support_hours_max");`,
    );
    this.addSql(`create unique index "provider_name_area_unique" on "provider" (lower("name"), lower("area"));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "audit_event" cascade;`);
    this.addSql(`drop table if exists "bed" cascade;`);
    this.addSql(`drop table if exists "provider" cascade;`);
    this.addSql(`drop table if exists "service_level" cascade;`);
    this.addSql(`drop table if exists "app_user" cascade;`);
  }
}
