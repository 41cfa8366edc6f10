import {
  MALFORMED_IDS,
  UNKNOWN_ID,
  describeBadInput,
  describeListQueryStrings,
  type Endpoint,
} from '../../support/bad-input';
import {
  dayFromToday,
  dobForAge,
  makeBed,
  makeHold,
  makeLevel,
  makePerson,
  makeProvider,
  makeRequest,
  makeStay,
  until,
} from '../../support/fixtures';
import { expectProblem, Harness, TEST_AREAS } from '../../support/harness';

/**
 * Bad input on every write endpoint of the casework and escalation API (young people, placement
 * requests, holds, stays, escalation policies, acknowledgements, closure days), with the same
 * battery as the foundation endpoints (test/support/bad-input.ts): problem details, the right
 * status, the offending field named, and nothing written to the endpoint's tables or the audit trail.
 */

let h: Harness;
let seq = 0;
const n = () => ++seq;

let levelId: string;
let providerId: string;
/** Young people on the fixture PA's caseload, one per purpose so no case disturbs another. */
let requester: { id: string };
let patched: { id: string };
let stayer: { id: string };
/** An open request, a live hold, an open stay and an open (fired) escalation step: each left in that state. */
let openRequestId: string;
let liveHoldId: string;
let openStayId: string;
let openEscalationId: string;
let policyId: string;

const freshBed = async () => (await makeBed(h, providerId, levelId)).id;

const freshHold = async () => makeHold(h, await freshBed());
const freshStay = () => makeStay(h, { description: 'Supported flat' });

/** Waits until every email / webhook delivery has been tried for good, so nothing writes behind a test's back. */
async function settle(): Promise<void> {
  await until(
    'deliveries to settle',
    () => h.count('notification', `status in ('pending', 'retrying')`),
    (k) => k === 0,
  );
}

/** A 20-year-old in a hotel: the shipped 18+ ladder's team-manager step fires at once. */
async function freshOpenEscalation(): Promise<string> {
  const person = await makePerson(h, { age: 20 });
  const stay = await h
    .as('pa')
    .post('/stays')
    .send({ youngPersonId: person.id, accommodationCode: 'W', description: 'Travelodge' });
  if (stay.status !== 201) throw new Error(`hotel stay: ${stay.status} ${JSON.stringify(stay.body)}`);
  const rows = await until(
    'the team manager step to fire',
    async () =>
      (await h.as('director').get(`/escalations?stayId=${stay.body.id}`)).body.items as {
        id: string;
        role: string;
        status: string;
      }[],
    (rs) => rs.some((r) => r.role === 'team_manager' && r.status === 'open'),
  );
  await settle();
  return rows.find((r) => r.role === 'team_manager' && r.status === 'open')!.id;
}

const goodSteps = () => [
  { after: 'PT0S', role: 'team_manager' },
  { after: 'P1WD', role: 'service_manager' },
  { after: 'P2WD', role: 'head_of_service', repeatEvery: 'P5WD' },
];

