/**
 * The alert page (where the link in every escalation e-mail lands), shaped for
 * `views/escalations/alert.njk`: who and where, this step, the acknowledge form or why not, and
 * the ladder so far with who was told through which channel and whether it was delivered and read.
 * A pure function of the service's view; what is said here is wording, never a rule.
 */
import type { AlertDelivery, AlertPageView, AlertStep, AlertTold } from '../../features/escalations/alert-view';
import type { EscalationStatus } from '../../kernel/ladder';
import type { StatutoryBreach } from '../../kernel/statutory-limits';
import { ROLE_NAMES, type Role } from '../../kernel/roles';
import type { PresentedErrors } from './errors.presenter';
import { dateItems, type AcknowledgeFormValues, type DatePart } from './alert.presenter.form';
import { hoursSpoken, ukDate, ukDateTime, words } from './format';

// ---------- HTML for summary list values: every value escaped unless it is already HTML ----------

export class Html {
  constructor(readonly html: string) {}
}
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
type Piece = Html | string | number | null | undefined | readonly Piece[];
function piece(v: Piece): string {
  if (v instanceof Html) return v.html;
  if (typeof v === 'string' || typeof v === 'number') return String(v).replace(/[&<>"']/g, (c) => ESCAPES[c]);
  if (v === null || v === undefined) return '';
  return v.map(piece).join('');
}

/** A fragment of HTML: the template's text as written, every value escaped (an `Html` value as it is). */
export function markup(strings: TemplateStringsArray, ...values: Piece[]): Html {
  return new Html(strings.reduce((out, s, i) => out + s + (i < values.length ? piece(values[i]) : ''), ''));
}

// ---------- words ----------

export interface Tag {
  text: string;
  classes: string;
}

const tagHtml = (t: Tag) => markup`<strong class="govuk-tag ${t.classes}">${t.text}</strong>`;
const roleName = (role: string | null) => (role ? (ROLE_NAMES[role as Role] ?? words(role)) : '');
const lower = (role: string) => roleName(role).toLowerCase();

/** A step's state as a GOV.UK tag: red while it waits for someone, green once acknowledged, grey otherwise. */
export function statusTag(s: Pick<AlertStep, 'status' | 'closedReason' | 'acknowledgement'>): Tag {
  if (s.status === 'open' && s.acknowledgement?.lapsedAt) return { text: 'Lapsed', classes: 'govuk-tag--red' };
  if (s.status === 'closed' && s.closedReason === 'recorded_late')
    return { text: 'Passed over', classes: 'govuk-tag--grey' };
  const tags: Record<EscalationStatus, Tag> = {
    open: { text: 'Open', classes: 'govuk-tag--red' },
    acknowledged: { text: 'Acknowledged', classes: 'govuk-tag--green' },
    scheduled: { text: 'Scheduled', classes: 'govuk-tag--blue' },
    closed: { text: 'Closed', classes: 'govuk-tag--grey' },
    cancelled: { text: 'Cancelled', classes: 'govuk-tag--grey' },
  };
  return tags[s.status];
}

const BREACHES: Record<StatutoryBreach, string> = {
  under_18_unsuitable: 'Under 18: never suitable here',
  adult_two_working_days: 'Over 2 working days in B&B',
  parent_six_weeks: 'Parent over 6 weeks in B&B',
};

const VIA: Record<string, string> = {
  line_manager: 'through the personal adviser’s line management',
  area: 'covers the young person’s home area',
  council_wide: 'covers the whole council',
  senior_fallback: 'standing in: nobody held the role',
  allocated_pa: 'the allocated personal adviser',
};

const CHANNELS: Record<AlertDelivery['channel'], string> = {
  email: 'Email',
  in_app: 'In this service',
  webhook: 'Teams or Slack channel',
};

/** How one channel's delivery went, as a sentence. */
export function deliveryText(d: AlertDelivery): string {
  const channel = CHANNELS[d.channel];
  if (d.status === 'failed') return `${channel}: failed, not delivered`;
  if (d.status === 'pending') return `${channel}: waiting to be sent`;
  if (d.status === 'retrying') return `${channel}: not delivered yet, retrying`;
  if (d.channel === 'in_app') return d.readAt ? `${channel}: read ${ukDateTime(d.readAt)}` : `${channel}: not read yet`;
  return `${channel}: sent ${ukDateTime(d.sentAt)}`;
}

/** `Step 6 (repeat 2): Head of service` */
export const stepTitle = (s: Pick<AlertStep, 'step' | 'occurrence' | 'role'>) =>
  `Step ${s.step}${s.occurrence ? ` (repeat ${s.occurrence})` : ''}: ${roleName(s.role)}`;

/** `168 hours (7 days), 5 working days` */
export function elapsed(hours: number, workingDays: number): string {
  const wd = `${workingDays} working day${workingDays === 1 ? '' : 's'}`;
  const h = `${hours} hour${hours === 1 ? '' : 's'}`;
  return hours >= 24 ? `${h} (${hoursSpoken(hours)}), ${wd}` : `${h}, ${wd}`;
}

// ---------- rows ----------

export interface Row {
  key: { text: string };
  value: { text?: string; html?: string };
}
const row = (key: string, value: string | Html): Row => ({
  key: { text: key },
  value: value instanceof Html ? { html: value.html } : { text: value },
});

function whereRow(v: AlertPageView): Row {
  const p = v.place;
  const tags = [
    ...(p.unsuitable ? [tagHtml({ text: 'Unsuitable', classes: 'govuk-tag--red' })] : []),
    ...(p.emergency ? [tagHtml({ text: 'Emergency', classes: 'govuk-tag--orange' })] : []),
  ];
  const label = p.accommodationLabel.charAt(0).toUpperCase() + p.accommodationLabel.slice(1);
  const detail = p.description ? markup`<br><span class="govuk-hint app-hint-inline">${p.description}</span>` : '';
  return row('Where', markup`${label} (${p.accommodationCode}) <span class="app-tags">${tags}</span>${detail}`);
}

function sinceRows(v: AlertPageView): Row[] {
  const c = v.clock;
  const how = elapsed(c.hoursElapsed, c.workingDaysElapsed);
  const rows = [
    row(
      'In unsuitable or emergency accommodation',
      c.running
        ? markup`Since ${ukDateTime(c.startedAt)}<br>${how} so far`
        : markup`From ${ukDateTime(c.startedAt)} to ${ukDateTime(v.place.endedAt)}<br>${how}`,
    ),
  ];
  if (v.place.startedAt !== c.startedAt) rows.push(row('In this place since', ukDateTime(v.place.startedAt)));
  return rows;
}

function breachRow(v: AlertPageView): Row {
  const b = v.clock.breaches;
  if (!b.length) return row('Statutory limits', v.clock.running ? 'None broken' : 'None: the clock has stopped');
  return row(
    'Statutory limits',
    markup`<span class="app-tags">${b.map((x) => tagHtml({ text: BREACHES[x], classes: 'govuk-tag--red' }))}</span>`,
  );
}

export function whoRows(v: AlertPageView): Row[] {
  const y = v.youngPerson;
  return [
    row('Name', y.name),
    row('Reference', y.reference),
    row('Age', String(y.age)),
    whereRow(v),
    ...sinceRows(v),
    breachRow(v),
    row('Personal adviser', y.paName ?? 'Not known'),
  ];
}

function acknowledgementRows(s: AlertStep): Row[] {
  const a = s.acknowledgement;
  if (!a) return [];
  const rows = [
    row('Acknowledged by', `${a.byName ?? 'Someone no longer on the system'} on ${ukDateTime(a.at)}`),
    row('Action plan', markup`<span class="app-preserve-lines">${a.actionPlan ?? ''}</span>`),
    row('Review by', ukDate(a.reviewBy)),
  ];
  if (a.lapsedAt) rows.push(row('Acknowledgement lapsed', `${ukDateTime(a.lapsedAt)}: not renewed by its review date`));
  return rows;
}

function whenRow(s: AlertStep): Row {
  if (!s.firedAt) return row('Due', ukDateTime(s.dueAt));
  if (s.recordedLate)
    return row('Fired', `${ukDateTime(s.firedAt)} (recorded late: it fell due ${ukDateTime(s.dueAt)})`);
  return row('Fired', ukDateTime(s.firedAt));
}

export function stepRows(v: AlertPageView): Row[] {
  const s = v.step;
  return [
    row('Step', `${s.step}${s.occurrence ? ` (repeat ${s.occurrence})` : ''}`),
    row('Addressed to', roleName(s.role)),
    row('Policy', s.policyName),
    row('Status', tagHtml(statusTag(s))),
    whenRow(s),
    ...acknowledgementRows(s),
  ];
}

// ---------- the ladder ----------

const person = (t: AlertTold) =>
  t.userId === null
    ? markup`${CHANNELS.webhook} for ${lower(t.role ?? '')}s`
    : markup`<strong>${t.name ?? 'Someone no longer on the system'}</strong>, ${roleName(t.role)}${t.via ? `: ${VIA[t.via] ?? words(t.via)}` : ''}`;

const deliveries = (t: AlertTold) =>
  t.deliveries.length
    ? t.deliveries.map((d) => markup`<li>${deliveryText(d)}</li>`)
    : markup`<li>No message recorded</li>`;

const toldList = (told: AlertTold[]) =>
  markup`<ul class="govuk-list app-told">${told.map(
    (t) => markup`<li>${person(t)}<ul class="govuk-list govuk-list--bullet">${deliveries(t)}</ul></li>`,
  )}</ul>`;

/** Who was told of a step: by routing and channel; nobody yet; or nobody found, and which administrators heard. */
export function toldHtml(s: AlertStep): Html {
  if (!s.firedAt && s.closedReason === 'recorded_late')
    return markup`Nobody: passed over, because the stay was recorded after this step fell due`;
  if (!s.firedAt) return markup`Nobody yet: due ${ukDateTime(s.dueAt)}`;
  const parts: Html[] = [];
  if (s.unrouted) {
    const said = s.adminsTold.length
      ? 'Nobody holds this role for this young person: an administrator was told'
      : 'Nobody holds this role for this young person, and no administrator could be told';
    parts.push(markup`<p class="govuk-body govuk-!-font-weight-bold">${said}</p>`);
    if (s.adminsTold.length) parts.push(toldList(s.adminsTold));
  }
  if (s.told.length) parts.push(toldList(s.told));
  else if (!s.unrouted) parts.push(markup`No one was told`);
  return markup`${parts}`;
}

export interface LadderCard {
  card: { title: { text: string; headingLevel: number }; classes: string };
  rows: Row[];
}

export function ladderCards(v: AlertPageView): LadderCard[] {
  const policies = new Set(v.ladder.map((s) => s.policyName));
  return v.ladder.map((s) => ({
    card: {
      title: { text: `${stepTitle(s)}${s.current ? ' (this alert)' : ''}`, headingLevel: 3 },
      classes: s.current ? 'app-ladder-card app-ladder-card--current' : 'app-ladder-card',
    },
    rows: [
      row('Status', tagHtml(statusTag(s))),
      ...(policies.size > 1 ? [row('Policy', s.policyName)] : []),
      whenRow(s),
      row('Who was told', toldHtml(s)),
      ...acknowledgementRows(s),
    ],
  }));
}

// ---------- the page ----------

export interface AlertForm {
  action: string;
  latestReviewBy: string | null;
  actionPlan: string;
  dateItems: ReturnType<typeof dateItems>;
}

export interface AlertPageLocals {
  pageTitle: string;
  escalationId: string;
  who: Row[];
  timelineHref: string;
  step: Row[];
  /** The form while the reader may acknowledge; else why not (null: the step needs nobody now). */
  form: AlertForm | null;
  refusal: string | null;
  ladder: LadderCard[];
  success: string | null;
  errors: PresentedErrors;
}

export interface AlertPageState {
  /** Just acknowledged (post/redirect/get): the success banner. */
  acknowledged?: boolean;
  values?: AcknowledgeFormValues;
  faultyDateParts?: DatePart[];
  errors?: PresentedErrors;
}

/** What the reader may do: acknowledge (the form), or why they cannot (a role that may not; a step not open). */
function nextAction(v: AlertPageView, state: AlertPageState): Pick<AlertPageLocals, 'form' | 'refusal'> {
  const a = v.acknowledge;
  if (a.allowed) {
    const values = state.values ?? { actionPlan: '', day: '', month: '', year: '' };
    return {
      form: {
        action: `/escalations/${v.step.id}/acknowledge`,
        latestReviewBy: a.latestReviewBy ? ukDate(a.latestReviewBy) : null,
        actionPlan: values.actionPlan,
        dateItems: dateItems(values, state.faultyDateParts),
      },
      refusal: null,
    };
  }
  if (a.refusal === 'role' && v.step.status === 'open') return { form: null, refusal: a.reason };
  return { form: null, refusal: null };
}

/** The banner after acknowledging: `Step 5 acknowledged. Review by 14 December 2026` (escaped HTML). */
function successHtml(v: AlertPageView, state: AlertPageState): string | null {
  const a = v.step.acknowledgement;
  if (!state.acknowledged || v.step.status !== 'acknowledged' || !a) return null;
  const text = `Step ${v.step.step} acknowledged. Review by ${ukDate(a.reviewBy)}`;
  return markup`<p class="govuk-notification-banner__heading">${text}</p>`.html;
}

export function presentAlert(v: AlertPageView, state: AlertPageState = {}): AlertPageLocals {
  return {
    pageTitle: `Escalation step ${v.step.step} for ${v.youngPerson.reference}`,
    escalationId: v.step.id,
    who: whoRows(v),
    timelineHref: `/young-people/${v.youngPerson.id}/timeline`,
    step: stepRows(v),
    ...nextAction(v, state),
    ladder: ladderCards(v),
    success: successHtml(v, state),
    errors: state.errors ?? { summary: [], byField: {} },
  };
}
