import { InventoryRemindersService } from '../../../src/features/inventory/inventory-reminders.service';
import { londonDate, londonDayStart } from '../../../src/kernel/dates';
import { ManualClock } from '../../../src/platform/clock';
import { makeBed, makeHold, makeLevel, makePerson, makeProvider, makeRequest } from '../../support/fixtures';
import { expectProblem, Harness } from '../../support/harness';

/**
 * The vacancy board as a housing officer uses it, against a hand-built county: pathway placements,
 * hotel rooms and a crash bed counted apart; 16-17, 18+ and UASC columns; a stale provider marked;
 * what is free on a later day; every filter; and the reminders that keep the inventory honest.
 */

const DAY = 86_400_000;
// 10:00 London today: the fixtures' young people and requests use the real date.
const D0 = londonDate(new Date());
const T0 = new Date(londonDayStart(D0).getTime() + 10 * 3600_000);
const day = (n: number) => londonDate(new Date(londonDayStart(D0).getTime() + n * DAY + 12 * 3600_000));

let h: Harness;
const clock = new ManualClock(T0);
const officer = () => h.as('housing_officer');

type Counts = { free: number; age16To17: number; age18Plus: number; uasc: number; fromStaleProviders: number };
const counts = (free: number, age16To17: number, age18Plus: number, uasc = 0, fromStaleProviders = 0): Counts => ({
  free,
  age16To17,
  age18Plus,
  uasc,
  fromStaleProviders,
});

const ids = {} as Record<string, string>;

beforeAll(async () => {
  // Holds last two days, so one is still live tomorrow and gone by the day after next.
  h = await Harness.start({ clock, env: { HOLD_FOR: 'P2D' } });
  const med = await makeLevel(h, { code: 'MED', name: 'Medium support shared house', rank: 3, minAge: 16, maxAge: 21 });
  const adult = await makeLevel(h, { code: 'ADULT', name: 'Move-on flat', rank: 5, minAge: 18, maxAge: 25 });
  const hotel = await makeLevel(h, {
    code: 'HOTEL',
    name: 'Hotel',
    rank: 9,
    accommodationCode: 'W',
    suitable: false,
  });
  const crash = await makeLevel(h, {
    code: 'CRASH',
    name: 'Crash bed',
    rank: 1,
    emergency: true,
    accommodationCode: 'V',
    suitable: false,
  });
  Object.assign(ids, { med: med.id, adult: adult.id, hotel: hotel.id, crash: crash.id });
  const crewe = await makeProvider(h, { name: 'Crewe House', area: 'Crewe' });
  const macc = await makeProvider(h, { name: 'Macc Lodgings', area: 'Macclesfield' });
  const stale = await makeProvider(h, { name: 'Stale Homes', area: 'Crewe' });
  const inn = await makeProvider(h, { name: 'Station Hotel', area: 'Crewe', ofstedUrn: null, ofstedCategory: null });
  const emergency = await makeProvider(h, { name: 'Emergency Bed', area: 'Crewe' });
  Object.assign(ids, { crewe: crewe.id, macc: macc.id, stale: stale.id });
  for (const p of [crewe, macc, inn, emergency])
    expect((await officer().post(`/providers/${p.id}/vacancy-confirmations`).send({ note: 'Phoned' })).status).toBe(
      201,
    );

  await makeBed(h, crewe.id, med.id, { label: 'A1', maxAge: 21 });
  await makeBed(h, crewe.id, med.id, { label: 'A2', maxAge: 21, uascSpecialist: true });
  const held = await makeBed(h, crewe.id, med.id, { label: 'A3', maxAge: 21 });
  await makeHold(h, held.id);
  const occupied = await makeBed(h, crewe.id, med.id, { label: 'A4', maxAge: 21 });
  const hold = await makeHold(h, occupied.id);
  expect((await officer().post(`/holds/${hold}/confirm`).send({})).status).toBe(201);
  await makeBed(h, crewe.id, med.id, {
    label: 'A5',
    maxAge: 21,
    status: 'out_of_service',
    outOfServiceReason: 'New boiler',
    availableFrom: day(2),
  });
  await makeBed(h, crewe.id, med.id, { label: 'A6', maxAge: 21, status: 'out_of_service', outOfServiceReason: 'Fire' });
  await makeBed(h, crewe.id, adult.id, { label: 'F1', minAge: 18, over18Only: true });
  await makeBed(h, macc.id, med.id, { label: 'M1', maxAge: 17, under18Only: true });
  await makeBed(h, stale.id, med.id, { label: 'S1', maxAge: 21 });
  await makeBed(h, inn.id, hotel.id, { label: 'Room 101', minAge: 18 });
  await makeBed(h, inn.id, hotel.id, { label: 'Room 102', minAge: 18 });
  await makeBed(h, emergency.id, crash.id, { label: 'Crash bed' });
});
afterAll(async () => {
  await h?.stop();
});

