/**
 * A young person's page (`/young-people/:id`), shaped for `views/young-people/young-person.njk`:
 * who they are, where they are now (suitability in words and a tag) and who was told about it,
 * their open placement requests (with the best matches, read-only), the last keeping-in-touch
 * contact, and what the next SSDA903 return will say about them. A pure function of what the
 * services return; what is said here is wording, never a rule.
 */
import type { ContactView } from '../../features/contacts/contacts.dto';
import type { AlertStep } from '../../features/escalations/alert-view';
import type { PlacementRequestView } from '../../features/placements/placements.dto';
import type { PersonReturn } from '../../features/reports/ssda903';
import type { CurrentStay } from '../../features/reports/timeline';
import type { YoungPersonView } from '../../features/young-people/young-people.dto';
import { ACCOMMODATION, isAccommodationCode } from '../../kernel/accommodation';
import { ROLE_NAMES, type Role } from '../../kernel/roles';
import { Html, markup, type Row, type Tag } from './alert.presenter';
import { ukDate, ukDateTime, words } from './format';
import { legalStatusText, stayTags } from './timeline.presenter';

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const roleName = (role: string | null | undefined) => (role ? (ROLE_NAMES[role as Role] ?? words(role)) : '');
const row = (key: string, value: string | Html): Row => ({
  key: { text: key },
  value: value instanceof Html ? { html: value.html } : { text: value },
});
const tagHtml = (t: Tag) => markup`<strong class="govuk-tag ${t.classes}">${t.text}</strong>`;

/** The DfE's IN_TOUCH codes in words. */
export const IN_TOUCH_WORDS: Record<string, string> = {
  YES: 'In touch',
  NO: 'Not in touch',
  DIED: 'Died',
  REFU: 'Refuses contact',
  NREQ: 'No longer requires services',
  RHOM: 'Returned home to parents or relatives for six months or more',
};

/** The DfE's ACTIV codes in words. */
export const ACTIV_WORDS: Record<string, string> = {
  F1: 'Full time in higher education',
  P1: 'Part time in higher education',
  F2: 'Full time in other education',
  P2: 'Part time in other education',
  F4: 'Full time apprenticeship',
  P4: 'Part time apprenticeship',
  F5: 'Full time training or employment',
  P5: 'Part time training or employment',
  G4: 'Not in education, training or employment: illness or disability',
  G5: 'Not in education, training or employment: other reasons',
  G6: 'Not in education, training or employment: pregnancy or parenting',
};

export const METHOD_WORDS: Record<string, string> = {
  in_person: 'In person',
  phone: 'Phone call',
  video: 'Video call',
  message: 'Text or online message',
  letter: 'Letter',
  other: 'Another way',
};

const REQUEST_STATUS_WORDS: Record<string, string> = {
  open: 'Open: waiting for a housing officer to hold a bed',
  held: 'Bed held: waiting for the move in',
  placed: 'Placed',
  withdrawn: 'Withdrawn',
};
const URGENCY_WORDS: Record<string, string> = { emergency: 'Emergency', planned: 'Planned' };

const ordinal = (n: number) => {
  const s =
    n % 10 === 1 && n % 100 !== 11
      ? 'st'
      : n % 10 === 2 && n % 100 !== 12
        ? 'nd'
        : n % 10 === 3 && n % 100 !== 13
          ? 'rd'
          : 'th';
  return `${n}${s}`;
};

/** `Bed and breakfast / hotel (W2)` */
export function accommodationText(code: string, ssda903?: string): string {
  const label = isAccommodationCode(code) ? ACCOMMODATION[code].label : code;
  return `${capital(label)} (${ssda903 ?? code})`;
}

export interface ShortMatch {
  bedLabel: string;
  providerName: string;
  area: string;
  level: string;
  score: number;
}

