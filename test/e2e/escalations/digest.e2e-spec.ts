import { ManualClock } from '../../../src/platform/clock';
import { TimerRegistry } from '../../../src/platform/queue/timer-registry';
import { makePerson, makeStay, until } from '../../support/fixtures';
import { Harness, PASSWORD } from '../../support/harness';
import { TestSmtpServer } from '../../support/smtp';

/**
 * The morning digest (api.md, "Acknowledgements that lead somewhere"): senior roles, on working
 * days at DIGEST_AT (09:30 here, so a review lapsing at the 09:00 opening shows in it), everyone in
 * unsuitable or emergency accommodation whose alerts reach them, breaches first, open and lapsed
 * steps marked, reference and initials only; once a day however many sweeps or instances. Time is
 * a ManualClock; the sweep is called directly after moving it.
 */

// Saturday 5 December 2026, 10:00 in London (GMT).
const clock = new ManualClock(new Date('2026-12-05T10:00:00Z'));
let h: Harness;
let smtp: TestSmtpServer;
let creweTeamManager: string;
const people: Record<'adult' | 'lapsed' | 'seventeen' | 'suitable', { id: string; reference: string }> = {} as never;

const sweep = () => h.app.get(TimerRegistry).sweep();
const env = (extra: Record<string, string> = {}) => ({
  SMTP_URL: smtp.url,
  RECONCILE_EVERY: 'PT1H',
  NOTIFY_ATTEMPTS: '1',
  DIGEST_AT: '09:30',
  ...extra,
});

/** In-app digests per recipient. */
async function digests(): Promise<Map<string, { subject: string; body: string; link: string }[]>> {
  const rows = await h.db.query<{ recipient_user_id: string; subject: string; body: string; link: string }>(
    `select recipient_user_id, subject, body, link from notification where kind = 'digest' and channel = 'in_app' order by created_at`,
  );
  const out = new Map<string, { subject: string; body: string; link: string }[]>();
  for (const r of rows.rows) out.set(r.recipient_user_id, [...(out.get(r.recipient_user_id) ?? []), r]);
  return out;
}

async function hotel(over: Record<string, unknown>, description: string) {
  const person = await makePerson(h, over);
  const stay = await h.as('pa').post('/stays').send({ youngPersonId: person.id, accommodationCode: 'W', description });
  expect(stay.status).toBe(201);
  return { ...person, stayId: stay.body.id as string };
}

beforeAll(async () => {
  smtp = await TestSmtpServer.start();
  h = await Harness.start({ clock, env: env() });
  const shipped = (await h.as('admin').get('/escalation-policies')).body.items as { id: string }[];
  for (const p of shipped)
    expect((await h.as('admin').patch(`/escalation-policies/${p.id}`).send({ active: false })).status).toBe(200);
  const policy = await h
    .as('admin')
    .post('/escalation-policies')
    .send({
      name: 'Test: digest',
      appliesTo: { minAge: 16, accommodationCodes: ['W'], unsuitableOnly: true },
      steps: [{ after: 'PT0S', role: 'team_manager' }],
    });
  expect(policy.status).toBe(201);
  // Crewe has its own team manager; the harness's team manager (no area) covers everywhere else.
  const tm = await h.as('admin').post('/users').send({
    email: 'tm.crewe@test.invalid',
    name: 'Crewe team manager',
    role: 'team_manager',
    area: 'Crewe',
    password: PASSWORD,
  });
  expect(tm.status).toBe(201);
  creweTeamManager = tm.body.id;

  // Saturday morning: three young people into hotels, ten minutes apart, and one into a supported flat.
  people.adult = await hotel({ dateOfBirth: '2005-03-01', homeArea: 'Nantwich' }, 'Premier Inn Nantwich, room 4');
  clock.set('2026-12-05T10:15:00Z');
  people.lapsed = await hotel({ dateOfBirth: '2004-02-01', homeArea: 'Crewe' }, 'Travelodge Crewe, room 12');
  clock.set('2026-12-05T10:30:00Z');
  people.seventeen = await hotel(
    { dateOfBirth: '2009-06-01', legalStatus: 'relevant', homeArea: 'Crewe' },
    'Ibis Crewe, room 7',
  );
  const flat = await makeStay(h, { description: 'Supported flat' });
  people.suitable = { id: flat, reference: 'not-on-the-list' };
  await sweep();
  // The Crewe adult's step is acknowledged with a review today: it falls due at Monday's opening.
  const steps = (await h.as('director').get(`/escalations?youngPersonId=${people.lapsed.id}`)).body.items as {
    id: string;
    status: string;
  }[];
  const ack = await h
    .as('team_manager')
    .post(`/escalations/${steps[0].id}/acknowledge`)
    .send({ actionPlan: 'Referral to supported lodgings', reviewBy: '2026-12-05' });
  expect(ack.status).toBe(200);
});
afterAll(async () => {
  await h?.stop();
  await smtp?.stop();
});

