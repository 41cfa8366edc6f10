/**
 * The providers list and a provider's page: rows of the GOV.UK table (beds counted, the last
 * confirmation with a "Stale" tag), the provider's contacts and Ofsted registration as a summary
 * list, its beds, its vacancy confirmations (note, who by name, when). Shaping only.
 */
import type { BedView, ProviderView, VacancyConfirmationRecord } from '../../features/inventory/inventory.dto';
import type { FieldError } from '../../kernel/errors';
import { ukDate, ukDateTime, words } from './format';
import { bedStatusTag, type Tag } from './beds.presenter';

export const PROVIDER_FILTER_FIELDS = { area: 'Area', stale: 'Vacancies', page: 'Page' };
export const CONFIRM_FIELDS = { note: 'Note' };

export interface ProviderLine {
  href: string;
  name: string;
  area: string;
  beds: number;
  confirmed: string;
  stale: boolean;
}

/** "Last confirmed" as the table says it. */
export const confirmedText = (at: string | null) => (at ? ukDateTime(at) : 'Never confirmed');

export function presentProviderLines(items: ProviderView[], beds: Record<string, number>): ProviderLine[] {
  return items.map((p) => ({
    href: `/providers/${p.id}`,
    name: p.name,
    area: p.area,
    beds: beds[p.id] ?? 0,
    confirmed: confirmedText(p.vacanciesConfirmedAt),
    stale: p.stale,
  }));
}

/** The "Vacancies" filter: any, stale only, or confirmed recently. */
export function staleItems(chosen: string) {
  return [
    { value: '', text: 'Any' },
    { value: 'true', text: 'Stale (not confirmed recently)' },
    { value: 'false', text: 'Confirmed recently' },
  ].map((o) => ({ ...o, selected: o.value === chosen }));
}

/** The DTO's messages about the filters as the form says them. */
export function providerFilterMessage(e: FieldError): FieldError {
  if (e.field === 'stale') return { field: 'stale', message: 'Choose whether to show stale providers from the list' };
  if (e.field === 'area') return { field: 'area', message: 'Choose an area from the list' };
  return e;
}

export interface SummaryRow {
  key: { text: string };
  value: { text: string };
}
const row = (key: string, value: string | null): SummaryRow => ({
  key: { text: key },
  value: { text: value || 'Not recorded' },
});

export interface ProviderPageView {
  name: string;
  stale: boolean;
  details: SummaryRow[];
  beds: { href: string; label: string; level: string; status: Tag }[];
  confirmations: { when: string; by: string; note: string }[];
  confirmationsTotal: number;
}

export function presentProvider(
  p: ProviderView,
  beds: BedView[],
  levels: Record<string, string>,
  confirmations: VacancyConfirmationRecord[],
  confirmationsTotal: number,
): ProviderPageView {
  return {
    name: p.name,
    stale: p.stale,
    details: [
      row('Area', p.area),
      row('Email', p.email),
      row('Phone', p.phone),
      row('Ofsted URN', p.ofstedUrn),
      row('Ofsted category', p.ofstedCategory ? capital(words(p.ofstedCategory)) : 'Not registered'),
      row('Vacancies last confirmed', confirmedText(p.vacanciesConfirmedAt)),
    ],
    beds: beds.map((b) => ({
      href: `/beds/${b.id}`,
      label: b.label,
      level: levels[b.serviceLevelId] ?? 'Unknown service level',
      status: bedStatusTag(b.status),
    })),
    confirmations: confirmations.map((c) => ({
      when: ukDateTime(c.confirmedAt),
      by: c.confirmedByName ?? 'Unknown',
      note: c.note ?? '',
    })),
    confirmationsTotal,
  };
}

/** The banner after vacancies are confirmed. */
export const confirmedBanner = (at: Date) => `Vacancies confirmed on ${ukDate(at)}`;

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
