import { ageOn } from '../../../src/kernel/dates';
import { ROLES, type Role } from '../../../src/kernel/roles';
import { birthdayIn, collectionYear } from '../../../src/kernel/ssda903';
import { ManualClock } from '../../../src/platform/clock';
import { expectProblem, Harness } from '../../support/harness';

/**
 * The SSDA903 care-leaver extract (OC3) for collection year 2025 (1 April 2025 – 31 March 2026),
 * over a cohort seeded straight into the tables with known dates: each age edge, each
 * accommodation code, the "around the birthday" rules and the rows that cannot be filled.
 */

const clock = new ManualClock(new Date('2026-06-01T12:00:00Z'));
let h: Harness;
let seq = 0;

interface Person {
  id: string;
  reference: string;
}

/**
 * A young person; unless `contact: false`, with a YES contact recording activity F5 at noon on their
 * 17th–21st birthday in the 2025 collection year (or 2026's), so IN_TOUCH and ACTIV are filled.
 */
async function person(
  dateOfBirth: string,
  opts: { legalStatus?: string; reference?: string; contact?: boolean } = {},
): Promise<Person> {
  const id = crypto.randomUUID();
  const reference = opts.reference ?? `X903-${String(++seq).padStart(3, '0')}`;
  await h.db.query(
    `insert into young_person (id, reference, first_name, last_name, date_of_birth, gender, legal_status, uasc, pa_user_id, home_area, areas_to_avoid,
       needs_service_level_rank, step_free_needed, has_pet, pregnant_or_parent, risks, version, created_at, updated_at)
     values ($1, $2, 'Sam', 'Test', $3, 'female', $4, false, $5, 'Crewe', '[]', null, false, false, false, '[]', 1, now(), now())`,
    [id, reference, dateOfBirth, opts.legalStatus ?? 'former_relevant', h.users.pa.id],
  );
  const b = birthdayIn(dateOfBirth, collectionYear(2025)) ?? birthdayIn(dateOfBirth, collectionYear(2026));
  if (opts.contact !== false && b) await contact({ id, reference }, `${b.birthday}T12:00:00Z`, 'YES', 'F5');
  return { id, reference };
}

async function contact(p: Person, at: string, inTouch: string, activity: string | null): Promise<void> {
  await h.db.query(
    `insert into keeping_in_touch_contact (id, young_person_id, contacted_at, method, in_touch, activity, notes, recorded_by_user_id, created_at)
     values (gen_random_uuid(), $1, $2, 'phone', $3, $4, null, $5, now())`,
    [p.id, at, inTouch, activity, h.users.pa.id],
  );
}

async function stay(
  p: Person,
  code: string,
  suitable: boolean,
  startedAt: string,
  endedAt: string | null,
): Promise<string> {
  const id = crypto.randomUUID();
  await h.db.query(
    `insert into stay (id, young_person_id, accommodation_code, suitable, emergency, started_at, ended_at, age_at_start, pregnant_or_parent_at_start, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, 18, false, now())`,
    [id, p.id, code, suitable, ['V', 'W'].includes(code), startedAt, endedAt],
  );
  return id;
}

interface Csv {
  header: string[];
  rows: Record<string, string>[];
  raw: string;
}

/** A strict RFC 4180 reader (quoted fields, doubled quotes, CRLF records). */
function parseCsv(text: string): Csv {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i++;
      } else {
        field += c;
        i++;
      }
    } else if (c === '"' && field === '') {
      quoted = true;
      i++;
    } else if (c === ',') {
      record.push(field);
      field = '';
      i++;
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 2;
    } else if (c === '\n') throw new Error(`bare LF at ${i}`);
    else {
      field += c;
      i++;
    }
  }
  if (field !== '' || record.length) throw new Error('the last record does not end with CRLF');
  const [header, ...rest] = records;
  return { header, rows: rest.map((r) => Object.fromEntries(header.map((k, j) => [k, r[j]]))), raw: text };
}

