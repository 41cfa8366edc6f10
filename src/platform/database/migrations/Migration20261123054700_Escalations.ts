import { Migration } from '@mikro-orm/migrations';

export class Migration20261123054700_Escalations extends Migration {
  override name = 'Migration20261123054700_Escalations';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "closure_day" ("date" date not null, "reason" varchar(200) not null, "created_by_user_id" uuid null, "created_at" timestamptz not null, primary key ("date"));`,
    );

    this.addSql(
      `create table "escalation" ("id" uuid not null, "stay_id" uuid not null, "young_person_id" uuid not null, "policy_id" uuid not null, "policy_version_id" uuid not null, "step_index" int not null, "occurrence" int not null, "role" varchar(40) not null, "due_at" timestamptz not null, "fired_at" timestamptz null, "status" text not null default 'scheduled', "acknowledged_at" timestamptz null, "acknowledged_by_user_id" uuid null, "action_plan" text null, "review_by" date null, "closed_at" timestamptz null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "escalation_young_person_id_index" on "escalation" ("young_person_id");`);
    this.addSql(
      `alter table "escalation" add constraint "escalation_stay_id_policy_version_id_step_index_o_77be2_unique" unique ("stay_id", "policy_version_id", "step_index", "occurrence");`,
    );

    this.addSql(
      `create table "escalation_policy" ("id" uuid not null, "key" varchar(100) null, "current_version" int not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`alter table "escalation_policy" add constraint "escalation_policy_key_unique" unique ("key");`);

    this.addSql(
      `create table "escalation_policy_version" ("id" uuid not null, "policy_id" uuid not null, "version" int not null, "name" varchar(200) not null, "active" boolean not null, "applies_to" jsonb not null, "steps" jsonb not null, "created_at" timestamptz not null, "created_by_user_id" uuid null, primary key ("id"));`,
    );
    this.addSql(
      `create index "escalation_policy_version_policy_id_index" on "escalation_policy_version" ("policy_id");`,
    );
    this.addSql(
      `alter table "escalation_policy_version" add constraint "escalation_policy_version_policy_id_version_unique" unique ("policy_id", "version");`,
    );

    this.addSql(
      `create table "notification" ("id" uuid not null, "dedupe_key" varchar(300) not null, "escalation_id" uuid null, "young_person_id" uuid null, "recipient_user_id" uuid null, "recipient_role" varchar(40) null, "channel" text not null, "target" varchar(500) null, "kind" varchar(60) not null, "subject" varchar(300) not null, "body" text not null, "link" varchar(500) null, "status" text not null default 'pending', "attempts" int not null default 0, "last_error" varchar(1000) null, "created_at" timestamptz not null, "sent_at" timestamptz null, "read_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(`alter table "notification" add constraint "notification_dedupe_key_unique" unique ("dedupe_key");`);
    this.addSql(`create index "notification_escalation_id_index" on "notification" ("escalation_id");`);
    this.addSql(`create index "notification_young_person_id_index" on "notification" ("young_person_id");`);
    this.addSql(
      `create index "notification_recipient_user_id_channel_created_at_index" on "notification" ("recipient_user_id", "channel", "created_at");`,
    );
    this.addSql(`create index "notification_status_channel_index" on "notification" ("status", "channel");`);

    this.addSql(
      `create table "role_webhook" ("role" varchar(40) not null, "url" varchar(500) not null, "active" boolean not null default true, "updated_at" timestamptz not null, "updated_by_user_id" uuid null, primary key ("role"));`,
    );

    this.addSql(`alter table "stay" add "clock_stay_id" uuid null;`);
    this.addSql(`create index "stay_clock_stay_id_index" on "stay" ("clock_stay_id");`);

    this.addSql(
      `alter table "escalation" add constraint "escalation_status_check" check ("status" in ('scheduled', 'open', 'acknowledged', 'cancelled', 'closed'));`,
    );

    this.addSql(
      `alter table "notification" add constraint "notification_channel_check" check ("channel" in ('in_app', 'email', 'webhook'));`,
    );
    this.addSql(
      `alter table "notification" add constraint "notification_status_check" check ("status" in ('pending', 'retrying', 'sent', 'failed'));`,
    );

    // Integrity the entity definitions do not express.
    this.addSql(
      `alter table "escalation_policy_version" add constraint "escalation_policy_version_policy_id_foreign" foreign key ("policy_id") references "escalation_policy" ("id");`,
    );
    // escalation is the hottest insert path (every step of every clock): one foreign key, to the stay.
    // young_person_id and policy_version_id are copied from the stay and the policy version the
    // engine has just read, and neither parent is ever deleted.
    this.addSql(
      `alter table "escalation" add constraint "escalation_stay_id_foreign" foreign key ("stay_id") references "stay" ("id");`,
    );
    this.addSql(
      `alter table "stay" add constraint "stay_clock_stay_id_foreign" foreign key ("clock_stay_id") references "stay" ("id");`,
    );
    this.addSql(
      `alter table "notification" add constraint "notification_escalation_id_foreign" foreign key ("escalation_id") references "escalation" ("id");`,
    );
    // The sweep and the live list read these.
    this.addSql(
      `create index "escalation_scheduled_due_index" on "escalation" ("due_at") where "status" = 'scheduled';`,
    );
    this.addSql(
      `create index "notification_undelivered_index" on "notification" ("created_at") where "status" in ('pending', 'retrying');`,
    );

    // The default policies of the domain brief, as they ship (local policy: councils edit them).
    this.addSql(
      `insert into "escalation_policy" ("id", "key", "current_version", "created_at", "updated_at") values ('f614d718-1668-56df-a154-1f2cc1eecb0f', 'adult-emergency-accommodation', 1, now(), now());`,
    );
    this.addSql(
      `insert into "escalation_policy_version" ("id", "policy_id", "version", "name", "active", "applies_to", "steps", "created_at", "created_by_user_id") values ('6b661674-64bf-539b-a7c4-d4794f07fb33', 'f614d718-1668-56df-a154-1f2cc1eecb0f', 1, '18+ in hotel / B&B / emergency accommodation', true, '{"minAge": 18, "accommodationCodes": ["V", "W", "S"], "unsuitableOnly": true}', '[{"after": "PT0S", "role": "team_manager"}, {"after": "PT0S", "role": "pa"}, {"after": "P1WD", "role": "service_manager"}, {"after": "P2WD", "role": "head_of_service"}, {"after": "P5WD", "role": "director"}, {"after": "P10WD", "role": "head_of_service", "repeatEvery": "P5WD"}]', now(), null);`,
    );
    this.addSql(
      `insert into "escalation_policy" ("id", "key", "current_version", "created_at", "updated_at") values ('d84e0d5b-58a2-5709-a7d4-3efd10121815', 'under-18-unsuitable', 1, now(), now());`,
    );
    this.addSql(
      `insert into "escalation_policy_version" ("id", "policy_id", "version", "name", "active", "applies_to", "steps", "created_at", "created_by_user_id") values ('718f8d54-e0cb-5778-a084-f79c590135a8', 'd84e0d5b-58a2-5709-a7d4-3efd10121815', 1, '16-17 in unsuitable accommodation', true, '{"minAge": 16, "maxAge": 17, "unsuitableOnly": true}', '[{"after": "PT0S", "role": "head_of_service"}, {"after": "PT0S", "role": "director"}, {"after": "PT0S", "role": "team_manager"}, {"after": "PT0S", "role": "pa"}]', now(), null);`,
    );
    this.addSql(
      `insert into "escalation_policy" ("id", "key", "current_version", "created_at", "updated_at") values ('3f37323c-89b2-5e58-a60f-9521db8fc0a0', 'parent-bnb-six-weeks', 1, now(), now());`,
    );
    this.addSql(
      `insert into "escalation_policy_version" ("id", "policy_id", "version", "name", "active", "applies_to", "steps", "created_at", "created_by_user_id") values ('19067ebe-3a7f-535c-aebf-124abb27e15f', '3f37323c-89b2-5e58-a60f-9521db8fc0a0', 1, 'Pregnant or parent in B&B: 6-week limit', true, '{"accommodationCodes": ["W"], "pregnantOrParent": true}', '[{"after": "PT0S", "role": "team_manager"}, {"after": "P5W", "role": "head_of_service"}, {"after": "P6W", "role": "director"}]', now(), null);`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "closure_day" cascade;`);
    this.addSql(`drop table if exists "escalation" cascade;`);
    this.addSql(`drop table if exists "escalation_policy" cascade;`);
    this.addSql(`drop table if exists "escalation_policy_version" cascade;`);
    this.addSql(`drop table if exists "notification" cascade;`);
    this.addSql(`drop table if exists "role_webhook" cascade;`);

    this.addSql(`drop index "stay_clock_stay_id_index";`);
    this.addSql(`alter table "stay" drop column "clock_stay_id";`);
  }
}
