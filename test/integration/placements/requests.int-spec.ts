import { HoldsService } from '../../../src/features/placements/holds.service';
import { MatchesService } from '../../../src/features/placements/matches.service';
import { PlacementsService } from '../../../src/features/placements/placements.service';
import { Integration } from '../../support/integration';
import { makeBed } from '../inventory/inventory-fixtures';
import { counts, makeRequest } from './placement-fixtures';

let it_: Integration;
beforeAll(async () => (it_ = await Integration.start()));
afterAll(() => it_?.stop());

describe('placement requests against PostgreSQL', () => {
  it("answers not found to a PA for a request on another PA's caseload, and leaves it out of their list", async () => {
    const [mine, theirs, officer] = [await it_.user('pa'), await it_.user('pa'), await it_.user('housing_officer')];
    const { bed } = await makeBed(it_, officer);
    const own = await makeRequest(it_, mine);
    const other = await makeRequest(it_, theirs);
    const hold = await it_.get(HoldsService).hold(officer, other.id, { bedId: bed.id });
    const requests = it_.get(PlacementsService);
    const holds = it_.get(HoldsService);

    const notFound = { kind: 'not_found' };
    await expect(requests.get(mine, other.id)).rejects.toMatchObject(notFound);
    await expect(requests.withdraw(mine, other.id, {})).rejects.toMatchObject(notFound);
    await expect(holds.holdsOf(mine, other.id)).rejects.toMatchObject(notFound);
    await expect(holds.getHold(mine, hold.id)).rejects.toMatchObject(notFound);
    await expect(it_.get(MatchesService).matches(mine, other.id, {})).rejects.toMatchObject(notFound);
    await expect(holds.release(mine, hold.id, {})).rejects.toMatchObject(notFound);
    expect((await requests.get(mine, own.id)).id).toBe(own.id);

    const listed = await requests.list(mine, {});
    expect(listed.items.map((r) => r.id)).toEqual([own.id]);
    expect(listed.total).toBe(1);
    expect(await requests.list(mine, { youngPersonId: other.youngPersonId })).toEqual({ items: [], total: 0 });
    expect((await requests.list(officer, {})).items.map((r) => r.id)).toEqual(
      expect.arrayContaining([own.id, other.id]),
    );
  });

  it("refuses a PA's request for another PA's young person as not found, writing nothing", async () => {
    const [mine, theirs] = [await it_.user('pa'), await it_.user('pa')];
    const other = await makeRequest(it_, theirs);
    const before = await counts(it_);
    await expect(
      it_
        .get(PlacementsService)
        .create(mine, { youngPersonId: other.youngPersonId, urgency: 'emergency', neededBy: '2026-11-02' }),
    ).rejects.toMatchObject({ kind: 'not_found' });
    expect(await counts(it_)).toEqual(before);
  });

  it("stamps a request raised by the service's clock, not the machine's", async () => {
    const pa = await it_.user('pa');
    const request = await makeRequest(it_, pa);
    const row = await it_.db.query<{ created_at: Date }>(`select created_at from placement_request where id = $1`, [
      request.id,
    ]);
    expect(row.rows[0].created_at.toISOString()).toBe(it_.clock.now().toISOString());
  });

  it('raises a request with its audit event in the same transaction, and refuses an unknown service level naming the field', async () => {
    const pa = await it_.user('pa');
    const request = await makeRequest(it_, pa);
    const audit = await it_.db.query(`select actor_user_id, action from audit_event where entity_id = $1`, [
      request.id,
    ]);
    expect(audit.rows).toEqual([{ actor_user_id: pa.id, action: 'placement_request.created' }]);
    const before = await counts(it_);
    await expect(
      it_.get(PlacementsService).create(pa, {
        youngPersonId: request.youngPersonId,
        urgency: 'planned',
        neededBy: '2026-11-10',
        serviceLevelIds: [crypto.randomUUID()],
      }),
    ).rejects.toMatchObject({ kind: 'invalid', fields: [{ field: 'serviceLevelIds' }] });
    expect(await counts(it_)).toEqual(before);
  });

  it('matches a request for its needed-by date, offering an available bed', async () => {
    const [pa, officer] = [await it_.user('pa'), await it_.user('housing_officer')];
    const { bed } = await makeBed(it_, officer);
    const request = await makeRequest(it_, pa);
    const page = await it_.get(MatchesService).matches(officer, request.id, { limit: 500 });
    expect(page.moveInDate).toBe('2026-11-10');
    expect(page.candidates.map((c) => c.bedId)).toContain(bed.id);
  });
});
