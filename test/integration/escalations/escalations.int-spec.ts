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

    await it_.get(UnitOfWork).run((em) => it_.get(ClockPlanner).stopClock(em, stayId, now(), pa.id));

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
});