const extract = (year: string | number, role: Role = 'service_manager') =>
  h.as(role).get(`/reports/ssda903/care-leavers.csv?year=${year}`);

const P: Record<string, Person> = {};
const CODES = ['B', 'C', 'D', 'E', 'G', 'H', 'K', 'R', 'S', 'T', 'U', 'V', 'W', 'X', 'Y', 'Z'] as const;

beforeAll(async () => {
  h = await Harness.start({ clock });

  // Age edges.
  P.first17 = await person('2008-04-01'); // 17 on 2025-04-01, the year's first day
  await stay(P.first17, 'W', true, '2025-03-01T10:00:00Z', '2025-06-01T10:00:00Z'); // a hotel recorded "suitable" at 17: reported W2
  P.last21 = await person('2005-03-31'); // 21 on 2026-03-31, the year's last day
  await stay(P.last21, 'U', true, '2026-01-01T10:00:00Z', null);
  P.last17 = await person('2009-03-31'); // 17 on 2026-03-31
  await stay(P.last17, 'S', true, '2026-03-01T10:00:00Z', null); // S recorded "suitable": reported S2
  P.first21 = await person('2004-04-01'); // 21 on 2025-04-01
  await stay(P.first21, 'X', false, '2025-01-01T10:00:00Z', '2025-07-01T10:00:00Z');
  P.sixteen = await person('2009-06-15'); // 16 in the year: out of scope
  await stay(P.sixteen, 'D', true, '2025-01-01T10:00:00Z', null);
  P.sixteenLast = await person('2010-03-31'); // 16 on 2026-03-31: out of scope
  await stay(P.sixteenLast, 'D', true, '2025-01-01T10:00:00Z', null);
  P.twentyTwo = await person('2003-05-20'); // 22 in the year: out of scope
  await stay(P.twentyTwo, 'U', true, '2025-01-01T10:00:00Z', null);
  P.twentyTwoFirst = await person('2003-04-01'); // 22 on 2025-04-01 (21 the day before the year began): out of scope
  await stay(P.twentyTwoFirst, 'U', true, '2025-01-01T10:00:00Z', null);
  P.lookedAfter = await person('2008-08-01', { legalStatus: 'eligible' }); // 17 in the year but still looked after: out of scope
  await stay(P.lookedAfter, 'C', true, '2025-01-01T10:00:00Z', null);

  // Every accommodation code, each around an 18th, 19th or 20th birthday in the year.
  for (const [i, code] of CODES.entries()) {
    const month = String((i % 9) + 4).padStart(2, '0'); // April to December 2025
    const age = 18 + (i % 3);
    P[`code${code}`] = await person(`${2025 - age}-${month}-10`);
    await stay(
      P[`code${code}`],
      code,
      !['S', 'X', 'V', 'W', 'R'].includes(code),
      `2025-${month}-01T09:00:00Z`,
      `2025-${month}-20T09:00:00Z`,
    );
  }
  // A suitable hotel (a manager's judgement, at 19) stays W1; emergency accommodation at 17 cannot be V1.
  P.hotelSuitable = await person('2006-09-05');
  await stay(P.hotelSuitable, 'W', true, '2025-09-01T09:00:00Z', '2025-09-30T09:00:00Z');
  P.shelter17 = await person('2008-10-05');
  await stay(P.shelter17, 'V', true, '2025-10-01T09:00:00Z', '2025-10-30T09:00:00Z');

  // Around the birthday.
  P.before = await person('2006-07-15'); // 19 on 2025-07-15; a stay that ended ten days before
  await stay(P.before, 'E', true, '2025-05-01T09:00:00Z', '2025-07-05T09:00:00Z');
  P.after = await person('2006-08-15'); // a stay that started twenty days after
  await stay(P.after, 'K', true, '2025-09-04T09:00:00Z', null);
  P.nearer = await person('2006-11-15'); // one ended 40 days before, one starts 30 days after: the later is nearer
  await stay(P.nearer, 'B', true, '2025-08-01T09:00:00Z', '2025-10-06T09:00:00Z');
  await stay(P.nearer, 'Z', true, '2025-12-15T09:00:00Z', null);
  P.moved = await person('2007-06-20'); // moved on the birthday: the place at the end of the day counts
  await stay(P.moved, 'W', false, '2025-06-01T09:00:00Z', '2025-06-20T13:00:00Z');
  await stay(P.moved, 'E', true, '2025-06-20T13:00:00Z', null);
  P.leap = await person('2008-02-29'); // 18 on 1 March 2026 (no 29 February in 2026)
  await stay(P.leap, 'D', true, '2026-03-01T10:00:00Z', null);
  P.bst = await person('2006-07-10'); // a stay ending 00:30 BST on the birthday was open on it (23:30 UTC the day before)
  await stay(P.bst, 'Y', true, '2025-06-01T09:00:00Z', '2025-07-09T23:30:00Z');
  P.quoted = await person('2007-05-05', { reference: 'X903,"Q"' }); // a reference that needs RFC 4180 quoting
  await stay(P.quoted, 'U', true, '2025-01-01T09:00:00Z', null);
  P.foyer19 = await person('2006-05-20'); // a foyer at 19 (18 when the year began): T1 stands
  await stay(P.foyer19, 'T', true, '2025-05-01T09:00:00Z', null);

  // Each of the DfE's rules, broken by what is recorded (the return must never carry it).
  P.r131 = await person('2006-06-12', { contact: false }); // no contact at all: IN_TOUCH would be blank (131)
  await stay(P.r131, 'D', true, '2025-01-01T09:00:00Z', null);
  P.r131late = await person('2006-06-13', { contact: false }); // a contact, but 1 month and 1 day after the birthday: outside the DfE window
  await contact(P.r131late, '2025-07-14T12:00:00Z', 'YES', 'F1');
  await stay(P.r131late, 'D', true, '2025-01-01T09:00:00Z', null);
  P.r131early = await person('2006-06-14', { contact: false }); // the window's first day (three months before) counts
  await contact(P.r131early, '2025-03-14T12:00:00Z', 'YES', 'F1');
  await stay(P.r131early, 'D', true, '2025-01-01T09:00:00Z', null);
  P.r132 = await person('2006-06-16', { contact: false }); // in touch, no activity recorded: ACTIV would be blank (132) or 0 (345)
  await contact(P.r132, '2025-06-16T12:00:00Z', 'YES', null);
  await stay(P.r132, 'D', true, '2025-01-01T09:00:00Z', null);
  P.r153 = await person('2006-06-17', { contact: false }); // not in touch, nothing else known: all three filled, NO,0,0 (153)
  await contact(P.r153, '2025-06-17T12:00:00Z', 'NO', null);
  P.r344 = await person('2006-06-18', { contact: false }); // died; an earlier contact gave an activity and a stay is recorded: 0 and 0 (344)
  await contact(P.r344, '2025-05-18T12:00:00Z', 'YES', 'F2');
  await contact(P.r344, '2025-06-18T12:00:00Z', 'DIED', null);
  await stay(P.r344, 'D', true, '2025-01-01T09:00:00Z', null);
  P.r344home = await person('2006-06-19', { contact: false }); // returned home: 0 and 0 (344)
  await contact(P.r344home, '2025-06-20T12:00:00Z', 'RHOM', null);
  await stay(P.r344home, 'B', true, '2025-01-01T09:00:00Z', null);
  P.r345 = await person('2006-06-21'); // in touch (YES, F5) but no stay around the birthday: ACCOM would be 0 (345)
  await stay(P.r345, 'D', true, '2024-01-01T09:00:00Z', '2025-01-01T09:00:00Z');
  P.r347 = await person('2008-06-22'); // a foyer at a 17th birthday, recorded unsuitable (347)
  await stay(P.r347, 'T', false, '2025-06-01T09:00:00Z', null);
  P.r3001 = await person('2008-06-23'); // with former foster carers at a 17th birthday (3001)
  await stay(P.r3001, 'Z', true, '2025-06-01T09:00:00Z', null);
  P.r391 = await person('2009-06-24'); // 16 in the year, with a contact and a stay: not in the return (391)
  await stay(P.r391, 'D', true, '2025-01-01T09:00:00Z', null);

  // Cannot be filled.
  P.tooEarly = await person('2007-09-15'); // the only stay ended four months before the 18th birthday
  await stay(P.tooEarly, 'U', true, '2025-01-01T09:00:00Z', '2025-05-14T09:00:00Z');
  P.none = await person('2006-12-01'); // nothing recorded at all

  // Collection year 2026: a birthday after "today" (2026-06-01).
  P.future = await person('2009-09-10', { legalStatus: 'relevant' }); // 16 in 2025 (out), 17 on 2026-09-10
  await stay(P.future, 'D', true, '2026-01-01T09:00:00Z', null);
});
afterAll(async () => {
  await h?.stop();
});

