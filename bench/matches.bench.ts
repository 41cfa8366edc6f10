/**
 * Matching benchmark: seeds 50,000 beds across 400 providers and 9 service levels in a throwaway
 * database, then measures GET /placement-requests/:id/matches over HTTP (p50/p95/p99 over
 * CALLS calls, sequential, keep-alive, on loopback) and the pure matcher alone; then the one-SQL
 * baseline (bench/sql-matcher.ts: same request, same hard rules, checked to agree first) and the
 * ratio; a run where every tenth call follows a bed change written straight to the database (as
 * another instance would), with the number of full reloads it caused (target 0); and the first call
 * after a bed, a provider, a service level and a bulk change.
 *   npm run bench:matches            (BEDS=50000 CALLS=300 by default)
 */
import { performance } from 'node:perf_hooks';
import { londonDate } from '../src/kernel/dates';
import { HARD_RULES, matchBeds, matchPage } from '../src/kernel/matching';
import { MatchInventory } from '../src/features/inventory/match-inventory';
import { sqlMatch } from './sql-matcher';
import { BenchEnv, percentile, prng, summary } from './support';

const BEDS = Number(process.env.BEDS ?? 50_000);
const CALLS = Number(process.env.CALLS ?? 300);
const AREAS = [
  'Crewe',
  'Macclesfield',
  'Congleton',
  'Nantwich',
  'Wilmslow',
  'Sandbach',
  'Alsager',
  'Knutsford',
  'Poynton',
  'Middlewich',
  'Holmes Chapel',
  'Handforth',
  'Bollington',
  'Disley',
  'Audlem',
  'Wybunbury',
  'Prestbury',
  'Alderley Edge',
  'Shavington',
  'Haslington',
];

async function seed(env: BenchEnv, rand: () => number): Promise<{ levels: string[] }> {
  const levels: string[] = [];
  const codes = ['V', 'D', 'D', 'D', 'D', 'D', 'D', 'E', 'U'];
  for (let i = 0; i < 9; i++) {
    const id = crypto.randomUUID();
    levels.push(id);
    const minAge = i < 2 ? 16 : i === 8 ? 18 : 16;
    await env.db.query(
      `insert into service_level (id, code, name, rank, min_age, max_age, support_hours_min, support_hours_max, emergency, accommodation_code, suitable, version, created_at, updated_at)
       values ($1, $2, $3, $4, $5, 25, $6, $7, $8, $9, $10, 1, now(), now())`,
      [
        id,
        `B${i + 1}`,
        `Bench level ${i + 1}`,
        i + 1,
        minAge,
        [168, 97, 73, 49, 25, 19, 13, 7, 1][i],
        [168, 167, 96, 72, 48, 24, 18, 12, 6][i],
        i === 0,
        codes[i],
        codes[i] !== 'V',
      ],
    );
  }
  const providers: string[] = [];
  for (let i = 0; i < 400; i++) {
    const id = crypto.randomUUID();
    providers.push(id);
    const registered = rand() < 0.6;
    await env.db.query(
      `insert into provider (id, name, area, ofsted_urn, ofsted_category, email, phone, vacancies_confirmed_at, version, created_at, updated_at)
       values ($1, $2, $3, $4, $5, null, null, now(), 1, now(), now())`,
      [
        id,
        `Bench provider ${i}`,
        AREAS[i % AREAS.length],
        registered ? `SC${100000 + i}` : null,
        registered ? 'shared_housing' : null,
      ],
    );
  }
  const statuses = [
    'available',
    'available',
    'occupied',
    'occupied',
    'occupied',
    'occupied',
    'occupied',
    'occupied',
    'out_of_service',
    'occupied',
  ];
  for (let start = 0; start < BEDS; start += 2000) {
    const n = Math.min(2000, BEDS - start);
    const cols: unknown[][] = Array.from({ length: 17 }, () => []);
    for (let i = 0; i < n; i++) {
      const minAge = rand() < 0.3 ? 16 : 18;
      const status = statuses[Math.floor(rand() * statuses.length)];
      const row = [
        crypto.randomUUID(),
        providers[Math.floor(rand() * providers.length)],
        levels[Math.floor(rand() * levels.length)],
        `Room ${start + i}`,
        status,
        minAge,
        25,
        rand() < 0.8 ? 'any' : rand() < 0.5 ? 'female' : 'male',
        rand() < 0.3,
        rand() < 0.1,
        rand() < 0.2,
        rand() < 0.1,
        rand() < 0.1,
        minAge === 16 && rand() < 0.3,
        minAge === 18 && rand() < 0.3,
        status === 'out_of_service' ? 'Repairs' : null,
        status === 'out_of_service' ? '2027-01-01' : null,
      ];
      row.forEach((v, c) => cols[c].push(v));
    }
    await env.db.query(
      `insert into bed (id, provider_id, service_level_id, label, status, min_age, max_age, gender, step_free, pets_allowed, accepts_fire_risk,
                        accepts_sexual_harm_risk, uasc_specialist, under18only, over18only, out_of_service_reason, available_from, version, created_at, updated_at)
       select *, 1, now(), now() from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::int[], $7::int[], $8::text[], $9::bool[], $10::bool[],
                                           $11::bool[], $12::bool[], $13::bool[], $14::bool[], $15::bool[], $16::text[], $17::date[])`,
      cols,
    );
  }
  await env.db.query('analyze');
  return { levels };
}

