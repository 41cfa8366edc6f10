import type { PersonReturn } from '../../features/reports/ssda903';
import { collectionYear } from '../../kernel/ssda903';
import {
  contactRows,
  presentLadder,
  presentReturn,
  presentYoungPerson,
  readRecorded,
  suitabilityWords,
  type YoungPersonPageInput,
} from './young-person.presenter';
import { accommodationGroups, accommodationRule, composeInstant } from './record-forms';

const cy = collectionYear(2026);
const person: YoungPersonPageInput['person'] = {
  id: 'p1',
  reference: 'CL-1',
  firstName: 'Sam',
  lastName: 'Jones',
  dateOfBirth: '2009-11-16',
  age: 17,
  gender: 'female',
  legalStatus: 'relevant',
  uasc: false,
  paUserId: 'u1',
  homeArea: 'Crewe',
  areasToAvoid: [],
  needsServiceLevelRank: null,
  stepFreeNeeded: true,
  hasPet: false,
  pregnantOrParent: false,
  risks: [],
  version: 1,
};
const row = (IN_TOUCH: string, ACTIV: string, ACCOM: string) => ({
  youngPersonId: 'p1',
  CHILD: 'CL-1',
  DOB: '16/11/2009',
  IN_TOUCH,
  ACTIV,
  ACCOM,
  BIRTHDAY: 17,
  ACCOM_BASIS: 'nearest_after',
  CONTACTED_ON: '2026-11-30',
});
const input = (over: Partial<YoungPersonPageInput> = {}): YoungPersonPageInput => ({
  person,
  paName: 'Pat PA',
  current: null,
  ladder: [],
  requests: [],
  matches: {},
  lastContact: null,
  contactsTotal: 0,
  nextReturn: { cy, inScope: false, why: 'no_birthday_in_scope' },
  canRecord: { contact: true, stay: true, request: true, details: true },
  ...over,
});
const texts = (rows: { key: { text: string }; value: { text?: string; html?: string } }[]) =>
  rows.map((r) => `${r.key.text}: ${r.value.text ?? r.value.html}`);

describe('the young person page presenter', () => {
  it('says who they are, with their needs in words and links to the forms and the timeline', () => {
    const v = presentYoungPerson(input());
    expect(v.pageTitle).toBe('Sam Jones (CL-1)');
    expect(texts(v.details)).toEqual(
      expect.arrayContaining([
        'Date of birth: 16 November 2009 (age 17)',
        'Needs: Step-free access',
        'Personal adviser: Pat PA',
      ]),
    );
    expect(v.links).toEqual({
      timeline: '/young-people/p1/timeline',
      contact: '/young-people/p1/contacts/new',
      stay: '/young-people/p1/stays/new',
      pastStay: '/young-people/p1/stays/past',
      request: '/young-people/p1/placement-requests/new',
      edit: '/young-people/p1/edit',
    });
    expect(
      presentYoungPerson(input({ canRecord: { contact: false, stay: false, request: false, details: false } })).links
        .contact,
    ).toBeNull();
  });

  it('says a hotel is unsuitable emergency provision, and a settled stay suitable', () => {
    expect(suitabilityWords({ accommodationCode: 'W', suitable: false, emergency: false })).toMatch(
      /^Unsuitable accommodation: .*Emergency provision/,
    );
    expect(suitabilityWords({ accommodationCode: 'S', suitable: false, emergency: false })).toBe(
      'Unsuitable accommodation: no fixed abode is always unsuitable',
    );
    expect(suitabilityWords({ accommodationCode: 'D', suitable: true, emergency: false })).toBe(
      'Suitable accommodation',
    );
  });

  it('lists who each fired step told, and when the others will be told', () => {
    const step = (n: number, fired: boolean) => ({
      id: `s${n}`,
      step: n,
      occurrence: 0,
      role: n === 1 ? 'team_manager' : 'service_manager',
      policyName: 'p',
      status: (fired ? 'open' : 'scheduled') as 'open',
      dueAt: '2026-12-01T10:00:00Z',
      firedAt: fired ? '2026-11-30T10:00:00Z' : null,
      closedAt: null,
      closedReason: null,
      unrouted: false,
      recordedLate: false,
      current: fired,
      told: fired ? [{ userId: 'u', name: 'Tess Manager', role: 'team_manager', via: null, deliveries: [] }] : [],
      adminsTold: [],
      acknowledgement: null,
    });
    expect(presentLadder([step(1, true), step(2, false)] as never)).toEqual([
      { step: 'Step 1: Team manager', state: 'Told Mon 30 Nov 2026, 10:00', people: ['Tess Manager (Team manager)'] },
      {
        step: 'Step 2: Service manager',
        state: 'Will be told Tue 1 Dec 2026, 10:00 if they are still there',
        people: [],
      },
    ]);
  });

  it('says what the next return will say: a row in words, why there is none yet, or why they are not in it', () => {
    const withRow: PersonReturn = {
      cy,
      inScope: true,
      age: 17,
      birthday: '2026-11-16',
      row: row('YES', 'F2', 'W2'),
      adjustment: null,
    };
    const r = presentReturn(withRow);
    expect(r.heading).toBe('What the 2026-27 SSDA903 return will say');
    expect(r.summary).toBe('Their row: YES, F2, W2. Their 17th birthday on 16 November 2026.');
    expect(texts(r.rows)).toContain('Accommodation (ACCOM): W2: Bed and breakfast / hotel, unsuitable');
    const none: PersonReturn = {
      cy,
      inScope: true,
      age: 17,
      birthday: '2026-11-16',
      exception: {
        youngPersonId: 'p1',
        reference: 'CL-1',
        birthday: '2026-11-16',
        age: 17,
        reason: 'no_contact_around_birthday',
        detail: 'No contact',
      },
    };
    expect(presentReturn(none).summary).toBe('No row yet. Their 17th birthday on 16 November 2026. No contact.');
    expect(presentReturn({ cy, inScope: false, why: 'still_looked_after' }).summary).toMatch(/still looked after/);
  });

  it('shows the banner after a form, saying whether the next return changed', () => {
    expect(readRecorded({ recorded: 'contact', returnChanged: '1' })).toEqual({ what: 'contact', returnChanged: true });
    expect(readRecorded({ recorded: 'bogus' })).toBeNull();
    const nextReturn: PersonReturn = {
      cy,
      inScope: true,
      age: 17,
      birthday: '2026-11-16',
      row: row('YES', 'F2', 'W2'),
      adjustment: null,
    };
    const v = presentYoungPerson(input({ nextReturn, recorded: { what: 'contact', returnChanged: true } }));
    expect(v.success).toContain('Contact recorded');
    expect(v.success).toContain('The next SSDA903 return changed. Their row: YES, F2, W2.');
    expect(presentYoungPerson(input()).success).toBeNull();
  });

  it('shows the last contact with the DfE codes in words', () => {
    const c = contactRows(
      {
        id: 'c',
        youngPersonId: 'p1',
        contactedAt: '2026-11-30T09:30:00Z',
        method: 'phone',
        inTouch: 'REFU',
        activity: null,
        notes: null,
        recordedByUserId: 'u',
        recordedByName: 'Pat PA',
        createdAt: '2026-11-30T09:31:00Z',
      },
      3,
    );
    expect(texts(c)).toEqual(
      expect.arrayContaining(['In touch: Refuses contact (REFU)', 'Activity: Not recorded', 'Contacts recorded: 3']),
    );
  });
});

