import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { londonDate } from '../../kernel/dates';
import { initials } from '../../kernel/statutory-limits';
import { CLOCK, Clock } from '../../platform/clock';
import { APP_CONFIG, AppConfig } from '../../platform/config/config';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { TimerRegistry } from '../../platform/queue/timer-registry';
import { AuditService } from '../audit/audit.service';
import { NotificationsService } from '../notifications/notifications.service';
import { UsersRepository } from '../users/users.repository';
import type { PlacementRequest } from './placement.entities';
import { QueueQueries, type NoticeRecipient, type OverdueRequest } from './queue.queries';

const OVERDUE_BATCH = 200;

/** The queue page's address, as every notice links to it. */
export const queueLink = (publicBaseUrl: string) => `${publicBaseUrl.replace(/\/+$/, '')}/placement-requests/queue`;

/**
 * Telling people about placement requests, through the notifications outbox (in-app and e-mail,
 * reference, initials, urgency and a link only):
 *  - a new emergency request tells every active housing officer at once (in its own transaction);
 *  - a request still open or held past its needed-by date tells the housing officers' line
 *    managers once: the sweep (at boot and every RECONCILE_EVERY) marks it with one conditional
 *    UPDATE and notifies in the same transaction, so restarts and racing instances tell them once.
 * Nobody to tell (no active housing officer, no manager) tells the administrators; nobody at all
 * is audited as unheard.
 */
@Injectable()
export class RequestNotices implements OnModuleInit {
  private readonly logger = new Logger('RequestNotices');

  constructor(
    private readonly queries: QueueQueries,
    private readonly users: UsersRepository,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly uow: UnitOfWork,
    private readonly timers: TimerRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.timers.registerSweeper('placement-requests-overdue', () => this.sweepOverdue());
  }

  /** A new emergency request (in the transaction that created it): the housing officers hear at once. */
  async emergencyRaised(
    em: EntityManager,
    r: PlacementRequest,
    person: { reference: string; firstName: string; lastName: string },
  ): Promise<void> {
    if (r.urgency !== 'emergency') return;
    const who = `${person.reference} ${initials(person.firstName, person.lastName)}`;
    const link = queueLink(this.config.publicBaseUrl);
    const officers = await this.users.activeWithRole('housing_officer');
    const to = officers.length ? officers : await this.users.activeWithRole('admin');
    const unrouted = !officers.length;
    const subject = unrouted
      ? `Emergency placement request for ${who}: no active housing officer to tell`
      : `Emergency placement request: ${who}`;
    const body = [
      `An emergency placement request has been made for ${who}, needed by ${r.neededBy}.`,
      unrouted
        ? 'There is no active housing officer to tell: make sure someone picks it up, and give the service a housing officer.'
        : 'It is on the placement request queue.',
      '',
      'Open the queue:',
      link,
      '',
      'Do not forward this message outside the council.',
    ].join('\n');
    await this.tell(em, to, {
      key: `request-emergency:${r.id}`,
      kind: unrouted ? 'placement_request_emergency_unrouted' : 'placement_request_emergency',
      subject,
      body,
      link,
      youngPersonId: r.youngPersonId,
    });
    this.audit.record(em, {
      actorUserId: null,
      action: to.length ? 'placement_request.emergency_notified' : 'placement_request.emergency_unheard',
      entity: 'PlacementRequest',
      entityId: r.id,
      changes: { recipients: to.map((u) => u.id), unrouted },
      at: this.clock.now(),
    });
  }

  /** Marks and notifies every request past its needed-by date not yet notified, a batch per transaction. */
  async sweepOverdue(): Promise<{ notified: number }> {
    let notified = 0;
    for (;;) {
      const n = await this.uow.run(async (em) => {
        const now = this.clock.now();
        const marked = await this.queries.markOverdue(londonDate(now), now, OVERDUE_BATCH);
        if (!marked.length) return 0;
        const managers = await this.queries.housingOfficersManagers();
        const to = managers.length ? managers : await this.users.activeWithRole('admin');
        for (const r of marked) await this.overdue(em, r, to, !managers.length, now);
        return marked.length;
      });
      notified += n;
      if (n < OVERDUE_BATCH) break;
    }
    if (notified) this.logger.log({ notified }, 'overdue placement requests notified');
    return { notified };
  }

