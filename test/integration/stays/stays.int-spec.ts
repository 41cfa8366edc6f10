import { StaysService } from '../../../src/features/stays/stays.service';
import { StaysRepository } from '../../../src/features/stays/stays.repository';
import { YoungPeopleService } from '../../../src/features/young-people/young-people.service';
import type { AuthUser } from '../../../src/kernel/roles';
import { Integration } from '../../support/integration';

let it_: Integration;
beforeAll(async () => (it_ = await Integration.start()));
afterAll(() => it_?.stop());

let pa: AuthUser;
let officer: AuthUser;
beforeAll(async () => {
  pa = await it_.user('pa');
  officer = await it_.user('housing_officer');
});

async function person(owner: AuthUser = pa): Promise<string> {
  const view = await it_.get(YoungPeopleService).create(owner, {
    firstName: 'Sam',
    lastName: 'Jones',
    dateOfBirth: '2006-05-01',
    gender: 'male',
    legalStatus: 'former_relevant',
    confirmedNotDuplicate: true, // a different Sam Jones each time
  });
  return view.id;
}

/** An available bed at a suitable semi-independent (D) service level, written straight into the tables. */
async function bed(): Promise<string> {
  const [level, provider, id] = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
  await it_.db.query(
    `insert into service_level (id, code, name, rank, min_age, max_age, support_hours_min, support_hours_max, emergency,
                                accommodation_code, suitable, created_at, updated_at)
     values ($1, $2, 'Semi-independent', 4, 16, 25, 7, 12, false, 'D', true, now(), now())`,
    [level, `L-${level.slice(0, 8)}`],
  );
  await it_.db.query(
    `insert into provider (id, name, area, created_at, updated_at) values ($1, $2, 'Crewe', now(), now())`,
    [provider, `Provider ${provider.slice(0, 8)}`],
  );
  await it_.db.query(
    `insert into bed (id, provider_id, service_level_id, label, min_age, max_age, created_at, updated_at)
     values ($1, $2, $3, 'Room 1', 16, 25, now(), now())`,
    [id, provider, level],
  );
  return id;
}

const bedStatus = async (id: string) =>
  (await it_.db.query('select status from bed where id = $1', [id])).rows[0].status as string;

