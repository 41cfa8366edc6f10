import { ROLES } from '../../../src/kernel/roles';
import { expectProblem, Harness } from '../../support/harness';

/**
 * Occupancy and sufficiency for a known week: the nights of 23–29 March 2026 (from=2026-03-23,
 * to=2026-03-30, `to` excluded). British Summer Time starts at 01:00 UTC on 29 March, so the last
 * night is observed at 00:00 BST on 30 March = 23:00 UTC on the 29th: a change at 23:30 UTC that
 * evening is after it (as Europe/London midnight counts), though before midnight UTC.
 */

let h: Harness;
const FROM = '2026-03-23';
const TO = '2026-03-30';

async function level(code: string, rank: number): Promise<string> {
  const id = crypto.randomUUID();
  await h.db.query(
    `insert into service_level (id, code, name, rank, min_age, max_age, support_hours_min, support_hours_max, emergency, accommodation_code, suitable, version, created_at, updated_at)
     values ($1, $2, $3, $4, 16, 25, 7, 12, false, 'D', true, 1, now(), now())`,
    [id, code, `Level ${code}`, rank],
  );
  return id;
}

async function provider(area: string): Promise<string> {
  const id = crypto.randomUUID();
  await h.db.query(
    `insert into provider (id, name, area, version, created_at, updated_at) values ($1, $2, $3, 1, now(), now())`,
    [id, `Provider ${area} ${id.slice(0, 4)}`, area],
  );
  return id;
}

/** A bed created at `createdAt` (with a creation audit event unless `audited` is false) whose status then changes as listed. */
async function bed(
  providerId: string,
  levelId: string,
  createdAt: string,
  initial: string,
  changes: [string, string, string][],
  audited = true,
): Promise<string> {
  const id = crypto.randomUUID();
  const current = changes.length ? changes[changes.length - 1][2] : initial;
  await h.db.query(
    `insert into bed (id, provider_id, service_level_id, label, status, min_age, max_age, out_of_service_reason, version, created_at, updated_at)
     values ($1, $2, $3, $4, $5, 16, 25, $6, 1, $7, now())`,
    [
      id,
      providerId,
      levelId,
      `Room ${id.slice(0, 4)}`,
      current,
      current === 'out_of_service' ? 'Repairs' : null,
      createdAt,
    ],
  );
  if (audited) await audit(id, createdAt, 'bed.created', { label: 'Room', status: initial });
  for (const [at, from, to] of changes) await audit(id, at, `bed.${to}`, { status: { from, to } });
  return id;
}

async function audit(bedId: string, at: string, action: string, changes: Record<string, unknown>): Promise<void> {
  await h.db.query(
    `insert into audit_event (id, at, actor_user_id, action, entity, entity_id, changes) values (gen_random_uuid(), $1, null, $2, 'Bed', $3, $4)`,
    [at, action, bedId, JSON.stringify(changes)],
  );
}

async function person(dateOfBirth: string): Promise<string> {
  const id = crypto.randomUUID();
  await h.db.query(
    `insert into young_person (id, reference, first_name, last_name, date_of_birth, gender, legal_status, uasc, pa_user_id, areas_to_avoid, risks, version, created_at, updated_at)
     values ($1, $2, 'Sam', 'Test', $3, 'male', 'former_relevant', false, $4, '[]', '[]', 1, now(), now())`,
    [id, `OCC-${id.slice(0, 8)}`, dateOfBirth, h.users.pa.id],
  );
  return id;
}

async function stay(
  youngPersonId: string,
  code: string,
  suitable: boolean,
  startedAt: string,
  endedAt: string | null,
): Promise<void> {
  await h.db.query(
    `insert into stay (id, young_person_id, accommodation_code, suitable, emergency, started_at, ended_at, age_at_start, pregnant_or_parent_at_start, created_at)
     values (gen_random_uuid(), $1, $2, $3, false, $4, $5, 18, false, now())`,
    [youngPersonId, code, suitable, startedAt, endedAt],
  );
}

async function request(
  youngPersonId: string,
  createdAt: string,
  outcome: { placedAt?: string; withdrawnAt?: string } = {},
): Promise<void> {
  const status = outcome.placedAt ? 'placed' : outcome.withdrawnAt ? 'withdrawn' : 'open';
  await h.db.query(
    `insert into placement_request (id, young_person_id, requested_by_user_id, urgency, needed_by, preferred_areas, status, placed_at, withdrawn_at, version, created_at, updated_at)
     values (gen_random_uuid(), $1, $2, 'emergency', $3::timestamptz::date, '[]', $4, $5, $6, 1, $3, now())`,
    [youngPersonId, h.users.pa.id, createdAt, status, outcome.placedAt ?? null, outcome.withdrawnAt ?? null],
  );
}

let emergency: string;
let moveOn: string;

