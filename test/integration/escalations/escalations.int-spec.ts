import { ClockPlanner } from '../../../src/features/escalations/clock-planner';
import { EscalationSweep } from '../../../src/features/escalations/escalation-sweep';
import { EscalationsService } from '../../../src/features/escalations/escalations.service';
import { StepFiring } from '../../../src/features/escalations/step-firing';
import { STEP_DUE } from '../../../src/features/escalations/step-wake-ups';
import type { AuthUser } from '../../../src/kernel/roles';
import { UnitOfWork } from '../../../src/platform/database/unit-of-work';
import { Scheduler } from '../../../src/platform/queue/scheduler';
import { Integration } from '../../support/integration';
import { count, dropQueueKeys, insertPerson, startClock, stepsOf } from './clock-fixtures';

let it_: Integration;
let pa: AuthUser;
let teamManager: AuthUser;
let serviceManager: AuthUser;

beforeAll(async () => {
  it_ = await Integration.start();
  pa = await it_.user('pa');
  teamManager = await it_.user('team_manager', { area: 'Crewe' });
  serviceManager = await it_.user('service_manager', { area: null });
});
afterAll(async () => {
  if (it_) await dropQueueKeys(it_);
  await it_?.stop();
});

const now = () => it_.clock.now();
const days = (n: number) => n * 86_400_000;