  private async overdue(
    em: EntityManager,
    r: OverdueRequest,
    to: NoticeRecipient[],
    unrouted: boolean,
    now: Date,
  ): Promise<void> {
    const who = `${r.reference} ${initials(r.first_name, r.last_name)}`;
    const link = queueLink(this.config.publicBaseUrl);
    await this.tell(em, to, {
      key: `request-overdue:${r.id}`,
      kind: unrouted ? 'placement_request_overdue_unrouted' : 'placement_request_overdue',
      subject: `Placement request still open past its needed-by date: ${who}`,
      body: [
        `The ${r.urgency} placement request for ${who} was needed by ${r.needed_by} and is still open.`,
        unrouted
          ? 'No housing officer has an active line manager to tell: you are told instead.'
          : 'You are told as the line manager of the housing officers.',
        '',
        'Open the queue:',
        link,
        '',
        'Do not forward this message outside the council.',
      ].join('\n'),
      link,
      youngPersonId: r.young_person_id,
    });
    this.audit.record(em, {
      actorUserId: null,
      action: to.length ? 'placement_request.overdue_notified' : 'placement_request.overdue_unheard',
      entity: 'PlacementRequest',
      entityId: r.id,
      changes: { neededBy: r.needed_by, recipients: to.map((u) => u.id), unrouted },
      at: now,
    });
  }

  /**
   * A planned move-in could not be made (the sweep keeps trying): whoever confirmed it and the
   * housing officers hear once (the admins when none is active), so nobody believes a young
   * person moved who did not. The clock of where they are now runs on meanwhile.
   */
  async moveInFailed(holdId: string, reason: string): Promise<void> {
    await this.uow.run(async (em) => {
      const now = this.clock.now();
      const f = await this.queries.markMoveInFailed(holdId, now);
      if (!f) return;
      const confirmer = await this.queries.activeRecipient(f.confirmed_by_user_id);
      const officers = await this.users.activeWithRole('housing_officer');
      const named = [...(confirmer ? [confirmer] : []), ...officers.filter((o) => o.id !== confirmer?.id)];
      const to = named.length ? named : await this.users.activeWithRole('admin');
      const who = `${f.reference} ${initials(f.first_name, f.last_name)}`;
      const link = `${this.config.publicBaseUrl.replace(/\/+$/, '')}/young-people/${f.young_person_id}`;
      const day = londonDate(new Date(f.move_in_at));
      await this.tell(em, to, {
        key: `move-in-failed:${holdId}`,
        kind: 'hold.move_in_failed',
        subject: `Planned move-in for ${who} on ${day} could not be made`,
        body: [
          `The planned move-in for ${who} on ${day} could not be made. They have not moved: where they are now,`,
          'and its escalation clock, stay as they were. The service tries again every few minutes; the hold needs a look.',
          '',
          link,
          '',
          'Do not forward this message outside the council.',
        ].join('\n'),
        link,
        youngPersonId: f.young_person_id,
      });
      this.audit.record(em, {
        actorUserId: null,
        action: 'hold.move_in_failed',
        entity: 'Hold',
        entityId: holdId,
        changes: { reason, recipients: to.map((u) => u.id), unrouted: !named.length },
        at: now,
      });
    });
  }

  private async tell(
    em: EntityManager,
    to: NoticeRecipient[],
    m: { key: string; kind: string; subject: string; body: string; link: string; youngPersonId: string },
  ): Promise<void> {
    for (const u of to) {
      await this.notifications.notifyUser(em, {
        dedupeKey: `${m.key}:${u.id}`,
        userId: u.id,
        email: u.email,
        kind: m.kind,
        subject: m.subject,
        body: m.body,
        link: m.link,
        youngPersonId: m.youngPersonId,
        channels: ['in_app', 'email'],
      });
    }
  }
}
