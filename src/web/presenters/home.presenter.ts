import type { CoverageView } from '../../features/escalations/coverage.dto';
import type { ReviewPage } from '../../features/escalations/escalations.dto';
import type { AuditorRun, OpenAlerts } from '../../features/escalations/my-alerts.service';
import type { Caseload, CaseloadPerson, CaseloadRequest } from '../../features/reports/caseload.service';
import type { UnsuitableReport } from '../../features/reports/live-list.dto';
import {
  filtered,
  hrefFor,
  presentLine,
  roleName,
  truncate,
  type LiveListFilters,
  type LiveListLine,
  type Tag,
} from './live-list.presenter';
import { presentWhereNow } from './young-people.presenter';
import { ukDate, ukDateTime, words } from './format';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

// ---------- the live list's page: its title, filters and empty state ----------

/** What the page is about, for the role: a PA's own caseload, or everyone the role may see. */
export function liveListTitle(caseload: boolean): string {
  return caseload ? 'Your young people' : 'Young people in unsuitable or emergency accommodation';
}

/** The table's caption: whose young people it lists. */
export function liveListCaption(f: LiveListFilters, opts: { reach: boolean; caseload: boolean }): string {
  if (opts.caseload) return 'In unsuitable or emergency accommodation';
  if (opts.reach && !f.everyone) return 'Young people whose alerts reach you';
  return 'Everyone in unsuitable or emergency accommodation';
}

/** What is true when nothing is listed, and where to go from there. */
export function emptyState(
  f: LiveListFilters,
  opts: { reach: boolean; caseload: boolean },
): { text: string; link: { href: string; text: string } | null } {
  const mine = opts.reach && !f.everyone;
  const everyone = {
    href: hrefFor({ ...f, everyone: true }),
    text: 'Show everyone in unsuitable or emergency accommodation',
  };
  const clear = {
    href: hrefFor({ area: '', breach: false, unacknowledged: false, everyone: f.everyone }),
    text: 'Clear the filters',
  };
  if (filtered(f)) {
    if (mine)
      return {
        text: 'Nobody whose alerts reach you matches these filters.',
        link: { ...everyone, text: 'Show everyone who matches these filters' },
      };
    if (opts.caseload) return { text: 'None of your young people matches these filters.', link: clear };
    return { text: 'Nobody in unsuitable or emergency accommodation matches these filters.', link: clear };
  }
  if (mine)
    return { text: 'Nobody is in unsuitable or emergency accommodation whose alerts reach you.', link: everyone };
  if (opts.caseload)
    return { text: 'None of your young people is in unsuitable or emergency accommodation.', link: null };
  return { text: 'Nobody is in unsuitable or emergency accommodation.', link: null };
}

/** The filter form's area select: every area on the managed list, the chosen one selected. */
export function areaItems(
  areas: { name: string }[],
  chosen: string,
): { value: string; text: string; selected: boolean }[] {
  const key = chosen.trim().toLowerCase();
  return [
    { value: '', text: 'All areas', selected: !key },
    ...areas.map((a) => ({ value: a.name, text: a.name, selected: a.name.toLowerCase() === key })),
  ];
}

// ---------- a PA's home: their caseload, contacts due, open requests ----------

export interface CaseloadLine {
  href: string;
  name: string;
  reference: string;
  age: string;
  where: string;
  whereTags: Tag[];
  lastContact: string;
  contactDue: boolean;
}

export interface RequestLine {
  href: string;
  name: string;
  reference: string;
  request: string;
  state: string;
  holds: string[];
}

export interface PaHome {
  caseload: CaseloadLine[];
  /** `2 young people are due a contact` ('' when nobody is). */
  dueSummary: string;
  requests: RequestLine[];
}

const personHref = (id: string) => `/young-people/${encodeURIComponent(id)}`;
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function caseloadLine(p: CaseloadPerson): CaseloadLine {
  const where = presentWhereNow(p.whereNow);
  return {
    href: personHref(p.id),
    name: `${p.firstName} ${p.lastName}`,
    reference: p.reference,
    age: `Age ${p.age}${p.homeArea ? `, ${p.homeArea}` : ''}`,
    where: where.text,
    whereTags: where.tags,
    lastContact: p.lastContactAt ? `Last contact ${ukDate(p.lastContactAt)}` : 'No contact recorded',
    contactDue: p.contactDue,
  };
}

/** What is happening to a request: waiting for a bed, or the bed held or confirmed for it. */
function requestLine(p: CaseloadPerson, r: CaseloadRequest): RequestLine {
  return {
    href: personHref(p.id),
    name: `${p.firstName} ${p.lastName}`,
    reference: p.reference,
    request: `${capitalise(r.urgency)}, needed by ${ukDate(r.neededBy)}`,
    state: r.status === 'held' ? 'Bed held' : 'Waiting for a bed',
    holds: r.holds.map((h) =>
      h.status === 'confirmed'
        ? `${h.bedLabel}, ${h.providerName}: confirmed${h.moveInAt ? `, moving in ${ukDateTime(h.moveInAt)}` : ''}`
        : `${h.bedLabel}, ${h.providerName}: held until ${ukDateTime(h.expiresAt)}`,
    ),
  };
}

