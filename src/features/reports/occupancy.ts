import { invalidField } from '../../kernel/errors';
import {
  BedNights,
  MAX_NIGHTS,
  OccupancyReport,
  OccupancyRow,
  RequestFigures,
  UnsuitableNights,
} from './occupancy.dto';

/**
 * Occupancy and sufficiency as pure functions of the figures `occupancy.queries.ts` reads: the
 * range checked, bed nights summed per service level and area, request and unsuitable-night
 * figures shaped for the report.
 */

export const NIGHT_DEFINITION =
  'A night is a calendar date D from `from` up to (not including) `to`. The night of D is observed at 00:00 Europe/London at its end ' +
  '(the midnight between D and D+1): a bed counts by its status at that instant (its creation, then every audited status change up to and ' +
  'including that instant), and a young person counts towards unsuitable nights when a stay recorded as unsuitable is open at that instant, ' +
  'in the age band of their age on D. Requests count by the Europe/London calendar day of createdAt, placedAt or withdrawnAt. ' +
  'Only nights already over are counted: a range reaching today or later counts the nights before today (Europe/London) and says so ' +
  '(`countedUntil`, `nightsCounted`), and its request figures stop at the time of the report (`asOf`); a range wholly in the future counts nothing.';

/** Bed nights of one status, for the beds of one service level in one area. */
export interface SpanRow {
  service_level_id: string;
  code: string;
  name: string;
  rank: number;
  area: string;
  status: string;
  nights: string;
}

export interface RequestFiguresRow {
  raised: string;
  placed: string;
  withdrawn: string;
  waiting: string;
  median: string | null;
  max: string | null;
}

/** Unsuitable nights in all, and those spent aged 16-17, 18-20 and 21-25. */
export interface AgeBandsRow {
  total: string | null;
  a16: string | null;
  a18: string | null;
  a21: string | null;
}

/** The number of nights from `from` up to (not including) `to`; refuses an empty or over-long range, naming `to`. */
export function nightsInRange(from: string, to: string): number {
  const nights = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86400_000);
  if (nights < 1) throw invalidField('to', `must be after from (${from})`);
  if (nights > MAX_NIGHTS)
    throw invalidField('to', `the range may cover at most ${MAX_NIGHTS} nights (from ${from} to ${to} is ${nights})`);
  return nights;
}

/**
 * Up to when a range's nights are counted on `today` (Europe/London): the night of D is over at the
 * midnight that ends it, so the nights before today are counted; `date` is excluded, as `to` is.
 */
export function countedUntil(from: string, to: string, today: string): { date: string; nights: number } {
  const date = to <= today ? to : today < from ? from : today;
  return { date, nights: date === from ? 0 : nightsInRange(from, date) };
}

/** occupied / (total − out of service), 3 decimals; null when no bed was in service. */
export function occupancyRate(b: Omit<BedNights, 'occupancyRate'>): number | null {
  const inService = b.total - b.outOfService;
  return inService > 0 ? Math.round((b.occupied / inService) * 1000) / 1000 : null;
}

const blank = (): BedNights => ({ available: 0, held: 0, occupied: 0, outOfService: 0, total: 0, occupancyRate: null });
const FIELDS: Record<string, keyof Omit<BedNights, 'total' | 'occupancyRate'>> = {
  available: 'available',
  held: 'held',
  occupied: 'occupied',
  out_of_service: 'outOfService',
};

/** Bed nights per service level and area, in the order the spans come (rank order), and their totals. */
export function bedNights(spans: SpanRow[]): { items: OccupancyRow[]; totals: BedNights } {
  const rows = new Map<string, OccupancyRow>();
  const totals = blank();
  for (const r of spans) {
    const row = rowOf(rows, r);
    const field = FIELDS[r.status];
    if (!field) continue;
    const n = Number(r.nights);
    row.bedNights[field] += n;
    row.bedNights.total += n;
    totals[field] += n;
    totals.total += n;
  }
  const items = [...rows.values()];
  for (const row of items) row.bedNights.occupancyRate = occupancyRate(row.bedNights);
  totals.occupancyRate = occupancyRate(totals);
  return { items, totals };
}

function rowOf(rows: Map<string, OccupancyRow>, r: SpanRow): OccupancyRow {
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
  return row;
}

const hours1 = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v) * 10) / 10);

export function requestFigures(row: RequestFiguresRow | undefined): RequestFigures {
  return {
    raised: Number(row?.raised ?? 0),
    placed: Number(row?.placed ?? 0),
    withdrawn: Number(row?.withdrawn ?? 0),
    waitingAtEnd: Number(row?.waiting ?? 0),
    waitHours: { median: hours1(row?.median), max: hours1(row?.max) },
  };
}

/** The age bands of the unsuitable nights; `other` is what is left (under 16, or 26 and over). */
export function unsuitableNights(row: AgeBandsRow | undefined): UnsuitableNights {
  const a16 = Number(row?.a16 ?? 0);
  const a18 = Number(row?.a18 ?? 0);
  const a21 = Number(row?.a21 ?? 0);
  const total = Number(row?.total ?? 0);
  return {
    total,
    byAgeBand: [
      { band: '16-17', nights: a16 },
      { band: '18-20', nights: a18 },
      { band: '21-25', nights: a21 },
      { band: 'other', nights: total - a16 - a18 - a21 },
    ],
  };
}

/** The report, its parts assembled in the order the API has always answered them. */
export function occupancyReport(
  range: { from: string; to: string; nights: number; countedUntil: string; nightsCounted: number },
  beds: { items: OccupancyRow[]; totals: BedNights },
  requests: RequestFigures,
  unsuitable: UnsuitableNights,
  asOf: Date,
): OccupancyReport {
  return {
    from: range.from,
    to: range.to,
    nights: range.nights,
    countedUntil: range.countedUntil,
    nightsCounted: range.nightsCounted,
    definition: NIGHT_DEFINITION,
    items: beds.items,
    total: beds.items.length,
    totals: beds.totals,
    requests,
    unsuitableNights: unsuitable,
    asOf: asOf.toISOString(),
  };
}
