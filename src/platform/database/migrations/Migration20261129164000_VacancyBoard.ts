import { Migration } from '@mikro-orm/migrations';

/**
 * The vacancy board's findings (issue 12):
 * - each vacancy confirmation is a row with its note, who and when, readable by housing officers
 *   (the note was only in the audit trail); the audited confirmations are copied in;
 * - a bed remembers the expected return date it was last reminded about (`return_reminded_for`,
 *   `return_reminded_at`), so a passed return date reminds the housing officers once per bed per
 *   date, across restarts and instances;
 * - a provider remembers when housing officers were last reminded to confirm its stale vacancies.
 */
export class Migration20261129164000_VacancyBoard extends Migration {
  override name = 'Migration20261129164000_VacancyBoard';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "vacancy_confirmation" ("id" uuid not null, "provider_id" uuid not null references "provider" ("id"), "confirmed_at" timestamptz not null, "confirmed_by_user_id" uuid null references "app_user" ("id"), "note" varchar(500) null, primary key ("id"));`,
    );
    this.addSql(
      `create index "vacancy_confirmation_provider_id_confirmed_at_index" on "vacancy_confirmation" ("provider_id", "confirmed_at");`,
    );
    this.addSql(
      `insert into "vacancy_confirmation" ("id", "provider_id", "confirmed_at", "confirmed_by_user_id", "note")
       select a.id, a.entity_id, a.at, u.id, nullif(a.changes->>'note', '')
         from "audit_event" a
         join "provider" p on p.id = a.entity_id
         left join "app_user" u on u.id = a.actor_user_id
        where a.entity = 'Provider' and a.action = 'provider.vacancies_confirmed';`,
    );
    this.addSql(
      `alter table "bed" add column "return_reminded_for" date null, add column "return_reminded_at" timestamptz null;`,
    );
    this.addSql(`alter table "provider" add column "stale_reminded_at" timestamptz null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "provider" drop column "stale_reminded_at";`);
    this.addSql(`alter table "bed" drop column "return_reminded_for", drop column "return_reminded_at";`);
    this.addSql(`drop table "vacancy_confirmation";`);
  }
}