const board = async (query = '') => {
  const res = await officer().get(`/vacancies${query}`);
  expect(res.status).toBe(200);
  return res.body as {
    items: {
      group: string;
      serviceLevelId: string;
      serviceLevelName: string;
      area: string;
      providers: { name: string; stale: boolean }[];
      stale: boolean;
      available: number;
      held: number;
      occupied: number;
      outOfService: number;
      freeOn: Counts;
    }[];
    totals: Record<'pathway' | 'hotel' | 'emergency', Counts>;
    staleProviders: { name: string }[];
    freeOn: string;
  };
};

describe('the vacancy board', () => {
  it('counts the pathway apart from hotel rooms and the crash bed, by age band, with the stale provider marked', async () => {
    clock.set(T0);
    const b = await board();
    expect(b.freeOn).toBe(D0);
    expect(b.totals).toEqual({
      pathway: counts(5, 4, 4, 1, 1), // A1, A2 (UASC), F1 (18+ only), M1 (16-17 only), S1 (stale)
      hotel: counts(2, 0, 2), // never for 16-17
      emergency: counts(1, 0, 1), // a night shelter (V) is never for 16-17
    });
    expect(b.items.map((r) => [r.group, r.serviceLevelName, r.area])).toEqual([
      ['pathway', 'Medium support shared house', 'Crewe'],
      ['pathway', 'Medium support shared house', 'Macclesfield'],
      ['pathway', 'Move-on flat', 'Crewe'],
      ['hotel', 'Hotel', 'Crewe'],
      ['emergency', 'Crash bed', 'Crewe'],
    ]);
    expect(b.items[0]).toMatchObject({
      serviceLevelId: ids.med,
      providers: [
        { name: 'Crewe House', stale: false },
        { name: 'Stale Homes', stale: true },
      ],
      stale: true,
      available: 3,
      held: 1,
      occupied: 1,
      outOfService: 2,
      freeOn: counts(3, 3, 3, 1, 1),
    });
    expect(b.staleProviders.map((p) => p.name)).toEqual(['Stale Homes']);
  });

  it('answers what is free on a later day: holds still live then, and beds not yet back in service, are not', async () => {
    clock.set(T0);
    expect((await board(`?freeOn=${day(1)}`)).totals.pathway.free).toBe(5); // A3 held, A5 back only the day after
    expect((await board(`?freeOn=${day(2)}`)).totals.pathway.free).toBe(6); // A5 back; A3's hold ends at 10:00
    expect((await board(`?freeOn=${day(3)}`)).totals.pathway.free).toBe(7); // A3's hold is over; A6 has no return date
  });

  it('honours every filter: area, service level, provider, age band, UASC and group', async () => {
    clock.set(T0);
    const macc = await board('?area=macclesfield');
    expect(macc.items.map((r) => r.area)).toEqual(['Macclesfield']);
    expect(macc.totals.pathway).toEqual(counts(1, 1, 0));
    expect(macc.staleProviders).toEqual([]);
    expect((await board(`?serviceLevelId=${ids.adult}`)).items.map((r) => r.serviceLevelName)).toEqual([
      'Move-on flat',
    ]);
    expect((await board(`?providerId=${ids.stale}`)).totals.pathway).toEqual(counts(1, 1, 1, 0, 1));
    expect((await board('?ageBand=16-17')).totals).toEqual({
      pathway: counts(4, 4, 3, 1, 1),
      hotel: counts(0, 0, 0),
      emergency: counts(0, 0, 0),
    });
    expect((await board('?ageBand=18-plus')).totals.pathway.free).toBe(4);
    expect((await board('?uasc=true')).totals.pathway).toEqual(counts(1, 1, 1, 1));
    const hotels = await board('?group=hotel');
    expect(hotels.items.map((r) => r.group)).toEqual(['hotel']);
  });

  it('refuses an unknown parameter, a bad date and a day already past, naming the field', async () => {
    clock.set(T0);
    expectProblem(await officer().get('/vacancies?town=Crewe'), 400);
    expectProblem(await officer().get('/vacancies?freeOn=2026-02-30'), 400, ['freeOn']);
    expectProblem(await officer().get(`/vacancies?freeOn=${day(-1)}`), 400, ['freeOn']);
    expectProblem(await officer().get('/vacancies?ageBand=18+'), 400, ['ageBand']);
  });
});

