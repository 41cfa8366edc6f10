import { EscalationAuditor } from '../../../src/features/escalations/escalation-auditor';
import { StepFiring } from '../../../src/features/escalations/step-firing';
import type { AuthUser } from '../../../src/kernel/roles';
import { Integration } from '../../support/integration';
import { dropQueueKeys, insertPerson, startClock, stepsOf } from './clock-fixtures';

let it_: Integration;
let pa: AuthUser;
beforeAll(async () => {
  it_ = await Integration.start();
  pa = await it_.user('pa');
  await it_.user('team_manager');
  await it_.user('service_manager');
  await it_.user('head_of_service');
  await it_.user('director');
});
afterAll(async () => {
  if (it_) await dropQueueKeys(it_);
  await it_?.stop();
});

const now = () => it_.clock.now();
const DAY = 86_400_000;
const auditor = () => it_.get(EscalationAuditor);

describe('the escalation auditor', () => {
  it('finds nothing wrong with healthy clocks and records a clean run', async () => {
    const person = await insertPerson(it_, pa.id);
    await startClock(it_, person.id, now());
    for (const s of (
      await it_.db.query(`select id from escalation where status = 'scheduled' and due_at <= $1`, [now()])
    ).rows)
      await it_.get(StepFiring).fire(s.id);
    const run = await auditor().run();
    expect(run).toEqual({
      clean: true,
      violations: { strandedSteps: 0, missingRepeats: 0, overdueSteps: 0, unroutedOpen: 0 },
      repaired: 0,
    });
    const last = (await it_.db.query(`select clean from escalation_audit_run order by ran_at desc limit 1`)).rows[0];
    expect(last.clean).toBe(true);
  });

  it('closes a step left open on a stopped clock, re-plans a lost repeat, fires a forgotten overdue step, and says so', async () => {
    // A clock whose stay ended behind the service's back: an open step and future steps left behind.
    const stopped = await insertPerson(it_, pa.id);
    const a = await startClock(it_, stopped.id, new Date(now().getTime() - 1000));
    await it_.get(StepFiring).fire(a.steps[0].id);
    await it_.db.query(`update stay set ended_at = $2, end_reason = 'Moved' where id = $1`, [a.stayId, now()]);
    // A running clock whose repeating head-of-service step fired but whose next occurrence was lost.
    const running = await insertPerson(it_, pa.id);
    const b = await startClock(it_, running.id, new Date(now().getTime() - 15 * DAY));
    const repeating = b.steps.find((s) => s.step_index === 5)!;
    await it_.db.query(`update escalation set status = 'open', fired_at = $2 where id = $1`, [repeating.id, now()]);
    // And a step of it overdue by more than a minute that nothing fired.
    const overdue = b.steps.find((s) => s.step_index === 0)!;

    const run = await auditor().run();
    expect(run.clean).toBe(false);
    expect(run.violations).toMatchObject({ strandedSteps: a.steps.length - 1, missingRepeats: 1 });
    expect(run.violations.overdueSteps).toBeGreaterThanOrEqual(1);
    expect(run.repaired).toBeGreaterThanOrEqual(3);

    const left = await stepsOf(it_, a.stayId);
    expect(left.find((s) => s.id === a.steps[0].id)!.status).toBe('closed');
    // Nothing open; nothing scheduled after the end (a step due before it still fires, as evidence).
    expect(left.filter((s) => s.status === 'open' || (s.status === 'scheduled' && s.due_at > now()))).toEqual([]);
    const repeats = (await stepsOf(it_, b.stayId)).filter((s) => s.step_index === 5);
    expect(repeats.map((s) => [s.occurrence, s.status])).toEqual([
      [0, 'open'],
      [1, 'scheduled'],
    ]);
    expect(repeats[1].due_at.getTime()).toBeGreaterThan(now().getTime()); // from now: missed repeats are not replayed
    expect((await stepsOf(it_, b.stayId)).find((s) => s.id === overdue.id)!.status).not.toBe('scheduled');

    const again = await auditor().run();
    expect(again.violations).toMatchObject({ strandedSteps: 0, missingRepeats: 0, overdueSteps: 0 });
  });
});
