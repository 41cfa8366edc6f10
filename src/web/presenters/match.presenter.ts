/**
 * The match page (`/placement-requests/<id>/matches`): the request and young person in summary,
 * the request's holds with what the caller may do to each, the candidate beds best first with the
 * score broken down, stale providers tagged, who lives in each house in summary, the excluded beds
 * grouped by rule, the nearest misses, and what to do when nothing fits. Pure: the services decide
 * everything (order, scores, allowedActions); this shapes it for the template.
 */
import { DateTime } from 'luxon';
import { accommodationLabel } from '../../kernel/accommodation';
import type {
  CoResidentView,
  HoldView,
  MatchesView,
  PlacementRequestView,
} from '../../features/placements/placements.dto';
import type { StayView } from '../../features/stays/stays.dto';
import type { YoungPersonView } from '../../features/young-people/young-people.dto';
import { dateItems, type DatePart, type DateParts } from './alert.presenter.form';
import type { PresentedErrors } from './errors.presenter';
import { hoursSpoken, ukDate, ukDateTime, words } from './format';
import { paginate } from './pagination';

const LONDON = 'Europe/London';

export interface HoldWithBed extends HoldView {
  bedLabel: string;
  providerName: string;
}

/** Beds that fit, a page at a time: an officer reads the best few; the rest are a page away. */
export const CANDIDATES_PER_PAGE = 10;

export interface MatchPageData {
  request: PlacementRequestView;
  person: YoungPersonView;
  stay: StayView | null;
  holds: HoldWithBed[];
  matches: MatchesView;
  now: Date;
  /** The page of beds that fit shown (10 a page). */
  page?: number;
}

/** What was posted and went wrong, when the page is shown again after a form. */
export interface MatchPageState {
  errors?: PresentedErrors;
  banner?: string | null;
  /** The hold form that was posted (its bed), with the date boxes as typed. */
  holdForm?: { bedId: string; values: DateParts; faulty: DatePart[] };
  /** The extend or release form that was posted (its hold), as typed. */
  holdEdit?: { holdId: string; reason: string; values?: DateParts; faulty?: DatePart[] };
}

/** Each hard rule in words, for the excluded groups and the nearest misses. */
export const RULE_NAMES: Record<string, string> = {
  age_range_bed: 'Age outside the bed’s range',
  age_range_level: 'Age outside the service level’s range',
  ofsted_registration: 'Provider not Ofsted-registered (under 18)',
  unsuitable_for_under_18: 'Never suitable for under-18s',
  never_placeable: 'Not a placement',
  under_18_only: 'Bed for under-18s only',
  over_18_only: 'Bed for over-18s only',
  gender: 'Single-sex bed',
  fire_risk: 'Does not accept fire-setting risk',
  sexual_harm_risk: 'Does not accept sexual-harm risk',
  step_free: 'Not step-free',
  pets: 'No pets',
  availability: 'Not available by the move-in date',
  area_to_avoid: 'In an area to avoid',
  service_level_not_requested: 'Service level not requested',
};

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const GENDER_LETTER: Record<string, string> = { female: 'F', male: 'M', non_binary: 'NB', other: 'O' };

/** "2 others: 16-17 M, 18-21 F; risks: fire setting" — never a name, never an age beyond its band. */
export function coResidentsText(list: CoResidentView[]): string {
  if (!list.length) return 'No one else lives there now';
  const people = list.map((r) => `${r.ageBand} ${GENDER_LETTER[r.gender] ?? words(r.gender)}`).join(', ');
  const risks = [...new Set(list.flatMap((r) => r.risks))].sort().map(words);
  const head = `${list.length === 1 ? '1 other' : `${list.length} others`}: ${people}`;
  return risks.length ? `${head}; ${risks.length === 1 ? 'risk' : 'risks'}: ${risks.join(', ')}` : head;
}

/** A score contribution as points: "+40", "−60", "0". */
export const points = (effect: number | 'excluded'): string =>
  effect === 'excluded' ? 'Excluded' : effect > 0 ? `+${effect}` : effect < 0 ? `−${-effect}` : '0';

/** The tag of a stale provider's bed. */
export const staleText = (confirmedAt: string | null): string =>
  confirmedAt ? `Vacancies not confirmed since ${ukDate(confirmedAt)}` : 'Vacancies never confirmed';

/**
 * A date typed on the page as the instant the service wants: today means now (a move-in today is
 * a move-in now); a later day means 10:00 that day in London.
 */
export function moveInInstant(date: string, now: Date): string {
  const today = DateTime.fromJSDate(now).setZone(LONDON).toISODate();
  if (date === today) return now.toISOString();
  return DateTime.fromISO(`${date}T10:00:00`, { zone: LONDON }).toUTC().toISO()!;
}

