import { Client } from 'pg';
import { BedsService } from '../../../src/features/inventory/beds.service';
import { MatchInventory } from '../../../src/features/inventory/match-inventory';
import { ProvidersService } from '../../../src/features/inventory/providers.service';
import { UnitOfWork } from '../../../src/platform/database/unit-of-work';
import { Integration } from '../../support/integration';
import { makeBed } from './inventory-fixtures';

let it_: Integration;
beforeAll(async () => (it_ = await Integration.start()));
afterAll(() => it_?.stop());

/** A second service instance's copy: its own cache over the same database. */
const anotherInstance = () => new MatchInventory(it_.get(UnitOfWork), it_.clock);
const find = async (inventory: MatchInventory, id: string) => (await inventory.beds()).find((b) => b.id === id);

describe('the matcher’s inventory, kept current from the change feed', () => {
  it('applies a bed change made by another instance on the next call, without a full reload', async () => {
    const officer = await it_.user('housing_officer');
    const { bed } = await makeBed(it_, officer);
    const mine = anotherInstance();
    const theirs = anotherInstance();
    expect(await find(mine, bed.id)).toMatchObject({ status: 'available' });
    expect(await find(theirs, bed.id)).toMatchObject({ status: 'available' });

    await it_.get(BedsService).update(bed.id, { status: 'out_of_service', outOfServiceReason: 'Repairs' }, officer.id);
    expect(await find(theirs, bed.id)).toMatchObject({ status: 'out_of_service' });
    expect(await find(mine, bed.id)).toMatchObject({ status: 'out_of_service' });
    expect(mine.stats).toMatchObject({ fullLoads: 1, incremental: 1 });
    expect(theirs.stats).toMatchObject({ fullLoads: 1, incremental: 1 });
  });

  it('does not skip a change whose transaction commits after a later one was read (out-of-order commits)', async () => {
    const officer = await it_.user('housing_officer');
    const { bed: first } = await makeBed(it_, officer);
    const { bed: second } = await makeBed(it_, officer);
    const inventory = anotherInstance();
    await inventory.beds();
    const slow = new Client({ connectionString: it_.databaseUrl });
    await slow.connect();
    try {
      await slow.query('begin');
      await slow.query(`update bed set label = 'Slow writer', version = version + 1 where id = $1`, [first.id]);
      await it_.db.query(`update bed set label = 'Quick writer', version = version + 1 where id = $1`, [second.id]);
      expect(await find(inventory, second.id)).toMatchObject({ label: 'Quick writer' });
      expect(await find(inventory, first.id)).toMatchObject({ label: first.label });
      await slow.query('commit');
    } finally {
      await slow.end();
    }
    expect(await find(inventory, first.id)).toMatchObject({ label: 'Slow writer' });
    expect(inventory.stats.fullLoads).toBe(1);
  });

  it('gives every bed of a changed provider the provider’s new values, sharing one object', async () => {
    const officer = await it_.user('housing_officer');
    const { bed, provider, level } = await makeBed(it_, officer, { area: 'Crewe' });
    const sibling = await it_
      .get(BedsService)
      .create(
        { providerId: provider.id, serviceLevelId: level.id, label: 'Room two', minAge: 16, maxAge: 25 },
        officer.id,
      );
    const inventory = anotherInstance();
    await inventory.beds();
    await it_.get(ProvidersService).update(provider.id, { area: 'Nantwich' }, officer.id);
    const [a, b] = [await find(inventory, bed.id), await find(inventory, sibling.id)];
    expect(a!.provider).toMatchObject({ area: 'Nantwich' });
    expect(a!.provider).toBe(b!.provider);
    expect(inventory.stats.fullLoads).toBe(1);
  });

  it('adds a new bed and drops a deleted one in id order, leaving an array a caller already holds untouched', async () => {
    const officer = await it_.user('housing_officer');
    const { bed } = await makeBed(it_, officer);
    const inventory = anotherInstance();
    const before = await inventory.beds();
    const count = before.length;
    const { bed: added } = await makeBed(it_, officer);
    await it_.db.query('delete from bed where id = $1', [bed.id]);
    const after = await inventory.beds();
    expect(after.map((b) => b.id)).toContain(added.id);
    expect(after.map((b) => b.id)).not.toContain(bed.id);
    expect(after.map((b) => b.id)).toEqual([...after.map((b) => b.id)].sort());
    expect(before).toHaveLength(count);
    expect(before.map((b) => b.id)).toContain(bed.id);
    expect(inventory.stats.fullLoads).toBe(1);
  });

  it('catches a change that bypassed the feed at the next fingerprint check (a minute on the clock) and reloads', async () => {
    const officer = await it_.user('housing_officer');
    const { bed } = await makeBed(it_, officer);
    const inventory = anotherInstance();
    await inventory.beds();
    const bypass = new Client({ connectionString: it_.databaseUrl });
    await bypass.connect();
    try {
      await bypass.query(`set session_replication_role = replica`); // triggers off: the feed hears nothing
      await bypass.query(`update bed set status = 'held', version = version + 1 where id = $1`, [bed.id]);
    } finally {
      await bypass.end();
    }
    expect(await find(inventory, bed.id)).toMatchObject({ status: 'available' });
    it_.clock.advance(60_000);
    expect(await find(inventory, bed.id)).toMatchObject({ status: 'held' });
    expect(inventory.stats).toMatchObject({ fullLoads: 2, fingerprintMismatches: 1 });
    it_.clock.advance(60_000);
    await inventory.beds();
    expect(inventory.stats).toMatchObject({ fullLoads: 2, fingerprintMismatches: 1 });
  });

  it('reloads in full when the feed was pruned past where it last read', async () => {
    const officer = await it_.user('housing_officer');
    await makeBed(it_, officer);
    const inventory = anotherInstance();
    await inventory.beds();
    await it_.db.query(`update inventory_change_pruned set upto = pg_current_xact_id()`);
    const { bed } = await makeBed(it_, officer);
    expect(await find(inventory, bed.id)).toBeDefined();
    expect(inventory.stats.fullLoads).toBe(2);
    await it_.db.query(`update inventory_change_pruned set upto = '0'`); // the later tests' cursors may be older
  });

  it('prunes feed rows older than a day at the fingerprint check', async () => {
    await it_.db.query(`update inventory_change set at = now() - interval '25 hours'`);
    const old = Number((await it_.db.query(`select count(*) from inventory_change`)).rows[0].count);
    expect(old).toBeGreaterThan(0);
    const inventory = anotherInstance();
    await inventory.beds();
    it_.clock.advance(60_000);
    await inventory.beds();
    expect(Number((await it_.db.query(`select count(*) from inventory_change`)).rows[0].count)).toBe(0);
    const { rows } = await it_.db.query(`select upto > '0'::xid8 as moved from inventory_change_pruned`);
    expect(rows[0].moved).toBe(true);
    await it_.db.query(`update inventory_change_pruned set upto = '0'`);
  });

  it('lets callers arriving together share one catch-up, each seeing changes committed before it called', async () => {
    const officer = await it_.user('housing_officer');
    const { bed } = await makeBed(it_, officer);
    const inventory = anotherInstance();
    await inventory.beds();
    await it_.db.query(`update bed set label = 'Changed', version = version + 1 where id = $1`, [bed.id]);
    const all = await Promise.all([inventory.beds(), inventory.beds(), inventory.beds()]);
    for (const beds of all) expect(beds.find((b) => b.id === bed.id)).toMatchObject({ label: 'Changed' });
    expect(inventory.stats.incremental).toBe(1);
  });
});
