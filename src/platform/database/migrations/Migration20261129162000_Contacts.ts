import { Migration } from '@mikro-orm/migrations';

/**
 * Keeping-in-touch contacts (issue 13): the SSDA903 care-leaver table's IN_TOUCH and ACTIV come
 * from them. Read by young person and time (the list, and the return's window around each birthday).
 */
export class Migration20261129162000_Contacts extends Migration {
  override name = 'Migration20261129162000_Contacts';

  override up(): void | Promise<void> {
    this.addSql(`create table "keeping_in_touch_contact" (
      "id" uuid not null, "young_person_id" uuid not null, "contacted_at" timestamptz not null,
      "method" text check ("method" in ('in_person', 'phone', 'video', 'message', 'letter', 'other')) not null,
      "in_touch" text check ("in_touch" in ('YES', 'NO', 'DIED', 'REFU', 'NREQ', 'RHOM')) not null,
      "activity" text check ("activity" in ('F1', 'P1', 'F2', 'P2', 'F4', 'P4', 'F5', 'P5', 'G4', 'G5', 'G6')) null,
      "notes" varchar(2000) null, "recorded_by_user_id" uuid not null, "created_at" timestamptz not null,
      constraint "keeping_in_touch_contact_pkey" primary key ("id"),
      constraint "keeping_in_touch_contact_young_person_id_foreign" foreign key ("young_person_id") references "young_person" ("id"),
      constraint "keeping_in_touch_contact_recorded_by_user_id_foreign" foreign key ("recorded_by_user_id") references "app_user" ("id"));`);
    this.addSql(
      `create index "keeping_in_touch_contact_person_at_index" on "keeping_in_touch_contact" ("young_person_id", "contacted_at");`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "keeping_in_touch_contact";`);
  }
}