describe('StaysService and StaysRepository against PostgreSQL', () => {
  it('records two stays for one person at once as one open stay and a stay_order conflict', async () => {
    const id = await person();
    const svc = it_.get(StaysService);
    const results = await Promise.allSettled([
      svc.record(pa, { youngPersonId: id, accommodationCode: 'D', description: 'first' }),
      svc.record(pa, { youngPersonId: id, accommodationCode: 'W', description: 'second' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = results.find((r) => r.status === 'rejected');
    expect(refused?.reason).toMatchObject({ kind: 'conflict', code: 'stay_order' });
    const stays = await it_.get(StaysRepository).staysOf(id);
    expect(stays).toHaveLength(1);
    expect(stays[0].endedAt).toBeNull();
    const started = await it_.db.query(
      `select count(*) from audit_event where action = 'stay.started' and changes->>'youngPersonId' = $1`,
      [id],
    );
    expect(Number(started.rows[0].count)).toBe(1);
  });

  it('moves a young person on: the open stay ends at the new one’s start', async () => {
    const id = await person();
    const svc = it_.get(StaysService);
    const first = await svc.record(pa, {
      youngPersonId: id,
      accommodationCode: 'D',
      startedAt: '2026-11-01T09:00:00Z',
    });
    const second = await svc.record(pa, { youngPersonId: id, accommodationCode: 'E' });
    const stays = await it_.get(StaysRepository).staysOf(id);
    expect(stays.map((s) => [s.id, s.endedAt?.toISOString() ?? null])).toEqual([
      [first.id, second.startedAt],
      [second.id, null],
    ]);
    expect(stays[0]).toMatchObject({ endReason: 'Moved: a new stay was recorded', endedByUserId: pa.id });
  });

  it('occupies a managed bed, and ending the stay frees it and audits the end with its actor', async () => {
    const id = await person();
    const bedId = await bed();
    const svc = it_.get(StaysService);
    const stay = await svc.record(officer, { youngPersonId: id, bedId });
    expect(stay).toMatchObject({ bedId, accommodationCode: 'D', suitable: true, emergency: false });
    expect(await bedStatus(bedId)).toBe('occupied');

    const ended = await svc.end(pa, stay.id, { reason: 'Moved to supported lodgings' });
    expect(ended.endedAt).toBe(it_.clock.now().toISOString());
    expect(await bedStatus(bedId)).toBe('available');
    const audit = await it_.db.query(
      `select action, actor_user_id, entity_id from audit_event
        where (entity_id = $1 and action = 'stay.ended') or (entity_id = $2 and action = 'bed.vacated') order by id`,
      [stay.id, bedId],
    );
    expect(audit.rows).toEqual([
      { action: 'bed.vacated', actor_user_id: pa.id, entity_id: bedId },
      { action: 'stay.ended', actor_user_id: pa.id, entity_id: stay.id },
    ]);
    await expect(svc.end(pa, stay.id, { reason: 'again' })).rejects.toMatchObject({
      kind: 'conflict',
      code: 'stay_ended',
    });
  });

  it('lets only the placements team put someone straight into a managed bed', async () => {
    const bedId = await bed();
    const before = Number((await it_.db.query('select count(*) from stay')).rows[0].count);
    await expect(it_.get(StaysService).record(pa, { youngPersonId: await person(), bedId })).rejects.toMatchObject({
      kind: 'forbidden',
    });
    expect(Number((await it_.db.query('select count(*) from stay')).rows[0].count)).toBe(before);
    expect(await bedStatus(bedId)).toBe('available');
  });

  it('refuses an occupied bed as a conflict and writes nothing', async () => {
    const bedId = await bed();
    const svc = it_.get(StaysService);
    await svc.record(officer, { youngPersonId: await person(), bedId });
    const other = await person();
    const audits = Number((await it_.db.query('select count(*) from audit_event')).rows[0].count);
    await expect(svc.record(officer, { youngPersonId: other, bedId })).rejects.toMatchObject({
      kind: 'conflict',
      code: 'bed_state',
    });
    expect(await it_.get(StaysRepository).staysOf(other)).toEqual([]);
    expect(Number((await it_.db.query('select count(*) from audit_event')).rows[0].count)).toBe(audits);
  });

  it('answers not found for a stay of someone on another PA’s caseload, and lists only the PA’s own', async () => {
    const otherPa = await it_.user('pa');
    const theirs = await it_
      .get(StaysService)
      .record(otherPa, { youngPersonId: await person(otherPa), accommodationCode: 'D' });
    const mine = await it_.get(StaysService).record(pa, { youngPersonId: await person(), accommodationCode: 'D' });
    const svc = it_.get(StaysService);
    await expect(svc.get(pa, theirs.id)).rejects.toMatchObject({
      kind: 'not_found',
      message: `Stay ${theirs.id} was not found`,
    });
    await expect(svc.end(pa, theirs.id, { reason: 'x' })).rejects.toMatchObject({ kind: 'not_found' });
    const listed = (await svc.list(pa, { limit: 500 })).items.map((s) => s.id);
    expect(listed).toContain(mine.id);
    expect(listed).not.toContain(theirs.id);
    expect((await svc.list(pa, { youngPersonId: theirs.youngPersonId })).total).toBe(0);
    expect((await svc.list(pa, { youngPersonId: mine.youngPersonId, open: 'true' })).items.map((s) => s.id)).toEqual([
      mine.id,
    ]);
    expect((await svc.list(officer, { youngPersonId: theirs.youngPersonId })).items.map((s) => s.id)).toEqual([
      theirs.id,
    ]);
  });
});
