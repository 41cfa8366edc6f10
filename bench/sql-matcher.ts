/**
 * The baseline the in-memory matcher is measured against (issue 14): the same request answered
 * with the same hard rules as ONE SQL query over bed, service_level and provider — every bed's
 * broken rules as a bit mask in HARD_RULES order, the counts, and the first page of candidates and
 * of excluded beds. The parameters are the kernel's own preparation of the person and request
 * (prepareForRules), so both sides judge the same age, move-in date, flags and areas.
 * Ranking here is simpler than the kernel's soft scoring (preferred area, closeness of rank, level
 * rank, id): the baseline is about reading and judging every bed, which is what the cache saves.
 */
import type { Client } from 'pg';
import { ACCOMMODATION, type AccommodationCode } from '../src/kernel/accommodation';
import { HARD_RULES, type MatchPerson, type MatchRequest } from '../src/kernel/matching';
import { prepareForRules } from '../src/kernel/matching-prepare';

const bitOf = (rule: (typeof HARD_RULES)[number]) => 1 << HARD_RULES.indexOf(rule);

const SQL = `
with m as materialized (
  select b.id, l.rank, lower(trim(pr.area)) as area,
         (case when $1::int < b.min_age or $1::int > b.max_age then ${bitOf('age_range_bed')} else 0 end)
       | (case when $1::int < l.min_age or $1::int > l.max_age then ${bitOf('age_range_level')} else 0 end)
       | (case when $2::bool and coalesce(trim(pr.ofsted_urn), '') = '' then ${bitOf('ofsted_registration')} else 0 end)
       | (case when $2::bool and l.accommodation_code = any($3::text[]) then ${bitOf('unsuitable_for_under_18')} else 0 end)
       | (case when l.accommodation_code = any($4::text[]) then ${bitOf('never_placeable')} else 0 end)
       | (case when b.under18only and not $2::bool then ${bitOf('under_18_only')} else 0 end)
       | (case when b.over18only and $2::bool then ${bitOf('over_18_only')} else 0 end)
       | (case when b.gender <> 'any' and b.gender <> $5::text then ${bitOf('gender')} else 0 end)
       | (case when $6::bool and not b.accepts_fire_risk then ${bitOf('fire_risk')} else 0 end)
       | (case when $7::bool and not b.accepts_sexual_harm_risk then ${bitOf('sexual_harm_risk')} else 0 end)
       | (case when $8::bool and not b.step_free then ${bitOf('step_free')} else 0 end)
       | (case when $9::bool and not b.pets_allowed then ${bitOf('pets')} else 0 end)
       | (case when b.status <> 'available' or (b.available_from is not null and b.available_from > $10::date) then ${bitOf('availability')} else 0 end)
       | (case when lower(trim(pr.area)) = any($11::text[]) then ${bitOf('area_to_avoid')} else 0 end)
       | (case when $12::uuid[] is not null and not (l.id = any($12::uuid[])) then ${bitOf('service_level_not_requested')} else 0 end)
         as mask
    from bed b join service_level l on l.id = b.service_level_id join provider pr on pr.id = b.provider_id)
select (select count(*) from m where mask = 0)::int as candidates_total,
       (select count(*) from m where mask <> 0)::int as excluded_total,
       (select coalesce(json_agg(id), '[]') from (
          select id from m where mask = 0
           order by (area = any($13::text[])) desc, abs(rank - coalesce($14::int, rank)), rank, id limit 50) c) as candidates,
       (select coalesce(json_agg(json_build_object('id', id, 'mask', mask)), '[]') from (
          select id, mask from m where mask <> 0 order by id limit 50) e) as excluded,
       (select coalesce(json_agg(id), '[]') from m where mask = 0) as all_candidates`;

export interface SqlAnswer {
  candidatesTotal: number;
  excludedTotal: number;
  candidates: string[];
  excluded: { id: string; mask: number }[];
  /** Every candidate's id: for the bench's check that both sides apply the same rules (not timed). */
  allCandidates?: string[];
}

/** The one-query answer. `withAll` adds every candidate's id (the check); timed runs leave it out. */
export async function sqlMatch(
  db: Client,
  person: MatchPerson,
  request: MatchRequest,
  today: string,
  withAll = false,
): Promise<SqlAnswer> {
  const p = prepareForRules(person, request, today);
  const codes = (pick: (k: (typeof ACCOMMODATION)[AccommodationCode]) => boolean) =>
    (Object.keys(ACCOMMODATION) as AccommodationCode[]).filter((c) => pick(ACCOMMODATION[c]));
  const sql = withAll
    ? SQL
    : SQL.replace(/,\s*\(select coalesce\(json_agg\(id\), '\[\]'\) from m where mask = 0\) as all_candidates/, '');
  const { rows } = await db.query<{
    candidates_total: number;
    excluded_total: number;
    candidates: string[];
    excluded: { id: string; mask: number }[];
    all_candidates?: string[];
  }>(sql, [
    p.age,
    p.under18,
    codes((k) => k.neverSuitableUnder18),
    codes((k) => k.notAPlacement),
    p.gender,
    p.fire,
    p.sexualHarm,
    p.stepFree,
    p.pet,
    p.moveIn,
    [...p.avoid],
    p.levels ? [...p.levels] : null,
    [...p.preferred],
    p.needsRank,
  ]);
  const r = rows[0];
  return {
    candidatesTotal: r.candidates_total,
    excludedTotal: r.excluded_total,
    candidates: r.candidates,
    excluded: r.excluded,
    allCandidates: r.all_candidates,
  };
}
