import { ManualClock } from '../../../src/platform/clock';
import { Harness } from '../../support/harness';
import { LiveListCounty } from '../reports/live-list.county';

/**
 * `cla_escalation_steps_unrouted_open` in GET /metrics: steps that fired to nobody responsible and
 * are still open. Rows are written with SQL (workers off, the clock manual), so only the gauge is under test.
 */
const METRICS_TOKEN = 'test-metrics-token-0123456789abcdef';
const clock = new ManualClock(new Date('2026-11-18T12:00:00Z'));
let h: Harness;

beforeAll(async () => {
  h = await Harness.start({ env: { WORKERS_ENABLED: 'false', METRICS_TOKEN }, clock });
});
afterAll(async () => {
  await h?.stop();
});

async function gauge(): Promise<number | undefined> {
  const res = await h.withToken(METRICS_TOKEN).get('/metrics');
  expect(res.status).toBe(200);
  expect(res.text).toContain('# TYPE cla_escalation_steps_unrouted_open gauge');
  const line = res.text.split('\n').find((l) => l.startsWith('cla_escalation_steps_unrouted_open '));
  return line === undefined ? undefined : Number(line.split(' ')[1]);
}

describe('the unrouted-steps gauge', () => {
  it('counts open steps that reached nobody, and stops counting one once it is acknowledged', async () => {
    expect(await gauge()).toBe(0);
    const county = new LiveListCounty(h);
    const person = await county.person({
      first: 'Una',
      last: 'Routed',
      dob: '2005-01-01',
      paUserId: h.users.pa.id,
      homeArea: 'Otherton',
    });
    const stay = await county.stay(person, { code: 'W', suitable: false, startedAt: '2026-11-16T10:00:00Z' });
    const policy = 'adult-emergency-accommodation' as const;
    const unrouted = await county.step(stay, person, {
      policy,
      stepIndex: 0,
      role: 'team_manager',
      dueAt: '2026-11-16T10:00:00Z',
      status: 'open',
      unrouted: true,
    });
    await county.step(stay, person, {
      policy,
      stepIndex: 2,
      role: 'service_manager',
      dueAt: '2026-11-17T10:00:00Z',
      status: 'open',
      unrouted: true,
    });
    // Reached someone: not counted. Acknowledged: not counted either.
    await county.step(stay, person, {
      policy,
      stepIndex: 1,
      role: 'pa',
      dueAt: '2026-11-16T10:00:00Z',
      status: 'open',
    });
    await county.step(stay, person, {
      policy,
      stepIndex: 3,
      role: 'head_of_service',
      dueAt: '2026-11-18T10:00:00Z',
      status: 'acknowledged',
      unrouted: true,
      acknowledgedByUserId: h.users.director.id,
      acknowledgedAt: '2026-11-18T11:00:00Z',
      actionPlan: 'Plan',
      reviewBy: '2026-11-19',
    });
    expect(await gauge()).toBe(2);

    const ack = await h
      .as('team_manager')
      .post(`/escalations/${unrouted}/acknowledge`)
      .send({ actionPlan: 'Found the team manager', reviewBy: '2026-11-19' });
    expect(ack.status).toBe(200);
    expect(await gauge()).toBe(1);
  });
});
