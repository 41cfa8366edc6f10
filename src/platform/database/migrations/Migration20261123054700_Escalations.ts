import { Migration } from '@mikro-orm/migrations';
import { DEFAULT_POLICIES, type DefaultPolicy } from '../../../kernel/default-policies';

/** A SQL string literal. */
export const text = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** JSON as this migration has always written it (`{"a": 1, "b": [2, 3]}`); jsonb stores the value, not the spacing. */
export function json(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(json).join(', ')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${JSON.stringify(k)}: ${json(v)}`)
      .join(', ')}}`;
  return JSON.stringify(value);
}

/**
 * The rows of the shipped default policies as this migration first wrote them: each policy at its
 * version 1, active, with no author. Later versions are shipped by later migrations
 * (Migration20261129130000_DefaultPoliciesV2), to the databases that still hold version 1 as shipped.
 */
export function defaultPolicyInserts(policies: readonly DefaultPolicy[]): string[] {
  return policies.flatMap((p) => {
    const v = p.versions[0];
    if (v.version !== 1) throw new Error(`${p.key}: versions[0] must be version 1`);
    return [
      `insert into "escalation_policy" ("id", "key", "current_version", "created_at", "updated_at") values (${text(p.id)}, ${text(p.key)}, 1, now(), now());`,
      `insert into "escalation_policy_version" ("id", "policy_id", "version", "name", "active", "applies_to", "steps", "created_at", "created_by_user_id") values (${text(v.id)}, ${text(p.id)}, 1, ${text(v.name)}, true, ${text(json(v.appliesTo))}, ${text(json(v.steps))}, now(), null);`,
    ];
  });
}

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

    // The default policies of the domain brief, at version 1 (local policy: councils edit them).
    for (const sql of defaultPolicyInserts(DEFAULT_POLICIES)) this.addSql(sql);
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
