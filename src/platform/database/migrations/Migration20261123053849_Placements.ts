import { Migration } from '@mikro-orm/migrations';

export class Migration20261123053849_Placements extends Migration {
  override name = 'Migration20261123053849_Placements';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "hold" ("id" uuid not null, "request_id" uuid not null, "bed_id" uuid not null, "status" text not null default 'held', "expires_at" timestamptz not null, "created_by_user_id" uuid not null, "created_at" timestamptz not null, "ended_at" timestamptz null, "ended_by_user_id" uuid null, "stay_id" uuid null, primary key ("id"));`,
    );
    this.addSql(`create index "hold_request_id_index" on "hold" ("request_id");`);
    this.addSql(`create index "hold_bed_id_index" on "hold" ("bed_id");`);
    this.addSql(`create index "hold_status_index" on "hold" ("status");`);
    this.addSql(`create index "hold_expires_at_index" on "hold" ("expires_at");`);

    this.addSql(
      `create table "placement_request" ("id" uuid not null, "young_person_id" uuid not null, "requested_by_user_id" uuid not null, "urgency" text not null, "needed_by" date not null, "service_level_ids" jsonb null, "preferred_areas" jsonb not null, "notes" text null, "status" text not null default 'open', "placed_at" timestamptz null, "withdrawn_at" timestamptz null, "withdrawn_reason" varchar(500) null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "placement_request_young_person_id_index" on "placement_request" ("young_person_id");`);
    this.addSql(`create index "placement_request_status_index" on "placement_request" ("status");`);

    this.addSql(
      `create table "stay" ("id" uuid not null, "young_person_id" uuid not null, "bed_id" uuid null, "hold_id" uuid null, "accommodation_code" text not null, "suitable" boolean not null, "emergency" boolean not null default false, "suitability_reason" varchar(500) null, "description" varchar(500) null, "started_at" timestamptz not null, "ended_at" timestamptz null, "end_reason" varchar(500) null, "age_at_start" int not null, "pregnant_or_parent_at_start" boolean not null, "recorded_by_user_id" uuid null, "ended_by_user_id" uuid null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "stay_young_person_id_index" on "stay" ("young_person_id");`);
    this.addSql(`create index "stay_bed_id_index" on "stay" ("bed_id");`);
    this.addSql(`create index "stay_started_at_index" on "stay" ("started_at");`);

    this.addSql(
      `create table "young_person" ("id" uuid not null, "reference" varchar(40) not null, "first_name" varchar(100) not null, "last_name" varchar(100) not null, "date_of_birth" date not null, "gender" text not null, "legal_status" text not null, "uasc" boolean not null default false, "pa_user_id" uuid not null, "home_area" varchar(100) null, "areas_to_avoid" jsonb not null, "needs_service_level_rank" int null, "step_free_needed" boolean not null default false, "has_pet" boolean not null default false, "pregnant_or_parent" boolean not null default false, "risks" jsonb not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`alter table "young_person" add constraint "young_person_reference_unique" unique ("reference");`);
    this.addSql(`create index "young_person_pa_user_id_index" on "young_person" ("pa_user_id");`);

    this.addSql(
      `alter table "hold" add constraint "hold_status_check" check ("status" in ('held', 'confirmed', 'released', 'expired'));`,
    );

    this.addSql(
      `alter table "placement_request" add constraint "placement_request_urgency_check" check ("urgency" in ('emergency', 'planned'));`,
    );
    this.addSql(
      `alter table "placement_request" add constraint "placement_request_status_check" check ("status" in ('open', 'held', 'placed', 'withdrawn'));`,
    );

    this.addSql(
      `alter table "stay" add constraint "stay_accommodation_code_check" check ("accommodation_code" in ('B', 'C', 'D', 'E', 'G', 'H', 'K', 'R', 'S', 'T', 'U', 'V', 'W', 'X', 'Y', 'Z'));`,
    );

    this.addSql(
      `alter table "young_person" add constraint "young_person_gender_check" check ("gender" in ('female', 'male', 'non_binary', 'other'));`,
    );
    this.addSql(
      `alter table "young_person" add constraint "young_person_legal_status_check" check ("legal_status" in ('eligible', 'relevant', 'former_relevant', 'qualifying'));`,
    );

    // Foreign keys, integrity rules and the indexes that make concurrency safe.
    this.addSql(
      `alter table "young_person" add constraint "young_person_pa_user_id_foreign" foreign key ("pa_user_id") references "app_user" ("id");`,
    );
    this.addSql(`create sequence "young_person_reference_seq" start 1001;`);
    this.addSql(
      `alter table "placement_request" add constraint "placement_request_young_person_id_foreign" foreign key ("young_person_id") references "young_person" ("id");`,
    );
    this.addSql(
      `alter table "placement_request" add constraint "placement_request_requested_by_user_id_foreign" foreign key ("requested_by_user_id") references "app_user" ("id");`,
    );
    this.addSql(
      `alter table "hold" add constraint "hold_request_id_foreign" foreign key ("request_id") references "placement_request" ("id");`,
    );
    this.addSql(
      `alter table "hold" add constraint "hold_bed_id_foreign" foreign key ("bed_id") references "bed" ("id");`,
    );
    this.addSql(`create unique index "hold_one_live_hold_per_bed" on "hold" ("bed_id") where "status" = 'held';`);
    this.addSql(
      `alter table "stay" add constraint "stay_young_person_id_foreign" foreign key ("young_person_id") references "young_person" ("id");`,
    );
    this.addSql(
      `alter table "stay" add constraint "stay_bed_id_foreign" foreign key ("bed_id") references "bed" ("id");`,
    );
    this.addSql(
      `alter table "stay" add constraint "stay_hold_id_foreign" foreign key ("hold_id") references "hold" ("id");`,
    );
    this.addSql(
      `create unique index "stay_one_open_stay_per_person" on "stay" ("young_person_id") where "ended_at" is null;`,
    );
    this.addSql(
      `create unique index "stay_one_open_stay_per_bed" on "stay" ("bed_id") where "ended_at" is null and "bed_id" is not null;`,
    );
    this.addSql(
      `alter table "stay" add constraint "stay_end_after_start_check" check ("ended_at" is null or "ended_at" >= "started_at");`,
    );
    this.addSql(`create index "stay_open_unsuitable_index" on "stay" ("started_at") where "ended_at" is null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "hold" cascade;`);
    this.addSql(`drop table if exists "placement_request" cascade;`);
    this.addSql(`drop table if exists "stay" cascade;`);
    this.addSql(`drop table if exists "young_person" cascade;`);
    this.addSql(`drop sequence if exists "young_person_reference_seq";`);
  }
}
