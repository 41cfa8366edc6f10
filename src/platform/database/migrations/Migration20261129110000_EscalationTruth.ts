import { Migration } from '@mikro-orm/migrations';

/**
 * Escalations that reach someone, say the truth and lead to action (issue 9):
 * - each step keeps who it reached (`recipients`, with how they were found) and whether nobody
 *   responsible could be found (`unrouted`); why it closed (`closed_reason`, e.g. passed over
 *   because the stay was recorded late); whether it was recorded late;
 * - acknowledgements lapse at their review date (`review_due_at`, the office opening that day),
 *   re-opening the step (`acknowledgement_lapsed_at`); each policy version bounds review dates;
 * - the morning digest runs once a working day (`digest_run`); the escalation auditor records
 *   each pass (`escalation_audit_run`).
 */
export class Migration20261129110000_EscalationTruth extends Migration {
  override name = 'Migration20261129110000_EscalationTruth';

  override up(): void | Promise<void> {
    this.addSql(`alter table "escalation"
      add column "recipients" jsonb null,
      add column "unrouted" boolean not null default false,
      add column "closed_reason" varchar(40) null,
      add column "recorded_late" boolean not null default false,
      add column "review_due_at" timestamptz null,
      add column "acknowledgement_lapsed_at" timestamptz null;`);
    this.addSql(
      `create index "escalation_review_due_index" on "escalation" ("review_due_at") where "status" = 'acknowledged';`,
    );
    this.addSql(`create index "escalation_unrouted_index" on "escalation" ("fired_at") where "unrouted";`);
    this.addSql(
      `alter table "escalation_policy_version" add column "max_review_after" varchar(20) not null default 'P5WD';`,
    );
    this.addSql(`create table "digest_run" (
      "day" date not null, "started_at" timestamptz not null, "finished_at" timestamptz null,
      "sent" int null, constraint "digest_run_pkey" primary key ("day"));`);
    this.addSql(`create table "escalation_audit_run" (
      "id" uuid not null, "ran_at" timestamptz not null, "clean" boolean not null,
      "violations" jsonb not null, "repaired" int not null, constraint "escalation_audit_run_pkey" primary key ("id"));`);
    this.addSql(`create index "escalation_audit_run_ran_at_index" on "escalation_audit_run" ("ran_at");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "escalation_audit_run";`);
    this.addSql(`drop table if exists "digest_run";`);
    this.addSql(`alter table "escalation_policy_version" drop column "max_review_after";`);
    this.addSql(`alter table "escalation" drop column "recipients", drop column "unrouted", drop column "closed_reason",
      drop column "recorded_late", drop column "review_due_at", drop column "acknowledgement_lapsed_at";`);
  }
}
