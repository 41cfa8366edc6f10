import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { invalidField } from '../../kernel/errors';
import { maxReviewAfterOf, reviewByProblem, reviewDueAt } from '../../kernel/reviews';
import type { AuthUser } from '../../kernel/roles';
import { initials } from '../../kernel/statutory-limits';
import { CLOCK, Clock } from '../../platform/clock';
import { APP_CONFIG, AppConfig } from '../../platform/config/config';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { pageOf, PageQuery } from '../../platform/pagination';
import { Scheduler } from '../../platform/queue/scheduler';
import { TimerRegistry } from '../../platform/queue/timer-registry';
import { AuditService } from '../audit/audit.service';
import { escalationLink, roleLabel, ukTime } from '../notifications/escalation-message';
import { NotificationsService } from '../notifications/notifications.service';
import { CalendarService } from './calendar.service';
import type { ReviewPage, ReviewView } from './escalations.dto';
import { LapsedReview, ReviewRow, ReviewsRepository } from './reviews.repository';

/** The timer kind of a review falling due; its BullMQ job id is `review-due-<escalation id>`. */
export const REVIEW_DUE = 'review-due';
export type LapseOutcome = 'lapsed' | 'noop' | 'not_due';
const DUE_BATCH = 500;
const WAKE_BATCH = 5000;

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

export function toReviewView(r: ReviewRow): ReviewView {
  return {
    escalationId: r.id,
    step: r.step_index + 1,
    role: r.role,
    youngPersonId: r.young_person_id,
    reference: r.reference,
    initials: initials(r.first_name, r.last_name),
    acknowledgedAt: iso(r.acknowledged_at)!,
    reviewBy: r.review_by,
    reviewDueAt: iso(r.review_due_at),
    actionPlan: r.action_plan,
    lapsed: r.status === 'open',
    acknowledgementLapsedAt: iso(r.acknowledgement_lapsed_at),
  };
}

/**
 * Acknowledgements that lead somewhere: a review date within the policy's bound, and at the
 * review (office opening on `reviewBy`) the acknowledger is reminded and the acknowledgement
 * lapses, re-opening the step. A BullMQ wake-up at the review time does it on time; the sweep
 * (at boot and every RECONCILE_EVERY) lapses anything overdue, so a wiped Redis loses none.
 */
@Injectable()
export class ReviewsService implements OnModuleInit {
  private readonly logger = new Logger('Reviews');

  constructor(
    private readonly reviews: ReviewsRepository,
    private readonly uow: UnitOfWork,
    private readonly calendars: CalendarService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly scheduler: Scheduler,
    private readonly timers: TimerRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.timers.register(REVIEW_DUE, async (id) => {
      await this.lapse(id);
    });
    this.timers.registerSweeper('reviews', () => this.sweep());
  }

  /**
   * Checks `reviewBy` for an acknowledgement of a step of `policyVersionId` made at `at`: today
   * or later, and no later than `at` plus the policy's `maxReviewAfter` (`400` naming `reviewBy`).
   * Answers when the review falls due.
   */
  async plan(policyVersionId: string, reviewBy: string, at: Date): Promise<Date> {
    const cal = await this.calendars.calendar();
    const bound = maxReviewAfterOf(await this.reviews.maxReviewAfter(policyVersionId));
    const problem = reviewByProblem(reviewBy, at, bound, cal);
    if (problem) throw invalidField('reviewBy', problem);
    return reviewDueAt(reviewBy, at, cal, this.config.officeHours);
  }

  /** Once the acknowledgement commits: the wake-up at its review time, replacing an earlier review's. */
  wakeAfterCommit(escalationId: string, at: Date): void {
    this.uow.afterCommit(async () => {
      await this.scheduler.cancel(REVIEW_DUE, escalationId);
      await this.scheduler.schedule([{ kind: REVIEW_DUE, id: escalationId, at }]);
    });
  }

  /** The caller's own acknowledgements on clocks still running, oldest review date first. */
  async mine(user: AuthUser, q: PageQuery): Promise<ReviewPage> {
    const { limit, offset } = pageOf(q);
    const { rows, total } = await this.reviews.mine(user.id, limit, offset);
    return { items: rows.map(toReviewView), total };
  }