const ENDPOINTS: Endpoint[] = [
  {
    name: 'POST /young-people',
    method: 'post',
    path: '/young-people',
    table: 'young_person',
    role: 'housing_officer',
    valid: () => ({
      firstName: 'Sam',
      lastName: `Jones${n()}`,
      dateOfBirth: dobForAge(19),
      gender: 'male',
      legalStatus: 'former_relevant',
      paUserId: h.users.pa.id,
    }),
    textField: 'firstName',
    wrongTypes: [
      [{ firstName: 1 }, ['firstName']],
      [{ lastName: ['Jones'] }, ['lastName']],
      [{ dateOfBirth: 20070101 }, ['dateOfBirth']],
      [{ gender: 3 }, ['gender']],
      [{ legalStatus: true }, ['legalStatus']],
      [{ uasc: 'yes' }, ['uasc']],
      [{ paUserId: 12 }, ['paUserId']],
      [{ homeArea: 5 }, ['homeArea']],
      [{ areasToAvoid: 'Crewe' }, ['areasToAvoid']],
      [{ areasToAvoid: [5] }, ['areasToAvoid']],
      [{ needsServiceLevelRank: '3' }, ['needsServiceLevelRank']],
      [{ needsServiceLevelRank: 2.5 }, ['needsServiceLevelRank']],
      [{ stepFreeNeeded: 'no' }, ['stepFreeNeeded']],
      [{ hasPet: 1 }, ['hasPet']],
      [{ pregnantOrParent: 'true' }, ['pregnantOrParent']],
      [{ risks: 'fire_setting' }, ['risks']],
      [{ reference: 42 }, ['reference']],
      [{ firstName: null }, ['firstName']],
      [{ dateOfBirth: null }, ['dateOfBirth']],
      [{ legalStatus: null }, ['legalStatus']],
      [{ uasc: null }, ['uasc']],
      [{ stepFreeNeeded: null }, ['stepFreeNeeded']],
      [{ risks: null }, ['risks']],
      [{ areasToAvoid: null }, ['areasToAvoid']],
      [{ paUserId: null }, ['paUserId']],
    ],
    outOfRange: [
      [{ firstName: '' }, ['firstName']],
      [{ lastName: '   ' }, ['lastName']],
      [{ firstName: 'f'.repeat(101) }, ['firstName']],
      [{ dateOfBirth: '2007-02-30' }, ['dateOfBirth']],
      [{ dateOfBirth: '01/02/2007' }, ['dateOfBirth']],
      [{ dateOfBirth: '2007-01-01T00:00:00Z' }, ['dateOfBirth']],
      [{ gender: 'unknown' }, ['gender']],
      [{ legalStatus: 'looked_after' }, ['legalStatus']],
      [{ risks: ['arson'] }, ['risks']],
      [{ risks: ['missing', 'missing'] }, ['risks']],
      [{ areasToAvoid: [''] }, ['areasToAvoid']],
      [{ areasToAvoid: Array.from({ length: 21 }, (_, i) => `Area ${i}`) }, ['areasToAvoid']],
      [{ homeArea: 'h'.repeat(101) }, ['homeArea']],
      [{ needsServiceLevelRank: 0 }, ['needsServiceLevelRank']],
      [{ needsServiceLevelRank: 101 }, ['needsServiceLevelRank']],
      [{ reference: 'has space' }, ['reference']],
      [{ reference: 'x' }, ['reference']],
      [{ paUserId: 'not-a-uuid' }, ['paUserId']],
      [{ paUserId: UNKNOWN_ID }, ['paUserId']],
      // Allocated to someone who is not a PA.
      [{ paUserId: '__admin__' }, ['paUserId']],
      // Age and legal status that contradict each other.
      [{ dateOfBirth: dobForAge(15), legalStatus: 'eligible' }, ['dateOfBirth']],
      [{ dateOfBirth: dobForAge(19), legalStatus: 'eligible' }, ['legalStatus']],
      [{ dateOfBirth: dobForAge(18), legalStatus: 'former_relevant', uasc: true }, ['uasc']],
      [{ dateOfBirth: dayFromToday(400), legalStatus: 'eligible' }, ['dateOfBirth']],
      [{ dateOfBirth: dobForAge(26), legalStatus: 'former_relevant' }, ['dateOfBirth']],
    ],
  },
  {
    name: 'PATCH /young-people/:id',
    method: 'patch',
    path: '/young-people/:id',
    table: 'young_person',
    role: 'housing_officer',
    existingId: () => patched.id,
    valid: () => ({ homeArea: TEST_AREAS[n() % TEST_AREAS.length] }),
    wrongTypes: [
      [{ firstName: 7 }, ['firstName']],
      [{ uasc: 'false' }, ['uasc']],
      [{ risks: 'missing' }, ['risks']],
      [{ version: '1' }, ['version']],
      [{ firstName: null }, ['firstName']],
      [{ lastName: null }, ['lastName']],
      [{ dateOfBirth: null }, ['dateOfBirth']],
      [{ gender: null }, ['gender']],
      [{ legalStatus: null }, ['legalStatus']],
      [{ uasc: null }, ['uasc']],
      [{ stepFreeNeeded: null }, ['stepFreeNeeded']],
      [{ hasPet: null }, ['hasPet']],
      [{ pregnantOrParent: null }, ['pregnantOrParent']],
      [{ risks: null }, ['risks']],
      [{ areasToAvoid: null }, ['areasToAvoid']],
      [{ paUserId: null }, ['paUserId']],
      [{ reference: null }, ['reference']],
      [{ version: null }, ['version']],
    ],
    outOfRange: [
      [{ gender: 'x' }, ['gender']],
      [{ risks: ['arson'] }, ['risks']],
      [{ version: 0 }, ['version']],
      [{ dateOfBirth: '2007-13-01' }, ['dateOfBirth']],
      [{ paUserId: UNKNOWN_ID }, ['paUserId']],
      // The stored record is 19 and former relevant: each change below contradicts it.
      [{ legalStatus: 'eligible' }, ['legalStatus']],
      [{ uasc: true }, ['uasc']],
      [{ dateOfBirth: dobForAge(15) }, ['dateOfBirth']],
      [{ dateOfBirth: dobForAge(26) }, ['dateOfBirth']],
      [{ dateOfBirth: dayFromToday(30) }, ['dateOfBirth']],
      // Someone else changed it since.
      [{ version: 999 }, [], 409],
    ],
  },
  {
    name: 'POST /placement-requests',
    method: 'post',
    path: '/placement-requests',
    table: 'placement_request',
    role: 'pa',
    valid: () => ({
      youngPersonId: requester.id,
      urgency: 'planned',
      neededBy: dayFromToday(7),
      notes: `Needs ground floor (${n()})`,
    }),
    textField: 'notes',
    wrongTypes: [
      [{ youngPersonId: 5 }, ['youngPersonId']],
      [{ urgency: 1 }, ['urgency']],
      [{ neededBy: 20261201 }, ['neededBy']],
      [{ serviceLevelIds: 'abc' }, ['serviceLevelIds']],
      [{ serviceLevelIds: [1] }, ['serviceLevelIds']],
      [{ preferredAreas: 'Crewe' }, ['preferredAreas']],
      [{ notes: 5 }, ['notes']],
      [{ youngPersonId: null }, ['youngPersonId']],
      [{ urgency: null }, ['urgency']],
      [{ neededBy: null }, ['neededBy']],
    ],
    outOfRange: [
      [{ urgency: 'asap' }, ['urgency']],
      [{ neededBy: '2026-02-30' }, ['neededBy']],
      [{ neededBy: '24/12/2026' }, ['neededBy']],
      [{ neededBy: '2020-01-01' }, ['neededBy']],
      [{ serviceLevelIds: [] }, ['serviceLevelIds']],
      [{ serviceLevelIds: ['nope'] }, ['serviceLevelIds']],
      [{ serviceLevelIds: [UNKNOWN_ID] }, ['serviceLevelIds']],
      [{ preferredAreas: [''] }, ['preferredAreas']],
      [{ notes: 'n'.repeat(2001) }, ['notes']],
      [{ youngPersonId: 'not-a-uuid' }, ['youngPersonId']],
      // A young person who does not exist (or, for a PA, is not on their caseload).
      [{ youngPersonId: UNKNOWN_ID }, [], 404],
    ],
  },
  {
    name: 'POST /placement-requests/:id/withdraw',
    method: 'post',
    path: '/placement-requests/:id/withdraw',
    table: 'placement_request',
    tables: ['hold', 'bed'],
    role: 'pa',
    existingId: () => openRequestId,
    accept: async () => ({ id: (await makeRequest(h, requester.id)).id }),
    valid: () => ({ reason: 'Went to stay with an aunt' }),
    wrongTypes: [
      [{ reason: 5 }, ['reason']],
      [{ reason: ['a'] }, ['reason']],
    ],
    outOfRange: [[{ reason: 'r'.repeat(501) }, ['reason']]],
  },
  {
    name: 'POST /placement-requests/:id/holds',
    method: 'post',
    path: '/placement-requests/:id/holds',
    table: 'hold',
    tables: ['bed', 'placement_request'],
    role: 'housing_officer',
    existingId: () => openRequestId,
    accept: async () => ({
      id: (await makeRequest(h, (await makePerson(h)).id)).id,
      body: { bedId: await freshBed() },
    }),
    valid: () => ({ bedId: UNKNOWN_ID }),
    textField: 'bedId',
    wrongTypes: [
      [{ bedId: 5 }, ['bedId']],
      [{ bedId: ['x'] }, ['bedId']],
      [{ bedId: null }, ['bedId']],
    ],
    outOfRange: [
      [{ bedId: 'not-a-uuid' }, ['bedId']],
      [{ bedId: '' }, ['bedId']],
    ],
  },
  {
    name: 'POST /holds/:id/confirm',
    method: 'post',
    path: '/holds/:id/confirm',
    table: 'hold',
    tables: ['bed', 'placement_request', 'stay', 'escalation'],
    role: 'housing_officer',
    existingId: () => liveHoldId,
    accept: async () => ({ id: await freshHold() }),
    valid: () => ({ moveInAt: new Date().toISOString() }),
    wrongTypes: [
      [{ moveInAt: 5 }, ['moveInAt']],
      [{ moveInAt: true }, ['moveInAt']],
      [{ moveInAt: null }, ['moveInAt']],
    ],
    outOfRange: [
      [{ moveInAt: '2026-13-01T00:00:00Z' }, ['moveInAt']],
      [{ moveInAt: '2026-11-23T10:00:00' }, ['moveInAt']],
      [{ moveInAt: 'yesterday' }, ['moveInAt']],
      [{ moveInAt: new Date(Date.now() + 30 * 86400_000).toISOString() }, ['moveInAt']],
      [{ moveInAt: new Date(Date.now() - 3 * 86400_000).toISOString() }, ['moveInAt']],
    ],
  },
  {
    name: 'POST /holds/:id/release',
    method: 'post',
    path: '/holds/:id/release',
    table: 'hold',
    tables: ['bed', 'placement_request'],
    role: 'housing_officer',
    existingId: () => liveHoldId,
    accept: async () => ({ id: await freshHold() }),
    valid: () => ({ reason: 'Young person declined the room' }),
    wrongTypes: [
      [{ reason: 5 }, ['reason']],
      [{ reason: ['a'] }, ['reason']],
    ],
    outOfRange: [[{ reason: 'r'.repeat(501) }, ['reason']]],
  },
  {
    name: 'POST /stays',
    method: 'post',
    path: '/stays',
    table: 'stay',
    tables: ['bed', 'escalation', 'notification'],
    // A housing officer: only the placements team puts someone straight into a managed bed.
    role: 'housing_officer',
    valid: () => ({ youngPersonId: stayer.id, accommodationCode: 'D', description: `Supported flat ${n()}` }),
    textField: 'description',
    wrongTypes: [
      [{ youngPersonId: 1 }, ['youngPersonId']],
      [{ bedId: 2 }, ['bedId']],
      [{ accommodationCode: 4 }, ['accommodationCode']],
      [{ suitable: 'yes' }, ['suitable']],
      [{ description: 5 }, ['description']],
      [{ suitabilityReason: 1 }, ['suitabilityReason']],
      [{ startedAt: 1700000000 }, ['startedAt']],
      [{ youngPersonId: null }, ['youngPersonId']],
      [{ startedAt: null }, ['startedAt']],
      [{ suitable: null }, ['suitable']],
    ],
    outOfRange: [
      [{ accommodationCode: 'Q' }, ['accommodationCode']],
      [{ accommodationCode: undefined }, ['accommodationCode']],
      [{ startedAt: new Date(Date.now() + 86400_000).toISOString() }, ['startedAt']],
      [{ startedAt: '2026-11-23T10:00:00' }, ['startedAt']],
      [{ startedAt: '2026-02-30T10:00:00Z' }, ['startedAt']],
      [{ description: 'd'.repeat(501) }, ['description']],
      [{ suitabilityReason: '' }, ['suitabilityReason']],
      [{ youngPersonId: 'not-a-uuid' }, ['youngPersonId']],
      [{ bedId: 'not-a-uuid' }, ['bedId']],
      [{ youngPersonId: UNKNOWN_ID }, [], 404],
      [{ bedId: UNKNOWN_ID, accommodationCode: undefined }, [], 404],
      // S (no fixed abode) can never be marked suitable; a PA may not mark a hotel suitable.
      [{ accommodationCode: 'S', suitable: true }, [], 422],
      [{ accommodationCode: 'W', suitable: true, suitabilityReason: 'Family room' }, [], 403],
    ],
  },
  {
    name: 'POST /stays/:id/end',
    method: 'post',
    path: '/stays/:id/end',
    table: 'stay',
    tables: ['bed', 'escalation'],
    role: 'pa',
    existingId: () => openStayId,
    accept: async () => ({ id: await freshStay() }),
    valid: () => ({ reason: 'Moved to supported lodgings' }),
    wrongTypes: [
      [{ reason: 5 }, ['reason']],
      [{ reason: null }, ['reason']],
      [{ endedAt: 5 }, ['endedAt']],
      [{ endedAt: null }, ['endedAt']],
    ],
    outOfRange: [
      [{ reason: '' }, ['reason']],
      [{ reason: '   ' }, ['reason']],
      [{ reason: 'r'.repeat(501) }, ['reason']],
      [{ reason: undefined }, ['reason']],
      [{ endedAt: new Date(Date.now() + 86400_000).toISOString() }, ['endedAt']],
      [{ endedAt: '2020-01-01T00:00:00Z' }, ['endedAt']],
      [{ endedAt: '2026-11-23T10:00:00' }, ['endedAt']],
    ],
  },
  {
    name: 'POST /escalation-policies',
    method: 'post',
    path: '/escalation-policies',
    table: 'escalation_policy',
    tables: ['escalation_policy_version'],
    role: 'admin',
    valid: () => ({
      name: `Policy ${n()}`,
      active: false,
      appliesTo: { minAge: 18, accommodationCodes: ['K'], unsuitableOnly: true },
      steps: goodSteps(),
    }),
    wrongTypes: [
      [{ name: 5 }, ['name']],
      [{ active: 'yes' }, ['active']],
      [{ appliesTo: 'everyone' }, ['appliesTo']],
      [{ appliesTo: { minAge: '18' } }, ['appliesTo.minAge']],
      [{ appliesTo: { unsuitableOnly: 'yes' } }, ['appliesTo.unsuitableOnly']],
      [{ appliesTo: { accommodationCodes: 'W' } }, ['appliesTo.accommodationCodes']],
      [{ steps: 'PT0S' }, ['steps']],
      [{ steps: [{ after: 5, role: 'team_manager' }] }, ['steps.0.after']],
      [{ steps: [{ after: 'PT0S', role: 5 }] }, ['steps.0.role']],
      [{ steps: [{ after: 'PT0S', role: 'team_manager', repeatEvery: 3600 }] }, ['steps.0.repeatEvery']],
      [{ name: null }, ['name']],
      [{ steps: null }, ['steps']],
      [{ appliesTo: null }, ['appliesTo']],
    ],
    outOfRange: [
      [{ name: '' }, ['name']],
      [{ name: 'n'.repeat(201) }, ['name']],
      [{ steps: [] }, ['steps']],
      [{ steps: Array.from({ length: 51 }, () => ({ after: 'PT0S', role: 'director' })) }, ['steps']],
      [
        {
          steps: [
            { after: 'PT0S', role: 'team_manager' },
            { after: 'P2X', role: 'director' },
          ],
        },
        ['steps.1.after'],
      ],
      [
        {
          steps: [
            { after: 'PT0S', role: 'team_manager' },
            { after: 'PT-1H', role: 'director' },
          ],
        },
        ['steps.1.after'],
      ],
      [
        {
          steps: [
            { after: 'PT0S', role: 'team_manager' },
            { after: '4 hours', role: 'director' },
          ],
        },
        ['steps.1.after'],
      ],
      [{ steps: [{ after: 'PT0S', role: 'team_manager', repeatEvery: 'PT0S' }] }, ['steps.0.repeatEvery']],
      [{ steps: [{ after: 'PT0S', role: 'team_manager', repeatEvery: 'P0WD' }] }, ['steps.0.repeatEvery']],
      [{ steps: [{ after: 'PT0S', role: 'team_manager', repeatEvery: 'often' }] }, ['steps.0.repeatEvery']],
      [{ steps: [{ after: 'PT0S', role: 'king' }] }, ['steps.0.role']],
      [
        {
          steps: [
            { after: 'P2D', role: 'team_manager' },
            { after: 'P1D', role: 'director' },
          ],
        },
        ['steps.1.after'],
      ],
      [{ steps: [{ after: 'PT0S', role: 'team_manager', colour: 'red' }] }, ['steps.0.colour']],
      [{ appliesTo: { colour: 'red' } }, ['appliesTo.colour']],
      [{ appliesTo: { minAge: 15 } }, ['appliesTo.minAge']],
      [{ appliesTo: { maxAge: 26 } }, ['appliesTo.maxAge']],
      [{ appliesTo: { minAge: 20, maxAge: 18 } }, ['appliesTo.maxAge']],
      [{ appliesTo: { accommodationCodes: ['Q'] } }, ['appliesTo.accommodationCodes']],
    ],
  },
  {
    name: 'PATCH /escalation-policies/:id',
    method: 'patch',
    path: '/escalation-policies/:id',
    table: 'escalation_policy',
    tables: ['escalation_policy_version'],
    role: 'admin',
    existingId: () => policyId,
    valid: () => ({ name: `Policy ${n()}` }),
    wrongTypes: [
      [{ name: 5 }, ['name']],
      [{ active: 'no' }, ['active']],
      [{ version: '1' }, ['version']],
      [{ steps: 'P1D' }, ['steps']],
      [{ appliesTo: { maxAge: 'x' } }, ['appliesTo.maxAge']],
      [{ version: null }, ['version']],
    ],
    outOfRange: [
      [
        {
          steps: [
            { after: 'PT0S', role: 'team_manager' },
            { after: 'P2X', role: 'director' },
          ],
        },
        ['steps.1.after'],
      ],
      [
        {
          steps: [
            { after: 'PT0S', role: 'team_manager' },
            { after: 'PT-1H', role: 'director' },
          ],
        },
        ['steps.1.after'],
      ],
      [{ steps: [{ after: 'PT0S', role: 'team_manager', repeatEvery: 'PT0S' }] }, ['steps.0.repeatEvery']],
      [{ steps: [] }, ['steps']],
      [{ name: '  ' }, ['name']],
      [{ version: 0 }, ['version']],
      [{ appliesTo: { minAge: 15 } }, ['appliesTo.minAge']],
      [{ appliesTo: { minAge: 21, maxAge: 19 } }, ['appliesTo.maxAge']],
      [{ version: 999 }, [], 409],
    ],
  },
  {
    name: 'POST /escalations/:id/acknowledge',
    method: 'post',
    path: '/escalations/:id/acknowledge',
    table: 'escalation',
    tables: ['notification'],
    role: 'director',
    existingId: () => openEscalationId,
    accept: async () => ({ id: await freshOpenEscalation() }),
    valid: () => ({ actionPlan: 'Supported lodgings referral today', reviewBy: dayFromToday(3) }),
    wrongTypes: [
      [{ actionPlan: 5 }, ['actionPlan']],
      [{ reviewBy: 20991231 }, ['reviewBy']],
      [{ actionPlan: null }, ['actionPlan']],
      [{ reviewBy: null }, ['reviewBy']],
    ],
    outOfRange: [
      [{ actionPlan: '' }, ['actionPlan']],
      [{ actionPlan: '   ' }, ['actionPlan']],
      [{ actionPlan: undefined }, ['actionPlan']],
      [{ actionPlan: 'a'.repeat(4001) }, ['actionPlan']],
      [{ reviewBy: dayFromToday(-2) }, ['reviewBy']],
      [{ reviewBy: '2026-02-30' }, ['reviewBy']],
      [{ reviewBy: '31/12/2099' }, ['reviewBy']],
      [{ reviewBy: undefined }, ['reviewBy']],
    ],
  },
  {
    name: 'POST /closure-days',
    method: 'post',
    path: '/closure-days',
    table: 'closure_day',
    role: 'admin',
    valid: () => ({
      date: new Date(Date.UTC(2031, 0, 1) + n() * 86400_000).toISOString().slice(0, 10),
      reason: 'Council closure',
    }),
    textField: 'reason',
    wrongTypes: [
      [{ date: 20311225 }, ['date']],
      [{ reason: 5 }, ['reason']],
      [{ date: null }, ['date']],
      [{ reason: null }, ['reason']],
    ],
    outOfRange: [
      [{ date: '2031-02-30' }, ['date']],
      [{ date: '25/12/2031' }, ['date']],
      [{ date: '2031-12-25T00:00:00Z' }, ['date']],
      [{ reason: '' }, ['reason']],
      [{ reason: 'r'.repeat(201) }, ['reason']],
      [{ date: '2030-12-24' }, [], 409],
    ],
  },
];