const ACTIV = ['F1', 'P1', 'F2', 'P2', 'F4', 'P4', 'F5', 'P5', 'G4', 'G5', 'G6', '0'];
const ACCOM = 'B1 B2 C1 C2 D1 D2 E1 E2 G1 G2 H1 H2 K1 K2 R1 R2 S2 T1 T2 U1 U2 V1 V2 W1 W2 X2 Y1 Y2 Z1 Z2 0'.split(' ');

/**
 * The DfE's checks on an OC3 file, written here from /work/shared/ssda903-oc3.md (not from the
 * service's code): the failures as `rule CHILD` strings, empty when the DfE would accept the file.
 */
function dfeValidation(csv: Csv, year: number): string[] {
  const errors: string[] = [];
  const start = `${year}-04-01`;
  const end = `${year + 1}-03-31`;
  if (csv.header.join(',') !== 'CHILD,DOB,IN_TOUCH,ACTIV,ACCOM') errors.push('columns');
  const seen = new Set<string>();
  for (const r of csv.rows) {
    const e = (rule: string) => errors.push(`${rule} ${r.CHILD}`);
    if (seen.has(r.CHILD)) e('duplicate');
    seen.add(r.CHILD);
    const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(r.DOB);
    const dob = m ? `${m[3]}-${m[2]}-${m[1]}` : '';
    if (!m || Number.isNaN(Date.parse(`${dob}T00:00:00Z`)) || dob > end || ageOn(dob, start) > 25) {
      e('header');
      continue;
    }
    if (!['YES', 'NO', 'DIED', 'REFU', 'NREQ', 'RHOM'].includes(r.IN_TOUCH)) e('131');
    if (!ACTIV.includes(r.ACTIV)) e('132');
    if (!ACCOM.includes(r.ACCOM)) e('133');
    const filled = [r.IN_TOUCH, r.ACTIV, r.ACCOM].filter((v) => v !== '').length;
    if (filled !== 0 && filled !== 3) e('153');
    if (['DIED', 'RHOM'].includes(r.IN_TOUCH) && (r.ACTIV !== '0' || r.ACCOM !== '0')) e('344');
    if (r.IN_TOUCH === 'YES' && (r.ACTIV === '0' || r.ACCOM === '0')) e('345');
    if (r.ACCOM.startsWith('T') && ageOn(dob, start) < 18) e('347');
    const age = ageOn(dob, end);
    const birthdayInYear = ageOn(dob, end) !== ageOn(dob, `${year}-03-31`); // a birthday between 1 April and 31 March
    if (!birthdayInYear || age < 17 || age > 21) e('391');
    if (birthdayInYear && age === 17 && ['Z1', 'Z2'].includes(r.ACCOM)) e('3001');
  }
  return errors;
}