/** An extension to a day typed on the page: the end of that day (23:59) in London. */
export const endOfDay = (date: string): string =>
  DateTime.fromISO(`${date}T23:59:00`, { zone: LONDON }).toUTC().toISO()!;

type Action = { action: string; allowed: boolean; reason?: string };
const actionOf = (actions: Action[] | undefined, name: string): Action =>
  actions?.find((a) => a.action === name) ?? { action: name, allowed: false, reason: 'Not offered' };

function personRows(p: YoungPersonView, stay: StayView | null, now: Date) {
  const needs: string[] = [];
  if (p.needsServiceLevelRank !== null) needs.push(`Assessed service level rank ${p.needsServiceLevelRank}`);
  if (p.stepFreeNeeded) needs.push('Step-free access');
  if (p.hasPet) needs.push('Has a pet');
  if (p.uasc) needs.push('Unaccompanied asylum-seeking child (UASC)');
  if (p.pregnantOrParent) needs.push('Pregnant or a parent');
  const where = stay
    ? `${capital(stay.description ?? accommodationLabel(stay.accommodationCode))}${stay.suitable ? '' : ' (unsuitable)'}, since ${ukDateTime(stay.startedAt)}: ${hoursSpoken((now.getTime() - Date.parse(stay.startedAt)) / 3600_000)}`
    : 'Nowhere recorded';
  const row = (key: string, value: string) => ({ key: { text: key }, value: { text: value } });
  return [
    row('Name', `${p.firstName} ${p.lastName}`),
    row('Reference', p.reference),
    row('Age', `${p.age}`),
    row('Gender', capital(words(p.gender))),
    row('Needs', needs.length ? needs.join('; ') : 'None recorded'),
    row('Risks', p.risks.length ? p.risks.map(words).join(', ') : 'None recorded'),
    row('Areas to avoid', p.areasToAvoid.length ? p.areasToAvoid.join(', ') : 'None'),
    row('Where now', where),
  ];
}

function requestRows(r: PlacementRequestView, moveInDate: string) {
  const row = (key: string, value: string) => ({ key: { text: key }, value: { text: value } });
  return [
    row('Urgency', capital(r.urgency)),
    row('Needed by', ukDate(r.neededBy)),
    row('Beds matched for', ukDate(moveInDate)),
    row('Preferred areas', r.preferredAreas.length ? r.preferredAreas.join(', ') : 'None'),
    row('Status', capital(r.status)),
  ];
}

function presentHold(h: HoldWithBed, state: MatchPageState) {
  const extend = actionOf(h.allowedActions, 'extend');
  const release = actionOf(h.allowedActions, 'release');
  const confirm = actionOf(h.allowedActions, 'confirm');
  const editing = state.holdEdit?.holdId === h.id ? state.holdEdit : null;
  return {
    id: h.id,
    title: `${h.bedLabel}, ${h.providerName}`,
    rows: [
      { key: { text: 'Status' }, value: { text: capital(h.status) } },
      { key: { text: 'Held by' }, value: { text: h.heldByName ?? 'A former user' } },
      { key: { text: 'Held until' }, value: { text: ukDateTime(h.expiresAt) } },
      { key: { text: 'Planned move-in' }, value: { text: h.moveInAt ? ukDateTime(h.moveInAt) : 'Not planned' } },
    ],
    confirm: { allowed: confirm.allowed, reason: confirm.reason ?? null, href: `/holds/${h.id}/confirm` },
    extend: {
      allowed: extend.allowed,
      reason: extend.reason ?? null,
      action: `/holds/${h.id}/extend`,
      reasonValue: editing?.reason ?? '',
      dateItems: dateItems(editing?.values ?? { day: '', month: '', year: '' }, editing?.faulty ?? []),
    },
    release: {
      allowed: release.allowed,
      reason: release.reason ?? null,
      // A colleague's hold: the kernel's reason names the holder and asks for a reason.
      needsReason: release.allowed && Boolean(release.reason),
      action: `/holds/${h.id}/release`,
      reasonValue: editing?.reason ?? '',
    },
  };
}