beforeAll(async () => {
  h = await Harness.start();
  emergency = await level('EMERG', 1);
  moveOn = await level('MOVEON', 9);
  const crewe = await provider('Crewe');
  const nantwich = await provider('Nantwich');

  // Emergency, Crewe. Bed 1: available; held, then occupied on the 24th; free again on the 27th (a label edit in between is not a status change).
  const bed1 = await bed(crewe, emergency, '2026-03-01T09:00:00Z', 'available', [
    ['2026-03-24T15:00:00Z', 'available', 'held'],
    ['2026-03-24T18:00:00Z', 'held', 'occupied'],
    ['2026-03-27T10:00:00Z', 'occupied', 'available'],
  ]);
  await audit(bed1, '2026-03-25T10:00:00Z', 'bed.updated', { label: { from: 'Room', to: 'Room 1' } });
  // Bed 2: created out of service at noon on the 25th, back in service at exactly 00:00 on the 28th (the observation of night 27).
  await bed(crewe, emergency, '2026-03-25T12:00:00Z', 'out_of_service', [
    ['2026-03-28T00:00:00Z', 'out_of_service', 'available'],
  ]);
  // Move-on, Crewe. Bed 3: out of service before the week; held at 00:30 BST on the 30th (after the last night's observation), freed later.
  await bed(crewe, moveOn, '2026-01-01T09:00:00Z', 'available', [
    ['2026-03-10T09:00:00Z', 'available', 'out_of_service'],
    ['2026-03-20T09:00:00Z', 'out_of_service', 'available'],
    ['2026-03-29T23:30:00Z', 'available', 'held'],
    ['2026-03-30T02:00:00Z', 'held', 'available'],
  ]);
  // Move-on, Nantwich. Bed 4: no creation event (an old record); its first change says it was occupied until noon on the 26th.
  await bed(
    nantwich,
    moveOn,
    '2026-01-01T09:00:00Z',
    'available',
    [['2026-03-26T12:00:00Z', 'occupied', 'available']],
    false,
  );
  // Bed 5: created after the week. Bed 6: held since before the week.
  await bed(nantwich, moveOn, '2026-04-05T09:00:00Z', 'available', []);
  await bed(nantwich, moveOn, '2026-02-01T09:00:00Z', 'available', [['2026-03-22T09:00:00Z', 'available', 'held']]);

  // Requests: hours from raised to placed 33, 4, 60 (raised in the week) and 72 (raised before it).
  const someone = await person('2005-01-01');
  await request(someone, '2026-03-23T09:00:00Z', { placedAt: '2026-03-24T18:00:00Z' });
  await request(someone, '2026-03-25T10:00:00Z', { placedAt: '2026-03-25T14:00:00Z' });
  await request(someone, '2026-03-26T08:00:00Z', { placedAt: '2026-03-28T20:00:00Z' });
  await request(someone, '2026-03-20T00:30:00Z', { placedAt: '2026-03-23T00:30:00Z' });
  await request(someone, '2026-03-27T09:00:00Z'); // still waiting at the end
  await request(someone, '2026-03-28T09:00:00Z', { withdrawnAt: '2026-03-29T12:00:00Z' });
  await request(someone, '2026-03-29T23:30:00Z'); // 00:30 BST on the 30th: after the week
  await request(someone, '2026-03-10T09:00:00Z'); // waiting since before the week

  // Unsuitable nights.
  const seventeen = await person('2008-06-01');
  await stay(seventeen, 'W', false, '2026-03-20T09:00:00Z', '2026-03-25T10:00:00Z'); // nights 23, 24 at 17
  const turns18 = await person('2008-03-26');
  await stay(turns18, 'V', false, '2026-03-22T09:00:00Z', null); // nights 23–25 at 17, 26–29 at 18
  const twentyTwo = await person('2004-01-01');
  await stay(twentyTwo, 'S', false, '2026-03-27T12:00:00Z', null); // nights 27–29 at 22
  const settled = await person('2006-01-01');
  await stay(settled, 'E', true, '2026-03-01T09:00:00Z', null); // suitable: not counted
  const leap = await person('2008-02-29'); // 18 on 1 March 2026
  await stay(leap, 'W', false, '2026-02-20T09:00:00Z', '2026-03-10T09:00:00Z');
  const late = await person('2005-05-05');
  await stay(late, 'W', false, '2026-03-29T23:30:00Z', null); // after the last observation
});
afterAll(async () => {
  await h?.stop();
});

