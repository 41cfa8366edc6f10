import { expectProblem, Harness, PASSWORD } from '../../support/harness';
import { dayFromToday, makeBed, makeLevel, makePerson, makeProvider, makeRequest, until } from '../../support/fixtures';
import { TestSmtpServer } from '../../support/smtp';

/**
 * One young person's evidence timeline through a hotel stay, an escalation that climbs, an
 * acknowledgement, a hold released, a hold confirmed and the move out of the hotel, with a ladder
 * of second-scale steps and a real SMTP server so deliveries are recorded as sent.
 */

interface Note {
  channel: string;
  recipientUserId: string | null;
  recipientName: string | null;
  recipientRole: string | null;
  status: string;
  sentAt: string | null;
  attempts: number;
}
interface Entry {
  at: string;
  kind: string;
  summary: string;
  actor: { userId: string; name: string; role: string } | null;
  [k: string]: unknown;
  notifications?: Note[];
}

let h: Harness;
let smtp: TestSmtpServer;
// Review dates are bounded by the policy (five working days by default): tomorrow always fits.
const REVIEW_BY = dayFromToday(1);

beforeAll(async () => {
  smtp = await TestSmtpServer.start();
  h = await Harness.start({ env: { SMTP_URL: smtp.url, RECONCILE_EVERY: 'PT1S', NOTIFY_BACKOFF: 'PT0.2S' } });
  // Second-scale ladder; the shipped working-day policies are retired here.
  const shipped = (await h.as('admin').get('/escalation-policies')).body.items as { id: string }[];
  for (const p of shipped)
    expect((await h.as('admin').patch(`/escalation-policies/${p.id}`).send({ active: false })).status).toBe(200);
  const policy = await h
    .as('admin')
    .post('/escalation-policies')
    .send({
      name: 'Test: 18+ in a hotel',
      appliesTo: { minAge: 18, accommodationCodes: ['W'], unsuitableOnly: true },
      steps: [
        { after: 'PT0S', role: 'team_manager' },
        { after: 'PT2S', role: 'service_manager' },
      ],
    });
  expect(policy.status).toBe(201);
});
afterAll(async () => {
  await h?.stop();
  await smtp?.stop();
});