export interface YoungPersonPageInput {
  person: YoungPersonView;
  paName: string | null;
  current: CurrentStay | null;
  /** The escalation ladder of the open stay, in the order its steps fall due (empty when no clock runs). */
  ladder: AlertStep[];
  requests: PlacementRequestView[];
  matches: Record<string, ShortMatch[] | null>;
  lastContact: ContactView | null;
  contactsTotal: number;
  nextReturn: PersonReturn;
  /** What was just recorded (the banner after a form), and whether the next return changed with it. */
  recorded?: { what: Recorded; returnChanged: boolean | null } | null;
  /** What the user may record here; `details`: change who they are (the edit page). */
  canRecord: { contact: boolean; stay: boolean; request: boolean; details: boolean };
}

type ChangeableRow = Row & { actions?: { items: { href: string; text: string; visuallyHiddenText: string }[] } };

/** The form fields each detail is changed by (the edit page's anchors). */
const CHANGED_BY: Record<string, string> = {
  Name: 'firstName',
  'Date of birth': 'dateOfBirth-day',
  Gender: 'gender',
  'Legal status': 'legalStatus',
  'Unaccompanied asylum-seeking child': 'uasc',
  'Home area': 'homeArea',
  'Areas to avoid': 'areasToAvoid',
  Needs: 'needs',
  Risks: 'risks',
};

/**
 * Who the young person is; with `editHref`, each detail the edit page changes has a "Change"
 * action (GOV.UK summary list) to its field there.
 */
export function detailRows(p: YoungPersonView, paName: string | null, editHref: string | null = null): ChangeableRow[] {
  const needs = [
    p.needsServiceLevelRank ? `Service level ${p.needsServiceLevelRank} or above` : null,
    p.stepFreeNeeded ? 'Step-free access' : null,
    p.hasPet ? 'Has a pet' : null,
    p.pregnantOrParent ? 'Pregnant or a parent' : null,
  ].filter((n): n is string => !!n);
  return [
    row('Reference', p.reference),
    row('Name', `${p.firstName} ${p.lastName}`),
    row('Date of birth', `${ukDate(p.dateOfBirth)} (age ${p.age})`),
    row('Gender', capital(words(p.gender))),
    row('Legal status', legalStatusText(p.legalStatus)),
    row('Unaccompanied asylum-seeking child', p.uasc ? 'Yes' : 'No'),
    row('Home area', p.homeArea ?? 'Not recorded'),
    row('Areas to avoid', p.areasToAvoid.length ? p.areasToAvoid.join(', ') : 'None'),
    row('Needs', needs.length ? needs.join('; ') : 'None recorded'),
    row('Risks', p.risks.length ? p.risks.map((r) => capital(words(r))).join('; ') : 'None recorded'),
    row('Personal adviser', paName ?? 'Not known'),
  ].map((r) => {
    const field = CHANGED_BY[r.key.text];
    if (!editHref || !field) return r;
    const item = { href: `${editHref}#${field}`, text: 'Change', visuallyHiddenText: r.key.text.toLowerCase() };
    return { ...r, actions: { items: [item] } };
  });
}

/** Whether a stay's accommodation is suitable, in words. */
export function suitabilityWords(c: Pick<CurrentStay, 'accommodationCode' | 'suitable' | 'emergency'>): string {
  const kind = isAccommodationCode(c.accommodationCode) ? ACCOMMODATION[c.accommodationCode] : null;
  const emergency = c.emergency || !!kind?.emergency;
  const base = c.suitable ? 'Suitable accommodation' : 'Unsuitable accommodation';
  const why = !c.suitable
    ? kind?.alwaysUnsuitable
      ? `: ${kind.short} is always unsuitable`
      : ': the escalation clock runs until they move somewhere suitable'
    : '';
  return `${base}${why}${emergency ? '. Emergency provision: the escalation clock runs while they are there' : ''}`;
}

export function stayRows(c: CurrentStay | null): Row[] {
  if (!c) return [row('Where now', 'No stay recorded as open')];
  const place = [[c.bedLabel, c.providerName, c.area].filter(Boolean).join(', '), c.description]
    .filter(Boolean)
    .join(' — ');
  return [
    row(
      'Where now',
      markup`${accommodationText(c.accommodationCode, c.ssda903)} ${stayTags(c).map((t) => markup`${tagHtml(t)} `)}${place ? markup`<br><span class="govuk-hint app-hint-inline">${place}</span>` : ''}`,
    ),
    row('Suitability', suitabilityWords(c)),
    row('There since', ukDateTime(c.startedAt)),
  ];
}

