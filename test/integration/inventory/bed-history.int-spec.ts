import { BedsService } from '../../../src/features/inventory/beds.service';
import { Integration } from '../../support/integration';
import { makeBed } from './inventory-fixtures';

let it_: Integration;
beforeAll(async () => (it_ = await Integration.start()));
afterAll(() => it_?.stop());

describe("a bed's history against PostgreSQL", () => {
  it('reads the bed’s own audit events newest first, each with who acted by name and, out of service, why and until when', async () => {
    const officer = await it_.user('housing_officer', { name: 'Jo Bloggs' });
    const other = await it_.user('admin', { name: 'Ali Khan' });
    const { bed } = await makeBed(it_, officer);
    await makeBed(it_, officer);
    const beds = it_.get(BedsService);
    it_.clock.advance(60_000);
    await beds.update(
      bed.id,
      { status: 'out_of_service', outOfServiceReason: 'Leak', availableFrom: '2026-11-09', version: bed.version },
      officer.id,
    );
    it_.clock.advance(60_000);
    await beds.update(bed.id, { status: 'available' }, other.id);

    const history = await beds.history(bed.id, { limit: 10 });
    expect(history.total).toBe(3);
    expect(history.items.map((e) => [e.action, e.byName, e.statusFrom, e.statusTo, e.reason, e.availableFrom])).toEqual(
      [
        ['bed.returned_to_service', 'Ali Khan', 'out_of_service', 'available', null, null],
        ['bed.taken_out_of_service', 'Jo Bloggs', 'available', 'out_of_service', 'Leak', '2026-11-09'],
        ['bed.created', 'Jo Bloggs', null, 'available', null, null],
      ],
    );
    expect(history.items[1].at).toBe('2026-11-02T10:01:00.000Z');
    expect((await beds.history(bed.id, { limit: 1, offset: 1 })).items.map((e) => e.action)).toEqual([
      'bed.taken_out_of_service',
    ]);
  });

  it('answers an unknown bed as not found', async () => {
    await expect(it_.get(BedsService).history(crypto.randomUUID(), {})).rejects.toMatchObject({ kind: 'not_found' });
  });
});