/**
 * A PA's caseload at a glance: everyone due a contact first (the service applied the kernel's
 * rule), then the rest, each in the service's order (by name); and every open request with what
 * is happening to it.
 */
export function presentPaHome(c: Caseload): PaHome {
  const due = c.people.filter((p) => p.contactDue);
  const rest = c.people.filter((p) => !p.contactDue);
  return {
    caseload: [...due, ...rest].map(caseloadLine),
    dueSummary: due.length ? `${plural(due.length, 'young person is', 'young people are')} due a contact.` : '',
    requests: c.people.flatMap((p) => p.requests.map((r) => requestLine(p, r))),
  };
}

// ---------- beside the list: the user's open alerts and reviews ----------

export interface AlertLine {
  href: string;
  who: string;
  step: string;
  role: string;
  fired: string;
  lapsed: boolean;
}

export interface AlertsPanel {
  items: AlertLine[];
  total: number;
  /** `Showing the 10 newest of 14` when there are more than are listed. */
  more: string;
}

/** "Your open alerts": reference and initials only (as alerts name young people), newest first. */
export function presentOpenAlerts(alerts: OpenAlerts): AlertsPanel {
  const items = alerts.items.map((a) => ({
    href: `/escalations/${encodeURIComponent(a.escalationId)}`,
    who: `${a.reference} ${a.initials}`,
    step: `Step ${a.step}${a.occurrence > 0 ? `, repeat ${a.occurrence}` : ''}`,
    role: roleName(a.role),
    fired: ukDateTime(a.firedAt),
    lapsed: a.lapsed,
  }));
  return {
    items,
    total: alerts.total,
    more: alerts.total > items.length ? `Showing the ${items.length} newest of ${alerts.total}` : '',
  };
}

export interface ReviewLine {
  href: string;
  who: string;
  step: string;
  reviewBy: string;
  lapsed: boolean;
  actionPlan: string;
}

/**
 * "Your reviews": the user's acknowledgements whose review date is today or past, or that lapsed
 * (the service answers them oldest review date first, with `lapsed`); `today` is the London date.
 */
export function presentDueReviews(page: ReviewPage, today: string): ReviewLine[] {
  return page.items
    .filter((r) => r.lapsed || r.reviewBy <= today)
    .map((r) => ({
      href: `/escalations/${encodeURIComponent(r.escalationId)}`,
      who: `${r.reference} ${r.initials}`,
      step: `Step ${r.step}, ${roleName(r.role)}`,
      reviewBy: ukDate(r.reviewBy),
      lapsed: r.lapsed,
      actionPlan: truncate(r.actionPlan ?? '', 80),
    }));
}

// ---------- an administrator's home: operations ----------

export interface OperationsView {
  unrouted: LiveListLine[];
  coverage: {
    gaps: { area: string; role: string; reachesNobody: boolean }[];
    summary: string;
    incompleteChains: { name: string; missing: string }[];
  };
  auditor: { ranAt: string; clean: boolean; problems: string[]; lastCleanAt: string } | null;
  asOf: string;
}

/**
 * What an administrator watches: the young people with a step that fired to nobody responsible
 * (the live list's `unrouted`), the gaps in who escalations would reach (`GET /escalation-coverage`)
 * and the escalation auditor's last run.
 */
export function presentOperations(
  report: UnsuitableReport,
  coverage: CoverageView,
  run: AuditorRun | null,
): OperationsView {
  const unroutedCells = new Set(coverage.areas.filter((c) => c.unrouted).map((c) => `${c.area ?? ''}|${c.role}`));
  const gaps = coverage.gaps.map((g) => ({
    area: g.area ?? 'No home area',
    role: roleName(g.role),
    reachesNobody: unroutedCells.has(`${g.area ?? ''}|${g.role}`),
  }));
  const nobody = gaps.filter((g) => g.reachesNobody).length;
  const summary = gaps.length
    ? `${plural(gaps.length, 'gap')} in who escalations would reach${nobody ? `, ${nobody} reaching nobody` : ''}.`
    : 'Every area and role would reach someone in that role.';
  const problems = run
    ? Object.entries(run.violations)
        .filter(([, n]) => n > 0)
        .map(([kind, n]) => `${capitalWords(kind)}: ${n}`)
    : [];
  return {
    unrouted: report.items.filter((i) => i.unrouted).map(presentLine),
    coverage: {
      gaps,
      summary,
      incompleteChains: coverage.pasWithIncompleteChains.map((p) => ({
        name: p.name,
        missing: p.missingInChain.map((r) => roleName(r).toLowerCase()).join(', '),
      })),
    },
    auditor: run
      ? {
          ranAt: ukDateTime(run.ranAt),
          clean: problems.length === 0,
          problems,
          lastCleanAt: run.lastCleanAt ? ukDateTime(run.lastCleanAt) : '',
        }
      : null,
    asOf: ukDateTime(report.asOf),
  };
}

const capitalWords = (code: string) => {
  const w = words(code);
  return w.charAt(0).toUpperCase() + w.slice(1);
};