const working = (year: number) => h.as('director').get(`/reports/ssda903/care-leavers-working.csv?year=${year}`);

describe('GET /reports/ssda903/care-leavers.csv', () => {
  it('is exactly the DfE OC3 table, RFC 4180, as an attachment, and the DfE checks find nothing', async () => {
    const res = await extract(2025);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="ssda903-care-leavers-2025-26.csv"');
    const csv = parseCsv(res.text);
    expect(csv.header).toEqual(['CHILD', 'DOB', 'IN_TOUCH', 'ACTIV', 'ACCOM']);
    expect(res.text.startsWith('CHILD,DOB,IN_TOUCH,ACTIV,ACCOM\r\n')).toBe(true);
    // The awkward reference is quoted, its quotes doubled, and reads back intact.
    expect(res.text).toContain('"X903,""Q""",05/05/2007,YES,F5,U1\r\n');
    expect(csv.rows.find((r) => r.CHILD === 'X903,"Q"')).toMatchObject({ ACCOM: 'U1' });
    expect(dfeValidation(csv, 2025)).toEqual([]);
    expect(csv.rows.length).toBeGreaterThan(30);
  });

  it('takes in the 17th to 21st birthdays in the year, edges included, and nobody else', async () => {
    const csv = parseCsv((await extract(2025)).text);
    const row = (p: Person) => csv.rows.find((r) => r.CHILD === p.reference);
    expect(row(P.first17)).toEqual({
      CHILD: P.first17.reference,
      DOB: '01/04/2008',
      IN_TOUCH: 'YES',
      ACTIV: 'F5',
      ACCOM: 'W2',
    });
    expect(row(P.last21)).toEqual({
      CHILD: P.last21.reference,
      DOB: '31/03/2005',
      IN_TOUCH: 'YES',
      ACTIV: 'F5',
      ACCOM: 'U1',
    });
    expect(row(P.last17)).toMatchObject({ DOB: '31/03/2009', ACCOM: 'S2' });
    expect(row(P.first21)).toMatchObject({ DOB: '01/04/2004', ACCOM: 'X2' });
    for (const out of [P.sixteen, P.sixteenLast, P.twentyTwo, P.twentyTwoFirst, P.lookedAfter, P.future])
      expect(row(out)).toBeUndefined();
    // Rows that cannot be filled are not guessed.
    expect(row(P.tooEarly)).toBeUndefined();
    expect(row(P.none)).toBeUndefined();
    const refs = csv.rows.map((r) => r.CHILD);
    expect(new Set(refs).size).toBe(refs.length);
  });

  it('writes each accommodation code with its suitability digit, never S1 or X1, and no T, W or V suitable at 17', async () => {
    const csv = parseCsv((await extract(2025)).text);
    const accom = (p: Person) => csv.rows.find((r) => r.CHILD === p.reference)?.ACCOM;
    const expected: Record<string, string | undefined> = {
      B: 'B1',
      C: 'C1',
      D: 'D1',
      E: 'E1',
      G: 'G1',
      H: 'H1',
      K: 'K1',
      R: 'R2',
      S: 'S2',
      T: undefined, // an 18th birthday in April: 17 when the year began, and the DfE refuses a foyer under 18 (an exception)
      U: 'U1',
      V: 'V2',
      W: 'W2',
      X: 'X2',
      Y: 'Y1',
      Z: 'Z1',
    };
    for (const code of CODES) expect([code, accom(P[`code${code}`])]).toEqual([code, expected[code]]);
    expect(accom(P.hotelSuitable)).toBe('W1');
    expect(accom(P.shelter17)).toBe('V2');
    expect(accom(P.foyer19)).toBe('T1');
    for (const r of csv.rows) expect(['S1', 'X1']).not.toContain(r.ACCOM);
  });

  it('is for admin and senior managers only', async () => {
    for (const role of ['admin', 'service_manager', 'head_of_service', 'director'] as const)
      expect((await h.as(role).get('/reports/ssda903/care-leavers.csv?year=2025')).status).toBe(200);
    for (const role of ROLES.filter((r) => !['admin', 'service_manager', 'head_of_service', 'director'].includes(r))) {
      expectProblem(await h.as(role).get('/reports/ssda903/care-leavers.csv?year=2025'), 403);
      expectProblem(await h.as(role).get('/reports/ssda903/care-leavers-working.csv?year=2025'), 403);
      expectProblem(await h.as(role).get('/reports/ssda903/care-leavers-exceptions?year=2025'), 403);
    }
    expectProblem(await h.as().get('/reports/ssda903/care-leavers.csv?year=2025'), 401);
    expectProblem(await h.as().get('/reports/ssda903/care-leavers-working.csv?year=2025'), 401);
    expectProblem(await h.as().get('/reports/ssda903/care-leavers-exceptions?year=2025'), 401);
  });

  it('refuses a bad year with a 400 naming it, and writes nothing', async () => {
    await h.expectNoWrites(['young_person', 'stay', 'keeping_in_touch_contact'], async () => {
      for (const path of [
        '/reports/ssda903/care-leavers.csv',
        '/reports/ssda903/care-leavers-working.csv',
        '/reports/ssda903/care-leavers-exceptions',
      ]) {
        for (const q of [
          '?year=abc',
          '',
          '?year=',
          '?year=1800',
          '?year=2200',
          '?year=2025.5',
          '?year=2025&year=2026',
          '?year=-2025',
          '?year=1e3',
        ]) {
          expectProblem(await h.as('director').get(`${path}${q}`), 400, ['year']);
        }
        expectProblem(await h.as('director').get(`${path}?year=2025&extra=1`), 400, ['extra']);
      }
    });
  });
});

