import { BedStateService } from '../../../src/features/inventory/bed-state.service';
import { BedsRepository } from '../../../src/features/inventory/beds.repository';
import { BedsService } from '../../../src/features/inventory/beds.service';
import { MatchInventory } from '../../../src/features/inventory/match-inventory';
import { UnitOfWork } from '../../../src/platform/database/unit-of-work';
import { Integration } from '../../support/integration';
import { auditCount, makeBed } from './inventory-fixtures';

let it_: Integration;
beforeAll(async () => (it_ = await Integration.start()));
afterAll(() => it_?.stop());

const bedRow = async (id: string) =>
  (await it_.db.query('select status, version, label, out_of_service_reason from bed where id = $1', [id])).rows[0];

describe('the bed lifecycle against PostgreSQL', () => {
  it('lets exactly one of two racing transitions win; the other is a bed_state conflict and only the winner is audited', async () => {
    const officer = await it_.user('housing_officer');
    const { bed } = await makeBed(it_, officer);
    const uow = it_.get(UnitOfWork);
    const states = it_.get(BedStateService);
    const move = (action: string) =>
      uow.run((em) =>
        states.transition(em, bed.id, { to: 'held', from: ['available'], actorUserId: officer.id, action }),
      );
    const results = await Promise.allSettled([move('bed.held'), move('bed.held')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const [lost] = results.filter((r) => r.status === 'rejected');
    expect(lost.reason).toMatchObject({ kind: 'conflict', code: 'bed_state', details: { bedStatus: 'held' } });
    expect(await bedRow(bed.id)).toMatchObject({ status: 'held', version: bed.version + 1 });
    expect(await auditCount(it_, bed.id, 'bed.held')).toBe(1);
  });

  it('refuses a move the lifecycle does not allow as a conflict, and an unknown bed as not found', async () => {
    const officer = await it_.user('housing_officer');
    const { bed } = await makeBed(it_, officer);
    const uow = it_.get(UnitOfWork);
    const states = it_.get(BedStateService);
    await expect(
      uow.run((em) => states.transition(em, bed.id, { to: 'available', actorUserId: null, action: 'bed.x' })),
    ).rejects.toMatchObject({ kind: 'conflict', code: 'bed_state', details: { bedStatus: 'available' } });
    await expect(
      uow.run((em) =>
        states.transition(em, crypto.randomUUID(), { to: 'held', actorUserId: null, action: 'bed.held' }),
      ),
    ).rejects.toMatchObject({ kind: 'not_found' });
    expect(await bedRow(bed.id)).toMatchObject({ status: 'available', version: bed.version });
  });

  it('refuses an edit sending a stale version as a conflict and writes nothing', async () => {
    const officer = await it_.user('housing_officer');
    const { bed } = await makeBed(it_, officer);
    const beds = it_.get(BedsService);
    const edited = await beds.update(bed.id, { label: 'First edit', version: bed.version }, officer.id);
    expect(edited.version).toBe(bed.version + 1);
    await expect(beds.update(bed.id, { label: 'Second edit', version: bed.version }, officer.id)).rejects.toMatchObject(
      { kind: 'conflict', code: 'stale_version', details: { currentVersion: bed.version + 1 } },
    );
    expect(await bedRow(bed.id)).toMatchObject({ label: 'First edit', version: bed.version + 1 });
    expect(await auditCount(it_, bed.id, 'bed.updated')).toBe(1);
  });

  it('fails an edit whose bed changed after it was read (a hold committed meanwhile) instead of overwriting it', async () => {
    const officer = await it_.user('housing_officer');
    const { bed } = await makeBed(it_, officer);
    const repo = it_.get(BedsRepository);
    await expect(
      it_.run(async () => {
        const b = (await repo.findById(bed.id))!;
        // Another connection holds the bed between this read and this write.
        await it_.db.query(`update bed set status = 'held', version = version + 1 where id = $1`, [bed.id]);
        b.label = 'Edited over a hold';
        await repo.flush();
      }),
    ).rejects.toMatchObject({ name: 'OptimisticLockError' });
    expect(await bedRow(bed.id)).toMatchObject({ status: 'held', label: bed.label });
  });

  it('takes a bed out of service and back with the reason set and cleared, each audited as such', async () => {
    const officer = await it_.user('housing_officer');
    const { bed } = await makeBed(it_, officer);
    const beds = it_.get(BedsService);
    const out = await beds.update(bed.id, { status: 'out_of_service', outOfServiceReason: 'Flood' }, officer.id);
    expect(out).toMatchObject({ status: 'out_of_service', outOfServiceReason: 'Flood' });
    const back = await beds.update(bed.id, { status: 'available' }, officer.id);
    expect(back).toMatchObject({ status: 'available', outOfServiceReason: null });
    expect(await auditCount(it_, bed.id, 'bed.taken_out_of_service')).toBe(1);
    expect(await auditCount(it_, bed.id, 'bed.returned_to_service')).toBe(1);
  });
});

describe("the matcher's inventory", () => {
  it('serves the same beds while nothing changed and applies a bed change or a new bed on the next call', async () => {
    const officer = await it_.user('housing_officer');
    const { bed } = await makeBed(it_, officer);
    const inventory = it_.get(MatchInventory);
    const first = await inventory.beds();
    expect(first.find((b) => b.id === bed.id)).toMatchObject({ status: 'available' });
    expect(await inventory.beds()).toBe(first);

    await it_.get(BedsService).update(bed.id, { status: 'out_of_service', outOfServiceReason: 'Repairs' }, officer.id);
    const reloaded = await inventory.beds();
    expect(reloaded).not.toBe(first);
    expect(reloaded.find((b) => b.id === bed.id)).toMatchObject({ status: 'out_of_service' });

    const { bed: added } = await makeBed(it_, officer);
    expect((await inventory.beds()).map((b) => b.id)).toContain(added.id);
  });

  it('reads one bed fresh in the caller’s transaction, with its level and provider', async () => {
    const officer = await it_.user('housing_officer');
    const { bed, level, provider } = await makeBed(it_, officer, { area: 'Nantwich' });
    const one = await it_.run(async () => {
      await it_.get(BedStateService).transition(it_.get(UnitOfWork).em, bed.id, {
        to: 'held',
        actorUserId: officer.id,
        action: 'bed.held',
      });
      return it_.get(MatchInventory).one(bed.id);
    });
    expect(one).toMatchObject({
      id: bed.id,
      status: 'held',
      level: { id: level.id, accommodationCode: 'D' },
      provider: { id: provider.id, area: 'Nantwich' },
    });
    expect(await it_.get(MatchInventory).one(crypto.randomUUID())).toBeNull();
  });
});
