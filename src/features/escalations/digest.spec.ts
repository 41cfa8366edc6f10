import fc from 'fast-check';
import { MANAGER_LADDER, type Role } from '../../kernel/roles';
import { OrgChart, routeStep, type OrgPerson } from '../../kernel/routing';
import { WorkingCalendar } from '../../kernel/working-days';
import { digestAudience, digestLines, digestMessage, type DigestPerson } from './digest';

const cal = new WorkingCalendar();
// Monday 7 December 2026, 08:00 (GMT).
const NOW = new Date('2026-12-07T08:00:00Z');

const staff = (id: string, role: Role, over: Partial<OrgPerson> = {}): OrgPerson => ({
  id,
  role,
  area: null,
  managerId: null,
  active: true,
  ...over,
});

function young(reference: string, over: Partial<DigestPerson> = {}): DigestPerson {
  return {
    youngPersonId: `y-${reference}`,
    reference,
    firstName: 'Alex',
    lastName: 'Taylor',
    dateOfBirth: '2000-01-01',
    paUserId: 'pa',
    homeArea: 'Crewe',
    pregnantOrParent: false,
    accommodationCode: 'W',
    stayStartedAt: new Date('2026-12-06T20:00:00Z'),
    clockStartedAt: new Date('2026-12-06T20:00:00Z'),
    unacknowledged: 0,
    lapsed: 0,
    ...over,
  };
}

const COUNCIL = [
  staff('dir', 'director'),
  staff('hos', 'head_of_service', { managerId: 'dir' }),
  staff('sm', 'service_manager', { managerId: 'hos' }),
  staff('tm-crewe', 'team_manager', { area: 'Crewe', managerId: 'sm' }),
  staff('tm-wide', 'team_manager', { managerId: 'sm' }),
  staff('tm-gone', 'team_manager', { active: false }),
  staff('pa', 'pa'),
  staff('admin', 'admin'),
];

describe('who reads whom in the morning digest', () => {
  it('puts a young person in the digest of whoever a step addressed to their role would reach', () => {
    const crewe = young('CL-1');
    const nantwich = young('CL-2', { homeArea: 'Nantwich' });
    const audience = digestAudience(new OrgChart(COUNCIL), COUNCIL, [crewe, nantwich]);
    expect(audience.get('tm-crewe')).toEqual([crewe]);
    expect(audience.get('tm-wide')).toEqual([nantwich]);
    for (const senior of ['sm', 'hos', 'dir']) expect(audience.get(senior)).toEqual([crewe, nantwich]);
    for (const nobody of ['tm-gone', 'pa', 'admin']) expect(audience.has(nobody)).toBe(false);
  });

  it('follows the PA’s line-management chain before the area', () => {
    const chart = [...COUNCIL.filter((p) => p.id !== 'pa'), staff('pa', 'pa', { managerId: 'tm-wide' })];
    const audience = digestAudience(new OrgChart(chart), chart, [young('CL-1')]);
    expect(audience.get('tm-wide')?.map((p) => p.reference)).toEqual(['CL-1']);
    expect(audience.has('tm-crewe')).toBe(false);
  });

  it('agrees with the routing rule for every generated org chart: a reader sees someone exactly when their role’s step reaches them', () => {
    const role = fc.constantFrom<Role>(...MANAGER_LADDER, 'pa');
    const area = fc.constantFrom<string | null>(null, 'Crewe', 'Nantwich');
    const member = fc.record({ role, area, active: fc.boolean(), manager: fc.nat(7) });
    fc.assert(
      fc.property(fc.array(member, { minLength: 1, maxLength: 8 }), area, (members, homeArea) => {
        const people = members.map((m, i) =>
          staff(`u${i}`, m.role, { area: m.area, active: m.active, managerId: `u${m.manager % members.length}` }),
        );
        const chart = new OrgChart(people);
        const pa = people.find((p) => p.role === 'pa')?.id ?? null;
        const person = young('CL-9', { paUserId: pa, homeArea });
        const audience = digestAudience(chart, people, [person]);
        for (const reader of people) {
          const reached =
            reader.active &&
            reader.role !== 'pa' &&
            routeStep(chart, { role: reader.role, paUserId: pa, homeArea }).recipients.some(
              (r) => r.userId === reader.id,
            );
          expect(audience.has(reader.id)).toBe(reached);
        }
      }),
    );
  });
});

describe('the lines of a digest', () => {
  it('puts statutory breaches first, then under-18s, then the longest first, and marks open and lapsed steps', () => {
    const longest = young('CL-OLD', { clockStartedAt: new Date('2026-12-04T10:00:00Z'), unacknowledged: 1 }); // Fri: 1 working day
    const seventeen = young('CL-17', { dateOfBirth: '2009-06-01', accommodationCode: 'V', lapsed: 1 });
    const adultBreach = young('CL-BNB', { clockStartedAt: new Date('2026-12-02T10:00:00Z') }); // Wed: past two working days
    const supported = young('CL-SUP', { accommodationCode: 'P', clockStartedAt: new Date('2026-11-01T10:00:00Z') });
    const lines = digestLines([longest, supported, seventeen, adultBreach], NOW, cal);
    expect(lines.map((l) => [l.reference, l.breach])).toEqual([
      ['CL-17', true],
      ['CL-BNB', true],
      ['CL-SUP', false],
      ['CL-OLD', false],
    ]);
    expect(lines[0]).toMatchObject({ ageYears: 17, initials: 'A.T.', lapsed: true, unacknowledged: false });
    expect(lines[3]).toMatchObject({ unacknowledged: true, lapsed: false });
  });
});

describe('the digest message', () => {
  const lines = digestLines(
    [
      young('CL-17', { dateOfBirth: '2009-06-01', unacknowledged: 2 }),
      young('CL-20', { clockStartedAt: new Date('2026-12-07T07:00:00Z'), lapsed: 1 }),
    ],
    NOW,
    cal,
  );
  const msg = digestMessage(lines, '2026-12-07', 'https://care-leavers.test/');

  it('counts young people and breaches in the subject', () => {
    expect(msg.subject).toBe(
      'Morning digest 2026-12-07: 2 young people in unsuitable or emergency accommodation, 1 UNDER 18, 1 statutory breach',
    );
  });

  it('says who, how old, where and for how long, with marks, and links to the live list', () => {
    const body = msg.body.split('\n');
    expect(body.filter((l) => l.startsWith('- '))).toEqual([
      '- CL-17 A.T., aged 17 (UNDER 18): W – bed and breakfast / hotel, for 12 hours (0 working days). BREACHES THE STATUTORY LIMIT; NOT ACKNOWLEDGED',
      '- CL-20 A.T., aged 26: W – bed and breakfast / hotel, for 1 hour (0 working days). ACKNOWLEDGEMENT LAPSED',
    ]);
    expect(msg.link).toBe('https://care-leavers.test/reports/unsuitable-accommodation');
    expect(msg.body).toContain(msg.link);
  });

  it('never carries a name or a date of birth', () => {
    expect(msg.body).not.toMatch(/Alex|Taylor|2009-06-01/);
    expect(msg.subject).not.toMatch(/Alex|Taylor/);
  });
});