  /**
   * Lapses one acknowledgement if its review is due: the step is open again, the acknowledger is
   * reminded, the lapse is audited, all in one transaction. A no-op when another lapse won or the
   * step was acknowledged afresh; a wake-up that came early is set again for the review time.
   */
  async lapse(id: string): Promise<LapseOutcome> {
    let notDueAt: Date | null = null;
    const outcome = await this.uow.run(async (em): Promise<LapseOutcome> => {
      const now = this.clock.now();
      const lapsed = await this.reviews.lapseIfDue(id, now);
      if (!lapsed) {
        const dueAt = await this.reviews.reviewDueAt(id);
        if (!dueAt || dueAt.getTime() <= now.getTime()) return 'noop';
        notDueAt = dueAt;
        return 'not_due';
      }
      await this.remind(em, lapsed);
      this.audit.record(em, {
        actorUserId: null,
        action: 'escalation.acknowledgement_lapsed',
        entity: 'Escalation',
        entityId: id,
        changes: {
          status: { from: 'acknowledged', to: 'open' },
          acknowledgedByUserId: lapsed.acknowledged_by_user_id,
          acknowledgedAt: new Date(lapsed.acknowledged_at).toISOString(),
          reviewBy: lapsed.review_by,
          reviewDueAt: new Date(lapsed.review_due_at).toISOString(),
        },
        at: now,
      });
      return 'lapsed';
    });
    if (notDueAt) await this.scheduler.schedule([{ kind: REVIEW_DUE, id, at: notDueAt }]);
    return outcome;
  }

  /** The acknowledger hears that the review is due and the step is open again: reference, initials and a link only. */
  private async remind(em: EntityManager, r: LapsedReview): Promise<void> {
    if (!r.active) return; // a deactivated account is told nothing
    const who = `${r.reference} ${initials(r.first_name, r.last_name)}`;
    const step = `escalation step ${r.step_index + 1} (${roleLabel(r.role)})`;
    const link = escalationLink(this.config.publicBaseUrl, r.id);
    await this.notifications.notifyUser(em, {
      dedupeKey: `review:${r.id}:${new Date(r.review_due_at).toISOString()}`,
      userId: r.acknowledged_by_user_id,
      email: r.email,
      kind: 'review_due',
      subject: `Review due: ${who}, ${step}`,
      body: [
        `You acknowledged ${step} for ${who} on ${ukTime(new Date(r.acknowledged_at))}, to be reviewed by ${r.review_by}.`,
        'The review is due now, so the acknowledgement has lapsed: the step is open again until someone acknowledges it afresh with an action plan and a new review date.',
        '',
        'Review the escalation:',
        link,
        '',
        'Do not forward this message outside the council.',
      ].join('\n'),
      link,
      youngPersonId: r.young_person_id,
      escalationId: r.id,
      channels: ['in_app', 'email'],
    });
  }

  /** Lapses every overdue acknowledgement, then wakes those due within the horizon. */
  async sweep(): Promise<{ lapsed: number; retired: number; scheduled: number }> {
    const retired = await this.reviews.retireStopped(this.clock.now());
    const lapsed = await this.lapseOverdue();
    const scheduled = await this.wakeWithinHorizon();
    return { lapsed, retired, scheduled };
  }

  /** 500 at a time until a batch lapses nothing (a failure is logged and left for the next sweep). */
  private async lapseOverdue(): Promise<number> {
    let lapsed = 0;
    for (;;) {
      const due = await this.reviews.dueIds(this.clock.now(), DUE_BATCH);
      let progressed = 0;
      for (const id of due) {
        const outcome = await this.lapse(id).catch((e) => {
          this.logger.error({ escalationId: id, err: (e as Error).message }, 'lapse failed; will retry');
          return 'noop' as const;
        });
        if (outcome === 'lapsed') progressed++;
      }
      lapsed += progressed;
      if (!progressed) return lapsed;
    }
  }

  private async wakeWithinHorizon(): Promise<number> {
    const horizonMs = Math.max(3 * this.config.reconcileEveryMs, 60_000);
    const until = new Date(this.clock.now().getTime() + horizonMs);
    let after = { dueAt: new Date(0), id: '00000000-0000-0000-0000-000000000000' };
    let scheduled = 0;
    for (;;) {
      const rows = await this.reviews.dueUntil(until, after, WAKE_BATCH);
      if (!rows.length) return scheduled;
      await this.scheduler.schedule(rows.map((r) => ({ kind: REVIEW_DUE, id: r.id, at: r.dueAt })));
      scheduled += rows.length;
      after = rows[rows.length - 1];
    }
  }
}