beforeAll(async () => {
  h = await Harness.start({ env: { RECONCILE_EVERY: 'PT1S', NOTIFY_ATTEMPTS: '1' } });
  levelId = (await makeLevel(h, { rank: 4 })).id;
  providerId = (await makeProvider(h)).id;
  // `paUserId: '__admin__'` above stands for the admin's id (not a PA), known only now.
  const create = ENDPOINTS.find((e) => e.name === 'POST /young-people')!;
  for (const c of create.outOfRange) if (c[0].paUserId === '__admin__') c[0].paUserId = h.users.admin.id;
  requester = await makePerson(h);
  patched = await makePerson(h, { age: 19 });
  stayer = await makePerson(h);
  openRequestId = (await makeRequest(h, requester.id)).id;
  liveHoldId = await freshHold();
  openStayId = await freshStay();
  openEscalationId = await freshOpenEscalation();
  const policy = await h
    .as('admin')
    .post('/escalation-policies')
    .send({
      name: 'Fixture policy',
      active: false,
      appliesTo: { minAge: 18, accommodationCodes: ['K'] },
      steps: goodSteps(),
    });
  expect(policy.status).toBe(201);
  policyId = policy.body.id;
  expect(
    (await h.as('admin').post('/closure-days').send({ date: '2030-12-24', reason: 'Christmas Eve closure' })).status,
  ).toBe(201);
  await settle();
});