function presentCandidates(d: MatchPageData, state: MatchPageState, hold: Action, another: Action) {
  const mayHold = hold.allowed || another.allowed;
  const holdForm = state.holdForm;
  return d.matches.candidates.map((c, i) => ({
    bedId: c.bedId,
    position: ((d.page ?? 1) - 1) * CANDIDATES_PER_PAGE + i + 1,
    bedLabel: c.bedLabel,
    provider: `${c.providerName}, ${c.providerArea}`,
    score: points(c.score),
    reasons: c.reasons.map((x) => ({ points: points(x.effect), text: x.detail })),
    staleTag: c.providerStale ? staleText(c.vacanciesConfirmedAt) : null,
    coResidents: coResidentsText(c.coResidents),
    hold: {
      allowed: mayHold,
      additional: !hold.allowed && another.allowed,
      reason: mayHold ? null : (hold.reason ?? 'You may not hold beds'),
      action: `/placement-requests/${d.request.id}/holds`,
      dateItems: dateItems(
        holdForm?.bedId === c.bedId ? holdForm.values : { day: '', month: '', year: '' },
        holdForm?.bedId === c.bedId ? holdForm.faulty : [],
      ),
    },
  }));
}

export function presentMatchPage(d: MatchPageData, state: MatchPageState = {}) {
  const { request: r, person: p, matches: m } = d;
  const hold = actionOf(r.allowedActions, 'hold');
  const another = actionOf(r.allowedActions, 'hold_another');
  const mayHold = hold.allowed || another.allowed;
  const candidates = presentCandidates(d, state, hold, another);
  const first = ((d.page ?? 1) - 1) * CANDIDATES_PER_PAGE + 1;
  return {
    pageTitle: `Find a bed for ${p.reference}`,
    heading: `Find a bed for ${p.firstName} ${p.lastName}`,
    bodyClasses: 'app-wide-page',
    errors: state.errors ?? { summary: [], byField: {} },
    banner: state.banner ?? null,
    personRows: personRows(p, d.stay, d.now),
    requestRows: requestRows(r, m.moveInDate),
    holds: d.holds
      .filter((h) => h.status === 'held' || (h.status === 'confirmed' && !h.stayId))
      .map((h) => presentHold(h, state)),
    holdReason: mayHold ? null : (hold.reason ?? null),
    holdingAnother: !hold.allowed && another.allowed,
    candidates,
    candidatesSummary:
      m.candidatesTotal > candidates.length
        ? `Beds ${first} to ${first + candidates.length - 1} of ${plural(m.candidatesTotal, 'bed')} that fit`
        : `${plural(m.candidatesTotal, 'bed')} fit`,
    candidatesPagination: paginate(
      d.page ?? 1,
      Math.max(1, Math.ceil(m.candidatesTotal / CANDIDATES_PER_PAGE)),
      (n) => `/placement-requests/${encodeURIComponent(r.id)}/matches${n > 1 ? `?page=${n}` : ''}#candidates`,
    ),
    noBedFits: m.candidatesTotal === 0,
    excludedGroups: m.excludedGroups.map((g) => ({
      summary: `${RULE_NAMES[g.rule] ?? words(g.rule)}: ${plural(g.count, 'bed')}`,
      bedIds: g.bedIds,
      more: g.count > g.bedIds.length ? `and ${g.count - g.bedIds.length} more` : null,
    })),
    excludedText: `${m.excludedTotal === 1 ? '1 bed breaks' : `${m.excludedTotal} beds break`} at least one rule. A bed breaking two rules is counted under both.`,
    nearestMisses: m.nearestMisses.map((n) => ({
      bedLabel: n.bedLabel,
      provider: n.providerName,
      text: `Fails one rule: ${RULE_NAMES[n.reason.rule] ?? words(n.reason.rule)}. ${n.reason.detail}`,
    })),
    nearestMissesMore:
      m.nearestMissesTotal > m.nearestMisses.length
        ? `and ${plural(m.nearestMissesTotal - m.nearestMisses.length, 'other bed')} failing one rule`
        : null,
    queueHref: '/placement-requests/queue',
  };
}

/** The confirm form of a hold: move in now, or on a date. */
export function presentConfirmHold(
  h: HoldWithBed,
  state: { errors?: PresentedErrors; when?: string; values?: DateParts; faulty?: DatePart[] } = {},
) {
  return {
    pageTitle: `Confirm the hold on ${h.bedLabel}`,
    heading: `Confirm the hold on ${h.bedLabel}, ${h.providerName}`,
    errors: state.errors ?? { summary: [], byField: {} },
    action: `/holds/${h.id}/confirm`,
    backHref: `/placement-requests/${h.requestId}/matches`,
    rows: presentHold(h, {}).rows,
    when: state.when ?? (h.moveInAt ? 'date' : 'now'),
    dateItems: dateItems(
      state.values ??
        (h.moveInAt
          ? (() => {
              const d = DateTime.fromISO(h.moveInAt).setZone(LONDON);
              return { day: String(d.day), month: String(d.month), year: String(d.year) };
            })()
          : { day: '', month: '', year: '' }),
      state.faulty ?? [],
    ),
  };
}
