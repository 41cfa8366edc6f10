/**
 * A young person's timeline page (`/young-people/:id/timeline`), shaped for
 * `views/young-people/timeline.njk`: who they are and where they are now, then every entry of
 * their timeline, oldest first (the service's order: a chronology reads from the start), as the
 * MoJ timeline component's items: when (UK time), what happened, who did it, and for an escalation
 * step who was told, through which channel and whether it was delivered and read. A pure function
 * of the service's view; what is said here is wording, never a rule.
 */
import type { TimelineEntry, TimelineKind, TimelineNotification } from '../../features/reports/timeline.dto';
import type { CurrentStay, TimelineSubject, TimelineView } from '../../features/reports/timeline';
import { ACCOMMODATION, isAccommodationCode } from '../../kernel/accommodation';
import { LEGAL_STATUS_AGES, type LegalStatus } from '../../kernel/care-leavers';
import { ROLE_NAMES, type Role } from '../../kernel/roles';
import type { AlertDelivery } from '../../features/escalations/alert-view';
import { deliveryText, Html, markup, type Row, type Tag } from './alert.presenter';
import { ukDate, ukDateTime, words } from './format';
import { paginate, type PaginationView } from './pagination';

/** Entries on one page: enough for most young people's whole history on one printout. */
export const TIMELINE_PER_PAGE = 100;

const roleName = (role: string | null | undefined) => (role ? (ROLE_NAMES[role as Role] ?? words(role)) : '');
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const tagHtml = (t: Tag) => markup`<strong class="govuk-tag ${t.classes}">${t.text}</strong>`;
const tags = (ts: Tag[]) => (ts.length ? markup` <span class="app-tags">${ts.map(tagHtml)}</span>` : '');
const row = (key: string, value: string | Html): Row => ({
  key: { text: key },
  value: value instanceof Html ? { html: value.html } : { text: value },
});

/** `Alex Taylor` */
export const fullName = (y: Pick<TimelineSubject, 'firstName' | 'lastName'>) => `${y.firstName} ${y.lastName}`;

/** A legal status as people say it: `Former relevant (18–25)`. */
export function legalStatusText(status: string): string {
  const band = (LEGAL_STATUS_AGES as Partial<Record<string, (typeof LEGAL_STATUS_AGES)[LegalStatus]>>)[status];
  return capital(band?.label ?? words(status));
}

// ---------- where someone stays ----------

interface Accommodation {
  accommodationCode?: string;
  suitable?: boolean;
  emergency?: boolean;
}

/** `Bed and breakfast / hotel (W2)` */
function accommodationText(a: Accommodation & { ssda903?: string }): string {
  const code = a.accommodationCode ?? '';
  const label = isAccommodationCode(code) ? ACCOMMODATION[code].label : code;
  return `${capital(label)} (${a.ssda903 ?? code})`;
}

/** Unsuitable (red) or suitable (green), and emergency (orange) when the stay or its kind of accommodation is one. */
export function stayTags(a: Accommodation): Tag[] {
  const code = a.accommodationCode ?? '';
  const emergency = a.emergency || (isAccommodationCode(code) && ACCOMMODATION[code].emergency);
  return [
    a.suitable ? { text: 'Suitable', classes: 'govuk-tag--green' } : { text: 'Unsuitable', classes: 'govuk-tag--red' },
    ...(emergency ? [{ text: 'Emergency', classes: 'govuk-tag--orange' }] : []),
  ];
}

/** `Room 1, Crewe Foyer, Crewe` then the description as recorded, or nothing. */
function placeText(p: {
  bedLabel?: string | null;
  providerName?: string | null;
  area?: string | null;
  description?: string | null;
}): string {
  const bed = [p.bedLabel, p.providerName, p.area].filter(Boolean).join(', ');
  return [bed, p.description].filter(Boolean).join(' — ');
}

function whereNow(c: CurrentStay | null): Row[] {
  if (!c) return [row('Where now', 'No stay recorded as open')];
  const place = placeText(c);
  return [
    row(
      'Where now',
      markup`${accommodationText(c)}${tags(stayTags(c))}${place ? markup`<br><span class="govuk-hint app-hint-inline">${place}</span>` : ''}`,
    ),
    row('There since', ukDateTime(c.startedAt)),
  ];
}

/** Who the young person is and where they are now. */
export function subjectRows(y: TimelineSubject): Row[] {
  return [
    row('Reference', y.reference),
    row('Age', String(y.age)),
    row('Legal status', `${legalStatusText(y.legalStatus)}${y.uasc ? '; unaccompanied asylum-seeking child' : ''}`),
    row('Home area', y.homeArea ?? 'Not recorded'),
    row('Personal adviser', y.paName ?? 'Not known'),
    ...whereNow(y.current),
  ];
}