describe('GET /reports/occupancy', () => {
  it('counts bed nights by status at 00:00 Europe/London, by service level and area', async () => {
    const res = await h.as('housing_officer').get(`/reports/occupancy?from=${FROM}&to=${TO}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ from: FROM, to: TO, nights: 7 });
    expect(res.body.definition).toContain('00:00 Europe/London');
    const rows = res.body.items as {
      serviceLevelId: string;
      serviceLevelCode: string;
      area: string;
      bedNights: Record<string, number | null>;
    }[];
    expect(rows.map((r) => [r.serviceLevelCode, r.area])).toEqual([
      ['EMERG', 'Crewe'],
      ['MOVEON', 'Crewe'],
      ['MOVEON', 'Nantwich'],
    ]);
    expect(rows[0]).toMatchObject({
      serviceLevelId: emergency,
      bedNights: { available: 7, held: 0, occupied: 3, outOfService: 2, total: 12, occupancyRate: 0.3 },
    });
    expect(rows[1]).toMatchObject({
      serviceLevelId: moveOn,
      bedNights: { available: 7, held: 0, occupied: 0, outOfService: 0, total: 7, occupancyRate: 0 },
    });
    expect(rows[2]).toMatchObject({
      serviceLevelId: moveOn,
      bedNights: { available: 4, held: 7, occupied: 3, outOfService: 0, total: 14, occupancyRate: 0.214 },
    });
    expect(res.body.totals).toEqual({
      available: 18,
      held: 7,
      occupied: 6,
      outOfService: 2,
      total: 33,
      occupancyRate: 0.194,
    });
    expect(res.body.total).toBe(3);
  });

  it('counts one night alone, observed at its own midnight', async () => {
    // The night of the 24th, observed at 00:00 on the 25th: bed 1 occupied, bed 3 and bed 4 as before, bed 6 held; bed 2 not yet created.
    const res = await h.as('team_manager').get('/reports/occupancy?from=2026-03-24&to=2026-03-25');
    expect(res.status).toBe(200);
    expect(res.body.totals).toMatchObject({ available: 1, held: 1, occupied: 2, outOfService: 0, total: 4 });
    // The last night of the week (the 29th) is observed at 23:00 UTC, before bed 3 was held at 23:30 UTC.
    const last = await h.as('team_manager').get('/reports/occupancy?from=2026-03-29&to=2026-03-30');
    expect(
      last.body.items.find(
        (r: { serviceLevelCode: string; area: string }) => r.serviceLevelCode === 'MOVEON' && r.area === 'Crewe',
      ).bedNights,
    ).toMatchObject({ available: 1, held: 0 });
  });

  it('reports requests raised, placed, withdrawn and waiting, with the median and longest wait', async () => {
    const res = await h.as('service_manager').get(`/reports/occupancy?from=${FROM}&to=${TO}`);
    expect(res.body.requests).toEqual({
      raised: 5,
      placed: 4,
      withdrawn: 1,
      waitingAtEnd: 2,
      waitHours: { median: 46.5, max: 72 },
    });
  });

  it('counts nights in unsuitable accommodation by age on the night', async () => {
    const res = await h.as('director').get(`/reports/occupancy?from=${FROM}&to=${TO}`);
    expect(res.body.unsuitableNights).toEqual({
      total: 12,
      byAgeBand: [
        { band: '16-17', nights: 5 },
        { band: '18-20', nights: 4 },
        { band: '21-25', nights: 3 },
        { band: 'other', nights: 0 },
      ],
    });
  });

  it('puts a 29 February birthday on 1 March', async () => {
    const res = await h.as('director').get('/reports/occupancy?from=2026-02-27&to=2026-03-03');
    expect(res.body.unsuitableNights.byAgeBand.slice(0, 2)).toEqual([
      { band: '16-17', nights: 2 },
      { band: '18-20', nights: 2 },
    ]);
  });

  it('is for admin, housing officers and managers; a PA gets 403', async () => {
    for (const role of ROLES.filter((r) => r !== 'pa'))
      expect((await h.as(role).get(`/reports/occupancy?from=${FROM}&to=${TO}`)).status).toBe(200);
    expectProblem(await h.as('pa').get(`/reports/occupancy?from=${FROM}&to=${TO}`), 403);
    expectProblem(await h.as().get(`/reports/occupancy?from=${FROM}&to=${TO}`), 401);
  });

  it('refuses bad ranges with a 400 naming the field, and writes nothing', async () => {
    await h.expectNoWrites(['bed', 'placement_request', 'stay'], async () => {
      const bad: [string, string][] = [
        ['from=2026-03-30&to=2026-03-23', 'to'], // from after to
        ['from=2026-03-23&to=2026-03-23', 'to'], // no night at all
        ['from=abc&to=2026-03-30', 'from'],
        ['from=2026-02-30&to=2026-03-30', 'from'],
        ['from=2026-03-23', 'to'],
        ['to=2026-03-30', 'from'],
        ['from=2026-03-23T00:00:00Z&to=2026-03-30', 'from'],
        ['from=2025-01-01&to=2026-01-03', 'to'], // 367 nights
        ['from=2026-03-23&to=2026-03-30&area=Crewe', 'area'],
      ];
      for (const [q, field] of bad) expectProblem(await h.as('admin').get(`/reports/occupancy?${q}`), 400, [field]);
    });
    // A full year is allowed (366 nights in a leap span).
    expect((await h.as('admin').get('/reports/occupancy?from=2027-03-01&to=2028-03-01')).status).toBe(200);
  });
});

describe('OpenAPI', () => {
  it('documents the report, its parameters and schema', async () => {
    const doc = (await h.as().get('/docs-json')).body;
    const op = doc.paths['/reports/occupancy'].get;
    expect(op.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['from', 'to']);
    expect(op.responses['200'].content['application/json'].schema.$ref).toBe('#/components/schemas/OccupancyReport');
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403']));
    expect(Object.keys(doc.components.schemas.OccupancyReport.properties)).toEqual(
      expect.arrayContaining(['items', 'totals', 'requests', 'unsuitableNights', 'definition']),
    );
  });
});