describe('the escalation clock against PostgreSQL', () => {
  it('fires a step once when two firings race for it: one opens it, the other is a no-op', async () => {
    const person = await insertPerson(it_, pa.id);
    const { stayId, steps } = await startClock(it_, person.id, now());
    const first = steps[0];
    expect(first).toMatchObject({ step_index: 0, role: 'team_manager', status: 'scheduled' });

    const firing = it_.get(StepFiring);
    const outcomes = await Promise.all([firing.fire(first.id), firing.fire(first.id)]);

    expect(outcomes.sort()).toEqual(['fired', 'noop']);
    expect((await stepsOf(it_, stayId))[0]).toMatchObject({ id: first.id, status: 'open', fired_at: now() });
    expect(await count(it_, `audit_event where action = 'escalation.fired' and entity_id = $1`, [first.id])).toBe(1);
    // The team manager in the area and the PA, in the inbox and by e-mail: each message written once.
    const notified = await it_.db.query<{ recipient_user_id: string; channel: string; n: string }>(
      `select recipient_user_id, channel, count(*) as n from notification where escalation_id = $1
        group by recipient_user_id, channel order by recipient_user_id, channel`,
      [first.id],
    );
    expect(notified.rows.map((r) => Number(r.n))).toEqual([1, 1, 1, 1]);
    expect(new Set(notified.rows.map((r) => r.recipient_user_id))).toEqual(new Set([teamManager.id, pa.id]));
  });

  it('stops a clock: steps not yet due are cancelled, open ones closed, and one falling due at the end still fires', async () => {
    const person = await insertPerson(it_, pa.id);
    const { stayId, steps } = await startClock(it_, person.id, now());
    expect(await it_.get(StepFiring).fire(steps[0].id)).toBe('fired');

    await it_
      .get(UnitOfWork)
      .run((em) =>
        it_
          .get(ClockPlanner)
          .stopClock(
            em,
            stayId,
            { endedAt: now(), endedByUserId: pa.id, youngPersonId: person.id, accommodationCode: 'W' },
            null,
          ),
      );

    const after = await stepsOf(it_, stayId);
    expect(after.map((s) => [s.role, s.status])).toEqual([
      ['team_manager', 'closed'],
      ['pa', 'scheduled'], // due at the very end: it still fires, as evidence
      ['service_manager', 'cancelled'],
      ['head_of_service', 'cancelled'],
      ['director', 'cancelled'],
      ['head_of_service', 'cancelled'],
    ]);
    expect(after.filter((s) => s.status !== 'scheduled').every((s) => s.closed_at !== null)).toBe(true);
    const audit = await it_.db.query(
      `select actor_user_id, changes from audit_event where action = 'escalation.clock_stopped' and entity_id = $1`,
      [stayId],
    );
    expect(audit.rows).toEqual([
      { actor_user_id: pa.id, changes: { endedAt: now().toISOString(), cancelled: 4, closed: 1 } },
    ]);
  });

  it('forbids acknowledging a step to a role below it, and writes nothing', async () => {
    const person = await insertPerson(it_, pa.id);
    // Started last Thursday: by Monday the service manager's step (one working day) is overdue.
    const { stayId, steps } = await startClock(it_, person.id, new Date(now().getTime() - days(4)));
    const step = steps.find((s) => s.role === 'service_manager')!;
    expect(await it_.get(StepFiring).fire(step.id)).toBe('fired');
    const before = {
      audit: await count(it_, 'audit_event'),
      notifications: await count(it_, 'notification'),
      steps: await stepsOf(it_, stayId),
    };

    await expect(
      it_
        .get(EscalationsService)
        .acknowledge(teamManager, step.id, { actionPlan: 'Supported lodgings referral', reviewBy: '2026-11-09' }),
    ).rejects.toMatchObject({ kind: 'forbidden' });

    expect(await count(it_, 'audit_event')).toBe(before.audit);
    expect(await count(it_, 'notification')).toBe(before.notifications);
    expect(await stepsOf(it_, stayId)).toEqual(before.steps);
    // The step's own role may.
    await expect(
      it_
        .get(EscalationsService)
        .acknowledge(serviceManager, step.id, { actionPlan: 'Supported lodgings referral', reviewBy: '2026-11-09' }),
    ).resolves.toMatchObject({ status: 'acknowledged', acknowledgedByUserId: serviceManager.id });
  });

  it('sweeps: fires every overdue step whose wake-up was lost, and leaves the ones not yet due', async () => {
    const person = await insertPerson(it_, pa.id);
    const { stayId, steps } = await startClock(it_, person.id, new Date(now().getTime() - days(4)));
    const scheduler = it_.ctx.get<Scheduler>(Scheduler, { strict: false });
    for (const s of steps) expect(await scheduler.isScheduled(STEP_DUE, s.id)).toBe(false);

    const swept = await it_.get(EscalationSweep).sweep();

    const after = await stepsOf(it_, stayId);
    // Thursday 10:00 + 1 working day = Friday, + 2 = Monday 10:00 (now): four steps due, two to come.
    expect(after.map((s) => [s.role, s.status])).toEqual([
      ['team_manager', 'open'],
      ['pa', 'open'],
      ['service_manager', 'open'],
      ['head_of_service', 'open'],
      ['director', 'scheduled'],
      ['head_of_service', 'scheduled'],
    ]);
    expect(swept.fired).toBeGreaterThanOrEqual(4);
    for (const s of after.filter((x) => x.status === 'open')) {
      expect(await count(it_, `audit_event where action = 'escalation.fired' and entity_id = $1`, [s.id])).toBe(1);
    }
  });

  it('fires only the most senior overdue step of a stay recorded a year late, once, and passes over the rest', async () => {
    const director = await it_.user('director');
    const person = await insertPerson(it_, pa.id);
    const { stayId, steps } = await startClock(it_, person.id, new Date(now().getTime() - days(365)), {
      recordedAt: now(),
    });
    expect(steps.map((s) => [s.role, s.occurrence, s.status])).toEqual([
      ['team_manager', 0, 'closed'],
      ['pa', 0, 'closed'],
      ['service_manager', 0, 'closed'],
      ['head_of_service', 0, 'closed'],
      ['director', 0, 'scheduled'],
      ['head_of_service', 0, 'closed'],
      // The repeating step carries on from now, never replaying the year's missed repeats.
      ['head_of_service', 1, 'scheduled'],
    ]);
    const rows = await it_.db.query(
      `select status, closed_reason, recorded_late, due_at from escalation where stay_id = $1`,
      [stayId],
    );
    expect(rows.rows.filter((r) => r.status === 'closed').every((r) => r.closed_reason === 'recorded_late')).toBe(true);
    expect(
      new Date(rows.rows.find((r) => r.status === 'scheduled' && r.recorded_late === false)!.due_at).getTime(),
    ).toBeGreaterThan(now().getTime());

    await it_.get(EscalationSweep).sweep();
    const fired = await it_.db.query<{ role: string; recorded_late: boolean }>(
      `select role, recorded_late from escalation where stay_id = $1 and fired_at is not null`,
      [stayId],
    );
    expect(fired.rows).toEqual([{ role: 'director', recorded_late: true }]);
    const told = await it_.db.query<{ recipient_user_id: string; subject: string }>(
      `select recipient_user_id, subject from notification where channel = 'in_app' and escalation_id in (select id from escalation where stay_id = $1)`,
      [stayId],
    );
    expect(told.rows.map((r) => r.recipient_user_id).sort()).toEqual([director.id, pa.id].sort());
    expect(told.rows.every((r) => r.subject.startsWith('Recorded late:'))).toBe(true);
    await it_.db.query(`update app_user set active = false where id = $1`, [director.id]);
  });

  it('tells every administrator at once when a step reaches nobody responsible, and records it unrouted', async () => {
    const admin = await it_.user('admin');
    await it_.db.query(`update app_user set active = false where role in ('director', 'head_of_service')`);
    const person = await insertPerson(it_, pa.id);
    const { stayId, steps } = await startClock(it_, person.id, new Date(now().getTime() - days(10)));
    const directorStep = steps.find((s) => s.role === 'director')!;
    expect(await it_.get(StepFiring).fire(directorStep.id)).toBe('fired');
    const row = (await it_.db.query(`select unrouted, recipients from escalation where id = $1`, [directorStep.id]))
      .rows[0];
    expect(row.unrouted).toBe(true);
    expect(row.recipients).toEqual([{ userId: pa.id, role: 'pa', via: 'allocated_pa' }]);
    const adminNotes = await it_.db.query(
      `select kind, channel, subject from notification where recipient_user_id = $1 and escalation_id = $2 order by channel`,
      [admin.id, directorStep.id],
    );
    expect(adminNotes.rows.map((r) => [r.kind, r.channel])).toEqual([
      ['unrouted', 'email'],
      ['unrouted', 'in_app'],
    ]);
    expect(adminNotes.rows[0].subject).toMatch(/^Unrouted escalation: step 5 \(director/);
    void stayId;
  });
});
