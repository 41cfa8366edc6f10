import { accommodationLabel } from '../../kernel/accommodation';
import { ageOn, londonDate } from '../../kernel/dates';
import { routeStep, type OrgChart, type OrgPerson } from '../../kernel/routing';
import { MANAGER_LADDER, type Role } from '../../kernel/roles';
import { breachesStatutoryLimit, elapsedText, initials } from '../../kernel/statutory-limits';
import type { WorkingCalendar } from '../../kernel/working-days';
import { oneLine } from '../notifications/escalation-message';

/**
 * The morning digest, as plain functions: who is in whose digest (the routing rule), in what
 * order, and what it says. The same privacy rule as alerts: reference, initials, age, the
 * accommodation code and its label, how long — never a name, a date of birth or the stay's free text.
 */

/** Someone now in unsuitable or emergency accommodation, and the state of their clock's steps. */
export interface DigestPerson {
  youngPersonId: string;
  reference: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  paUserId: string | null;
  homeArea: string | null;
  pregnantOrParent: boolean;
  accommodationCode: string;
  stayStartedAt: Date;
  /** The start of the unbroken run of unsuitable or emergency stays. */
  clockStartedAt: Date;
  /** Fired steps still open that nobody has acknowledged. */
  unacknowledged: number;
  /** Steps whose acknowledgement lapsed at its review and has not been renewed. */
  lapsed: number;
}

/** One line of a digest. */
export interface DigestLine {
  reference: string;
  initials: string;
  ageYears: number;
  accommodationCode: string;
  accommodationLabel: string;
  clockStartedAt: Date;
  elapsedText: string;
  breach: boolean;
  unacknowledged: boolean;
  lapsed: boolean;
}

export interface DigestMessage {
  subject: string;
  body: string;
  link: string;
}

/** Senior roles that get a digest: team manager and up. */
export const DIGEST_ROLES: readonly Role[] = MANAGER_LADDER;

/**
 * Who reads whom: a young person is in U's digest when a step addressed to U's role for them
 * would reach U (the routing rule, `routeStep`). Only active holders of the digest roles read one.
 */
export function digestAudience(chart: OrgChart, staff: readonly OrgPerson[], people: readonly DigestPerson[]) {
  const readers = new Set(staff.filter((p) => p.active && DIGEST_ROLES.includes(p.role)).map((p) => p.id));
  const byReader = new Map<string, DigestPerson[]>();
  for (const person of people) {
    for (const role of DIGEST_ROLES) {
      const route = routeStep(chart, { role, paUserId: person.paUserId, homeArea: person.homeArea });
      for (const r of route.recipients) {
        if (r.role !== role || !readers.has(r.userId)) continue;
        const list = byReader.get(r.userId) ?? [];
        if (!list.includes(person)) list.push(person);
        byReader.set(r.userId, list);
      }
    }
  }
  return byReader;
}

/** The lines of a digest: statutory breaches first, then under-18s, then the longest first. */
export function digestLines(people: readonly DigestPerson[], now: Date, cal: WorkingCalendar): DigestLine[] {
  const today = londonDate(now);
  const lines = people.map((p): DigestLine => {
    const ageYears = ageOn(p.dateOfBirth, today);
    const facts = {
      ageYears,
      accommodationCode: p.accommodationCode,
      pregnantOrParent: p.pregnantOrParent,
      clockStartedAt: p.clockStartedAt,
      stayStartedAt: p.stayStartedAt,
    };
    return {
      reference: p.reference,
      initials: initials(p.firstName, p.lastName),
      ageYears,
      accommodationCode: p.accommodationCode,
      accommodationLabel: accommodationLabel(p.accommodationCode),
      clockStartedAt: p.clockStartedAt,
      elapsedText: elapsedText(p.clockStartedAt, now, cal),
      breach: breachesStatutoryLimit(facts, now, cal),
      unacknowledged: p.unacknowledged > 0,
      lapsed: p.lapsed > 0,
    };
  });
  const rank = (l: DigestLine) => (l.breach ? 0 : 2) + (l.ageYears < 18 ? 0 : 1);
  return lines.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      a.clockStartedAt.getTime() - b.clockStartedAt.getTime() ||
      a.reference.localeCompare(b.reference),
  );
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function lineText(l: DigestLine): string {
  const age = l.ageYears < 18 ? `aged ${l.ageYears} (UNDER 18)` : `aged ${l.ageYears}`;
  const marks = [
    l.breach ? 'BREACHES THE STATUTORY LIMIT' : null,
    l.unacknowledged ? 'NOT ACKNOWLEDGED' : null,
    l.lapsed ? 'ACKNOWLEDGEMENT LAPSED' : null,
  ].filter(Boolean);
  const who = `${oneLine(l.reference, 40)} ${oneLine(l.initials, 12)}`;
  const where = `${l.accommodationCode} – ${oneLine(l.accommodationLabel, 100)}`;
  return `- ${who}, ${age}: ${where}, for ${oneLine(l.elapsedText, 80)}${marks.length ? `. ${marks.join('; ')}` : ''}`;
}

/** The digest of `day` for one reader: a count in the subject, one line per young person, a link to the live list. */
export function digestMessage(lines: readonly DigestLine[], day: string, publicBaseUrl: string): DigestMessage {
  const link = `${publicBaseUrl.replace(/\/+$/, '')}/reports/unsuitable-accommodation`;
  const breaches = lines.filter((l) => l.breach).length;
  const under18 = lines.filter((l) => l.ageYears < 18).length;
  const open = lines.filter((l) => l.unacknowledged || l.lapsed).length;
  // Every message about an under-18 says so in its subject.
  const subject = oneLine(
    `Morning digest ${day}: ${plural(lines.length, 'young person', 'young people')} in unsuitable or emergency accommodation` +
      (under18 ? `, ${under18} UNDER 18` : '') +
      (breaches ? `, ${plural(breaches, 'statutory breach', 'statutory breaches')}` : ''),
    300,
  );
  const body = [
    `Young people in unsuitable or emergency accommodation whose escalations reach you, ${day}; statutory breaches first.`,
    open ? `${plural(open, 'has', 'have')} a step nobody has acknowledged, or whose acknowledgement lapsed.` : '',
    '',
    ...lines.map(lineText),
    '',
    'The live list, with names, personal advisers and action plans:',
    link,
    '',
    'You receive this because escalations about these young people reach your role. Do not forward this message outside the council.',
  ];
  return { subject, body: body.filter((l, i) => l !== '' || i > 1).join('\n'), link };
}
