/**
 * The vacancy board page: the filter form read from the address (the "Free on" date from GOV.UK's
 * three boxes), and the board as three GOV.UK tables (pathway placements, hotels and B&B,
 * emergency beds) with stale providers tagged. Shaping only: the counting is the kernel's.
 */
import type { FieldError } from '../../kernel/errors';
import { SUPPLY_GROUPS, type SupplyGroup } from '../../kernel/vacancy-board';
import type { FreeCountsView, VacanciesView } from '../../features/inventory/inventory.dto';
import { composeDate, dateItems, type DatePart, type DateParts } from './alert.presenter.form';
import { ukDate } from './format';

export const VACANCY_FIELDS = {
  area: 'Area',
  serviceLevelId: 'Service level',
  ageBand: 'Age',
  uasc: 'UASC specialist beds only',
  freeOn: 'Free on',
};

export interface VacancyFilters {
  area: string;
  serviceLevelId: string;
  ageBand: string;
  uasc: boolean;
  freeOn: DateParts;
}

const text = (q: Record<string, unknown>, name: string) => {
  const v = q[name];
  return typeof v === 'string' ? v.trim() : '';
};

/** The filters as the address gives them; anything missing is empty. */
export function readVacancyFilters(q: Record<string, unknown>): VacancyFilters {
  return {
    area: text(q, 'area'),
    serviceLevelId: text(q, 'serviceLevelId'),
    ageBand: text(q, 'ageBand'),
    uasc: text(q, 'uasc') === 'true',
    freeOn: { day: text(q, 'freeOn-day'), month: text(q, 'freeOn-month'), year: text(q, 'freeOn-year') },
  };
}

/**
 * The API's query for these filters (checked by its DTO afterwards), or the date's GOV.UK message
 * and the boxes at fault. No date at all is today.
 */
export function vacancyQuery(f: VacancyFilters): {
  query: Record<string, string>;
  errors: FieldError[];
  faulty: DatePart[];
} {
  const query: Record<string, string> = {};
  if (f.area) query.area = f.area;
  if (f.serviceLevelId) query.serviceLevelId = f.serviceLevelId;
  if (f.ageBand) query.ageBand = f.ageBand;
  if (f.uasc) query.uasc = 'true';
  const { day, month, year } = f.freeOn;
  if (!day && !month && !year) return { query, errors: [], faulty: [] };
  const date = composeDate(f.freeOn, 'Free on date');
  if (date.error)
    return { query, errors: [{ field: 'freeOn', message: date.error.message }], faulty: date.error.parts };
  query.freeOn = date.value;
  return { query, errors: [], faulty: [] };
}

/** The service's message about the date, as the form says it. */
export function vacancyMessage(e: FieldError): FieldError {
  if (e.field === 'freeOn')
    return {
      field: 'freeOn',
      message: e.message.startsWith('must be today')
        ? `Free on date must be today or in the future`
        : 'Free on date must be a real date',
    };
  if (e.field === 'area') return { field: 'area', message: 'Choose an area from the list' };
  if (e.field === 'serviceLevelId') return { field: 'serviceLevelId', message: 'Choose a service level from the list' };
  if (e.field === 'ageBand') return { field: 'ageBand', message: 'Choose an age band from the list' };
  return e;
}

export const GROUP_HEADINGS: Record<SupplyGroup, { title: string; note: string }> = {
  pathway: { title: 'Placements on the pathway', note: 'Supported accommodation: the supply to place from.' },
  hotel: {
    title: 'Hotels and B&B',
    note: 'Never suitable for 16 and 17 year olds; at most two working days for adults.',
  },
  emergency: { title: 'Emergency and crash beds', note: 'Emergency provision: the escalation clock runs there.' },
};

export interface BoardLine {
  level: string;
  area: string;
  providers: { name: string; stale: boolean }[];
  stale: boolean;
  free: number;
  age16To17: number;
  age18Plus: number;
  uasc: number;
  held: number;
  occupied: number;
  outOfService: number;
}
export interface BoardSection {
  group: SupplyGroup;
  title: string;
  note: string;
  totals: FreeCountsView;
  lines: BoardLine[];
}
export interface PresentedBoard {
  freeOnText: string;
  isToday: boolean;
  sections: BoardSection[];
  staleProviders: { name: string; area: string; confirmed: string }[];
}

/** The board as the page shows it: a section per supply group (all three, so an empty one says so). */
export function presentVacancyBoard(view: VacanciesView, today: string): PresentedBoard {
  return {
    freeOnText: ukDate(view.freeOn),
    isToday: view.freeOn === today,
    sections: SUPPLY_GROUPS.map((group) => ({
      group,
      ...GROUP_HEADINGS[group],
      totals: view.totals[group],
      lines: view.items
        .filter((r) => r.group === group)
        .map((r) => ({
          level: r.serviceLevelName,
          area: r.area,
          providers: r.providers.map((p) => ({ name: p.name, stale: p.stale })),
          stale: r.stale,
          free: r.freeOn.free,
          age16To17: r.freeOn.age16To17,
          age18Plus: r.freeOn.age18Plus,
          uasc: r.freeOn.uasc,
          held: r.held,
          occupied: r.occupied,
          outOfService: r.outOfService,
        })),
    })),
    staleProviders: view.staleProviders.map((p) => ({
      name: p.name,
      area: p.area,
      confirmed: p.vacanciesConfirmedAt ? `Last confirmed ${ukDate(p.vacanciesConfirmedAt)}` : 'Never confirmed',
    })),
  };
}

/** Select items: "Any" first, the chosen one selected. */
export function selectItems(options: { value: string; text: string }[], chosen: string, any: string) {
  return [{ value: '', text: any }, ...options].map((o) => ({ ...o, selected: o.value === chosen }));
}

export const AGE_BAND_OPTIONS = [
  { value: '16-17', text: '16 and 17' },
  { value: '18-plus', text: '18 and over' },
];

/** The date boxes of the "Free on" input. */
export const freeOnItems = (f: VacancyFilters, faulty: DatePart[]) => dateItems(f.freeOn, faulty);
