import { accommodationLabel } from '../../kernel/accommodation';
import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { AuditEntry, AuditService } from '../audit/audit.service';
import { monotonicUuidV7 } from '../../platform/uuid';
import { CLOCK, Clock } from '../../platform/clock';
import { APP_CONFIG, AppConfig } from '../../platform/config/config';
import { NotificationsService } from '../notifications/notifications.service';
import { Scheduler, TimerRequest } from '../../platform/queue/scheduler';
import { TimerRegistry } from '../../platform/queue/timer-registry';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { StayEvents, StayObserver } from '../stays/stay-events';
import { Stay } from '../stays/stay.entity';
import { startsClock } from '../../kernel/suitability';
import { YoungPerson } from '../young-people/young-person.entity';
import { CalendarService } from './calendar.service';
import { Escalation, EscalationPolicyVersion } from './escalation.entities';
import { nextOccurrence, planInitialSteps, policyApplies } from '../../kernel/ladder';
import { elapsedText, initials } from '../../kernel/statutory-limits';
import { PoliciesService } from './policies.service';
import { pgArray } from '../../platform/database/sql';

export const STEP_DUE = 'step-due';

interface PlannedRow {
  id: string;
  dueAt: Date;
}

/**
 * The escalation clock. PostgreSQL holds every step with its due time and status; BullMQ delayed
 * jobs (`step-due-<id>`) wake the worker for steps due within the horizon; the sweep (at boot and
 * every RECONCILE_EVERY) wakes the rest as they come near, and fires anything overdue whose
 * wake-up was lost. Firing is one conditional UPDATE (`scheduled` → `open`), so a step fires once
 * however many workers, sweeps and retries race for it.
 */
@Injectable()
export class EscalationEngine implements StayObserver, OnModuleInit {
  private readonly logger = new Logger('Escalations');

