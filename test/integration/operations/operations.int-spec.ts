import { HealthService } from '../../../src/features/operations/health.service';
import { MetricsQueries } from '../../../src/features/operations/metrics.queries';
import { Integration } from '../../support/integration';
import { County } from '../reports/county';

let it_: Integration;
beforeAll(async () => (it_ = await Integration.start()));
afterAll(() => it_?.stop());

describe('what operators watch', () => {
  it('reports PostgreSQL and Redis up', async () => {
    expect(await it_.get(HealthService).check()).toEqual({
      status: 'ok',
      checks: { database: 'up', redis: 'up' },
    });
  });

  it('counts for the gauges what the live list shows, the oldest clock, overdue steps and failed deliveries', async () => {
    const county = new County(it_);
    const metrics = it_.get(MetricsQueries);
    const pa = await it_.user('pa');
    expect(await metrics.casework(new Date('2026-11-02T09:59:00Z'))).toEqual({
      openUnsuitable: 0,
      oldestStart: null,
      overdueSteps: 0,
    });

    const ash = await county.person(pa.id, '2005-01-10');
    const shelter = await county.stay(ash, {
      code: 'V',
      suitable: false,
      startedAt: '2026-10-20T21:00:00Z',
      endedAt: '2026-10-28T12:00:00Z',
    });
    await county.stay(ash, { code: 'W', suitable: false, startedAt: '2026-10-28T12:00:00Z', clockStayId: shelter });
    const bea = await county.person(pa.id, '2006-05-01');
    await county.stay(bea, { code: 'D', suitable: true, emergency: true, startedAt: '2026-11-01T20:00:00Z' });
    await county.stay(bea, {
      code: 'D',
      suitable: true,
      startedAt: '2026-09-01T12:00:00Z',
      endedAt: '2026-11-01T20:00:00Z',
    });
    await county.step(shelter, ash, { dueAt: '2026-11-02T09:58:00Z', status: 'scheduled' }); // overdue
    await county.step(shelter, ash, { dueAt: '2026-11-02T09:59:30Z', status: 'scheduled' }); // not yet
    await county.firedStep(shelter, ash, '2026-10-21T09:00:00Z'); // fired, so not overdue

    expect(await metrics.casework(new Date('2026-11-02T09:59:00Z'))).toEqual({
      openUnsuitable: 2,
      oldestStart: new Date('2026-10-20T21:00:00Z'),
      overdueSteps: 1,
    });

    for (const [channel, status] of [
      ['email', 'failed'],
      ['email', 'failed'],
      ['webhook', 'failed'],
      ['in_app', 'sent'],
    ])
      await it_.db.query(
        `insert into notification (id, dedupe_key, channel, kind, subject, body, status, created_at)
         values (gen_random_uuid(), gen_random_uuid()::text, $1, 'escalation', 'Subject', 'Body', $2, now())`,
        [channel, status],
      );
    expect(await metrics.failedNotifications()).toEqual(
      new Map([
        ['email', 2],
        ['webhook', 1],
      ]),
    );
  });
});