describe('the record forms', () => {
  it('composes a UK date and time into an instant with the London offset', () => {
    const v = { 'at-day': '30', 'at-month': '6', 'at-year': '2026', 'at-time': '21:05' };
    expect(composeInstant(v, 'at', 'Date')).toEqual({ value: '2026-06-30T21:05:00+01:00', error: null });
    expect(composeInstant({ ...v, 'at-month': '11' }, 'at', 'Date').value).toBe('2026-11-30T21:05:00+00:00');
    expect(composeInstant({ ...v, 'at-time': '25:00' }, 'at', 'Date').error).toEqual({
      field: 'at-time',
      message: 'Date time must be a real time, like 14:30',
    });
    expect(composeInstant({ ...v, 'at-day': '' }, 'at', 'Date').error?.message).toBe('Date must include a day');
  });

  it('explains each kind of accommodation from the kernel’s table, emergency provision first', () => {
    expect(accommodationRule('W')).toBe(
      'Never suitable for 16 and 17 year olds. Unsuitable unless a manager says otherwise, with a reason. Emergency provision: the escalation clock runs while they are there.',
    );
    expect(accommodationRule('X')).toBe('Always unsuitable.');
    expect(accommodationRule('D')).toBe('Suitable.');
    const groups = accommodationGroups('W');
    expect(groups[0].heading).toBe('Emergency accommodation');
    expect(groups[0].items).toEqual(expect.arrayContaining([expect.objectContaining({ value: 'W', checked: true })]));
    expect(groups.flatMap((g) => g.items)).toHaveLength(16);
  });
});

describe('the young person page presenter: changing details and past stays', () => {
  it('gives each detail the edit page changes a Change action to its field, and none without the right', () => {
    const v = presentYoungPerson(input());
    const dob = v.details.find((r) => r.key.text === 'Date of birth');
    expect(dob?.actions?.items).toEqual([
      { href: '/young-people/p1/edit#dateOfBirth-day', text: 'Change', visuallyHiddenText: 'date of birth' },
    ]);
    expect(v.details.find((r) => r.key.text === 'Reference')?.actions).toBeUndefined();
    const ro = presentYoungPerson(
      input({ canRecord: { contact: false, stay: false, request: false, details: false } }),
    );
    expect(ro.details.some((r) => r.actions)).toBe(false);
    expect(ro.links.edit).toBeNull();
    expect(ro.links.pastStay).toBeNull();
  });

  it('says in words that no bed fits tonight under an emergency request with no match', () => {
    const request = {
      id: 'r1',
      urgency: 'emergency',
      status: 'open',
      neededBy: '2026-11-27',
      preferredAreas: [],
      createdAt: '2026-11-27T17:00:00Z',
    } as unknown as YoungPersonPageInput['requests'][number];
    const v = presentYoungPerson(input({ requests: [request], matches: { r1: [] } }));
    expect(v.requests[0].matches?.empty).toBe(
      'No bed fits tonight: a housing officer has been told, and the request is on the placement queue.',
    );
    const planned = presentYoungPerson(input({ requests: [{ ...request, urgency: 'planned' }], matches: { r1: [] } }));
    expect(planned.requests[0].matches?.empty).toBe('No bed matches this request today.');
  });

  it('shows a banner after saving details or adding a past stay', () => {
    expect(readRecorded({ recorded: 'details' })).toEqual({ what: 'details', returnChanged: null });
    expect(presentYoungPerson(input({ recorded: { what: 'details', returnChanged: null } })).success).toContain(
      'Details saved',
    );
    expect(presentYoungPerson(input({ recorded: { what: 'past_stay', returnChanged: false } })).success).toContain(
      'Past stay added to their history',
    );
    expect(readRecorded({ recorded: 'toString' })).toBeNull();
  });
});