  constructor(
    private readonly orm: MikroORM,
    private readonly stayEvents: StayEvents,
    private readonly policies: PoliciesService,
    private readonly calendars: CalendarService,
    private readonly scheduler: Scheduler,
    private readonly timers: TimerRegistry,
    private readonly notifications: NotificationsService,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Steps due within this window get a BullMQ wake-up now; later ones wait in PostgreSQL for the sweep. */
  get horizonMs(): number {
    return Math.max(3 * this.config.reconcileEveryMs, 60_000);
  }

  onModuleInit(): void {
    this.stayEvents.subscribe(this);
    this.timers.register(STEP_DUE, async (id) => {
      await this.fire(id);
    });
    this.timers.registerSweeper('escalations', () => this.sweep());
  }

  // ---------- the clock starts and stops with stays ----------

  async stayStarted(em: EntityManager, stay: Stay, previous: Stay | null): Promise<void> {
    if (!startsClock(stay)) return;
    if (previous?.clockStayId && previous.endedAt && previous.endedAt.getTime() === stay.startedAt.getTime()) {
      // A move from one unsuitable place to another: the same clock keeps running.
      stay.clockStayId = previous.clockStayId;
      await em.flush();
      return;
    }
    stay.clockStayId = stay.id;
    await em.flush();
    const rows = await this.startClocks(em, [stay]);
    this.uow.afterCommit(() => this.wake(rows));
  }

  async stayEnded(em: EntityManager, stay: Stay, next: Stay | null): Promise<void> {
    if (!stay.clockStayId) return;
    if (next && startsClock(next)) return; // the clock carries on into the next stay
    await this.stopClock(em, stay.clockStayId, stay.endedAt ?? this.clock.now(), stay.endedByUserId ?? null);
  }

  /**
   * Plans every step of every policy in force for these stays (each stay's clock starts at its
   * own start) and writes them as `scheduled` rows. Batch-capable: the benchmark drives it with
   * thousands of stays at once. Returns the rows for `wake`.
   */
  async startClocks(em: EntityManager, stays: Stay[]): Promise<PlannedRow[]> {
    const versions = await this.policies.inForce(em);
    const cal = await this.calendars.calendar(em);
    const planned: PlannedRow[] = [];
    const cols = {
      id: [] as string[],
      stay: [] as string[],
      person: [] as string[],
      policy: [] as string[],
      version: [] as string[],
      index: [] as number[],
      occurrence: [] as number[],
      role: [] as string[],
      due: [] as string[],
    };
    const audits: AuditEntry[] = [];
    for (const stay of stays) {
      const facts = {
        ageYears: stay.ageAtStart,
        accommodationCode: stay.accommodationCode,
        suitable: stay.suitable,
        pregnantOrParent: stay.pregnantOrParentAtStart,
      };
      const applied: { policyId: string; version: number; steps: number }[] = [];
      for (const v of versions) {
        if (!policyApplies(v.appliesTo, facts)) continue;
        const steps = planInitialSteps(v.steps, stay.startedAt, cal);
        for (const s of steps) {
          const id = monotonicUuidV7(); // time-ordered: inserts append to the primary-key index
          cols.id.push(id);
          cols.stay.push(stay.id);
          cols.person.push(stay.youngPersonId);
          cols.policy.push(v.policyId);
          cols.version.push(v.id);
          cols.index.push(s.stepIndex);
          cols.occurrence.push(s.occurrence);
          cols.role.push(s.role);
          cols.due.push(s.dueAt.toISOString());
          planned.push({ id, dueAt: s.dueAt });
        }
        applied.push({ policyId: v.policyId, version: v.version, steps: steps.length });
      }
      audits.push({
        actorUserId: null,
        action: 'escalation.clock_started',
        entity: 'Stay',
        entityId: stay.id,
        changes: { clockStartedAt: stay.startedAt.toISOString(), policies: applied },
      });
    }
    // One statement however many steps: arrays in, unnest in SQL.
    for (let i = 0; i < cols.id.length; i += 20_000) {
      const part = <T>(a: T[]) => pgArray(a.slice(i, i + 20_000) as (string | number)[]);
      await em.execute(
        `insert into escalation (id, stay_id, young_person_id, policy_id, policy_version_id, step_index, occurrence, role, due_at, status, created_at)
         select *, 'scheduled', ? from unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::uuid[], ?::uuid[], ?::int[], ?::int[], ?::text[], ?::timestamptz[])
         on conflict do nothing`,
        [
          this.clock.now(),
          part(cols.id),
          part(cols.stay),
          part(cols.person),
          part(cols.policy),
          part(cols.version),
          part(cols.index),
          part(cols.occurrence),
          part(cols.role),
          part(cols.due),
        ],
      );
    }
    await this.audit.recordMany(em, audits);
    return planned;
  }

  /** Ends a clock: steps not yet due become `cancelled`, fired ones `closed`. Steps that fell due before the end still fire. */
  async stopClock(em: EntityManager, clockStayId: string, endedAt: Date, actorUserId: string | null): Promise<void> {
    const now = this.clock.now();
    const rows = await em.execute<{ status: string; n: string }[]>(
      `with changed as (
         update escalation set status = case status when 'scheduled' then 'cancelled' else 'closed' end, closed_at = ?
          where stay_id = ? and ((status = 'scheduled' and due_at > ?) or status = 'open')
          returning status)
       select status, count(*) as n from changed group by status`,
      [now, clockStayId, endedAt],
    );
    const counts = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
    this.audit.record(em, {
      actorUserId,
      action: 'escalation.clock_stopped',
      entity: 'Stay',
      entityId: clockStayId,
      changes: { endedAt: endedAt.toISOString(), cancelled: counts.cancelled ?? 0, closed: counts.closed ?? 0 },
    });
  }

  /** Gives steps due within the horizon their BullMQ wake-up (idempotent: deterministic job ids). */
  async wake(rows: PlannedRow[]): Promise<void> {
    const until = this.clock.now().getTime() + this.horizonMs;
    const timers: TimerRequest[] = rows
      .filter((r) => r.dueAt.getTime() <= until)
      .map((r) => ({ kind: STEP_DUE, id: r.id, at: r.dueAt }));
    await this.scheduler.schedule(timers);
  }

  // ---------- firing ----------

  /**
   * Fires one step if it is still scheduled and due: marks it open, notifies the role holders (in
   * the young person's area, where users have one) and the allocated PA, and plans the next
   * occurrence of a repeating step. A no-op for a step already fired or cancelled.
   */
  async fire(id: string): Promise<'fired' | 'noop' | 'not_due'> {
    let outcome: 'fired' | 'noop' | 'not_due' = 'noop';
    let notDueAt: Date | null = null;
    await this.uow.run(async (tx) => {
      const now = this.clock.now();
      const updated = await tx.execute(
        `update escalation set status = 'open', fired_at = ? where id = ? and status = 'scheduled' and due_at <= ? returning *`,
        [now, id, now],
      );
      if (!updated.length) {
        const [row] = await tx.execute<{ status: string; due_at: Date }[]>(
          'select status, due_at from escalation where id = ?',
          [id],
        );
        if (row?.status === 'scheduled') {
          outcome = 'not_due';
          notDueAt = new Date(row.due_at);
        }
        return;
      }
      outcome = 'fired';
      const esc = tx.map(Escalation, updated[0]);
      const [person, clockStay, version] = await Promise.all([
        tx.findOneOrFail(YoungPerson, { id: esc.youngPersonId }),
        tx.findOneOrFail(Stay, { id: esc.stayId }),
        tx.findOneOrFail(EscalationPolicyVersion, { id: esc.policyVersionId }),
      ]);
      const current = (await tx.findOne(Stay, { clockStayId: esc.stayId, endedAt: null })) ?? null;
      const cal = await this.calendars.calendar(tx);
      const recipients = await this.recipients(tx, esc.role, person);
      const where = current ?? clockStay;
      await this.notifications.alertEscalation(tx, {
        escalationId: esc.id,
        youngPersonId: person.id,
        reference: person.reference,
        initials: initials(person.firstName, person.lastName),
        accommodationCode: where.accommodationCode,
        accommodationLabel: accommodationLabel(where.accommodationCode),
        description: where.description ?? null,
        clockStartedAt: clockStay.startedAt,
        elapsedText: elapsedText(clockStay.startedAt, now, cal),
        step: esc.stepIndex + 1,
        role: esc.role,
        dueAt: esc.dueAt,
        firedAt: now,
        recipients,
      });
      if (!current) {
        // The run of unsuitable stays ended after this step fell due (a stay recorded late): it fires as evidence, then closes.
        esc.status = 'closed';
        esc.closedAt = now;
      } else {
        const next = await this.planRepeat(tx, esc, version, cal);
        if (next && next.dueAt.getTime() <= now.getTime() + this.horizonMs)
          this.uow.afterCommit(() => this.scheduler.schedule([{ kind: STEP_DUE, id: next.id, at: next.dueAt }]));
      }
      await tx.flush();
      this.audit.record(tx, {
        actorUserId: null,
        action: 'escalation.fired',
        entity: 'Escalation',
        entityId: esc.id,
        changes: {
          stayId: esc.stayId,
          step: esc.stepIndex + 1,
          occurrence: esc.occurrence,
          role: esc.role,
          dueAt: esc.dueAt.toISOString(),
          firedAt: now.toISOString(),
          lateByMs: now.getTime() - esc.dueAt.getTime(),
          notified: recipients.map((r) => ({ userId: r.userId, role: r.role })),
        },
        at: now,
      });
    });
    if (notDueAt) await this.scheduler.schedule([{ kind: STEP_DUE, id, at: notDueAt }]);
    return outcome;
  }

  /** The next occurrence of a repeating step, unless an occurrence of it has been acknowledged. */
  private async planRepeat(
    em: EntityManager,
    esc: Escalation,
    version: EscalationPolicyVersion,
    cal: Awaited<ReturnType<CalendarService['calendar']>>,
  ): Promise<PlannedRow | null> {
    const step = version.steps[esc.stepIndex];
    if (!step?.repeatEvery) return null;
    const acknowledged = await em.count(Escalation, {
      stayId: esc.stayId,
      policyVersionId: esc.policyVersionId,
      stepIndex: esc.stepIndex,
      status: 'acknowledged',
    });
    if (acknowledged) return null;
    const next = nextOccurrence(
      step,
      esc.stepIndex,
      { stepIndex: esc.stepIndex, occurrence: esc.occurrence, role: esc.role, dueAt: esc.dueAt },
      cal,
    );
    if (!next) return null;
    const id = crypto.randomUUID();
    const inserted = await em.execute(
      `insert into escalation (id, stay_id, young_person_id, policy_id, policy_version_id, step_index, occurrence, role, due_at, status, created_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'scheduled', ?) on conflict do nothing returning id`,
      [
        id,
        esc.stayId,
        esc.youngPersonId,
        esc.policyId,
        esc.policyVersionId,
        next.stepIndex,
        next.occurrence,
        next.role,
        next.dueAt,
        this.clock.now(),
      ],
    );
    return inserted.length ? { id, dueAt: next.dueAt } : null;
  }

  /** Everyone holding the role (in the young person's home area where a user has an area), and the allocated PA. */
  private async recipients(
    em: EntityManager,
    role: string,
    person: YoungPerson,
  ): Promise<{ userId: string; email: string; role: string }[]> {
    const rows = await em.execute<{ id: string; email: string; role: string }[]>(
      `select id, email, role from app_user
        where active and (
          (role = ? and ? <> 'pa' and (area is null or ? is null or lower(area) = lower(?)))
          or id = ?)
        order by role, email`,
      [role, role, person.homeArea ?? null, person.homeArea ?? null, person.paUserId],
    );
    return rows.map((r) => ({ userId: r.id, email: r.email, role: r.role }));
  }

  // ---------- the sweep ----------

  /**
   * Rebuilds the clock from PostgreSQL: fires every step that is due (a wiped Redis, a crash
   * between commit and enqueue, or a service that was down over a due time), then gives every step
   * due within the horizon its wake-up.
   */
  async sweep(): Promise<{ fired: number; scheduled: number }> {
    const em = this.orm.em.fork();
    let fired = 0;
    for (;;) {
      const due = await em.execute<{ id: string }[]>(
        `select id from escalation where status = 'scheduled' and due_at <= ? order by due_at limit 500`,
        [this.clock.now()],
      );
      if (!due.length) break;
      let progressed = 0;
      for (let i = 0; i < due.length; i += 8) {
        const outcomes = await Promise.all(
          due.slice(i, i + 8).map((r) =>
            this.fire(r.id).catch((e) => {
              this.logger.error({ escalationId: r.id, err: (e as Error).message }, 'firing failed; will retry');
              return 'noop' as const;
            }),
          ),
        );
        progressed += outcomes.filter((o) => o === 'fired').length;
      }
      fired += progressed;
      if (!progressed) break;
    }
    let scheduled = 0;
    let after = new Date(0);
    let afterId = '00000000-0000-0000-0000-000000000000';
    const until = new Date(this.clock.now().getTime() + this.horizonMs);
    for (;;) {
      const rows = await em.execute<{ id: string; due_at: Date }[]>(
        `select id, due_at from escalation where status = 'scheduled' and due_at <= ? and (due_at, id) > (?, ?::uuid)
          order by due_at, id limit 5000`,
        [until, after, afterId],
      );
      if (!rows.length) break;
      await this.scheduler.schedule(rows.map((r) => ({ kind: STEP_DUE, id: r.id, at: new Date(r.due_at) })));
      scheduled += rows.length;
      after = new Date(rows[rows.length - 1].due_at);
      afterId = rows[rows.length - 1].id;
    }
    return { fired, scheduled };
  }
}
