/**
 * The demo county grown to a large council's size for the page benchmark: BEDS beds (default
 * 50,000) across 400 more providers, PEOPLE young people (default 20,000) across the demo PAs and
 * areas, and LIVE of them (default 1,000) in hotels, B&Bs and other unsuitable places, recorded
 * through the service itself (so their escalation clocks, steps and alerts are real), each
 * started between one and twenty days ago.
 */
import type { INestApplication } from '@nestjs/common';
import { StaysService } from '../src/features/stays/stays.service';
import type { AuthUser } from '../src/kernel/roles';
import { BenchEnv, prng } from './support';

const BEDS = Number(process.env.BEDS ?? 50_000);
const PEOPLE = Number(process.env.PEOPLE ?? 20_000);
const LIVE = Number(process.env.LIVE ?? 1_000);
const UNSUITABLE = ['B', 'B', 'B', 'W', 'T', 'V'] as const;

export async function addLargeCounty(env: BenchEnv, app: INestApplication): Promise<void> {
  const rand = prng(20_000);
  const areas = (await env.db.query<{ name: string }>(`select name from area order by name`)).rows.map((r) => r.name);
  const levels = (await env.db.query<{ id: string }>(`select id from service_level order by rank`)).rows.map(
    (r) => r.id,
  );
  const providers: string[] = [];
  for (let i = 0; i < 400; i++) providers.push(crypto.randomUUID());
  await env.db.query(
    `insert into provider (id, name, area, ofsted_urn, ofsted_category, email, phone, vacancies_confirmed_at, version, created_at, updated_at)
     select id, 'Large provider ' || n, ($2::text[])[1 + (n % array_length($2::text[], 1))], null, null, null, null, now(), 1, now(), now()
       from unnest($1::uuid[]) with ordinality as t(id, n)`,
    [providers, areas],
  );
  await env.db.query(
    `insert into bed (id, provider_id, service_level_id, label, status, min_age, max_age, gender, step_free, pets_allowed, accepts_fire_risk,
                      accepts_sexual_harm_risk, uasc_specialist, under18only, over18only, out_of_service_reason, available_from, version, created_at, updated_at)
     select gen_random_uuid(), ($1::uuid[])[1 + (n % 400)], ($2::uuid[])[1 + (n % array_length($2::uuid[], 1))], 'Room ' || n,
            (array['available', 'occupied', 'occupied', 'occupied', 'out_of_service'])[1 + (n % 5)],
            case when n % 3 = 0 then 16 else 18 end, 25, 'any', n % 4 = 0, n % 10 = 0, n % 5 = 0, n % 10 = 0, n % 10 = 0, false, false,
            case when n % 5 = 4 then 'Repairs' end, case when n % 5 = 4 then date '2027-01-01' end, 1, now(), now()
       from generate_series(1, $3::int) n`,
    [providers, levels, BEDS],
  );
  const pas = await env.db.query<AuthUser & { area: string | null }>(
    `select id, email, name, role, area from app_user where role = 'pa' and active order by email`,
  );
  const existing = Number((await env.db.query<{ n: string }>(`select count(*) as n from young_person`)).rows[0].n);
  await env.db.query(
    `insert into young_person (id, reference, first_name, last_name, date_of_birth, gender, legal_status, uasc, pa_user_id, home_area, areas_to_avoid,
                               needs_service_level_rank, step_free_needed, has_pet, pregnant_or_parent, risks, version, created_at, updated_at)
     select gen_random_uuid(), 'LG-' || lpad(n::text, 6, '0'), 'Young', 'Person ' || n, date '2001-01-01' + (n % 3000), case when n % 2 = 0 then 'female' else 'male' end,
            'former_relevant', false, ($1::uuid[])[1 + (n % array_length($1::uuid[], 1))], ($2::text[])[1 + (n % array_length($2::text[], 1))], '[]',
            null, false, false, false, '[]', 1, now(), now()
       from generate_series(1, $3::int) n`,
    [pas.rows.map((p) => p.id), areas, Math.max(0, PEOPLE - existing)],
  );
  await recordLiveStays(env, app, pas.rows, rand);
}

/** LIVE young people into unsuitable places, through StaysService as their PA records it. */
async function recordLiveStays(
  env: BenchEnv,
  app: INestApplication,
  pas: AuthUser[],
  rand: () => number,
): Promise<void> {
  const stays = app.get(StaysService);
  const people = await env.db.query<{ id: string; pa_user_id: string }>(
    `select id, pa_user_id from young_person where reference like 'LG-%' order by reference limit $1`,
    [LIVE],
  );
  const byId = new Map(pas.map((p) => [p.id, { ...p, role: 'pa' as const, area: p.area ?? null }]));
  const now = Date.now();
  for (const p of people.rows) {
    const code = UNSUITABLE[Math.floor(rand() * UNSUITABLE.length)];
    await stays.record(byId.get(p.pa_user_id)!, {
      youngPersonId: p.id,
      accommodationCode: code,
      description: code === 'B' ? 'Hotel' : undefined,
      startedAt: new Date(now - (24 + rand() * 19 * 24) * 3600_000).toISOString(),
    });
  }
}
