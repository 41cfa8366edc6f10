import type { Bed, Provider, ServiceLevel } from './inventory.entities';
import type { AuditHistoryEntry } from '../audit/audit.service';
import { BED_STATUSES, type BedStatus } from '../../kernel/inventory';
import type { BedHistoryEntry, BedView, ProviderView, ServiceLevelView } from './inventory.dto';

export function toServiceLevelView(s: ServiceLevel): ServiceLevelView {
  return {
    id: s.id,
    code: s.code,
    name: s.name,
    rank: s.rank,
    minAge: s.minAge,
    maxAge: s.maxAge,
    supportHoursMin: s.supportHoursMin,
    supportHoursMax: s.supportHoursMax,
    emergency: s.emergency,
    accommodationCode: s.accommodationCode,
    suitable: s.suitable,
    version: s.version,
  };
}

/** Stale: vacancies never confirmed, or confirmed longer ago than the configured period. */
export function isStale(confirmedAt: Date | null | undefined, now: Date, staleAfterMs: number): boolean {
  return !confirmedAt || now.getTime() - confirmedAt.getTime() > staleAfterMs;
}

export function toProviderView(p: Provider, now: Date, staleAfterMs: number): ProviderView {
  return {
    id: p.id,
    name: p.name,
    area: p.area,
    ofstedUrn: p.ofstedUrn ?? null,
    ofstedCategory: p.ofstedCategory ?? null,
    email: p.email ?? null,
    phone: p.phone ?? null,
    vacanciesConfirmedAt: p.vacanciesConfirmedAt ? p.vacanciesConfirmedAt.toISOString() : null,
    stale: isStale(p.vacanciesConfirmedAt, now, staleAfterMs),
    version: p.version,
  };
}

export function toBedView(b: Bed): BedView {
  return {
    id: b.id,
    providerId: b.providerId,
    serviceLevelId: b.serviceLevelId,
    label: b.label,
    status: b.status,
    minAge: b.minAge,
    maxAge: b.maxAge,
    gender: b.gender,
    stepFree: b.stepFree,
    petsAllowed: b.petsAllowed,
    acceptsFireRisk: b.acceptsFireRisk,
    acceptsSexualHarmRisk: b.acceptsSexualHarmRisk,
    uascSpecialist: b.uascSpecialist,
    under18Only: b.under18Only,
    over18Only: b.over18Only,
    outOfServiceReason: b.outOfServiceReason ?? null,
    availableFrom: b.availableFrom ?? null,
    version: b.version,
  };
}

/** The audited shape of each record (what `changes` diffs). */
export const serviceLevelSnapshot = (s: ServiceLevel) => {
  const { version: _v, ...rest } = toServiceLevelView(s);
  return rest;
};
export const providerSnapshot = (p: Provider) => ({
  name: p.name,
  area: p.area,
  ofstedUrn: p.ofstedUrn ?? null,
  ofstedCategory: p.ofstedCategory ?? null,
  email: p.email ?? null,
  phone: p.phone ?? null,
});
export const bedSnapshot = (b: Bed) => {
  const { version: _v, ...rest } = toBedView(b);
  return rest;
};

/** A change's new value: `{from, to}` in an edit's diff, the value itself in a new bed's snapshot. */
function changed(changes: Record<string, unknown>, key: string): { from: unknown; to: unknown } | null {
  if (!(key in changes)) return null;
  const v = changes[key];
  if (v && typeof v === 'object' && 'to' in v) return v as { from: unknown; to: unknown };
  return { from: null, to: v };
}

const asStatus = (v: unknown): BedStatus | null =>
  typeof v === 'string' && (BED_STATUSES as readonly string[]).includes(v) ? (v as BedStatus) : null;
const asText = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

/**
 * One audit event of a bed as its history shows it: the status it left and took (if it changed),
 * the reason and expected return given when it went out of service, who acted (by name).
 */
export function toBedHistoryEntry(e: AuditHistoryEntry): BedHistoryEntry {
  const status = changed(e.changes, 'status');
  const out = asStatus(status?.to) === 'out_of_service';
  return {
    id: e.id,
    at: e.at,
    action: e.action,
    byUserId: e.actorUserId,
    byName: e.actorName,
    statusFrom: asStatus(status?.from),
    statusTo: asStatus(status?.to),
    reason: out ? asText(changed(e.changes, 'outOfServiceReason')?.to) : null,
    availableFrom: out ? asText(changed(e.changes, 'availableFrom')?.to) : null,
  };
}