afterAll(async () => {
  await h?.stop();
});

describeBadInput(() => h, ENDPOINTS);

describe('age and legal status that contradict each other on POST /young-people', () => {
  const base = () => ({ firstName: 'Jo', lastName: 'Contradiction', gender: 'female', paUserId: h.users.pa.id });
  it.each([
    [
      'a 15-year-old',
      { dateOfBirth: dobForAge(15), legalStatus: 'eligible' },
      'dateOfBirth',
      /under-16s are out of scope/,
    ],
    [
      'a 15-year-old the day before their 16th birthday',
      { dateOfBirth: dobForAge(16, -1), legalStatus: 'relevant' },
      'dateOfBirth',
      /under-16s are out of scope/,
    ],
    [
      'a 19-year-old recorded as eligible',
      { dateOfBirth: dobForAge(19), legalStatus: 'eligible' },
      'legalStatus',
      /cannot be eligible/,
    ],
    [
      'a 17-year-old recorded as former relevant',
      { dateOfBirth: dobForAge(17), legalStatus: 'former_relevant' },
      'legalStatus',
      /cannot be former relevant/,
    ],
    [
      'an 18-year-old recorded as UASC',
      { dateOfBirth: dobForAge(18), legalStatus: 'former_relevant', uasc: true },
      'uasc',
      /UASC status ends at 18/,
    ],
    [
      'a 22-year-old recorded as UASC',
      { dateOfBirth: dobForAge(22), legalStatus: 'qualifying', uasc: true },
      'uasc',
      /UASC status ends at 18/,
    ],
    [
      'a date of birth in the future',
      { dateOfBirth: dayFromToday(10), legalStatus: 'eligible' },
      'dateOfBirth',
      /in the future/,
    ],
    [
      'a 26-year-old',
      { dateOfBirth: dobForAge(26), legalStatus: 'former_relevant' },
      'dateOfBirth',
      /over-25s are out of scope/,
    ],
    [
      'a 40-year-old',
      { dateOfBirth: dobForAge(40), legalStatus: 'qualifying' },
      'dateOfBirth',
      /over-25s are out of scope/,
    ],
  ])('refuses %s with 400 naming the field, and writes nothing', async (_what, over, field, message) => {
    for (const role of ['housing_officer', 'pa'] as const) {
      const body = role === 'pa' ? { ...base(), paUserId: undefined, ...over } : { ...base(), ...over };
      const res = await h.expectNoWrites(['young_person'], () => h.as(role).post('/young-people').send(body));
      expectProblem(res, 400, [field]);
      const err = (res.body.errors as { field: string; message: string }[]).find((e) => e.field === field)!;
      expect(err.message).toMatch(message);
    }
  });

  it('accepts the edges: 16 today, 25 the day before the 26th birthday, UASC at 17', async () => {
    for (const over of [
      { dateOfBirth: dobForAge(16, 0), legalStatus: 'relevant' },
      { dateOfBirth: dobForAge(26, -1), legalStatus: 'former_relevant' },
      { dateOfBirth: dobForAge(17), legalStatus: 'eligible', uasc: true },
    ]) {
      const res = await h
        .as('housing_officer')
        .post('/young-people')
        .send({ ...base(), ...over });
      expect({ over, status: res.status }).toEqual({ over, status: 201 });
    }
  });
});