// ---------- the entries ----------

const stepLabel = (e: TimelineEntry) => `step ${e.step ?? '?'}${e.occurrence ? ` (repeat ${e.occurrence})` : ''}`;

/** What happened, as the entry's heading. */
export function entryTitle(e: TimelineEntry): string {
  const titles: Record<TimelineKind, string> = {
    'request.raised': 'Placement request raised',
    'hold.created': 'Bed held',
    'hold.released': 'Hold released',
    'hold.expired': 'Hold expired',
    'hold.confirmed': 'Hold confirmed: moved in',
    'request.placed': 'Placement request placed',
    'request.withdrawn': 'Placement request withdrawn',
    'stay.ended': 'Stay ended',
    'escalation.clock_stopped': 'Escalation clock stopped',
    'stay.started': 'Stay started',
    'escalation.clock_started': 'Escalation clock started',
    'escalation.fired': `Escalation ${stepLabel(e)} fired to the ${roleName(e.role).toLowerCase()}`,
    'escalation.acknowledged': `Escalation ${stepLabel(e)} acknowledged`,
  };
  return titles[e.kind] ?? e.summary;
}

/** Who did it: a person and their role, or the service itself (a timer, the sweep). */
export function byline(e: TimelineEntry): string {
  if (!e.actor) return 'the service (automatically)';
  return `${e.actor.name} (${roleName(e.actor.role)})`;
}

const para = (content: Html | string) => markup`<p class="govuk-body">${content}</p>`;

interface Recipient {
  notice: TimelineNotification;
  deliveries: TimelineNotification[];
}

/** The notifications grouped by whom they told (a webhook: the role's channel), in the order they were sent. */
function byRecipient(ns: TimelineNotification[]): Recipient[] {
  const groups = new Map<string, Recipient>();
  for (const n of ns) {
    const key = n.recipientUserId ?? `webhook:${n.recipientRole ?? ''}`;
    const g = groups.get(key);
    if (g) g.deliveries.push(n);
    else groups.set(key, { notice: n, deliveries: [n] });
  }
  return [...groups.values()];
}

const recipientName = (n: TimelineNotification) =>
  n.recipientUserId === null
    ? markup`Teams or Slack channel for ${roleName(n.recipientRole).toLowerCase()}s`
    : markup`<strong>${n.recipientName ?? 'Someone no longer on the system'}</strong>, ${roleName(n.recipientRole)}`;

/** Who was told, and how each channel's delivery went. */
export function toldHtml(ns: TimelineNotification[], heading: string): Html {
  if (!ns.length) return para(`${heading}: no one`);
  return markup`<p class="govuk-body govuk-!-margin-bottom-1">${heading}:</p><ul class="govuk-list app-told">${byRecipient(
    ns,
  ).map(
    (r) =>
      markup`<li>${recipientName(r.notice)}<ul class="govuk-list govuk-list--bullet">${r.deliveries.map(
        (d) => markup`<li>${deliveryText(d as AlertDelivery)}</li>`,
      )}</ul></li>`,
  )}</ul>`;
}

function stayHtml(e: TimelineEntry): Html {
  const place = placeText(e);
  const parts: Html[] = [para(markup`${accommodationText(e)}${tags(stayTags(e))}`)];
  if (place) parts.push(para(place));
  if (e.kind === 'stay.started' && e.recordedAt && Date.parse(e.recordedAt) - Date.parse(e.at) >= 60_000)
    parts.push(para(`Recorded later, on ${ukDateTime(e.recordedAt)}`));
  if (e.kind === 'stay.ended' && e.endReason) parts.push(para(`Reason: ${e.endReason}`));
  return markup`${parts}`;
}

function holdHtml(e: TimelineEntry): Html {
  const bed = placeText({ bedLabel: e.bedLabel, providerName: e.providerName, area: e.area }) || 'A bed';
  if (e.kind === 'hold.created' && e.expiresAt) return para(`${bed}, held until ${ukDateTime(e.expiresAt)}`);
  return para(bed);
}

function firedHtml(e: TimelineEntry): Html {
  const ns = e.notifications ?? [];
  const delivered = ns.filter((n) => n.status === 'sent').length;
  const failed = ns.some((n) => n.status === 'failed');
  const parts: Html[] = [
    para(
      markup`Policy: ${e.policyName ?? ''}${e.policyVersion ? ` (version ${e.policyVersion})` : ''}. ${plural(ns.length, 'message')}, ${delivered} delivered.${failed ? tags([{ text: 'Not all delivered', classes: 'govuk-tag--red' }]) : ''}`,
    ),
    toldHtml(ns, 'Who was told'),
  ];
  if (e.escalationId)
    parts.push(
      markup`<p class="govuk-body app-no-print"><a class="govuk-link" href="/escalations/${encodeURIComponent(e.escalationId)}">See this alert<span class="govuk-visually-hidden"> (${stepLabel(e)})</span></a></p>`,
    );
  return markup`${parts}`;
}

