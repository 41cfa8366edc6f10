import { DigestService } from '../../../src/features/escalations/digest.service';
import { EscalationsService } from '../../../src/features/escalations/escalations.service';
import { MyAlertsService } from '../../../src/features/escalations/my-alerts.service';
import { LiveListService } from '../../../src/features/reports/live-list.service';
import { REVIEW_DUE, ReviewsService } from '../../../src/features/escalations/reviews.service';
import type { AuthUser } from '../../../src/kernel/roles';
import { Scheduler } from '../../../src/platform/queue/scheduler';
import { Integration } from '../../support/integration';
import { count, insertPerson } from './clock-fixtures';

/**
 * The review cycle and the digest against PostgreSQL, with no workers: the lapse is one conditional
 * UPDATE (racing lapses change a step once), an early wake-up is set again, a stopped clock's
 * review lapses nothing, the bound comes from the step's own policy version, and two digests
 * racing for one day send once.
 */
let it_: Integration;
let pa: AuthUser;
let teamManager: AuthUser;

beforeAll(async () => {
  it_ = await Integration.start();
  pa = await it_.user('pa');
  teamManager = await it_.user('team_manager');
});
afterAll(() => it_?.stop());

const at = (iso: string) => it_.clock.set(iso);
const scheduler = () => it_.ctx.get<Scheduler>(Scheduler, { strict: false });

/**
 * An open team-manager step on a running hotel clock, of a retired policy of our own whose
 * versions bound reviews by `maxReviewAfter` (so nothing else in the database governs it).
 */
async function openStep(maxReviewAfter = 'P5WD'): Promise<{ id: string; stayId: string }> {
  const person = await insertPerson(it_, pa.id);
  const [policyId, versionId, stayId, id] = [1, 2, 3, 4].map(() => crypto.randomUUID());
  const now = it_.clock.now();
  await it_.db.query(
    `insert into escalation_policy (id, key, current_version, created_at, updated_at) values ($1, null, 1, now(), now())`,
    [policyId],
  );
  await it_.db.query(
    `insert into escalation_policy_version (id, policy_id, version, name, active, applies_to, steps, max_review_after, created_at)
     values ($1, $2, 1, 'Test: reviews', false, '{}', '[{"after": "PT0S", "role": "team_manager"}]', $3, now())`,
    [versionId, policyId, maxReviewAfter],
  );
  await it_.db.query(
    `insert into stay (id, young_person_id, accommodation_code, suitable, emergency, description, started_at, age_at_start, pregnant_or_parent_at_start, clock_stay_id, created_at)
     values ($1, $2, 'W', false, true, 'Travelodge Crewe', $3, 20, false, $1, now())`,
    [stayId, person.id, now],
  );
  await it_.db.query(
    `insert into escalation (id, stay_id, young_person_id, policy_id, policy_version_id, step_index, occurrence, role, due_at, fired_at, status, created_at)
     values ($1, $2, $3, $4, $5, 0, 0, 'team_manager', $6, $6, 'open', now())`,
    [id, stayId, person.id, policyId, versionId, now],
  );
  return { id, stayId };
}

const acknowledge = (id: string, reviewBy: string) =>
  it_.get(EscalationsService).acknowledge(teamManager, id, { actionPlan: 'Supported lodgings referral', reviewBy });
const row = async (id: string) =>
  (
    await it_.db.query<{ status: string; review_due_at: Date | null; acknowledgement_lapsed_at: Date | null }>(
      'select status, review_due_at, acknowledgement_lapsed_at from escalation where id = $1',
      [id],
    )
  ).rows[0];