describe('query strings on the casework list endpoints', () => {
  const LISTS = [
    '/young-people',
    '/placement-requests',
    '/stays',
    '/escalations',
    '/escalation-policies',
    '/closure-days',
    '/me/notifications',
    '/notification-deliveries',
  ];

  describeListQueryStrings(() => h, LISTS);

  it.each([
    ['/young-people?paUserId=abc', 'paUserId'],
    [`/young-people?reference=${'r'.repeat(41)}`, 'reference'],
    ['/young-people?reference=%00', 'reference'],
    ['/young-people?reference[$ne]=x', 'reference[$ne]'],
    ['/placement-requests?status=pending', 'status'],
    ['/placement-requests?youngPersonId=abc', 'youngPersonId'],
    ['/placement-requests?urgency=soon', 'urgency'],
    ['/stays?youngPersonId=abc', 'youngPersonId'],
    ['/stays?bedId=abc', 'bedId'],
    ['/stays?open=maybe', 'open'],
    ['/escalations?status=fired', 'status'],
    ['/escalations?stayId=abc', 'stayId'],
    ['/escalations?youngPersonId=abc', 'youngPersonId'],
    ['/escalation-policies?active=maybe', 'active'],
    ['/me/notifications?unread=yes', 'unread'],
    ['/notification-deliveries?status=lost', 'status'],
    ['/notification-deliveries?channel=pigeon', 'channel'],
    ['/notification-deliveries?escalationId=abc', 'escalationId'],
    ['/notification-deliveries?recipientUserId=abc', 'recipientUserId'],
  ])('GET %s answers 400 naming %s', async (url, field) => {
    expectProblem(await h.as('admin').get(url), 400, [field]);
  });

  it('refuses paging beyond bounds on matches and the timeline, naming each parameter', async () => {
    for (const p of ['limit', 'excludedLimit'])
      expectProblem(await h.as('housing_officer').get(`/placement-requests/${openRequestId}/matches?${p}=501`), 400, [
        p,
      ]);
    for (const p of ['offset', 'excludedOffset'])
      expectProblem(await h.as('housing_officer').get(`/placement-requests/${openRequestId}/matches?${p}=-1`), 400, [
        p,
      ]);
    expectProblem(await h.as('housing_officer').get(`/young-people/${requester.id}/timeline?limit=501`), 400, [
      'limit',
    ]);
  });
});