async function main() {
  const env = new BenchEnv();
  const rand = prng(2026);
  try {
    await env.createDatabase();
    const t = performance.now();
    await seed(env, rand);
    console.log(`seeded ${BEDS} beds across 400 providers in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const paId = await env.user('pa', 'pa@bench.invalid');
    await env.user('housing_officer', 'officer@bench.invalid');
    const personId = crypto.randomUUID();
    await env.db.query(
      `insert into young_person (id, reference, first_name, last_name, date_of_birth, gender, legal_status, uasc, pa_user_id, home_area, areas_to_avoid,
                                 needs_service_level_rank, step_free_needed, has_pet, pregnant_or_parent, risks, version, created_at, updated_at)
       values ($1, 'CL-BENCH', 'Bench', 'Person', '2006-03-01', 'female', 'former_relevant', false, $2, 'Crewe', '["Knutsford"]', 4, false, false, false, '["self_harm"]', 1, now(), now())`,
      [personId, paId],
    );
    const requestId = crypto.randomUUID();
    await env.db.query(
      `insert into placement_request (id, young_person_id, requested_by_user_id, urgency, needed_by, service_level_ids, preferred_areas, notes, status, version, created_at, updated_at)
       values ($1, $2, $3, 'emergency', current_date, null, '["Crewe","Nantwich"]', null, 'open', 1, now(), now())`,
      [requestId, personId, paId],
    );
    await env.startApp({ WORKERS_ENABLED: 'false' });
    const token = await env.login('officer@bench.invalid');
    const url = `${env.baseUrl}/placement-requests/${requestId}/matches`;
    const call = async () => {
      const t0 = performance.now();
      const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      const body = (await res.json()) as { candidatesTotal: number; excludedTotal: number };
      if (res.status !== 200) throw new Error(`matches: ${res.status}`);
      return { ms: performance.now() - t0, body };
    };
    const first = await call();
    console.log(
      `first call (cold inventory): ${first.ms.toFixed(1)} ms; candidates ${first.body.candidatesTotal}, excluded ${first.body.excludedTotal}`,
    );
    for (let i = 0; i < 20; i++) await call();
    const http: number[] = [];
    for (let i = 0; i < CALLS; i++) http.push((await call()).ms);
    console.log(summary(`GET matches over HTTP (${BEDS} beds)`, http));

    const beds = await env.app!.get(MatchInventory).beds();
    const person = {
      dateOfBirth: '2006-03-01',
      gender: 'female',
      uasc: false,
      homeArea: 'Crewe',
      areasToAvoid: ['Knutsford'],
      needsServiceLevelRank: 4,
      stepFreeNeeded: false,
      hasPet: false,
      risks: ['self_harm'],
    };
    const request = {
      urgency: 'emergency' as const,
      neededBy: londonDate(new Date()),
      serviceLevelIds: null,
      preferredAreas: ['Crewe', 'Nantwich'],
    };
    const pure: number[] = [];
    for (let i = 0; i < 20; i++) matchBeds(person, request, beds, londonDate(new Date()));
    for (let i = 0; i < CALLS; i++) {
      const t0 = performance.now();
      matchBeds(person, request, beds, londonDate(new Date()));
      pure.push(performance.now() - t0);
    }
    console.log(summary(`pure matchBeds, every bed explained (${beds.length} beds)`, pure));
    const paged: number[] = [];
    const today = londonDate(new Date());
    for (let i = 0; i < CALLS; i++) {
      const t0 = performance.now();
      matchPage(person, request, beds, today, { offset: 0, limit: 50, excludedOffset: 0, excludedLimit: 50 });
      paged.push(performance.now() - t0);
    }
    console.log(summary(`pure matchPage, first 50 of each list (${beds.length} beds)`, paged));
    const pagedP95 = percentile(
      [...paged].sort((a, b) => a - b),
      95,
    );
    const httpP95 = percentile(
      [...http].sort((a, b) => a - b),
      95,
    );

    // --- the one-SQL baseline: same request, same hard rules, checked to agree before it is timed ---
    const check = await sqlMatch(env.db, person, request, today, true);
    const inMemory = matchBeds(person, request, beds, today);
    const same =
      check.candidatesTotal === inMemory.candidates.length &&
      check.excludedTotal === inMemory.excluded.length &&
      [...check.allCandidates!].sort().join() ===
        inMemory.candidates
          .map((c) => c.bedId)
          .sort()
          .join() &&
      check.excluded.every((e, i) => {
        const ours = inMemory.excluded[i];
        const rules = HARD_RULES.filter((_, bit) => e.mask & (1 << bit));
        return ours.bedId === e.id && ours.reasons.map((r) => r.rule).join() === rules.join();
      });
    if (!same) throw new Error('the SQL baseline and the in-memory matcher disagree: the comparison would be unfair');
    console.log(
      `SQL baseline agrees with the matcher: ${check.candidatesTotal} candidates, ${check.excludedTotal} excluded, the first 50 excluded with the same rules`,
    );
    for (let i = 0; i < 10; i++) await sqlMatch(env.db, person, request, today);
    const sql: number[] = [];
    for (let i = 0; i < CALLS; i++) {
      const t0 = performance.now();
      await sqlMatch(env.db, person, request, today);
      sql.push(performance.now() - t0);
    }
    console.log(summary(`one SQL query, same hard rules, counts and first page (${BEDS} beds)`, sql));
    const sqlP95 = percentile(
      [...sql].sort((a, b) => a - b),
      95,
    );
    console.log(
      `in-memory matcher (matchPage) p95 ${pagedP95.toFixed(1)} ms vs one SQL query p95 ${sqlP95.toFixed(1)} ms: the SQL takes ${(sqlP95 / pagedP95).toFixed(1)}x as long (target at least 2x); ` +
        `the whole HTTP call p95 ${httpP95.toFixed(1)} ms (${(sqlP95 / httpP95).toFixed(1)}x)`,
    );

    // --- changes: every tenth call follows a bed change made by another writer (straight to the database) ---
    const inventory = env.app!.get(MatchInventory);
    const loadsBefore = inventory.stats.fullLoads;
    const bedIds = (await env.db.query<{ id: string }>('select id from bed')).rows.map((r) => r.id);
    const changeBed = () =>
      env.db.query(
        `update bed set status = case when status = 'available' then 'occupied' else 'available' end, version = version + 1 where id = $1`,
        [bedIds[Math.floor(rand() * bedIds.length)]],
      );
    const all: number[] = [];
    const afterChange: number[] = [];
    for (let i = 0; i < CALLS; i++) {
      if (i % 10 === 0) await changeBed();
      const ms = (await call()).ms;
      all.push(ms);
      if (i % 10 === 0) afterChange.push(ms);
    }
    console.log(summary(`GET matches, every tenth call after a bed change`, all));
    console.log(summary(`  of which the calls straight after a change`, afterChange));
    console.log(`full reloads during that run: ${inventory.stats.fullLoads - loadsBefore} (target 0)`);

    const single = async (label: string, sqlText: string) => {
      await env.db.query(sqlText);
      console.log(`first call after ${label}: ${(await call()).ms.toFixed(1)} ms`);
    };
    await single(
      'a bed change',
      `update bed set label = label || ' ', version = version + 1 where id = (select id from bed limit 1)`,
    );
    await single(
      'a provider change (its ~125 beds)',
      `update provider set email = 'bench@provider.invalid', version = version + 1 where id = (select id from provider limit 1)`,
    );
    await single(
      'a service level change (its ~5,500 beds)',
      `update service_level set name = name || ' ', version = version + 1 where id = (select id from service_level order by rank limit 1 offset 3)`,
    );
    await single(
      'a bulk change of 10,000 beds (reloads in full)',
      `update bed set version = version + 1 where id in (select id from bed limit 10000)`,
    );
    console.log(`full reloads in all: ${inventory.stats.fullLoads} (first use, and the bulk change)`);
  } finally {
    await env.close();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