describe('the morning digest', () => {
  it('sends nothing at the weekend', async () => {
    await sweep();
    clock.set('2026-12-06T09:30:00Z'); // Sunday
    await sweep();
    expect((await digests()).size).toBe(0);
    expect(await h.count('digest_run')).toBe(0);
  });

  it('sends nothing on a working day before DIGEST_AT', async () => {
    clock.set('2026-12-07T09:00:00Z'); // Monday's opening: the review falls due and the acknowledgement lapses
    await sweep();
    clock.set('2026-12-07T09:29:59Z');
    await sweep();
    expect((await digests()).size).toBe(0);
    expect(await h.count('digest_run')).toBe(0);
  });

  it('sends nothing when DIGEST_AT is off', async () => {
    clock.set('2026-12-07T09:30:00Z');
    const off = await h.extraApp({ clock, env: env({ DIGEST_AT: 'off', WORKERS_ENABLED: 'false' }) });
    try {
      await off.app.get(TimerRegistry).sweep();
    } finally {
      await off.close();
    }
    expect((await digests()).size).toBe(0);
    expect(await h.count('digest_run')).toBe(0);
  });

  it('sends each senior reader, at DIGEST_AT on a working day, the young people whose alerts reach them, breaches first', async () => {
    await sweep();
    const sent = await digests();
    const { team_manager, service_manager, head_of_service, director, pa, admin, housing_officer } = h.users;
    expect(new Set(sent.keys())).toEqual(
      new Set([creweTeamManager, team_manager.id, service_manager.id, head_of_service.id, director.id]),
    );
    for (const nobody of [pa, admin, housing_officer]) expect(sent.has(nobody.id)).toBe(false);

    const [digest] = sent.get(director.id)!;
    expect(digest.subject).toBe(
      'Morning digest 2026-12-07: 3 young people in unsuitable or emergency accommodation, 1 UNDER 18, 1 statutory breach',
    );
    const lines = digest.body.split('\n').filter((l) => l.startsWith('- '));
    expect(lines).toHaveLength(3);
    // The 17-year-old first (a breach at once), then the longest there.
    expect(lines[0]).toMatch(
      new RegExp(
        `^- ${people.seventeen.reference} A\\.T\\., aged 17 \\(UNDER 18\\): W – .*BREACHES THE STATUTORY LIMIT; NOT ACKNOWLEDGED$`,
      ),
    );
    expect(lines[1]).toMatch(new RegExp(`^- ${people.adult.reference} A\\.T\\., aged 21: W – .*NOT ACKNOWLEDGED$`));
    expect(lines[2]).toMatch(
      new RegExp(`^- ${people.lapsed.reference} A\\.T\\., aged 22: W – .*ACKNOWLEDGEMENT LAPSED$`),
    );
    expect(digest.link).toBe('https://care-leavers.test/reports/unsuitable-accommodation');
    expect(digest.body).toContain(digest.link);
    for (const secret of ['Alex', 'Taylor', 'Premier Inn', 'Travelodge', 'Ibis', '2009-06-01', 'Referral'])
      expect(`${digest.subject}\n${digest.body}`).not.toContain(secret);
    expect(digest.body).not.toContain(people.suitable.reference);

    // Crewe's team manager reads the two from Crewe; the team manager for everywhere else, Nantwich.
    const crewe = sent.get(creweTeamManager)![0].body;
    expect([people.seventeen, people.lapsed].every((p) => crewe.includes(p.reference))).toBe(true);
    expect(crewe).not.toContain(people.adult.reference);
    const elsewhere = sent.get(team_manager.id)![0].body;
    expect(elsewhere).toContain(people.adult.reference);
    expect(elsewhere).not.toContain(people.seventeen.reference);

    const run = await h.db.query(`select to_char(day, 'YYYY-MM-DD') as day, sent from digest_run`);
    expect(run.rows).toEqual([{ day: '2026-12-07', sent: 5 }]);
    await until(
      'the digest e-mails',
      async () => smtp.to(director.email).filter((m) => m.subject.startsWith('Morning digest')),
      (mails) => mails.length === 1,
    );
  });

  it('sends it once a day however often the sweep runs, and however many instances race for it', async () => {
    clock.set('2026-12-07T09:31:00Z');
    await sweep();
    await sweep();
    expect([...(await digests()).values()].map((d) => d.length)).toEqual([1, 1, 1, 1, 1]);

    clock.set('2026-12-08T09:30:00Z'); // Tuesday: this instance and a second race for the day
    const second = await h.extraApp({ clock, env: env({ WORKERS_ENABLED: 'false' }) });
    try {
      await Promise.all([sweep(), second.app.get(TimerRegistry).sweep()]);
    } finally {
      await second.close();
    }
    expect([...(await digests()).values()].map((d) => d.length)).toEqual([2, 2, 2, 2, 2]);
    expect(await h.count('digest_run')).toBe(2);
  });
});