describe('a planned move-in', () => {
  it('keeps a bed off the board from the day a confirmed move is planned, though nobody lives there yet', async () => {
    clock.set(T0);
    const before = await board(`?freeOn=${day(3)}`);
    const bed = await makeBed(h, ids.crewe, ids.med, { label: 'P1', maxAge: 21 });
    const req = await makeRequest(h, (await makePerson(h)).id);
    const moveInAt = new Date(londonDayStart(day(1)).getTime() + 12 * 3600_000).toISOString();
    const hold = await officer().post(`/placement-requests/${req.id}/holds`).send({ bedId: bed.id, moveInAt });
    expect(hold.status).toBe(201);
    expect((await officer().post(`/holds/${hold.body.id}/confirm`).send({})).status).toBe(202);
    // Today the bed is held for the move; from the move-in day on it is taken, and never counted free.
    for (const d of [D0, day(1), day(3)]) {
      const b = await board(`?freeOn=${d}`);
      const row = b.items.find((r) => r.serviceLevelId === ids.med && r.area === 'Crewe')!;
      expect(row.held).toBeGreaterThanOrEqual(1);
      if (d === day(3)) expect(b.totals.pathway.free).toBe(before.totals.pathway.free);
    }
  });
});

describe('vacancy confirmations', () => {
  it('keeps each confirmation with its note, who and when, readable by a housing officer', async () => {
    clock.set(T0);
    const p = await makeProvider(h, { name: 'Noted House', area: 'Nantwich' });
    await officer().post(`/providers/${p.id}/vacancy-confirmations`).send({ note: 'Two rooms, spoke to Sam' });
    clock.set(new Date(T0.getTime() + 3600_000));
    await h.as('admin').post(`/providers/${p.id}/vacancy-confirmations`).send({});
    const res = await officer().get(`/providers/${p.id}/vacancy-confirmations`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      total: 2,
      items: [
        {
          id: expect.any(String),
          providerId: p.id,
          confirmedAt: new Date(T0.getTime() + 3600_000).toISOString(),
          note: null,
          confirmedByUserId: h.users.admin.id,
          confirmedByName: 'Test admin',
        },
        {
          id: expect.any(String),
          providerId: p.id,
          confirmedAt: T0.toISOString(),
          note: 'Two rooms, spoke to Sam',
          confirmedByUserId: h.users.housing_officer.id,
          confirmedByName: 'Test housing_officer',
        },
      ],
    });
    expectProblem(await officer().get(`/providers/${crypto.randomUUID()}/vacancy-confirmations`), 404);
    clock.set(T0);
  });
});