describe('acknowledgements lapsing at their review', () => {
  it('stores the review time as the office opening on the review date and wakes a worker for it', async () => {
    at('2026-11-02T10:00:00Z'); // Monday
    const { id } = await openStep();
    await acknowledge(id, '2026-11-04');
    expect(await row(id)).toMatchObject({ status: 'acknowledged', review_due_at: new Date('2026-11-04T09:00:00Z') });
    expect(await scheduler().isScheduled(REVIEW_DUE, id)).toBe(true);
  });

  it('bounds the review date by the step’s own policy version', async () => {
    at('2026-11-02T10:00:00Z');
    const { id } = await openStep('P1WD');
    await expect(acknowledge(id, '2026-11-04')).rejects.toMatchObject({
      kind: 'invalid',
      fields: [{ field: 'reviewBy', message: expect.stringContaining('2026-11-03') }],
    });
    expect((await row(id)).status).toBe('open');
    await expect(acknowledge(id, '2026-11-03')).resolves.toMatchObject({ status: 'acknowledged' });
  });

  it('lapses once when two workers race for it: one lapses, the other is a no-op', async () => {
    at('2026-11-02T10:00:00Z');
    const { id } = await openStep();
    await acknowledge(id, '2026-11-03');
    at('2026-11-03T09:00:00Z');
    const reviews = it_.get(ReviewsService);
    const outcomes = await Promise.all([reviews.lapse(id), reviews.lapse(id)]);
    expect(outcomes.sort()).toEqual(['lapsed', 'noop']);
    expect(await row(id)).toMatchObject({
      status: 'open',
      acknowledgement_lapsed_at: new Date('2026-11-03T09:00:00Z'),
    });
    expect(
      await count(it_, `audit_event where action = 'escalation.acknowledgement_lapsed' and entity_id = $1`, [id]),
    ).toBe(1);
    const reminders = await it_.db.query<{ channel: string; recipient_user_id: string }>(
      `select channel, recipient_user_id from notification where kind = 'review_due' and escalation_id = $1 order by channel`,
      [id],
    );
    expect(reminders.rows).toEqual([
      { channel: 'email', recipient_user_id: teamManager.id },
      { channel: 'in_app', recipient_user_id: teamManager.id },
    ]);
  });

  it('sets an early wake-up again for the review time, and lapses nothing', async () => {
    at('2026-11-02T10:00:00Z');
    const { id } = await openStep();
    await acknowledge(id, '2026-11-05');
    await scheduler().cancel(REVIEW_DUE, id);
    at('2026-11-05T08:59:00Z');
    expect(await it_.get(ReviewsService).lapse(id)).toBe('not_due');
    expect((await row(id)).status).toBe('acknowledged');
    expect(await scheduler().isScheduled(REVIEW_DUE, id)).toBe(true);
  });

  it('lapses from the sweep alone when the wake-up was lost, and leaves a stopped clock’s review alone', async () => {
    at('2026-11-02T10:00:00Z');
    const lost = await openStep();
    const stopped = await openStep();
    await acknowledge(lost.id, '2026-11-06');
    await acknowledge(stopped.id, '2026-11-06');
    await scheduler().cancel(REVIEW_DUE, lost.id);
    await it_.db.query(`update stay set ended_at = $2, end_reason = 'Moved' where id = $1`, [
      stopped.stayId,
      new Date('2026-11-03T12:00:00Z'),
    ]);
    at('2026-11-06T09:00:00Z');
    const result = await it_.get(ReviewsService).sweep();
    expect(result.lapsed).toBeGreaterThanOrEqual(1);
    expect(result.retired).toBeGreaterThanOrEqual(1);
    expect((await row(lost.id)).status).toBe('open');
    expect(await row(stopped.id)).toMatchObject({ status: 'acknowledged', review_due_at: null });
    expect(await count(it_, `notification where kind = 'review_due' and escalation_id = $1`, [stopped.id])).toBe(0);
  });
});

/** The step reached `user` to act on it (as StepFiring records a delivery), as the PA when `via` says so. */
const reach = (user: AuthUser, id: string, via = 'line_manager') =>
  it_.db.query(
    `update escalation set recipients = jsonb_build_array(jsonb_build_object('userId', $1::text, 'via', $2::text)) where id = $3`,
    [user.id, via, id],
  );