describe('the DfE’s rules: a record that would break one never reaches the return', () => {
  let csv: Csv;
  let items: { reference: string; reason: string; detail: string }[];
  const row = (p: Person) => csv.rows.find((r) => r.CHILD === p.reference);
  const exception = (p: Person) => items.find((i) => i.reference === p.reference);
  beforeAll(async () => {
    csv = parseCsv((await extract(2025)).text);
    items = (await h.as('director').get('/reports/ssda903/care-leavers-exceptions?year=2025')).body.items;
  });

  it('3001 (the table and its header): exactly the five columns, real dd/mm/YYYY dates of birth, one row per child, and the DfE checks pass', () => {
    expect(csv.header).toEqual(['CHILD', 'DOB', 'IN_TOUCH', 'ACTIV', 'ACCOM']);
    expect(dfeValidation(csv, 2025)).toEqual([]);
  });

  it('131: no contact in the DfE window (three months before to one month after) is an exception, never a blank IN_TOUCH', () => {
    expect(row(P.r131)).toBeUndefined();
    expect(exception(P.r131)).toMatchObject({ reason: 'no_contact_around_birthday' });
    expect(row(P.r131late)).toBeUndefined();
    expect(exception(P.r131late)).toMatchObject({
      reason: 'no_contact_around_birthday',
      detail: expect.stringContaining('between 2025-03-13 and 2025-07-13'),
    });
    expect(row(P.r131early)).toMatchObject({ IN_TOUCH: 'YES', ACTIV: 'F1', ACCOM: 'D1' });
    for (const r of csv.rows) expect(['YES', 'NO', 'DIED', 'REFU', 'NREQ', 'RHOM']).toContain(r.IN_TOUCH);
  });

  it('132: in touch with no activity recorded is an exception, never a blank ACTIV', () => {
    expect(row(P.r132)).toBeUndefined();
    expect(exception(P.r132)).toMatchObject({ reason: 'no_activity_recorded' });
    for (const r of csv.rows) expect(ACTIV).toContain(r.ACTIV);
  });

  it('133: S or X recorded as suitable is emitted corrected (S2, X2), never S1 or X1', () => {
    expect(row(P.last17)).toMatchObject({ ACCOM: 'S2' });
    expect(row(P.codeX)).toMatchObject({ ACCOM: 'X2' });
    for (const r of csv.rows) expect(ACCOM).toContain(r.ACCOM);
  });

  it('153: not in touch with nothing else known is emitted with all three filled (NO, 0, 0), never partly blank', () => {
    expect(row(P.r153)).toMatchObject({ IN_TOUCH: 'NO', ACTIV: '0', ACCOM: '0' });
    for (const r of csv.rows) expect([r.IN_TOUCH, r.ACTIV, r.ACCOM]).not.toContain('');
  });

  it('344: died or returned home is emitted with ACTIV and ACCOM 0, whatever activity and stay are recorded', () => {
    expect(row(P.r344)).toMatchObject({ IN_TOUCH: 'DIED', ACTIV: '0', ACCOM: '0' });
    expect(row(P.r344home)).toMatchObject({ IN_TOUCH: 'RHOM', ACTIV: '0', ACCOM: '0' });
  });

  it('345: in touch with no stay around the birthday is an exception, never YES with ACCOM 0', () => {
    expect(row(P.r345)).toBeUndefined();
    expect(exception(P.r345)).toMatchObject({ reason: 'no_stay_around_birthday' });
    for (const r of csv.rows.filter((x) => x.IN_TOUCH === 'YES')) expect([r.ACTIV, r.ACCOM]).not.toContain('0');
  });

  it('347: a foyer for someone under 18 is an exception, even recorded unsuitable, and even at an 18th birthday when 17 at the start of the year', () => {
    expect(row(P.r347)).toBeUndefined();
    expect(exception(P.r347)).toMatchObject({ reason: 'foyer_under_18' });
    expect(row(P.codeT)).toBeUndefined();
    expect(exception(P.codeT)).toMatchObject({ reason: 'foyer_under_18' });
    expect(row(P.foyer19)).toMatchObject({ ACCOM: 'T1' });
  });

  it('391: nobody without a 17th to 21st birthday in the year, contacts and stays notwithstanding', () => {
    expect(row(P.r391)).toBeUndefined();
    expect(exception(P.r391)).toBeUndefined();
  });

  it('3001: former foster carers at a 17th birthday is an exception; at a later birthday it stands', () => {
    expect(row(P.r3001)).toBeUndefined();
    expect(exception(P.r3001)).toMatchObject({ reason: 'former_foster_carers_at_17' });
    expect(row(P.nearer)).toMatchObject({ ACCOM: 'Z1' });
  });
});

