import { LiveListService } from '../../../src/features/reports/live-list.service';
import { DomainError } from '../../../src/kernel/errors';
import type { AuthUser } from '../../../src/kernel/roles';
import { Integration } from '../../support/integration';
import { County } from './county';

let it_: Integration;
let county: County;
let pa: AuthUser;
let otherPa: AuthUser;
const stays: Record<string, string> = {};

// The clock reads Monday 2 November 2026, 10:00 (GMT).
beforeAll(async () => {
  it_ = await Integration.start();
  county = new County(it_);
  pa = await it_.user('pa');
  otherPa = await it_.user('pa');

  // Ash: a hotel since 28 October, after a night shelter from 20 October: one clock, started on the 20th.
  const ash = await county.person(pa.id, '2005-01-10', 'CL-ASH');
  const shelter = await county.stay(ash, {
    code: 'V',
    suitable: false,
    startedAt: '2026-10-20T21:00:00Z',
    endedAt: '2026-10-28T12:00:00Z',
  });
  await county.stay(ash, { code: 'W', suitable: false, startedAt: '2026-10-28T12:00:00Z', clockStayId: shelter });
  await county.firedStep(shelter, ash, '2026-10-21T09:00:00Z');
  stays.ash = shelter;
  // Bea (the other PA's): in a hotel since 30 October.
  const bea = await county.person(otherPa.id, '2006-05-01', 'CL-BEA');
  stays.bea = await county.stay(bea, { code: 'W', suitable: false, startedAt: '2026-10-30T18:00:00Z' });
  // Cal: suitable, but in emergency provision since yesterday.
  const cal = await county.person(pa.id, '2007-02-01', 'CL-CAL');
  stays.cal = await county.stay(cal, { code: 'D', suitable: true, emergency: true, startedAt: '2026-11-01T20:00:00Z' });
  // Not on the list: Dee, suitably housed; Eve, whose hotel stay has ended.
  const dee = await county.person(pa.id, '2006-03-01', 'CL-DEE');
  await county.stay(dee, { code: 'D', suitable: true, startedAt: '2026-09-01T12:00:00Z' });
  const eve = await county.person(pa.id, '2006-04-01', 'CL-EVE');
  await county.stay(eve, {
    code: 'W',
    suitable: false,
    startedAt: '2026-10-01T12:00:00Z',
    endedAt: '2026-10-03T12:00:00Z',
  });
});
afterAll(() => it_?.stop());

describe('the live list of unsuitable and emergency accommodation', () => {
  it('lists everyone in unsuitable or emergency accommodation, longest first by when the clock started', async () => {
    const report = await it_.get(LiveListService).unsuitable(await it_.user('team_manager'));
    expect(report.items.map((i) => i.reference)).toEqual(['CL-ASH', 'CL-BEA', 'CL-CAL']);
    expect(report.total).toBe(3);
    expect(report.asOf).toBe('2026-11-02T10:00:00.000Z');
    const [ash] = report.items;
    expect(ash).toMatchObject({
      accommodationCode: 'W',
      startedAt: '2026-10-28T12:00:00.000Z',
      clockStartedAt: '2026-10-20T21:00:00.000Z',
      hoursElapsed: 301,
      currentStep: { step: 1, role: 'team_manager', status: 'open', policyName: 'Test: 18+ in a hotel' },
      acknowledged: false,
      breachesStatutoryLimit: true,
    });
  });

  it('shows a PA their own caseload only', async () => {
    const mine = await it_.get(LiveListService).unsuitable(pa);
    expect(mine.items.map((i) => i.reference)).toEqual(['CL-ASH', 'CL-CAL']);
    expect(mine.items.every((i) => i.paUserId === pa.id)).toBe(true);
    const theirs = await it_.get(LiveListService).unsuitable(otherPa);
    expect(theirs.items.map((i) => i.stayId)).toEqual([stays.bea]);
  });

  it('names each young person and their PA, and the statutory breach', async () => {
    const report = await it_.get(LiveListService).unsuitable(await it_.user('team_manager'));
    expect(report.items.map((i) => [i.reference, i.name, i.paName])).toEqual([
      ['CL-ASH', 'Sam Test', pa.name],
      ['CL-BEA', 'Sam Test', otherPa.name],
      ['CL-CAL', 'Sam Test', pa.name],
    ]);
    expect(report.items[0]).toMatchObject({ breaches: ['adult_two_working_days'], unrouted: false, nextStep: null });
  });

  it('narrows the list to those whose clock has a step that reached a given user, other filters included', async () => {
    const tm = await it_.user('team_manager');
    const other = await it_.user('team_manager');
    const recipients = [
      { userId: tm.id, role: 'team_manager', via: 'council_wide' },
      { userId: pa.id, role: 'pa', via: 'allocated_pa' },
    ];
    await it_.db.query(`update escalation set recipients = $1 where stay_id = $2`, [
      JSON.stringify(recipients),
      stays.ash,
    ]);
    const list = it_.get(LiveListService);
    const reaching = async (userId: string, q = {}) =>
      (await list.unsuitable(tm, q, { reachingUserId: userId })).items.map((i) => i.reference);
    expect(await reaching(tm.id)).toEqual(['CL-ASH']);
    expect(await reaching(pa.id)).toEqual(['CL-ASH']);
    expect(await reaching(other.id)).toEqual([]);
    expect(await reaching(tm.id, { breach: 'false' })).toEqual([]);
    // A later stay on the same clock (Ash's hotel, after the shelter) is reached through its clock.
    expect((await list.unsuitable(tm, {}, { reachingUserId: tm.id })).items[0].accommodationCode).toBe('W');
  });

  it('refuses an area that is not on the list of areas, naming the field', async () => {
    const asked = it_.get(LiveListService).unsuitable(pa, { area: 'Atlantis' });
    await expect(asked).rejects.toBeInstanceOf(DomainError);
    await expect(asked).rejects.toMatchObject({ kind: 'invalid', fields: [{ field: 'area' }] });
  });
});
