import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import type { AgeBandsRow, RequestFiguresRow, SpanRow } from './occupancy';

/** `t` as a Europe/London date, rounded up to the next date unless it is exactly midnight: the first night whose observation instant is at or after `t`, plus one. */
const ceilDate = (col: string) =>
  `(case when (${col} at time zone 'Europe/London') = date_trunc('day', ${col} at time zone 'Europe/London') then (${col} at time zone 'Europe/London')::date else (${col} at time zone 'Europe/London')::date + 1 end)`;

/** The day someone turns `n` (a 29 February birthday falls on 1 March). */
const birthday = (n: number) => `(((y.date_of_birth - 1) + interval '${n} years')::date + 1)`;

/**
 * The nights of the range: the dates `from` … `to - 1`, observed at `firstSnap` (00:00 Europe/London
 * after the first) … `lastSnap` (after the last).
 */
export interface NightRange {
  from: string;
  to: string;
  firstSnap: Date;
  lastSnap: Date;
}

/**
 * The occupancy report's reads: bed status from each bed's creation and its audited status changes
 * (audit_event, entity Bed, `changes.status = {from, to}`), requests from placement_request,
 * unsuitable nights from stay. Figures summed in PostgreSQL; plain rows out.
 */
@Injectable()
export class OccupancyQueries {
  constructor(private readonly uow: UnitOfWork) {}

  /** Bed nights by service level, area and status (rank order). */
  bedNightSpans(r: NightRange): Promise<SpanRow[]> {
    return this.uow.em.execute<SpanRow[]>(
      `with b as (
         select b.id, b.service_level_id, p.area, b.created_at, b.status as current_status
           from bed b join provider p on p.id = b.provider_id
          where b.created_at <= ?
       ),
       -- each bed's status at the first night's observation: its last change by then, else its status at creation
       initial as materialized (
         select b.id as bed_id, coalesce(pr.at, b.created_at) as s, coalesce(
           pr.s_to,
           (select a.changes->>'status' from audit_event a
             where a.entity = 'Bed' and a.entity_id = b.id and jsonb_typeof(a.changes->'status') = 'string' order by a.at, a.id limit 1),
           (select a.changes->'status'->>'from' from audit_event a
             where a.entity = 'Bed' and a.entity_id = b.id and jsonb_typeof(a.changes->'status') = 'object' order by a.at, a.id limit 1),
           b.current_status) as status
           from b left join lateral (
             select a.at, a.changes->'status'->>'to' as s_to from audit_event a
              where a.entity = 'Bed' and a.entity_id = b.id and jsonb_typeof(a.changes->'status') = 'object' and a.at <= ?
              order by a.at desc, a.id desc limit 1) pr on true
       ),
       -- the changes after that, up to the last night's observation
       ordered as materialized (
         select a.entity_id as bed_id, a.changes->'status'->>'to' as s_to, a.at,
                lead(a.at) over (partition by a.entity_id order by a.at, a.id) as next_at,
                row_number() over (partition by a.entity_id order by a.at, a.id) as n
           from audit_event a
          where a.entity = 'Bed' and jsonb_typeof(a.changes->'status') = 'object' and a.at > ? and a.at <= ?
            and a.entity_id in (select id from b)
       ),
       spans as (
         select i.bed_id, i.status, i.s, f.at as e from initial i left join ordered f on f.bed_id = i.bed_id and f.n = 1
         union all
         select o.bed_id, o.s_to, o.at, o.next_at from ordered o
       ),
       counted as (
         select sp.bed_id, sp.status,
                greatest(0, least(coalesce(${ceilDate('sp.e')} - 1, ?::date), ?::date) - greatest(${ceilDate('sp.s')} - 1, ?::date)) as nights
           from spans sp
       )
       select b.service_level_id, sl.code, sl.name, sl.rank, b.area, c.status, sum(c.nights) as nights
         from counted c join b on b.id = c.bed_id join service_level sl on sl.id = b.service_level_id
        where c.nights > 0
        group by b.service_level_id, sl.code, sl.name, sl.rank, b.area, c.status
        order by sl.rank, sl.code, b.area, c.status`,
      [r.lastSnap, r.firstSnap, r.firstSnap, r.lastSnap, r.to, r.to, r.from],
    );
  }

  /** Requests raised, placed and withdrawn in [fromInstant, toInstant), those still waiting at its end, and the wait of those placed. */
  async requestFigures(fromInstant: Date, toInstant: Date): Promise<RequestFiguresRow | undefined> {
    const inRange = [fromInstant, toInstant];
    const [row] = await this.uow.em.execute<RequestFiguresRow[]>(
      `select
         count(*) filter (where created_at >= ? and created_at < ?) as raised,
         count(*) filter (where placed_at >= ? and placed_at < ?) as placed,
         count(*) filter (where withdrawn_at >= ? and withdrawn_at < ?) as withdrawn,
         count(*) filter (where created_at < ? and (placed_at is null or placed_at >= ?) and (withdrawn_at is null or withdrawn_at >= ?)) as waiting,
         percentile_cont(0.5) within group (order by extract(epoch from placed_at - created_at) / 3600) filter (where placed_at >= ? and placed_at < ?) as median,
         max(extract(epoch from placed_at - created_at) / 3600) filter (where placed_at >= ? and placed_at < ?) as max
       from placement_request
      where created_at < ? and (placed_at is null or placed_at >= ? or created_at >= ?) `,
      [
        ...inRange,
        ...inRange,
        ...inRange,
        toInstant,
        toInstant,
        toInstant,
        ...inRange,
        ...inRange,
        toInstant,
        fromInstant,
        fromInstant,
      ],
    );
    return row;
  }

  /** Nights per unsuitable stay (clipped to the range), split at the 16th, 18th, 21st and 26th birthdays. */
  async unsuitableNightsByAge(r: NightRange): Promise<AgeBandsRow | undefined> {
    const [row] = await this.uow.em.execute<AgeBandsRow[]>(
      `with n as (
         select greatest(${ceilDate('s.started_at')} - 1, ?::date) as lo, least(coalesce(${ceilDate('s.ended_at')} - 1, ?::date), ?::date) as hi,
                ${birthday(16)} as b16, ${birthday(18)} as b18, ${birthday(21)} as b21, ${birthday(26)} as b26
           from stay s join young_person y on y.id = s.young_person_id
          where not s.suitable and s.started_at <= ? and (s.ended_at is null or s.ended_at > ?)
       )
       select sum(greatest(0, hi - lo)) as total,
              sum(greatest(0, least(hi, b18) - greatest(lo, b16))) as a16,
              sum(greatest(0, least(hi, b21) - greatest(lo, b18))) as a18,
              sum(greatest(0, least(hi, b26) - greatest(lo, b21))) as a21
         from n where hi > lo`,
      [r.from, r.to, r.to, r.lastSnap, r.firstSnap],
    );
    return row;
  }
}
