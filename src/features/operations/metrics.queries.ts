import { Injectable } from '@nestjs/common';
import { liveListSql } from '../../kernel/accommodation';
import { UnitOfWork } from '../../platform/database/unit-of-work';

/** The same rule as the live list (GET /reports/unsuitable-accommodation): unsuitable, or emergency accommodation. */
const UNSUITABLE_OPEN = `s.ended_at is null and ${liveListSql('s')}`;

export interface CaseworkFigures {
  /** Open stays on the live list. */
  openUnsuitable: number;
  /** When the longest-running of them began (its escalation clock start); null when there is none. */
  oldestStart: Date | null;
  /** Steps still scheduled that fell due before the instant asked about. */
  overdueSteps: number;
}

/** What the Prometheus gauges read from PostgreSQL at scrape time. */
@Injectable()
export class MetricsQueries {
  constructor(private readonly uow: UnitOfWork) {}

  async casework(overdueBefore: Date): Promise<CaseworkFigures> {
    const [row] = await this.uow.em.execute<{ open_unsuitable: string; oldest_start: Date | null; overdue: string }[]>(
      `select (select count(*) from stay s where ${UNSUITABLE_OPEN}) as open_unsuitable,
              (select min(coalesce(c.started_at, s.started_at)) from stay s left join stay c on c.id = s.clock_stay_id where ${UNSUITABLE_OPEN}) as oldest_start,
              (select count(*) from escalation where status = 'scheduled' and due_at < ?) as overdue`,
      [overdueBefore],
    );
    return {
      openUnsuitable: Number(row.open_unsuitable),
      oldestStart: row.oldest_start ? new Date(row.oldest_start) : null,
      overdueSteps: Number(row.overdue),
    };
  }

  /** Escalation steps that fired to nobody responsible (`unrouted`) and are still open. */
  async unroutedOpenSteps(): Promise<number> {
    const [row] = await this.uow.em.execute<{ n: string }[]>(
      `select count(*) as n from escalation where unrouted and status = 'open'`,
    );
    return Number(row.n);
  }

  /** The escalation auditor's latest run (its violations by kind) and its latest clean run. */
  async auditor(): Promise<{ violations: Record<string, number>; lastCleanAt: Date | null; lastRunAt: Date | null }> {
    const [row] = await this.uow.em.execute<
      { violations: Record<string, number> | null; last_run: Date | null; last_clean: Date | null }[]
    >(
      `select (select violations from escalation_audit_run order by ran_at desc limit 1) as violations,
              (select max(ran_at) from escalation_audit_run) as last_run,
              (select max(ran_at) from escalation_audit_run where clean) as last_clean`,
    );
    return {
      violations: row.violations ?? {},
      lastRunAt: row.last_run ? new Date(row.last_run) : null,
      lastCleanAt: row.last_clean ? new Date(row.last_clean) : null,
    };
  }

  /** Notifications whose delivery failed for good, by channel (channels with none are absent). */
  async failedNotifications(): Promise<Map<string, number>> {
    const rows = await this.uow.em.execute<{ channel: string; n: string }[]>(
      `select channel, count(*) as n from notification where status = 'failed' group by channel`,
    );
    return new Map(rows.map((f) => [f.channel, Number(f.n)]));
  }
}