describe('out of service', () => {
  it('refuses an expected return date in the past, on a new bed and on an edit, and writes nothing', async () => {
    clock.set(T0);
    const p = await makeProvider(h, { area: 'Sandbach' });
    const body = { status: 'out_of_service', outOfServiceReason: 'Leak', availableFrom: day(-1) };
    expectProblem(
      await h.expectNoWrites(['bed'], () =>
        officer()
          .post('/beds')
          .send({ providerId: p.id, serviceLevelId: ids.med, label: 'Past', minAge: 16, maxAge: 21, ...body }),
      ),
      400,
      ['availableFrom'],
    );
    const b = await makeBed(h, p.id, ids.med, { maxAge: 21 });
    expectProblem(
      await h.expectNoWrites(['bed'], () =>
        officer()
          .patch(`/beds/${b.id}`)
          .send({ ...body, version: b.version }),
      ),
      400,
      ['availableFrom'],
    );
    const ok = await officer()
      .patch(`/beds/${b.id}`)
      .send({ ...body, availableFrom: D0, version: b.version });
    expect(ok.status).toBe(200);
  });

  it('reminds the housing officers once when the return date passes, across sweeps and instances, and again for a new date', async () => {
    clock.set(T0);
    const p = await makeProvider(h, { name: 'Leaky Lodge', area: 'Wilmslow' });
    const b = await makeBed(h, p.id, ids.med, {
      label: 'Room 9',
      maxAge: 21,
      status: 'out_of_service',
      outOfServiceReason: 'Leak',
      availableFrom: day(1),
    });
    const reminders = () =>
      h.count(`notification`, `kind = 'bed_return_overdue' and recipient_user_id = $1 and body like '%Leaky Lodge%'`, [
        h.users.housing_officer.id,
      ]);
    const sweep = () => h.app.get(InventoryRemindersService).remindOverdueReturns();
    await sweep();
    expect(await reminders()).toBe(0);
    clock.set(londonDayStart(day(1))); // the return day itself: not yet overdue
    await sweep();
    expect(await reminders()).toBe(0);
    clock.set(londonDayStart(day(2)));
    await sweep();
    await sweep();
    const other = await h.extraApp({ clock });
    try {
      await other.app.get(InventoryRemindersService).remindOverdueReturns();
    } finally {
      await other.close();
    }
    expect(await reminders()).toBe(1);
    const inbox = await officer().get('/me/notifications?limit=500');
    expect(inbox.body.items.some((n: { subject: string }) => n.subject.includes('Room 9, Leaky Lodge'))).toBe(true);
    // A new expected return, which passes too: one more reminder.
    const current = (await officer().get(`/beds/${b.id}`)).body;
    expect(
      (
        await officer()
          .patch(`/beds/${b.id}`)
          .send({ availableFrom: day(3), version: current.version })
      ).status,
    ).toBe(200);
    clock.set(londonDayStart(day(4)));
    await sweep();
    await sweep();
    expect(await reminders()).toBe(2);
    clock.set(T0);
  });

  it('asks the housing officers to confirm a stale provider at most once a week', async () => {
    clock.set(T0);
    const p = await makeProvider(h, { name: 'Quiet Provider', area: 'Knutsford' });
    await officer().post(`/providers/${p.id}/vacancy-confirmations`).send({});
    const asked = () =>
      h.count(
        `notification`,
        `kind = 'vacancies_stale' and recipient_user_id = $1 and subject like '%Quiet Provider'`,
        [h.users.housing_officer.id],
      );
    const sweep = () => h.app.get(InventoryRemindersService).remindStaleProviders();
    clock.set(new Date(T0.getTime() + 6 * DAY));
    await sweep();
    expect(await asked()).toBe(0);
    clock.set(new Date(T0.getTime() + 8 * DAY));
    await sweep();
    await sweep();
    expect(await asked()).toBe(1);
    clock.set(new Date(T0.getTime() + 14 * DAY));
    await sweep();
    expect(await asked()).toBe(1);
    clock.set(new Date(T0.getTime() + 15 * DAY + 1000));
    await sweep();
    expect(await asked()).toBe(2);
    clock.set(T0);
  });
});