describe('ids in paths of the casework read and write endpoints', () => {
  it.each([
    '/young-people/:id',
    '/young-people/:id/timeline',
    '/placement-requests/:id',
    '/placement-requests/:id/matches',
    '/placement-requests/:id/holds',
    '/holds/:id',
    '/stays/:id',
    '/escalations/:id',
    '/escalation-policies/:id',
    '/escalation-policies/:id/versions',
  ])('GET %s answers 400 naming id, or 404 when well-formed but unknown', async (path) => {
    for (const bad of MALFORMED_IDS) expectProblem(await h.as('admin').get(path.replace(':id', bad)), 400, ['id']);
    expectProblem(await h.as('admin').get(path.replace(':id', UNKNOWN_ID)), 404);
  });

  it('POST /me/notifications/:id/read answers 400 naming id for a malformed id and 404 for an unknown one, writing nothing', async () => {
    for (const bad of MALFORMED_IDS) {
      expectProblem(
        await h.expectNoWrites(['notification'], () => h.as('pa').post(`/me/notifications/${bad}/read`)),
        400,
        ['id'],
      );
    }
    expectProblem(
      await h.expectNoWrites(['notification'], () => h.as('pa').post(`/me/notifications/${UNKNOWN_ID}/read`)),
      404,
    );
  });

  it('POST /me/notifications/:id/read answers 404 for an entry in someone else’s inbox, writing nothing', async () => {
    const theirs = (await h.as('team_manager').get('/me/notifications')).body.items as { id: string }[];
    expect(theirs.length).toBeGreaterThan(0);
    expectProblem(
      await h.expectNoWrites(['notification'], () => h.as('director').post(`/me/notifications/${theirs[0].id}/read`)),
      404,
    );
  });

  it('DELETE /closure-days/:date answers 400 naming date for a malformed date and 404 for a day that is not one, writing nothing', async () => {
    for (const bad of ['tomorrow', '2031-13-01', '24-12-2030', '2030-12-24x']) {
      expectProblem(await h.expectNoWrites(['closure_day'], () => h.as('admin').delete(`/closure-days/${bad}`)), 400, [
        'date',
      ]);
    }
    expectProblem(await h.expectNoWrites(['closure_day'], () => h.as('admin').delete('/closure-days/2030-12-23')), 404);
  });
});

describe('state the refusals above left alone', () => {
  it('keeps the fixture request open, the hold live, the stay open and the escalation step open', async () => {
    expect((await h.as('pa').get(`/placement-requests/${openRequestId}`)).body.status).toBe('open');
    expect((await h.as('housing_officer').get(`/holds/${liveHoldId}`)).body.status).toBe('held');
    expect((await h.as('pa').get(`/stays/${openStayId}`)).body.endedAt).toBeNull();
    expect((await h.as('director').get(`/escalations/${openEscalationId}`)).body.status).toBe('open');
  });
});
