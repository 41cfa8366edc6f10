import { ManualClock } from '../../../src/platform/clock';
import { TimerRegistry } from '../../../src/platform/queue/timer-registry';
import { expectProblem, Harness } from '../../support/harness';
import { until } from '../../support/fixtures';
import { TestSmtpServer } from '../../support/smtp';

/**
 * The housing officers' queue (`GET /placement-requests/queue`) against a hand-built set, and the
 * notices about requests. Time is a ManualClock from Monday 30 November 2026, 09:00 GMT.
 *
 * - Kit, 17, in a hotel since 11:00 Monday, planned request needed by 4 December: first (an
 *   under-18 in unsuitable accommodation, above adults who have been in hotels longer).
 * - Ada, 20, in a hotel since 09:00, and Bea, 22, in a hotel since 10:00, both emergencies: Ada
 *   then Bea (longest there first).
 * - Cal, 21, nowhere recorded, emergency needed today: after them.
 * - Dee and Eve, planned, no stay: needed by 3 then 7 December, whatever order they were raised.
 * - Fay, 19, in a night shelter with no request: a warning. Gus, 24, in semi-independent
 *   accommodation with no request: no warning. Hal's request is withdrawn: not in the queue.
 */
const MONDAY = new Date('2026-11-30T09:00:00Z');
const clock = new ManualClock(MONDAY);
const HOUR = 3600_000;

let h: Harness;
let smtp: TestSmtpServer;
const people: Record<string, { id: string; reference: string }> = {};
const requests: Record<string, string> = {};

const dobFor = (age: number) => `${2026 - age}-06-15`;

async function person(key: string, age: number, over: Record<string, unknown> = {}) {
  const res = await h
    .as('admin')
    .post('/young-people')
    .send({
      firstName: key,
      lastName: 'Queue',
      dateOfBirth: dobFor(age),
      gender: 'female',
      legalStatus: age < 18 ? 'relevant' : 'former_relevant',
      homeArea: 'Crewe',
      paUserId: h.users.pa.id,
      ...over,
    });
  if (res.status !== 201) throw new Error(`person: ${res.status} ${JSON.stringify(res.body)}`);
  people[key] = res.body;
}

async function stay(key: string, accommodationCode: string) {
  const res = await h.as('admin').post('/stays').send({ youngPersonId: people[key].id, accommodationCode });
  if (res.status !== 201) throw new Error(`stay: ${res.status} ${JSON.stringify(res.body)}`);
}

async function request(key: string, urgency: 'emergency' | 'planned', neededBy: string) {
  const res = await h.as('pa').post('/placement-requests').send({ youngPersonId: people[key].id, urgency, neededBy });
  if (res.status !== 201) throw new Error(`request: ${res.status} ${JSON.stringify(res.body)}`);
  requests[key] = res.body.id;
}

interface QueueItem {
  id: string;
  urgency: string;
  youngPerson: {
    reference: string;
    name: string;
    age: number;
    currentAccommodation: { code: string; suitable: boolean; hours: number; since: string } | null;
  };
  pa: { id: string; name: string };
  priority: { rank: number; reasons: string[] };
  breaches: string[];
}

const keyOf = (ref: string) => Object.entries(people).find(([, p]) => p.reference === ref)?.[0] ?? ref;
const order = (items: QueueItem[]) => items.map((i) => keyOf(i.youngPerson.reference));

interface InboxItem {
  kind: string;
  subject: string;
  body: string;
  link: string;
  youngPersonId: string | null;
}
const inbox = async (role: 'housing_officer' | 'admin' | 'team_manager' | 'service_manager') =>
  (await h.as(role).get('/me/notifications?limit=500')).body.items as InboxItem[];

