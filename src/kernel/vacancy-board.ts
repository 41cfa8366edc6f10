/**
 * The vacancy board: which beds are free on a day, for whom (16-17, 18+, UASC), and what kind of
 * supply they are (a placement on the pathway, a B&B / hotel room, an emergency / crash bed).
 * Plain data in, counts out; the kinds come from the accommodation table, never restated here.
 */
import { ACCOMMODATION, type AccommodationCode } from './accommodation';
import { type BedStatus } from './inventory';

/** Pathway beds are real placements; hotels / B&B and emergency beds are counted apart from them. */
export const SUPPLY_GROUPS = ['pathway', 'hotel', 'emergency'] as const;
export type SupplyGroup = (typeof SUPPLY_GROUPS)[number];

/** The age bands of the board (`18-plus`, not `18+`: a `+` in a query string is a space). */
export const AGE_BANDS = ['16-17', '18-plus'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export interface BoardLevel {
  id: string;
  name: string;
  rank: number;
  minAge: number;
  maxAge: number;
  emergency: boolean;
  accommodationCode: AccommodationCode;
}
export interface BoardProvider {
  id: string;
  name: string;
  area: string;
  ofstedUrn: string | null;
  /** Vacancies not confirmed within the stale period. */
  stale: boolean;
  vacanciesConfirmedAt: string | null;
}
export interface BoardBed {
  id: string;
  status: BedStatus;
  minAge: number;
  maxAge: number;
  under18Only: boolean;
  over18Only: boolean;
  uascSpecialist: boolean;
  /** For an out-of-service bed its expected return; for an available one the date it is available from. */
  availableFrom: string | null;
  /** The live hold's end, for a held bed. */
  holdExpiresAt: Date | null;
  /** A planned move-in into this bed (a hold's planned date), when there is one. */
  plannedMoveIn: string | null;
  level: BoardLevel;
  provider: BoardProvider;
}

/** Which part of the board a service level's beds go on: by its SSDA903 code's kind and its emergency flag. */
export function supplyGroup(level: Pick<BoardLevel, 'accommodationCode' | 'emergency'>): SupplyGroup {
  const kind = ACCOMMODATION[level.accommodationCode];
  if (kind.bedAndBreakfast) return 'hotel';
  if (level.emergency || kind.emergency) return 'emergency';
  return 'pathway';
}

const overlaps = (lo: number, hi: number, min: number, max: number) => Math.max(lo, min) <= Math.min(hi, max);

/**
 * Whether a bed takes someone of the band at all, by the matcher's age-related hard rules: the
 * bed's and level's age ranges both reach into the band; for 16-17, not over-18s only, a provider
 * with an Ofsted URN and a level whose code is not never-suitable under 18; for 18+, not under-18s
 * only; never a level that is not a placement.
 */
export function acceptsBand(bed: BoardBed, band: AgeBand): boolean {
  const kind = ACCOMMODATION[bed.level.accommodationCode];
  if (kind.notAPlacement) return false;
  const [lo, hi] = band === '16-17' ? [16, 17] : [18, Number.POSITIVE_INFINITY];
  const lowest = Math.max(bed.minAge, bed.level.minAge);
  const highest = Math.min(bed.maxAge, bed.level.maxAge);
  if (!overlaps(lo, hi, lowest, highest)) return false;
  if (band === '16-17')
    return !bed.over18Only && !kind.neverSuitableUnder18 && !!(bed.provider.ofstedUrn && bed.provider.ofstedUrn.trim());
  return !bed.under18Only;
}

/**
 * When day `day` is looked at: the start of that London day, or now for today (a bed held an hour
 * ago is not free today, though it was at midnight).
 */
export function observedAt(day: string, today: string, now: Date, dayStart: (d: string) => Date): Date {
  return day === today ? now : dayStart(day);
}

/**
 * The counting rule. A bed is free on day `day` (today or later), observed at `at`, iff:
 * - it is not occupied (a stay has no planned end);
 * - no move-in is planned into it on or before `day`;
 * - held: its hold has ended by `at` (a hold still live then keeps it);
 * - out of service: its expected return is known, not overdue (on or after `today`) and on or
 *   before `day` (an overdue return is not counted until someone says when the bed is back);
 * - available or held: any `availableFrom` is on or before `day`.
 */
export function isFreeOn(bed: BoardBed, day: string, today: string, at: Date): boolean {
  if (bed.status === 'occupied') return false;
  if (bed.plannedMoveIn !== null && bed.plannedMoveIn <= day) return false;
  if (bed.status === 'out_of_service')
    return bed.availableFrom !== null && bed.availableFrom >= today && bed.availableFrom <= day;
  if (bed.status === 'held' && (bed.holdExpiresAt === null || bed.holdExpiresAt.getTime() > at.getTime())) return false;
  return bed.availableFrom === null || bed.availableFrom <= day;
}

export interface FreeCounts {
  /** Free beds of any age. */
  free: number;
  /** Free beds that take a 16- or 17-year-old. */
  age16To17: number;
  /** Free beds that take someone 18 or over. */
  age18Plus: number;
  /** Free beds with a UASC specialism. */
  uasc: number;
  /** Of the free beds, those of providers whose vacancies are stale. */
  fromStaleProviders: number;
}
export interface BoardRow {
  group: SupplyGroup;
  serviceLevelId: string;
  serviceLevelName: string;
  serviceLevelRank: number;
  area: string;
  providers: BoardProvider[];
  /** Some provider on the row has stale vacancies. */
  stale: boolean;
  available: number;
  held: number;
  occupied: number;
  outOfService: number;
  freeOn: FreeCounts;
}
export interface BoardFilter {
  ageBand?: AgeBand;
  uasc?: boolean;
  group?: SupplyGroup;
}
export interface Board {
  rows: BoardRow[];
  totals: Record<SupplyGroup, FreeCounts>;
}

const zero = (): FreeCounts => ({ free: 0, age16To17: 0, age18Plus: 0, uasc: 0, fromStaleProviders: 0 });

/** Whether the board's filters keep a bed (area and service level are filtered before). */
export function keptBy(bed: BoardBed, f: BoardFilter): boolean {
  if (f.ageBand && !acceptsBand(bed, f.ageBand)) return false;
  if (f.uasc && !bed.uascSpecialist) return false;
  if (f.group && supplyGroup(bed.level) !== f.group) return false;
  return true;
}

/**
 * The board: one row per service level and area (most support first, then area), its beds by
 * status and its free beds on `day` by band; totals per supply group, never pathway and hotel
 * rooms added together.
 */
type BuildingRow = BoardRow & { providerIds: Set<string> };

function newRow(bed: BoardBed): BuildingRow {
  return {
    group: supplyGroup(bed.level),
    serviceLevelId: bed.level.id,
    serviceLevelName: bed.level.name,
    serviceLevelRank: bed.level.rank,
    area: bed.provider.area,
    providers: [],
    providerIds: new Set(),
    stale: false,
    available: 0,
    held: 0,
    occupied: 0,
    outOfService: 0,
    freeOn: zero(),
  };
}

/** Adds a bed to its row: its provider (once), its status, and whether it is free. */
function tally(row: BuildingRow, bed: BoardBed, free: boolean, total: FreeCounts): void {
  if (!row.providerIds.has(bed.provider.id)) {
    row.providerIds.add(bed.provider.id);
    row.providers.push(bed.provider);
    row.stale ||= bed.provider.stale;
  }
  if (bed.status === 'available') row.available++;
  else if (bed.status === 'held') row.held++;
  else if (bed.status === 'occupied') row.occupied++;
  else row.outOfService++;
  if (!free) return;
  for (const c of [row.freeOn, total]) {
    c.free++;
    if (acceptsBand(bed, '16-17')) c.age16To17++;
    if (acceptsBand(bed, '18-plus')) c.age18Plus++;
    if (bed.uascSpecialist) c.uasc++;
    if (bed.provider.stale) c.fromStaleProviders++;
  }
}

const rowOrder = (a: BoardRow, b: BoardRow) =>
  SUPPLY_GROUPS.indexOf(a.group) - SUPPLY_GROUPS.indexOf(b.group) ||
  a.serviceLevelRank - b.serviceLevelRank ||
  a.serviceLevelName.localeCompare(b.serviceLevelName) ||
  a.serviceLevelId.localeCompare(b.serviceLevelId) ||
  a.area.localeCompare(b.area);

export function vacancyBoard(
  beds: readonly BoardBed[],
  day: string,
  today: string,
  at: Date,
  f: BoardFilter = {},
): Board {
  const rows = new Map<string, BuildingRow>();
  const totals = { pathway: zero(), hotel: zero(), emergency: zero() };
  for (const bed of beds) {
    if (!keptBy(bed, f)) continue;
    const key = `${bed.level.id}|${bed.provider.area}`;
    let row = rows.get(key);
    if (!row) rows.set(key, (row = newRow(bed)));
    tally(row, bed, isFreeOn(bed, day, today, at), totals[row.group]);
  }
  const out = [...rows.values()].map(({ providerIds: _ids, ...row }) => ({
    ...row,
    providers: [...row.providers].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id)),
  }));
  return { rows: out.sort(rowOrder), totals };
}
