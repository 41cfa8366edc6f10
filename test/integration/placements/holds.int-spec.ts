import { HoldConfirmationService } from '../../../src/features/placements/hold-confirmation.service';
import { HoldsService } from '../../../src/features/placements/holds.service';
import { PlacementsService } from '../../../src/features/placements/placements.service';
import { Integration } from '../../support/integration';
import { makeBed } from '../inventory/inventory-fixtures';
import { counts, makeRequest } from './placement-fixtures';

let it_: Integration;
beforeAll(async () => (it_ = await Integration.start()));
afterAll(() => it_?.stop());

const status = async (table: 'bed' | 'hold' | 'placement_request', id: string) =>
  (await it_.db.query(`select status from ${table} where id = $1`, [id])).rows[0].status as string;

describe('holds against PostgreSQL', () => {
  it('refuses a hold on a bed another request holds with a conflict, writing nothing', async () => {
    const [pa, officer] = [await it_.user('pa'), await it_.user('housing_officer')];
    const { bed } = await makeBed(it_, officer);
    const holds = it_.get(HoldsService);
    const first = await makeRequest(it_, pa);
    const second = await makeRequest(it_, pa);
    const hold = await holds.hold(officer, first.id, { bedId: bed.id });
    const before = await counts(it_);
    await expect(holds.hold(officer, second.id, { bedId: bed.id })).rejects.toMatchObject({
      kind: 'conflict',
      code: 'bed_state',
      details: { bedStatus: 'held' },
    });
    expect(await counts(it_)).toEqual(before);
    expect(await status('placement_request', second.id)).toBe('open');
    expect(await status('hold', hold.id)).toBe('held');
  });

  it('lets exactly one of two requests racing for one bed hold it', async () => {
    const [pa, officer] = [await it_.user('pa'), await it_.user('housing_officer')];
    const { bed } = await makeBed(it_, officer);
    const holds = it_.get(HoldsService);
    const requests = [await makeRequest(it_, pa), await makeRequest(it_, pa)];
    const results = await Promise.allSettled(requests.map((r) => holds.hold(officer, r.id, { bedId: bed.id })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { kind: 'conflict' } });
    const live = await it_.db.query(`select count(*)::int as n from hold where bed_id = $1 and status = 'held'`, [
      bed.id,
    ]);
    expect(live.rows[0].n).toBe(1);
  });

  it('expires a hold only once its time has passed (the clock, not a wait): the bed is free and the request open again', async () => {
    const [pa, officer] = [await it_.user('pa'), await it_.user('housing_officer')];
    const { bed } = await makeBed(it_, officer);
    const holds = it_.get(HoldsService);
    const request = await makeRequest(it_, pa);
    const hold = await holds.hold(officer, request.id, { bedId: bed.id });
    await holds.expire(hold.id);
    expect(await status('hold', hold.id)).toBe('held');
    it_.clock.set(new Date(Date.parse(hold.expiresAt) + 1));
    try {
      await holds.expire(hold.id);
      await holds.expire(hold.id); // a second wake-up is a no-op
    } finally {
      it_.clock.set('2026-11-02T10:00:00Z');
    }
    expect(await status('hold', hold.id)).toBe('expired');
    expect(await status('bed', bed.id)).toBe('available');
    expect(await status('placement_request', request.id)).toBe('open');
    const actions = await it_.db.query(
      `select action from audit_event where entity_id = any($1::uuid[]) and action like any(array['hold.%', 'placement_request.reopened', 'bed.hold_%']) order by action`,
      [[hold.id, request.id, bed.id]],
    );
    expect(actions.rows.map((r) => r.action)).toEqual([
      'bed.hold_expired',
      'hold.created',
      'hold.expired',
      'placement_request.reopened',
    ]);
  });

  it('withdraws a held request, releasing its hold and freeing the bed in the same transaction', async () => {
    const [pa, officer] = [await it_.user('pa'), await it_.user('housing_officer')];
    const { bed } = await makeBed(it_, officer);
    const request = await makeRequest(it_, pa);
    const hold = await it_.get(HoldsService).hold(officer, request.id, { bedId: bed.id });
    const withdrawn = await it_.get(PlacementsService).withdraw(pa, request.id, { reason: 'Went home' });
    expect(withdrawn.status).toBe('withdrawn');
    expect(await status('hold', hold.id)).toBe('released');
    expect(await status('bed', bed.id)).toBe('available');
    await expect(it_.get(PlacementsService).withdraw(pa, request.id, {})).rejects.toMatchObject({
      kind: 'conflict',
      code: 'request_state',
    });
  });

  it('confirms a hold: the bed is occupied, the stay starts, the request is placed and its other hold released', async () => {
    const [pa, officer] = [await it_.user('pa'), await it_.user('housing_officer')];
    const [{ bed }, { bed: other }] = [await makeBed(it_, officer), await makeBed(it_, officer)];
    const holds = it_.get(HoldsService);
    const request = await makeRequest(it_, pa);
    const hold = await holds.hold(officer, request.id, { bedId: bed.id });
    const spare = await holds.hold(officer, request.id, { bedId: other.id, additional: true });
    const stay = await it_.get(HoldConfirmationService).confirm(officer, hold.id, {});
    expect(stay).toMatchObject({ bedId: bed.id, holdId: hold.id, accommodationCode: 'D', suitable: true });
    expect(await status('bed', bed.id)).toBe('occupied');
    expect(await status('placement_request', request.id)).toBe('placed');
    expect(await status('hold', spare.id)).toBe('released');
    expect(await status('bed', other.id)).toBe('available');
    await expect(it_.get(HoldConfirmationService).confirm(officer, hold.id, {})).rejects.toMatchObject({
      kind: 'conflict',
      code: 'hold_state',
      details: { holdStatus: 'confirmed' },
    });
  });
});