beforeAll(async () => {
  smtp = await TestSmtpServer.start();
  h = await Harness.start({ clock, env: { SMTP_URL: smtp.url, NOTIFY_BACKOFF: 'PT0.2S', DIGEST_AT: 'off' } });
  await person('Ada', 20);
  await stay('Ada', 'W');
  clock.advance(HOUR);
  await person('Bea', 22);
  await stay('Bea', 'W');
  clock.advance(HOUR);
  await person('Kit', 17);
  await stay('Kit', 'W');
  await person('Cal', 21);
  await person('Eve', 19);
  await person('Dee', 19);
  await person('Fay', 19);
  await stay('Fay', 'V');
  await person('Gus', 24);
  await stay('Gus', 'D');
  await person('Hal', 19);
  await request('Eve', 'planned', '2026-12-07');
  await request('Bea', 'emergency', '2026-11-30');
  await request('Cal', 'emergency', '2026-11-30');
  await request('Kit', 'planned', '2026-12-04');
  await request('Ada', 'emergency', '2026-12-01');
  await request('Dee', 'planned', '2026-12-03');
  await request('Hal', 'planned', '2026-12-02');
  expect((await h.as('pa').post(`/placement-requests/${requests.Hal}/withdraw`).send({})).status).toBe(200);
  clock.advance(HOUR); // 12:00: Ada 3 hours in the hotel, Bea 2, Kit 1
});
afterAll(async () => {
  await h?.stop();
  await smtp?.stop();
});

describe('GET /placement-requests/queue', () => {
  it('puts a 17-year-old in a hotel first, then emergencies in a hotel longest first, other emergencies, planned by needed-by', async () => {
    const res = await h.as('housing_officer').get('/placement-requests/queue');
    expect(res.status).toBe(200);
    const items = res.body.items as QueueItem[];
    expect(order(items)).toEqual(['Kit', 'Ada', 'Bea', 'Cal', 'Dee', 'Eve']);
    expect(res.body.total).toBe(6);
    expect(items.map((i) => i.priority.rank)).toEqual([1, 2, 2, 3, 4, 4]);
    const [kit, ada] = items;
    expect(kit.youngPerson).toMatchObject({
      name: 'Kit Queue',
      age: 17,
      currentAccommodation: { code: 'W', suitable: false, hours: 1, since: '2026-11-30T11:00:00.000Z' },
    });
    expect(kit.priority.reasons[0]).toBe('Under 18 in unsuitable accommodation: bed and breakfast / hotel for 1 hour');
    expect(kit.breaches).toEqual(['under_18_unsuitable']);
    expect(ada.priority.reasons).toEqual([
      'In unsuitable accommodation: bed and breakfast / hotel for 3 hours',
      'Emergency request',
    ]);
    expect(ada.pa).toEqual({ id: h.users.pa.id, name: expect.any(String) });
    expect(items[3].youngPerson.currentAccommodation).toBeNull();
  });

  it('warns of young people in unsuitable accommodation with no open request, and of no one else', async () => {
    const res = await h.as('service_manager').get('/placement-requests/queue');
    expect(res.body.warnings).toEqual([
      {
        id: people.Fay.id,
        reference: people.Fay.reference,
        name: 'Fay Queue',
        age: 19,
        where: 'V',
        whereLabel: 'emergency accommodation (night shelter / emergency hostel)',
        since: '2026-11-30T11:00:00.000Z',
      },
    ]);
  });

  it('filters by urgency and area, and pages in the same order', async () => {
    const emergencies = await h.as('housing_officer').get('/placement-requests/queue?urgency=emergency');
    expect(order(emergencies.body.items)).toEqual(['Ada', 'Bea', 'Cal']);
    const page = await h.as('housing_officer').get('/placement-requests/queue?limit=2&offset=1');
    expect(order(page.body.items)).toEqual(['Ada', 'Bea']);
    expect(page.body.total).toBe(6);
    const elsewhere = await h.as('housing_officer').get('/placement-requests/queue?area=nantwich');
    expect(elsewhere.body).toMatchObject({ items: [], total: 0, warnings: [] });
  });

  it('refuses a PA (403), an unknown parameter, an unknown area or urgency (400)', async () => {
    expectProblem(await h.as('pa').get('/placement-requests/queue'), 403);
    expectProblem(await h.as('housing_officer').get('/placement-requests/queue?sort=name'), 400, ['sort']);
    expectProblem(await h.as('housing_officer').get('/placement-requests/queue?area=Atlantis'), 400, ['area']);
    expectProblem(await h.as('housing_officer').get('/placement-requests/queue?urgency=soon'), 400, ['urgency']);
    expect((await h.as().get('/placement-requests/queue')).status).toBe(401);
  });
});