describe('a home page’s panels', () => {
  it('answers in one read what "your open alerts" and "your reviews" answer: the same items, order and counts', async () => {
    const ids: string[] = [];
    for (const minute of ['00', '01', '02', '03', '04']) {
      at(`2026-11-16T10:${minute}:00Z`); // Monday
      const { id } = await openStep();
      await reach(teamManager, id);
      ids.push(id);
    }
    await acknowledge(ids[0], '2026-11-18');
    await acknowledge(ids[1], '2026-11-17');
    await acknowledge(ids[2], '2026-11-17');
    const alerts = it_.get(MyAlertsService);
    const reviews = it_.get(ReviewsService);
    for (const [alertsLimit, reviewsLimit] of [
      [1, 1],
      [2, 2],
      [10, 100],
    ]) {
      const panels = await alerts.homePanels(teamManager, alertsLimit, reviewsLimit);
      expect(panels).toEqual({
        alerts: await alerts.open(teamManager, alertsLimit),
        reviews: await reviews.mine(teamManager, { limit: reviewsLimit }),
      });
      expect(panels.alerts.items).toHaveLength(Math.min(alertsLimit, panels.alerts.total));
    }
    // Read alongside the live list, in its statement, they answer the same, and so does the list.
    const liveList = it_.get(LiveListService);
    for (const opts of [{}, { reachingUserId: teamManager.id }]) {
      const together = await liveList.unsuitableWith(
        teamManager,
        {},
        opts,
        alerts.homePanelsAlongside(teamManager, 2, 2),
      );
      expect(together.alongside).toEqual(await alerts.homePanels(teamManager, 2, 2));
      expect({ ...together.report, asOf: '' }).toEqual({
        ...(await liveList.unsuitable(teamManager, {}, opts)),
        asOf: '',
      });
      expect(together.report.items.length).toBeGreaterThanOrEqual(5);
    }
    const all = await alerts.homePanels(teamManager, 10, 100);
    expect(all.alerts.items.slice(0, 2).map((a) => a.escalationId)).toEqual([ids[4], ids[3]]);
    expect(all.reviews.items.filter((r) => ids.includes(r.escalationId)).map((r) => r.escalationId)).toEqual([
      ...[ids[1], ids[2]].sort(),
      ids[0],
    ]);
  });

  it('gives a PA only their caseload’s own steps, as "your open alerts" does', async () => {
    at('2026-11-16T11:00:00Z');
    const mine = await openStep();
    await it_.db.query(`update escalation set role = 'pa' where id = $1`, [mine.id]);
    await reach(pa, mine.id, 'allocated_pa');
    const movedOff = await openStep();
    await it_.db.query(`update escalation set role = 'pa' where id = $1`, [movedOff.id]);
    await reach(pa, movedOff.id, 'allocated_pa');
    const other = await it_.user('pa');
    await it_.db.query(
      `update young_person set pa_user_id = $1 where id = (select young_person_id from escalation where id = $2)`,
      [other.id, movedOff.id],
    );
    const alerts = it_.get(MyAlertsService);
    const panels = await alerts.homePanels(pa, 10, 100);
    expect(panels.alerts.items.map((a) => a.escalationId)).toContain(mine.id);
    expect(panels.alerts.items.map((a) => a.escalationId)).not.toContain(movedOff.id);
    expect(panels).toEqual({
      alerts: await alerts.open(pa, 10),
      reviews: await it_.get(ReviewsService).mine(pa, { limit: 100 }),
    });
  });
});

describe('the digest claim', () => {
  it('sends the day’s digest once when two sweeps race, and skips readers with nobody to report', async () => {
    const director = await it_.user('director');
    const elsewhere = await it_.user('team_manager', { area: 'Macclesfield' }); // nobody from there
    at('2026-11-09T07:00:00Z'); // Monday, before DIGEST_AT (08:00)
    await openStep();
    const digest = it_.get(DigestService);
    expect(await digest.sweep()).toEqual({ skipped: 'not_yet', day: '2026-11-09' });
    at('2026-11-09T08:00:00Z');
    const outcomes = await Promise.all([digest.sweep(), digest.sweep()]);
    expect(outcomes).toEqual(
      expect.arrayContaining([
        { day: '2026-11-09', sent: 2 },
        { skipped: 'done', day: '2026-11-09' },
      ]),
    );
    const rows = await it_.db.query<{ recipient_user_id: string; n: string }>(
      `select recipient_user_id, count(*) as n from notification where kind = 'digest' and channel = 'in_app' group by recipient_user_id`,
    );
    expect(new Set(rows.rows.map((r) => r.recipient_user_id))).toEqual(new Set([teamManager.id, director.id]));
    expect(rows.rows.every((r) => Number(r.n) === 1)).toBe(true);
    expect(await count(it_, `notification where recipient_user_id = $1`, [elsewhere.id])).toBe(0);
  });
});
