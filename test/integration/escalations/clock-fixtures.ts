import Redis from 'ioredis';
import { ClockPlanner } from '../../../src/features/escalations/clock-planner';
import { UnitOfWork } from '../../../src/platform/database/unit-of-work';
import { REDIS_BASE } from '../../support/harness';
import type { Integration } from '../../support/integration';

export interface StepRow {
  id: string;
  step_index: number;
  occurrence: number;
  role: string;
  status: string;
  due_at: Date;
  fired_at: Date | null;
  closed_at: Date | null;
}

/** A care leaver allocated to `paUserId`, written straight into the table. */
export async function insertPerson(
  it_: Integration,
  paUserId: string,
  over: { homeArea?: string | null; dateOfBirth?: string } = {},
): Promise<{ id: string; reference: string }> {
  const id = crypto.randomUUID();
  const reference = `INT-${id.slice(0, 8)}`;
  await it_.db.query(
    `insert into young_person (id, reference, first_name, last_name, date_of_birth, gender, legal_status, uasc, pa_user_id, home_area, areas_to_avoid,
                               needs_service_level_rank, step_free_needed, has_pet, pregnant_or_parent, risks, version, created_at, updated_at)
     values ($1, $2, 'Alex', 'Taylor', $3, 'male', 'former_relevant', false, $4, $5, '[]', null, false, false, false, '[]', 1, now(), now())`,
    [id, reference, over.dateOfBirth ?? '2006-06-01', paUserId, over.homeArea === undefined ? 'Crewe' : over.homeArea],
  );
  return { id, reference };
}

/**
 * An open, unsuitable hotel stay (SSDA903 W) of a 20-year-old that started at `startedAt`, with its
 * clock started by the planner in one unit of work: the shipped 18+ ladder applies (team manager
 * and PA at once, service manager after 1 working day, head of service after 2, director after 5,
 * head of service again after 10). No wake-ups are queued: as if they were lost. The stay is
 * recorded when it starts (the clock is moved there for the planning and back), unless
 * `recordedAt` says it was recorded late.
 */
export async function startClock(
  it_: Integration,
  youngPersonId: string,
  startedAt: Date,
  opts: { recordedAt?: Date } = {},
): Promise<{ stayId: string; steps: StepRow[] }> {
  const now = it_.clock.now();
  const stayId = crypto.randomUUID();
  await it_.db.query(
    `insert into stay (id, young_person_id, accommodation_code, suitable, emergency, description, started_at, age_at_start, pregnant_or_parent_at_start, clock_stay_id, created_at)
     values ($1, $2, 'W', false, true, 'Travelodge Crewe', $3, 20, false, $1, now())`,
    [stayId, youngPersonId, startedAt],
  );
  it_.clock.set(opts.recordedAt ?? startedAt);
  await it_.get(UnitOfWork).run((em) =>
    it_.get(ClockPlanner).startClocks(em, [
      {
        id: stayId,
        youngPersonId,
        startedAt,
        ageAtStart: 20,
        accommodationCode: 'W',
        suitable: false,
        pregnantOrParentAtStart: false,
      },
    ]),
  );
  it_.clock.set(now);
  return { stayId, steps: await stepsOf(it_, stayId) };
}

export async function stepsOf(it_: Integration, stayId: string): Promise<StepRow[]> {
  return (
    await it_.db.query<StepRow>(
      `select id, step_index, occurrence, role, status, due_at, fired_at, closed_at from escalation
        where stay_id = $1 order by step_index, occurrence`,
      [stayId],
    )
  ).rows;
}

export async function count(it_: Integration, sql: string, params: unknown[] = []): Promise<number> {
  return Number((await it_.db.query<{ n: string }>(`select count(*) as n from ${sql}`, params)).rows[0].n);
}

/** Deletes this run's BullMQ keys (e-mail deliveries and wake-ups queued by the code under test). */
export async function dropQueueKeys(it_: Integration): Promise<void> {
  const redis = new Redis(REDIS_BASE);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${it_.config.queuePrefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