describe('notices about requests', () => {
  it('tells every housing officer of a new emergency request at once, in the inbox and by e-mail: reference, initials, link', async () => {
    const notices = (await inbox('housing_officer')).filter((n) => n.kind === 'placement_request_emergency');
    const ada = notices.find((n) => n.youngPersonId === people.Ada.id)!;
    expect(ada.subject).toBe(`Emergency placement request: ${people.Ada.reference} A.Q.`);
    expect(ada.link).toBe('https://care-leavers.test/placement-requests/queue');
    expect(ada.body).not.toContain('Queue');
    expect(notices.filter((n) => n.youngPersonId === people.Kit.id)).toHaveLength(0); // planned
    const mails = await until(
      'the e-mail to the housing officer',
      async () => smtp.to(h.users.housing_officer.email).filter((m) => m.subject.includes(people.Ada.reference)),
      (m) => m.length > 0,
    );
    expect(mails).toHaveLength(1);
    expect(mails[0].text).toContain('https://care-leavers.test/placement-requests/queue');
    expect(mails[0].text).not.toContain('Ada');
    const audit = await h.db.query(
      `select changes from audit_event where action = 'placement_request.emergency_notified' and entity_id = $1`,
      [requests.Ada],
    );
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0].changes.recipients).toEqual([h.users.housing_officer.id]);
  });

  it("tells the housing officers' line manager once that a request is still open past its needed-by date, across sweeps", async () => {
    const patched = await h
      .as('admin')
      .patch(`/users/${h.users.housing_officer.id}`)
      .send({ managerId: h.users.team_manager.id });
    expect(patched.status).toBe(200);
    const sweep = () => h.app.get(TimerRegistry).sweep();
    await sweep();
    const overdue = async () =>
      (await inbox('team_manager')).filter((n) => n.kind === 'placement_request_overdue').map((n) => n.youngPersonId);
    expect(await overdue()).toEqual([]); // Monday: Bea and Cal are needed today, not yet past it

    clock.set('2026-12-01T08:00:00Z'); // Tuesday: Bea and Cal past their needed-by
    await Promise.all([sweep(), sweep()]);
    await sweep();
    expect((await overdue()).sort()).toEqual([people.Bea.id, people.Cal.id].sort());
    expect(await inbox('service_manager')).not.toContainEqual(
      expect.objectContaining({ kind: 'placement_request_overdue' }),
    );

    clock.set('2026-12-02T08:00:00Z'); // Wednesday: Ada's too, and Bea's and Cal's are not told again
    await sweep();
    await sweep();
    expect((await overdue()).sort()).toEqual([people.Ada.id, people.Bea.id, people.Cal.id].sort());
    const audit = await h.db.query(
      `select entity_id from audit_event where action = 'placement_request.overdue_notified'`,
    );
    expect(audit.rows.map((r) => r.entity_id).sort()).toEqual([requests.Ada, requests.Bea, requests.Cal].sort());
    const mails = await until(
      "the manager's e-mails",
      async () => smtp.to(h.users.team_manager.email).filter((m) => m.subject.includes('past its needed-by')),
      (m) => m.length >= 3,
    );
    expect(mails).toHaveLength(3);
  });

  it('tells the administrators of an emergency request when there is no active housing officer', async () => {
    const off = await h.as('admin').patch(`/users/${h.users.housing_officer.id}`).send({ active: false });
    expect(off.status).toBe(200);
    await person('Ivy', 20);
    await request('Ivy', 'emergency', '2026-12-02');
    const notices = (await inbox('admin')).filter((n) => n.youngPersonId === people.Ivy.id);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({
      kind: 'placement_request_emergency_unrouted',
      subject: `Emergency placement request for ${people.Ivy.reference} I.Q.: no active housing officer to tell`,
    });
    // The link they are sent opens for them.
    const queue = await h.as('admin').get('/placement-requests/queue');
    expect(queue.status).toBe(200);
    expect(queue.body.items.map((i: QueueItem) => i.youngPerson.reference)).toContain(people.Ivy.reference);
  });
});