export interface ToldLine {
  step: string;
  state: string;
  people: string[];
}

/** Who was told about the stay (steps that fired, with the people they reached), then who will be and when. */
export function presentLadder(ladder: AlertStep[]): ToldLine[] {
  return ladder
    .filter((s) => s.occurrence === 0)
    .map((s) => {
      const step = `Step ${s.step}: ${roleName(s.role)}`;
      if (s.firedAt) {
        const people = s.told.map((t) => `${t.name ?? 'Someone'}${t.role ? ` (${roleName(t.role)})` : ''}`);
        if (s.unrouted) people.push('Nobody holds this role: an administrator was told');
        const acknowledged = s.acknowledgement ? `, acknowledged ${ukDateTime(s.acknowledgement.at)}` : '';
        return { step, state: `Told ${ukDateTime(s.firedAt)}${acknowledged}`, people };
      }
      if (s.closedAt) return { step, state: `Not needed (closed ${ukDateTime(s.closedAt)})`, people: [] };
      return { step, state: `Will be told ${ukDateTime(s.dueAt)} if they are still there`, people: [] };
    });
}

export interface RequestLine {
  title: string;
  rows: Row[];
  matches: { rows: { text: string }[][]; empty: string } | null;
}

export function presentRequests(
  requests: PlacementRequestView[],
  matches: YoungPersonPageInput['matches'],
): RequestLine[] {
  return requests.map((r) => {
    const found = matches[r.id];
    return {
      title: `${URGENCY_WORDS[r.urgency] ?? capital(r.urgency)} request, needed by ${ukDate(r.neededBy)}`,
      rows: [
        row('State', REQUEST_STATUS_WORDS[r.status] ?? capital(r.status)),
        row('Needed by', ukDate(r.neededBy)),
        row('Preferred areas', r.preferredAreas.length ? r.preferredAreas.join(', ') : 'Any'),
        row('Raised', ukDateTime(r.createdAt)),
      ],
      matches: found
        ? {
            rows: found.map((m, i) => [
              { text: String(i + 1) },
              { text: m.providerName },
              { text: m.bedLabel },
              { text: m.level },
              { text: m.area },
              { text: String(m.score) },
            ]),
            empty:
              r.urgency === 'emergency'
                ? 'No bed fits tonight: a housing officer has been told, and the request is on the placement queue.'
                : 'No bed matches this request today.',
          }
        : null,
    };
  });
}

export function contactRows(c: ContactView | null, total: number): Row[] {
  if (!c) return [row('Last contact', 'No contact recorded')];
  return [
    row('Last contact', ukDateTime(c.contactedAt)),
    row('How', METHOD_WORDS[c.method] ?? capital(words(c.method))),
    row('In touch', `${IN_TOUCH_WORDS[c.inTouch] ?? c.inTouch} (${c.inTouch})`),
    row('Activity', c.activity ? `${ACTIV_WORDS[c.activity] ?? c.activity} (${c.activity})` : 'Not recorded'),
    row('Recorded by', c.recordedByName ?? 'Not known'),
    row('Contacts recorded', String(total)),
  ];
}

export interface ReturnView {
  heading: string;
  summary: string;
  rows: Row[];
}

