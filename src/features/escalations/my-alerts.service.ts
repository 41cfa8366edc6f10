import { Injectable } from '@nestjs/common';
import { caseloadOf, type AuthUser } from '../../kernel/roles';
import { initials } from '../../kernel/statutory-limits';
import { AuditorQueries } from './auditor.queries';
import type { ReviewPage } from './escalations.dto';
import type { Alongside } from '../../platform/database/sql';
import { homePanelsAlongside, MyAlertsQueries, type HomePanelRows, type OpenAlertRow } from './my-alerts.queries';
import { toReviewView } from './reviews.service';

/** An open step that reached the user: reference and initials only, as alerts name young people. */
export interface OpenAlertView {
  escalationId: string;
  youngPersonId: string;
  reference: string;
  initials: string;
  /** Step number on the ladder, 1 = first. */
  step: number;
  /** 0 for the step itself, 1, 2, … for its repeats. */
  occurrence: number;
  role: string;
  firedAt: string;
  /** Acknowledged once, not renewed by its review date: open again. */
  lapsed: boolean;
}

export interface OpenAlerts {
  items: OpenAlertView[];
  total: number;
}

/** The escalation auditor's latest run, for the operators' home page. */
export interface AuditorRun {
  ranAt: string;
  /** Violations found, by kind (empty when the run was clean). */
  violations: Record<string, number>;
  lastCleanAt: string | null;
}

const toView = (r: OpenAlertRow): OpenAlertView => ({
  escalationId: r.id,
  youngPersonId: r.young_person_id,
  reference: r.reference,
  initials: initials(r.first_name, r.last_name),
  step: r.step_index + 1,
  occurrence: r.occurrence,
  role: r.role,
  firedAt: new Date(r.fired_at).toISOString(),
  lapsed: r.acknowledgement_lapsed_at !== null,
});

/** A home page's two panels: the alerts that reached the user and are open, the user's reviews. */
export interface HomePanels {
  alerts: OpenAlerts;
  reviews: ReviewPage;
}

const homePanelsView = ({ alerts, reviews }: HomePanelRows): HomePanels => ({
  alerts: { items: alerts.rows.map(toView), total: alerts.total },
  reviews: { items: reviews.rows.map(toReviewView), total: reviews.total },
});

/** What a person's home page shows of the escalations: the alerts that reached them and are still open; the auditor's last run. */
@Injectable()
export class MyAlertsService {
  constructor(
    private readonly queries: MyAlertsQueries,
    private readonly auditor: AuditorQueries,
  ) {}

  /**
   * The steps that reached `user` (a recipient, not merely the PA told of a manager's step) and
   * are still open (not acknowledged, not closed; a lapsed acknowledgement is open again), newest
   * first, at most `limit`; a PA only their caseload's.
   */
  async open(user: AuthUser, limit = 10): Promise<OpenAlerts> {
    const { rows, total } = await this.queries.openReaching(user.id, caseloadOf(user), limit);
    return { items: rows.map(toView), total };
  }

  /**
   * A home page's two panels in one read: `open(user, alertsLimit)` and the first `reviewsLimit` of
   * `ReviewsService.mine(user)`, the same items and counts as those two answer.
   */
  async homePanels(user: AuthUser, alertsLimit: number, reviewsLimit: number): Promise<HomePanels> {
    return homePanelsView(await this.queries.homePanels(user.id, caseloadOf(user), alertsLimit, reviewsLimit));
  }

  /** `homePanels` as a read to run alongside another feature's (the home page's live list), in its statement. */
  homePanelsAlongside(user: AuthUser, alertsLimit: number, reviewsLimit: number): Alongside<HomePanels> {
    const rows = homePanelsAlongside(user.id, caseloadOf(user), alertsLimit, reviewsLimit);
    return { sql: (p) => rows.sql(p), read: (value) => homePanelsView(rows.read(value)) };
  }

  /** The escalation auditor's latest run, or null when it has not run yet. */
  async lastAuditorRun(): Promise<AuditorRun | null> {
    const { last, lastCleanAt } = await this.auditor.lastRuns();
    if (!last) return null;
    return {
      ranAt: last.ranAt.toISOString(),
      violations: last.violations ?? {},
      lastCleanAt: lastCleanAt ? lastCleanAt.toISOString() : null,
    };
  }
}