describe('GET /reports/ssda903/care-leavers-working.csv', () => {
  it('has the same rows with the working columns after the DfE’s', async () => {
    const res = await working(2025);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="ssda903-care-leavers-working-2025-26.csv"');
    const csv = parseCsv(res.text);
    expect(csv.header).toEqual([
      'CHILD',
      'DOB',
      'IN_TOUCH',
      'ACTIV',
      'ACCOM',
      'BIRTHDAY',
      'ACCOM_BASIS',
      'CONTACTED_ON',
    ]);
    const oc3 = parseCsv((await extract(2025)).text);
    expect(csv.rows.map((r) => [r.CHILD, r.DOB, r.IN_TOUCH, r.ACTIV, r.ACCOM])).toEqual(
      oc3.rows.map((r) => [r.CHILD, r.DOB, r.IN_TOUCH, r.ACTIV, r.ACCOM]),
    );
    expect(csv.rows.find((r) => r.CHILD === P.first17.reference)).toMatchObject({
      BIRTHDAY: '17',
      ACCOM_BASIS: 'on_birthday',
      CONTACTED_ON: '2025-04-01',
    });
    expect(csv.rows.find((r) => r.CHILD === P.r153.reference)).toMatchObject({ ACCOM_BASIS: 'none' });
  });

  it('reads the accommodation around the birthday: on the day (Europe/London), else the nearest within three months', async () => {
    const csv = parseCsv((await working(2025)).text);
    const row = (p: Person) => csv.rows.find((r) => r.CHILD === p.reference);
    expect(row(P.before)).toMatchObject({ ACCOM: 'E1', ACCOM_BASIS: 'nearest_before' });
    expect(row(P.after)).toMatchObject({ ACCOM: 'K1', ACCOM_BASIS: 'nearest_after' });
    expect(row(P.nearer)).toMatchObject({ ACCOM: 'Z1', ACCOM_BASIS: 'nearest_after' });
    expect(row(P.moved)).toMatchObject({ ACCOM: 'E1', ACCOM_BASIS: 'on_birthday' });
    expect(row(P.leap)).toMatchObject({ DOB: '29/02/2008', ACCOM: 'D1', BIRTHDAY: '18', ACCOM_BASIS: 'on_birthday' });
    expect(row(P.bst)).toMatchObject({ ACCOM: 'Y1', ACCOM_BASIS: 'on_birthday' });
  });
});

