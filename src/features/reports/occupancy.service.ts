import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { CLOCK, Clock } from '../../platform/clock';
import { invalidField } from '../../kernel/errors';
import { BedNights, MAX_NIGHTS, OccupancyQuery, OccupancyReport } from './occupancy.dto';
import { londonDayStart } from '../../kernel/dates';
import { type AuthUser } from '../../kernel/roles';

export const NIGHT_DEFINITION =
  'A night is a calendar date D from `from` up to (not including) `to`. The night of D is observed at 00:00 Europe/London at its end ' +
  '(the midnight between D and D+1): a bed counts by its status at that instant (its creation, then every audited status change up to and ' +
  'including that instant), and a young person counts towards unsuitable nights when a stay recorded as unsuitable is open at that instant, ' +
  'in the age band of their age on D. Requests count by the Europe/London calendar day of createdAt, placedAt or withdrawnAt.';

/** `t` as a Europe/London date, rounded up to the next date unless it is exactly midnight: the first night whose observation instant is at or after `t`, plus one. */
const ceilDate = (col: string) =>
  `(case when (${col} at time zone 'Europe/London') = date_trunc('day', ${col} at time zone 'Europe/London') then (${col} at time zone 'Europe/London')::date else (${col} at time zone 'Europe/London')::date + 1 end)`;

const days = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86400_000);
const rate = (b: Omit<BedNights, 'occupancyRate'>) => {
  const inService = b.total - b.outOfService;
  return inService > 0 ? Math.round((b.occupied / inService) * 1000) / 1000 : null;
};
const hours1 = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v) * 10) / 10);

interface SpanRow {
  service_level_id: string;
  code: string;
  name: string;
  rank: number;
  area: string;
  status: string;
  nights: string;
}

/**
 * Occupancy and sufficiency over a range of nights, read from the tables the service writes: bed
 * status from each bed's creation and its audited status changes (audit_event, entity Bed,
 * `changes.status = {from, to}`), requests from placement_request, unsuitable nights from stay.
 * Admin, housing officers and managers see the whole county (as they do the records it is built from).
 */
@Injectable()
export class OccupancyService {
  constructor(
    private readonly em: EntityManager,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async report(_user: AuthUser, q: OccupancyQuery): Promise<OccupancyReport> {
    const nights = days(q.from, q.to);
    if (nights < 1) throw invalidField('to', `must be after from (${q.from})`);
    if (nights > MAX_NIGHTS)
      throw invalidField(
        'to',
        `the range may cover at most ${MAX_NIGHTS} nights (from ${q.from} to ${q.to} is ${nights})`,
      );
    const em = this.em.fork();
    const lastSnap = londonDayStart(q.to); // observation instant of the last night (to - 1)
    const firstSnap = londonDayStart(q.from, 1);

    const spans = await em.execute<SpanRow[]>(
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
      [lastSnap, firstSnap, firstSnap, lastSnap, q.to, q.to, q.from],
    );

    const rows = new Map<string, OccupancyReport['items'][number]>();
    const blank = () => ({
      available: 0,
      held: 0,
      occupied: 0,
      outOfService: 0,
      total: 0,
      occupancyRate: null as number | null,
    });
    const totals = blank();
    for (const r of spans) {
      const key = `${r.service_level_id}\u0000${r.area}`;
      let row = rows.get(key);
      if (!row) {
        row = {
          serviceLevelId: r.service_level_id,
          serviceLevelCode: r.code,
          serviceLevelName: r.name,
          rank: Number(r.rank),
          area: r.area,
          bedNights: blank(),
        };
        rows.set(key, row);
      }
      const n = Number(r.nights);
      const field = r.status === 'out_of_service' ? 'outOfService' : (r.status as 'available' | 'held' | 'occupied');
      if (!['available', 'held', 'occupied', 'outOfService'].includes(field)) continue;
      row.bedNights[field] += n;
      row.bedNights.total += n;
      totals[field] += n;
      totals.total += n;
    }
    const items = [...rows.values()];
    for (const row of items) row.bedNights.occupancyRate = rate(row.bedNights);
    totals.occupancyRate = rate(totals);

    const fromInstant = londonDayStart(q.from);
    const toInstant = londonDayStart(q.to);
    const [req] = await em.execute<
      {
        raised: string;
        placed: string;
        withdrawn: string;
        waiting: string;
        median: string | null;
        max: string | null;
      }[]
    >(
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
        fromInstant,
        toInstant,
        fromInstant,
        toInstant,
        fromInstant,
        toInstant,
        toInstant,
        toInstant,
        toInstant,
        fromInstant,
        toInstant,
        fromInstant,
        toInstant,
        toInstant,
        fromInstant,
        fromInstant,
      ],
    );

    // Nights per stay (clipped to the range), split at the 16th, 18th, 21st and 26th birthdays (a 29 February birthday falls on 1 March).
    const birthday = (n: number) => `(((y.date_of_birth - 1) + interval '${n} years')::date + 1)`;
    const [bands] = await em.execute<
      { total: string | null; a16: string | null; a18: string | null; a21: string | null }[]
    >(
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
      [q.from, q.to, q.to, lastSnap, firstSnap],
    );
    const a16 = Number(bands?.a16 ?? 0);
    const a18 = Number(bands?.a18 ?? 0);
    const a21 = Number(bands?.a21 ?? 0);
    const total = Number(bands?.total ?? 0);
    const byAgeBand = [
      { band: '16-17', nights: a16 },
      { band: '18-20', nights: a18 },
      { band: '21-25', nights: a21 },
      { band: 'other', nights: total - a16 - a18 - a21 },
    ];

    return {
      from: q.from,
      to: q.to,
      nights,
      definition: NIGHT_DEFINITION,
      items,
      total: items.length,
      totals,
      requests: {
        raised: Number(req?.raised ?? 0),
        placed: Number(req?.placed ?? 0),
        withdrawn: Number(req?.withdrawn ?? 0),
        waitingAtEnd: Number(req?.waiting ?? 0),
        waitHours: { median: hours1(req?.median), max: hours1(req?.max) },
      },
      unsuitableNights: { total, byAgeBand },
      asOf: this.clock.now().toISOString(),
    };
  }
}