function acknowledgedHtml(e: TimelineEntry): Html {
  const parts: Html[] = [
    para(markup`${tagHtml({ text: 'Acknowledged', classes: 'govuk-tag--green' })}`),
    markup`<p class="govuk-body"><span class="govuk-!-font-weight-bold">Action plan:</span> <span class="app-preserve-lines">${e.actionPlan ?? 'None written'}</span></p>`,
    para(`Review by ${e.reviewBy ? ukDate(e.reviewBy) : 'no date set'}`),
  ];
  if (e.notifications?.length) parts.push(toldHtml(e.notifications, 'Told of the acknowledgement'));
  return markup`${parts}`;
}

/** What happened, in words: the place, the bed, the request, the step and who was told. */
export function entryHtml(e: TimelineEntry): Html {
  switch (e.kind) {
    case 'stay.started':
    case 'stay.ended':
      return stayHtml(e);
    case 'hold.created':
    case 'hold.released':
    case 'hold.expired':
    case 'hold.confirmed':
      return holdHtml(e);
    case 'request.raised':
      return para(`${capital(e.urgency ?? 'A')} request, needed by ${ukDate(e.neededBy)}`);
    case 'request.placed':
      return para(placeText({ bedLabel: e.bedLabel, providerName: e.providerName }) || 'Placed');
    case 'request.withdrawn':
      return para(e.reason ? `Reason: ${e.reason}` : 'No reason given');
    case 'escalation.clock_started':
      return para(`${plural(e.policies?.length ?? 0, 'escalation policy', 'escalation policies')} in force`);
    case 'escalation.clock_stopped':
      return para(
        `${plural(e.closed ?? 0, 'fired step')} closed, ${plural(e.cancelled ?? 0, 'pending step')} cancelled`,
      );
    case 'escalation.fired':
      return firedHtml(e);
    case 'escalation.acknowledged':
      return acknowledgedHtml(e);
    default:
      return para(e.summary);
  }
}

/** One entry as an item of MoJ's timeline component. */
export interface TimelineItem {
  label: { text: string };
  byline: { text: string };
  datetime: { timestamp: string; type: 'datetime' };
  html: string;
  classes?: string;
}

export function timelineItem(e: TimelineEntry): TimelineItem {
  return {
    label: { text: entryTitle(e) },
    byline: { text: byline(e) },
    datetime: { timestamp: e.at, type: 'datetime' },
    html: entryHtml(e).html,
    ...(e.kind.startsWith('escalation.') ? { classes: 'app-timeline__item--escalation' } : {}),
  };
}

// ---------- the page ----------

/** The timeline's address at page `n` (the first page has none). */
export const timelineHref = (id: string, n = 1) =>
  `/young-people/${encodeURIComponent(id)}/timeline${n > 1 ? `?page=${n}` : ''}`;

/** GOV.UK pagination: the first, the last, and the current page with its neighbours. */
export function timelinePagination(id: string, page: number, pages: number): PaginationView | null {
  return paginate(page, pages, (n) => timelineHref(id, n));
}

/** How many pages `total` entries take (at least one). */
export const pagesOf = (total: number, perPage = TIMELINE_PER_PAGE) => Math.max(1, Math.ceil(total / perPage));

export interface TimelinePageLocals {
  pageTitle: string;
  name: string;
  who: Row[];
  items: TimelineItem[];
  /** `Showing 1 to 100 of 234 entries, oldest first.` (empty when there are none). */
  showing: string;
  empty: string;
  pagination: PaginationView | null;
  asOf: string;
}

/** The page for one page (1-based) of the timeline, `perPage` entries a page, as of `now`. */
export function presentTimeline(
  v: TimelineView,
  page: number,
  now: Date | string,
  perPage = TIMELINE_PER_PAGE,
): TimelinePageLocals {
  const y = v.youngPerson;
  const name = fullName(y);
  const start = (page - 1) * perPage;
  return {
    pageTitle: `Timeline for ${name} (${y.reference})`,
    name,
    who: subjectRows(y),
    items: v.items.map(timelineItem),
    showing: v.items.length
      ? `Showing ${start + 1} to ${start + v.items.length} of ${plural(v.total, 'entry', 'entries')}, oldest first.`
      : '',
    empty: v.total ? '' : `Nothing has been recorded for ${name} yet.`,
    pagination: timelinePagination(y.id, page, pagesOf(v.total, perPage)),
    asOf: ukDateTime(now),
  };
}