describe('GET /reports/ssda903/care-leavers-exceptions', () => {
  it('lists the young people left out with the reason, the corrected digits, and the counts', async () => {
    const res = await h.as('head_of_service').get('/reports/ssda903/care-leavers-exceptions?year=2025');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ year: 2025, collectionStart: '2025-04-01', collectionEnd: '2026-03-31' });
    const items = res.body.items as {
      reference: string;
      birthday: string;
      age: number;
      reason: string;
      detail: string;
    }[];
    const left = [P.none, P.tooEarly, P.codeT, P.r131, P.r131late, P.r132, P.r345, P.r347, P.r3001];
    expect(items.map((i) => i.reference).sort()).toEqual(left.map((p) => p.reference).sort());
    expect(res.body.total).toBe(left.length);
    expect(items.find((i) => i.reference === P.tooEarly.reference)).toMatchObject({
      birthday: '2025-09-15',
      age: 18,
      reason: 'no_stay_around_birthday',
    });
    expect(items.find((i) => i.reference === P.tooEarly.reference)!.detail).toContain('2025-06-15');
    expect(items.find((i) => i.reference === P.none.reference)).toMatchObject({
      birthday: '2025-12-01',
      age: 19,
      reason: 'no_stay_around_birthday',
    });
    const adjustments = res.body.adjustments as { reference: string; recorded: string; reported: string }[];
    expect(adjustments).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ reference: P.first17.reference, recorded: 'W1', reported: 'W2' }),
        expect.objectContaining({ reference: P.last17.reference, recorded: 'S1', reported: 'S2' }),
        expect.objectContaining({ reference: P.shelter17.reference, recorded: 'V1', reported: 'V2' }),
      ]),
    );
    expect(res.body.notRecorded).toEqual([]);
    const csv = parseCsv((await extract(2025)).text);
    expect(res.body.scope).toEqual({
      inScope: csv.rows.length + left.length,
      rows: csv.rows.length,
      exceptions: left.length,
      stillLookedAfter: 1,
    });
  });

  it('does not guess a birthday that has not come yet', async () => {
    const res = await h.as('director').get('/reports/ssda903/care-leavers-exceptions?year=2026');
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          reference: P.future.reference,
          birthday: '2026-09-10',
          age: 17,
          reason: 'birthday_not_reached',
        }),
      ]),
    );
    const csv = parseCsv((await extract(2026)).text);
    expect(csv.rows.find((r) => r.CHILD === P.future.reference)).toBeUndefined();
  });
});

describe('OpenAPI', () => {
  it('documents the endpoints, the year parameter and the exceptions schema', async () => {
    const doc = (await h.as().get('/docs-json')).body;
    const csv = doc.paths['/reports/ssda903/care-leavers.csv'].get;
    expect(csv.responses['200'].content['text/csv'].schema.type).toBe('string');
    expect(csv.parameters).toEqual([
      expect.objectContaining({
        name: 'year',
        in: 'query',
        required: true,
        schema: expect.objectContaining({ type: 'integer' }),
      }),
    ]);
    expect(Object.keys(csv.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403']));
    expect(
      doc.paths['/reports/ssda903/care-leavers-working.csv'].get.responses['200'].content['text/csv'],
    ).toBeDefined();
    const exceptions = doc.paths['/reports/ssda903/care-leavers-exceptions'].get;
    expect(exceptions.responses['200'].content['application/json'].schema.$ref).toBe(
      '#/components/schemas/Ssda903ExceptionsReport',
    );
    expect(Object.keys(doc.components.schemas.Ssda903ExceptionsReport.properties)).toEqual(
      expect.arrayContaining(['items', 'total', 'adjustments', 'notRecorded', 'scope']),
    );
  });
});