/** What the next SSDA903 return will say: their row's values in words, or why there is none (yet). */
export function presentReturn(r: PersonReturn): ReturnView {
  const heading = `What the ${r.cy.label} SSDA903 return will say`;
  const span = `${ukDate(r.cy.start)} to ${ukDate(r.cy.end)}`;
  if (!r.inScope)
    return {
      heading,
      summary:
        r.why === 'still_looked_after'
          ? 'They are not in this return: they are still looked after (legal status eligible), so they are counted, not reported.'
          : `They are not in this return: they have no 17th to 21st birthday between ${span}.`,
      rows: [],
    };
  const about = `Their ${ordinal(r.age)} birthday on ${ukDate(r.birthday)}.`;
  if (!r.row) return { heading, summary: `No row yet. ${about} ${r.exception.detail}.`, rows: [] };
  const v = r.row;
  return {
    heading,
    summary: `Their row: ${v.IN_TOUCH}, ${v.ACTIV}, ${v.ACCOM}. ${about}`,
    rows: [
      row('In touch (IN_TOUCH)', `${v.IN_TOUCH}: ${IN_TOUCH_WORDS[v.IN_TOUCH] ?? v.IN_TOUCH}`),
      row('Activity (ACTIV)', v.ACTIV === '0' ? '0: not reported' : `${v.ACTIV}: ${ACTIV_WORDS[v.ACTIV] ?? v.ACTIV}`),
      row(
        'Accommodation (ACCOM)',
        v.ACCOM === '0'
          ? '0: not reported'
          : `${v.ACCOM}: ${accommodationText(v.ACCOM.slice(0, 1), v.ACCOM).replace(/ \(.*\)$/, '')}, ${v.ACCOM.endsWith('1') ? 'suitable' : 'unsuitable'}`,
      ),
      row('From the contact on', ukDate(v.CONTACTED_ON)),
    ],
  };
}

const RECORDED = {
  contact: 'Contact recorded',
  stay: 'Stay recorded',
  request: 'Placement request made',
  details: 'Details saved',
  past_stay: 'Past stay added to their history',
} as const;
type Recorded = keyof typeof RECORDED;

/** What the address says was just recorded (`?recorded=contact&returnChanged=1`), if anything. */
export function readRecorded(query: Record<string, unknown>): YoungPersonPageInput['recorded'] {
  const what = query.recorded;
  if (typeof what !== 'string' || !Object.hasOwn(RECORDED, what)) return null;
  const changed = query.returnChanged;
  return { what: what as Recorded, returnChanged: changed === '1' ? true : changed === '0' ? false : null };
}

/** The success banner after a form: what was recorded, and what the next return says now. */
export function successBanner(recorded: YoungPersonPageInput['recorded'], nextReturn: ReturnView): Html | null {
  if (!recorded) return null;
  const change =
    recorded.returnChanged === null
      ? ''
      : recorded.returnChanged
        ? `The next SSDA903 return changed. ${nextReturn.summary}`
        : `The next SSDA903 return is unchanged. ${nextReturn.summary}`;
  return markup`<h3 class="govuk-notification-banner__heading">${RECORDED[recorded.what]}</h3>${change ? markup`<p class="govuk-body">${change}</p>` : ''}`;
}

export interface YoungPersonPageLocals {
  pageTitle: string;
  details: ChangeableRow[];
  stay: Row[];
  unsuitable: boolean;
  told: ToldLine[];
  requests: RequestLine[];
  contact: Row[];
  nextReturn: ReturnView;
  success: string | null;
  links: {
    timeline: string;
    contact: string | null;
    stay: string | null;
    pastStay: string | null;
    request: string | null;
    edit: string | null;
  };
}

export function presentYoungPerson(i: YoungPersonPageInput): YoungPersonPageLocals {
  const p = i.person;
  const base = `/young-people/${encodeURIComponent(p.id)}`;
  const nextReturn = presentReturn(i.nextReturn);
  return {
    pageTitle: `${p.firstName} ${p.lastName} (${p.reference})`,
    details: detailRows(p, i.paName, i.canRecord.details ? `${base}/edit` : null),
    stay: stayRows(i.current),
    unsuitable: !!i.current && !i.current.suitable,
    told: i.current ? presentLadder(i.ladder) : [],
    requests: presentRequests(i.requests, i.matches),
    contact: contactRows(i.lastContact, i.contactsTotal),
    nextReturn,
    success: successBanner(i.recorded, nextReturn)?.html ?? null,
    links: {
      timeline: `${base}/timeline`,
      contact: i.canRecord.contact ? `${base}/contacts/new` : null,
      stay: i.canRecord.stay ? `${base}/stays/new` : null,
      pastStay: i.canRecord.stay ? `${base}/stays/past` : null,
      request: i.canRecord.request ? `${base}/placement-requests/new` : null,
      edit: i.canRecord.details ? `${base}/edit` : null,
    },
  };
}
