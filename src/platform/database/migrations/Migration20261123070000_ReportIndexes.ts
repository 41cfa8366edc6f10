import { Migration } from '@mikro-orm/migrations';

/**
 * Indexes for the evidence and operations reports (issue 5), so they answer in seconds for a large
 * county: the SSDA903 extract (young people by date of birth, their stays by start), occupancy
 * (bed status changes in the audit trail, requests by day, unsuitable stays), the timeline
 * (audit events of one record by action) and the /metrics gauges (failed notifications).
 */
export class Migration20261123070000_ReportIndexes extends Migration {
  override name = 'Migration20261123070000_ReportIndexes';

  override up(): void | Promise<void> {
    // SSDA903: everyone with a 17th–21st birthday in the year is a date-of-birth range.
    this.addSql(`create index "young_person_date_of_birth_index" on "young_person" ("date_of_birth");`);
    // SSDA903 (stays around a birthday) and the timeline: one person's stays in order.
    this.addSql(`create index "stay_young_person_id_started_at_index" on "stay" ("young_person_id", "started_at");`);
    // Occupancy: nights in unsuitable accommodation over a range.
    this.addSql(
      `create index "stay_unsuitable_started_at_index" on "stay" ("started_at", "ended_at") where not "suitable";`,
    );
    // Occupancy: every bed's status changes in order, without touching the rest of the audit trail.
    this.addSql(
      `create index "audit_event_bed_index" on "audit_event" ("entity_id", "at", "id") where "entity" = 'Bed';`,
    );
    // Occupancy: requests raised and placed on the days of a range.
    this.addSql(`create index "placement_request_created_at_index" on "placement_request" ("created_at");`);
    this.addSql(
      `create index "placement_request_placed_at_index" on "placement_request" ("placed_at") where "placed_at" is not null;`,
    );
    // Metrics: notification failures, counted at every scrape.
    this.addSql(`create index "notification_failed_index" on "notification" ("channel") where "status" = 'failed';`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index if exists "notification_failed_index";`);
    this.addSql(`drop index if exists "placement_request_placed_at_index";`);
    this.addSql(`drop index if exists "placement_request_created_at_index";`);
    this.addSql(`drop index if exists "audit_event_bed_index";`);
    this.addSql(`drop index if exists "stay_unsuitable_started_at_index";`);
    this.addSql(`drop index if exists "stay_young_person_id_started_at_index";`);
    this.addSql(`drop index if exists "young_person_date_of_birth_index";`);
  }
}
