import { OccupancyService } from '../../../src/features/reports/occupancy.service';
import type { AuthUser } from '../../../src/kernel/roles';
import { Integration } from '../../support/integration';
import { County } from './county';

/**
 * A small county over three nights in November (GMT, so each night is observed at 00:00 UTC at
 * its end): the nights of 9, 10 and 11 November 2026 (from=2026-11-09, to=2026-11-12).
 */
let it_: Integration;
let manager: AuthUser;
const RANGE = { from: '2026-11-09', to: '2026-11-12' };

beforeAll(async () => {
  it_ = await Integration.start();
  const county = new County(it_);
  manager = await it_.user('team_manager');
  const pa = await it_.user('pa');
  const level = await county.level('EMERG', 1);
  const crewe = await county.provider('Crewe');
  // Bed 1: available on the 9th; held and then occupied on the evening of the 10th.
  await county.bed(crewe, level, '2026-10-01T09:00:00Z', 'available', [
    ['2026-11-10T15:00:00Z', 'available', 'held'],
    ['2026-11-10T18:00:00Z', 'held', 'occupied'],
  ]);
  // Bed 2: created out of service at noon on the 10th.
  await county.bed(crewe, level, '2026-11-10T12:00:00Z', 'out_of_service');

  // Requests: one raised on the 9th and placed 32 hours later, one still waiting from before, one raised and withdrawn on the 11th.
  const sam = await county.person(pa.id, '2008-12-01');
  await county.request(sam, pa.id, '2026-11-09T10:00:00Z', { placedAt: '2026-11-10T18:00:00Z' });
  await county.request(sam, pa.id, '2026-11-08T10:00:00Z');
  await county.request(sam, pa.id, '2026-11-11T09:00:00Z', { withdrawnAt: '2026-11-11T12:00:00Z' });

  // Unsuitable nights: Sam (17) in a hotel from the evening of the 9th, all three nights; Jo (19) one night in a shelter.
  await county.stay(sam, { code: 'W', suitable: false, startedAt: '2026-11-09T20:00:00Z' });
  const jo = await county.person(pa.id, '2007-01-15');
  await county.stay(jo, {
    code: 'V',
    suitable: false,
    startedAt: '2026-11-10T20:00:00Z',
    endedAt: '2026-11-11T10:00:00Z',
  });
  // Suitable, so not counted.
  const kim = await county.person(pa.id, '2006-01-15');
  await county.stay(kim, { code: 'D', suitable: true, startedAt: '2026-11-01T12:00:00Z' });
  // The report counts nights already over: read it a week after the range.
  it_.clock.set(new Date('2026-11-19T10:00:00Z'));
});
afterAll(() => it_?.stop());

describe('the occupancy report of a small county', () => {
  it('counts each bed by its status at the end of each night', async () => {
    const report = await it_.get(OccupancyService).report(manager, RANGE);
    expect(report).toMatchObject({ from: '2026-11-09', to: '2026-11-12', nights: 3, total: 1 });
    expect(report.items).toEqual([
      expect.objectContaining({
        serviceLevelCode: 'EMERG',
        area: 'Crewe',
        bedNights: { available: 1, held: 0, occupied: 2, outOfService: 2, total: 5, occupancyRate: 0.667 },
      }),
    ]);
    expect(report.totals).toEqual({
      available: 1,
      held: 0,
      occupied: 2,
      outOfService: 2,
      total: 5,
      occupancyRate: 0.667,
    });
  });

  it('counts requests raised, placed, withdrawn and still waiting, and how long placing took', async () => {
    const report = await it_.get(OccupancyService).report(manager, RANGE);
    expect(report.requests).toEqual({
      raised: 2,
      placed: 1,
      withdrawn: 1,
      waitingAtEnd: 1,
      waitHours: { median: 32, max: 32 },
    });
  });

  it('counts nights in unsuitable accommodation by age on the night', async () => {
    const report = await it_.get(OccupancyService).report(manager, RANGE);
    expect(report.unsuitableNights).toEqual({
      total: 4,
      byAgeBand: [
        { band: '16-17', nights: 3 },
        { band: '18-20', nights: 1 },
        { band: '21-25', nights: 0 },
        { band: 'other', nights: 0 },
      ],
    });
  });

  it('refuses a range that ends before it starts, naming `to`', async () => {
    await expect(
      it_.get(OccupancyService).report(manager, { from: '2026-11-12', to: '2026-11-09' }),
    ).rejects.toMatchObject({ kind: 'invalid', fields: [{ field: 'to' }] });
  });
});