describe('GET /young-people/:id/timeline', () => {
  let person: { id: string; reference: string };
  let hotelId: string;
  let newStayId: string;
  let items: Entry[];
  let bedA: { id: string };
  let bedB: { id: string };

  it('tells the story of a hotel stay, its escalation, an acknowledgement, holds and the move, oldest first', async () => {
    person = await makePerson(h, { age: 19 });
    const hotel = await h
      .as('pa')
      .post('/stays')
      .send({ youngPersonId: person.id, accommodationCode: 'W', description: 'Travelodge Crewe' });
    expect(hotel.status).toBe(201);
    hotelId = hotel.body.id;

    // The ladder climbs: team manager at once, service manager two seconds later; every e-mail is delivered.
    const escalations = () =>
      h
        .as('director')
        .get(`/escalations?stayId=${hotelId}`)
        .then((r) => r.body.items as { id: string; step: number; status: string }[]);
    const fired = await until(
      'both steps fired',
      escalations,
      (rs) => rs.length === 2 && rs.every((r) => r.status === 'open'),
    );
    const step2 = fired.find((r) => r.step === 2)!;
    await until(
      'e-mails delivered',
      () => h.count('notification', `young_person_id = $1 and status <> 'sent'`, [person.id]),
      (n) => n === 0,
    );

    const ack = await h
      .as('service_manager')
      .post(`/escalations/${step2.id}/acknowledge`)
      .send({ actionPlan: 'Supported lodgings referral made today', reviewBy: REVIEW_BY });
    expect(ack.status).toBe(200);

    // A bed held and let go, another held and confirmed: the move out of the hotel.
    const level = await makeLevel(h, { name: 'Supported lodgings', accommodationCode: 'E' });
    const provider = await makeProvider(h, { name: 'Crewe Lodgings Scheme', area: 'Crewe' });
    bedA = await makeBed(h, provider.id, level.id, { label: 'Host A' });
    bedB = await makeBed(h, provider.id, level.id, { label: 'Host B' });
    const request = await makeRequest(h, person.id, { notes: 'Needs to stay near college' });
    const holdA = await h
      .as('housing_officer')
      .post(`/placement-requests/${request.id}/holds`)
      .send({ bedId: bedA.id });
    expect(holdA.status).toBe(201);
    expect((await h.as('housing_officer').post(`/holds/${holdA.body.id}/release`).send({})).status).toBe(200);
    const holdB = await h
      .as('housing_officer')
      .post(`/placement-requests/${request.id}/holds`)
      .send({ bedId: bedB.id });
    expect(holdB.status).toBe(201);
    const moved = await h.as('housing_officer').post(`/holds/${holdB.body.id}/confirm`).send({});
    expect(moved.status).toBe(201);
    newStayId = moved.body.id;
    await until(
      'acknowledgement notice delivered',
      () => h.count('notification', `young_person_id = $1 and status <> 'sent'`, [person.id]),
      (n) => n === 0,
    );

    const res = await h.as('director').get(`/young-people/${person.id}/timeline?limit=500`);
    expect(res.status).toBe(200);
    expect(res.body.youngPerson).toEqual({ id: person.id, reference: person.reference });
    items = res.body.items;
    expect(res.body.total).toBe(items.length);
    // Oldest first.
    for (let i = 1; i < items.length; i++) expect(items[i].at >= items[i - 1].at).toBe(true);

    const kinds = items.map((e) => e.kind);
    expect(kinds.slice(0, 9)).toEqual([
      'stay.started',
      'escalation.clock_started',
      'escalation.fired',
      'escalation.fired',
      'escalation.acknowledged',
      'request.raised',
      'hold.created',
      'hold.released',
      'hold.created',
    ]);
    // The move happens in one transaction (same instant or within a millisecond or two): all of it is there.
    expect(kinds.slice(9).sort()).toEqual(
      ['escalation.clock_stopped', 'hold.confirmed', 'request.placed', 'stay.ended', 'stay.started'].sort(),
    );
    expect(
      items.filter(
        (e) =>
          e.kind.startsWith('escalation.') && e.kind !== 'escalation.fired' && e.kind !== 'escalation.acknowledged',
      ).length,
    ).toBe(2);
  });

  it('records the stays with their SSDA903 codes and who recorded them', async () => {
    const started = items.filter((e) => e.kind === 'stay.started');
    expect(started[0]).toMatchObject({
      stayId: hotelId,
      accommodationCode: 'W',
      suitable: false,
      emergency: true,
      ssda903: 'W2',
      description: 'Travelodge Crewe',
      actor: { userId: h.users.pa.id, role: 'pa' },
    });
    expect(started[0].summary).toContain('W2');
    expect(started[1]).toMatchObject({
      stayId: newStayId,
      accommodationCode: 'E',
      suitable: true,
      ssda903: 'E1',
      bedId: bedB.id,
      bedLabel: 'Host B',
      providerName: 'Crewe Lodgings Scheme',
      area: 'Crewe',
    });
    expect(items.find((e) => e.kind === 'stay.ended')).toMatchObject({
      stayId: hotelId,
      ssda903: 'W2',
      endReason: 'Moved: a new stay was recorded',
      actor: { userId: h.users.housing_officer.id },
    });
  });

  it('shows each step fired: who was told, through which channel, and whether it was delivered', async () => {
    const [first, second] = items.filter((e) => e.kind === 'escalation.fired');
    expect(first).toMatchObject({ step: 1, role: 'team_manager', policyName: 'Test: 18+ in a hotel', actor: null });
    expect(second).toMatchObject({ step: 2, role: 'service_manager' });
    const told = (e: Entry, userId: string, channel: string) =>
      e.notifications!.find((n) => n.recipientUserId === userId && n.channel === channel);
    expect(told(first, h.users.team_manager.id, 'in_app')).toMatchObject({
      recipientRole: 'team_manager',
      recipientName: 'Test team_manager',
      status: 'sent',
      sentAt: expect.any(String),
    });
    expect(told(first, h.users.team_manager.id, 'email')).toMatchObject({
      recipientRole: 'team_manager',
      status: 'sent',
      attempts: 1,
      sentAt: expect.any(String),
    });
    expect(told(first, h.users.pa.id, 'email')).toMatchObject({ recipientRole: 'pa', status: 'sent' });
    expect(told(second, h.users.service_manager.id, 'email')).toMatchObject({ status: 'sent' });
    expect(first.summary).toMatch(/team manager/);
    // The e-mail really went out.
    expect(smtp.to(h.users.team_manager.email).some((m) => m.subject.includes(person.reference))).toBe(true);
  });

  it('shows who acknowledged, with the action plan and review date, and that the PA was told', async () => {
    const ack = items.find((e) => e.kind === 'escalation.acknowledged')!;
    expect(ack).toMatchObject({
      step: 2,
      role: 'service_manager',
      actionPlan: 'Supported lodgings referral made today',
      reviewBy: REVIEW_BY,
      actor: { userId: h.users.service_manager.id, name: 'Test service_manager', role: 'service_manager' },
    });
    expect(ack.notifications).toEqual([
      expect.objectContaining({ channel: 'in_app', recipientUserId: h.users.pa.id, status: 'sent' }),
    ]);
    expect(ack.summary).toContain('Test service_manager');
  });

  it('shows the request, each hold and its outcome, and the clock stopping', async () => {
    expect(items.find((e) => e.kind === 'request.raised')).toMatchObject({
      urgency: 'emergency',
      actor: { userId: h.users.pa.id },
    });
    const holds = items.filter((e) => e.kind === 'hold.created');
    expect(holds.map((e) => e.bedId)).toEqual([bedA.id, bedB.id]);
    expect(holds[0]).toMatchObject({
      bedLabel: 'Host A',
      providerName: 'Crewe Lodgings Scheme',
      expiresAt: expect.any(String),
      actor: { userId: h.users.housing_officer.id },
    });
    expect(items.find((e) => e.kind === 'hold.released')).toMatchObject({
      bedId: bedA.id,
      actor: { userId: h.users.housing_officer.id },
    });
    expect(items.find((e) => e.kind === 'hold.confirmed')).toMatchObject({ bedId: bedB.id, stayId: newStayId });
    expect(items.find((e) => e.kind === 'request.placed')).toMatchObject({
      bedId: bedB.id,
      stayId: newStayId,
      actor: { userId: h.users.housing_officer.id },
    });
    expect(items.find((e) => e.kind === 'escalation.clock_started')).toMatchObject({
      stayId: hotelId,
      policies: [expect.objectContaining({ steps: 2 })],
    });
    // Step 1 (open) is closed; step 2 stays acknowledged.
    expect(items.find((e) => e.kind === 'escalation.clock_stopped')).toMatchObject({
      stayId: hotelId,
      closed: 1,
      cancelled: 0,
    });
    // Only things that happened: no pending step, no scheduled entry.
    expect(items.every((e) => !/scheduled/.test(e.kind))).toBe(true);
  });

  it('pages like every list', async () => {
    const all = (await h.as('director').get(`/young-people/${person.id}/timeline?limit=500`)).body;
    const page = await h.as('director').get(`/young-people/${person.id}/timeline?limit=3&offset=2`);
    expect(page.status).toBe(200);
    expect(page.body.total).toBe(all.total);
    expect(page.body.items).toEqual(all.items.slice(2, 5));
  });

  it('is for admin, housing officers, managers, and the PA of this young person only', async () => {
    for (const role of [
      'admin',
      'housing_officer',
      'pa',
      'team_manager',
      'service_manager',
      'head_of_service',
      'director',
    ] as const) {
      expect((await h.as(role).get(`/young-people/${person.id}/timeline`)).status).toBe(200);
    }
    const created = await h
      .as('admin')
      .post('/users')
      .send({ email: 'other.pa@test.invalid', name: 'Other PA', role: 'pa', password: PASSWORD });
    expect(created.status).toBe(201);
    const otherPa = await h.login('other.pa@test.invalid');
    expectProblem(await h.withToken(otherPa).get(`/young-people/${person.id}/timeline`), 404);
    expectProblem(await h.as().get(`/young-people/${person.id}/timeline`), 401);
  });

  it('refuses bad input with problem details and writes nothing', async () => {
    await until(
      'nothing left to deliver',
      () => h.count('notification', `status in ('pending', 'retrying')`),
      (n) => n === 0,
    );
    await h.expectNoWrites(
      ['young_person', 'stay', 'placement_request', 'hold', 'escalation', 'notification'],
      async () => {
        expectProblem(await h.as('director').get('/young-people/not-a-uuid/timeline'), 400, ['id']);
        expectProblem(await h.as('director').get(`/young-people/${person.id}/timeline?limit=0`), 400, ['limit']);
        expectProblem(await h.as('director').get(`/young-people/${person.id}/timeline?limit=abc`), 400, ['limit']);
        expectProblem(await h.as('director').get(`/young-people/${person.id}/timeline?offset=-1`), 400, ['offset']);
        expectProblem(await h.as('director').get(`/young-people/${person.id}/timeline?kind=stay`), 400, ['kind']);
        expectProblem(await h.as('director').get('/young-people/6f1c1b9e-3c1a-4d8e-9f3b-000000000000/timeline'), 404);
      },
    );
  });
});

describe('OpenAPI', () => {
  it('documents the timeline and its entry schema', async () => {
    const doc = (await h.as().get('/docs-json')).body;
    const op = doc.paths['/young-people/{id}/timeline'].get;
    expect(op.responses['200'].content['application/json'].schema.$ref).toBe('#/components/schemas/TimelinePage');
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '404']));
    expect(doc.components.schemas.TimelineEntry.properties.kind.enum).toEqual(
      expect.arrayContaining(['stay.started', 'escalation.fired', 'escalation.acknowledged', 'hold.confirmed']),
    );
    expect(doc.components.schemas.TimelineNotification.required).toEqual(
      expect.arrayContaining(['channel', 'status', 'attempts']),
    );
  });
});
