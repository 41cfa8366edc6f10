import fc from 'fast-check';
import { buildTimeline, compareRanked, currentStayOf, pageOfTimeline, userIdsOf } from './timeline';
import type {
  AuditRow,
  EscalationRow,
  HoldRow,
  NotificationRow,
  RequestRow,
  StayRow,
  TimelineRecords,
  UserRow,
} from './timeline.records';

const T0 = Date.parse('2026-03-02T09:00:00Z');
const at = (hours: number) => new Date(T0 + hours * 3600_000);

function stay(id: string, over: Partial<StayRow> = {}): StayRow {
  return {
    id,
    accommodation_code: 'W',
    suitable: false,
    emergency: false,
    description: 'Travelodge Crewe',
    started_at: at(0),
    ended_at: null,
    end_reason: null,
    bed_id: null,
    hold_id: null,
    recorded_by_user_id: 'u-pa',
    ended_by_user_id: null,
    created_at: at(0),
    bed_label: null,
    provider_name: null,
    area: null,
    ...over,
  };
}

function request(id: string, over: Partial<RequestRow> = {}): RequestRow {
  return {
    id,
    requested_by_user_id: 'u-pa',
    urgency: 'emergency',
    needed_by: '2026-03-03',
    status: 'open',
    created_at: at(1),
    placed_at: null,
    withdrawn_at: null,
    withdrawn_reason: null,
    ...over,
  };
}

function hold(id: string, requestId: string, over: Partial<HoldRow> = {}): HoldRow {
  return {
    id,
    request_id: requestId,
    bed_id: `bed-${id}`,
    status: 'active',
    expires_at: at(26),
    created_by_user_id: 'u-ho',
    created_at: at(2),
    ended_at: null,
    ended_by_user_id: null,
    stay_id: null,
    bed_label: 'Room 1',
    provider_name: 'Crewe Foyer',
    area: 'Crewe',
    ...over,
  };
}

function escalation(id: string, over: Partial<EscalationRow> = {}): EscalationRow {
  return {
    id,
    stay_id: 's1',
    step_index: 0,
    occurrence: 0,
    role: 'team_manager',
    due_at: at(0),
    fired_at: at(0),
    status: 'fired',
    acknowledged_at: null,
    acknowledged_by_user_id: null,
    action_plan: null,
    review_by: null,
    name: '18+ in a hotel',
    version: 1,
    ...over,
  };
}

function note(escalationId: string, over: Partial<NotificationRow> = {}): NotificationRow {
  return {
    escalation_id: escalationId,
    kind: 'escalation',
    channel: 'in_app',
    recipient_user_id: 'u-tm',
    recipient_role: 'team_manager',
    status: 'sent',
    sent_at: at(0),
    attempts: 1,
    read_at: null,
    created_at: at(0),
    ...over,
  };
}

function audit(id: string, entity: string, entityId: string, action: string, over: Partial<AuditRow> = {}): AuditRow {
  return { id, at: at(0), actor_user_id: null, action, entity, entity_id: entityId, changes: {}, ...over };
}

const empty = (): TimelineRecords => ({
  stays: [],
  requests: [],
  holds: [],
  escalations: [],
  notifications: [],
  audits: [],
});

const USERS: UserRow[] = [
  { id: 'u-pa', name: 'Pat Adviser', role: 'pa' },
  { id: 'u-ho', name: 'Hana Officer', role: 'housing_officer' },
  { id: 'u-tm', name: 'Tom Manager', role: 'team_manager' },
];

describe('a timeline built from the records', () => {
  it('tells a hotel stay, the request that ended it and the step that fired, in the order they happened', () => {
    const r: TimelineRecords = {
      ...empty(),
      stays: [
        stay('s1', { ended_at: at(30), ended_by_user_id: 'u-ho', end_reason: 'moved on' }),
        stay('s2', {
          accommodation_code: 'D',
          suitable: true,
          description: null,
          started_at: at(30),
          created_at: at(30),
          bed_id: 'bed-h1',
          hold_id: 'h1',
          bed_label: 'Room 1',
          provider_name: 'Crewe Foyer',
        }),
      ],
      requests: [request('r1', { status: 'placed', placed_at: at(30) })],
      holds: [hold('h1', 'r1', { status: 'confirmed', ended_at: at(30), ended_by_user_id: 'u-ho', stay_id: 's2' })],
      escalations: [
        escalation('e1', {
          acknowledged_at: at(3),
          acknowledged_by_user_id: 'u-tm',
          action_plan: 'Find a foyer room',
          review_by: '2026-03-04',
          status: 'acknowledged',
        }),
      ],
      notifications: [
        note('e1'),
        note('e1', { channel: 'email', status: 'failed' }),
        note('e1', { kind: 'acknowledged' }),
      ],
      audits: [
        audit('a1', 'Stay', 's1', 'escalation.clock_started', { changes: { policies: [{ name: '18+ in a hotel' }] } }),
        audit('a2', 'Stay', 's1', 'escalation.clock_stopped', { at: at(30), changes: { closed: 1, cancelled: 2 } }),
        audit('a3', 'PlacementRequest', 'r1', 'placement_request.placed', { at: at(30), actor_user_id: 'u-ho' }),
      ],
    };
    const entries = buildTimeline(r, USERS).map((x) => x.entry);
    expect(entries.map((e) => e.kind)).toEqual([
      'stay.started',
      'escalation.clock_started',
      'escalation.fired',
      'request.raised',
      'hold.created',
      'escalation.acknowledged',
      'hold.confirmed',
      'request.placed',
      'stay.ended',
      'escalation.clock_stopped',
      'stay.started',
    ]);
    expect(entries[0]).toMatchObject({
      summary: 'Stay started: W2 bed and breakfast / hotel (unsuitable), Travelodge Crewe',
      actor: { userId: 'u-pa', name: 'Pat Adviser', role: 'pa' },
      ssda903: 'W2',
    });
    expect(entries[2].summary).toBe(
      'Escalation step 1 fired to team manager (18+ in a hotel); 2 notifications, 1 delivered',
    );
    expect(entries[5].summary).toBe(
      'Escalation step 1 acknowledged by Tom Manager (team manager); review by 2026-03-04',
    );
    expect(entries[5].notifications).toHaveLength(1);
    expect(entries[7]).toMatchObject({
      summary: 'Placement request placed: Room 1, Crewe Foyer',
      actor: { userId: 'u-ho' },
      holdId: 'h1',
      stayId: 's2',
    });
    expect(entries[9].summary).toBe('Escalation clock stopped: 1 fired step closed, 2 pending steps cancelled');
    expect(entries[10]).toMatchObject({
      holdId: 'h1',
      summary: 'Stay started: D1 semi-independent, transitional accommodation (suitable), Room 1, Crewe Foyer',
    });
  });

  it('names someone it cannot find as an unknown user, and the service itself as no actor', () => {
    const r = { ...empty(), stays: [stay('s1', { recorded_by_user_id: 'u-gone' })], escalations: [escalation('e1')] };
    const entries = buildTimeline(r, []).map((x) => x.entry);
    expect(entries.find((e) => e.kind === 'stay.started')!.actor).toEqual({
      userId: 'u-gone',
      name: '(unknown user)',
      role: 'unknown',
    });
    expect(entries.find((e) => e.kind === 'escalation.fired')!.actor).toBeNull();
  });

  it('asks for everyone the records mention, once each', () => {
    const r = {
      ...empty(),
      stays: [stay('s1', { ended_by_user_id: 'u-ho' })],
      requests: [request('r1')],
      notifications: [note('e1'), note('e1')],
    };
    expect(userIdsOf(r).sort()).toEqual(['u-ho', 'u-pa', 'u-tm']);
  });
});

// Records with few distinct instants, so that many entries share a time and the tie-breaks decide.
const instant = fc.integer({ min: 0, max: 6 }).map(at);
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });
const WITHDRAWN = 'placement_request.withdrawn';

const recordsArb: fc.Arbitrary<TimelineRecords> = fc
  .record({
    stays: fc.array(fc.record({ started: instant, ended: maybe(instant) }), { maxLength: 5 }),
    requests: fc.array(
      fc.record({
        created: instant,
        placed: maybe(instant),
        withdrawn: maybe(instant),
        withdrawnBy: maybe(fc.constant('u-pa')),
      }),
      { maxLength: 4 },
    ),
    holds: fc.array(
      fc.record({
        request: fc.nat(3),
        created: instant,
        ended: maybe(instant),
        status: fc.constantFrom('active', 'released', 'expired', 'confirmed'),
      }),
      { maxLength: 5 },
    ),
    escalations: fc.array(
      fc.record({ step: fc.nat(3), occurrence: fc.nat(2), fired: instant, acked: maybe(instant), told: fc.nat(3) }),
      { maxLength: 5 },
    ),
    clocks: fc.array(fc.record({ stay: fc.nat(4), started: fc.boolean(), at: instant }), { maxLength: 4 }),
  })
  .map((g) => {
    const r = empty();
    const pad = (prefix: string, i: number) => `${prefix}${String(i).padStart(2, '0')}`;
    g.stays.forEach((s, i) => r.stays.push(stay(pad('s', i), { started_at: s.started, ended_at: s.ended })));
    g.requests.forEach((q, i) => {
      r.requests.push(request(pad('r', i), { created_at: q.created, placed_at: q.placed, withdrawn_at: q.withdrawn }));
      const by = { actor_user_id: q.withdrawnBy };
      if (q.withdrawn) r.audits.push(audit(pad('aw', i), 'PlacementRequest', pad('r', i), WITHDRAWN, by));
    });
    const confirmed = new Set<string>(); // a request is placed through one confirmed hold at most
    g.holds.forEach((h, i) => {
      if (!r.requests.length) return;
      const requestId = r.requests[h.request % r.requests.length].id;
      const status = h.status === 'confirmed' && confirmed.has(requestId) ? 'released' : h.status;
      if (status === 'confirmed') confirmed.add(requestId);
      r.holds.push(hold(pad('h', i), requestId, { created_at: h.created, ended_at: h.ended, status }));
    });
    g.escalations.forEach((e, i) => {
      const acked = { acknowledged_at: e.acked, acknowledged_by_user_id: e.acked ? 'u-tm' : null };
      r.escalations.push(
        escalation(pad('e', i), { step_index: e.step, occurrence: e.occurrence, fired_at: e.fired, ...acked }),
      );
      for (let n = 0; n < e.told; n++) r.notifications.push(note(pad('e', i), { channel: n % 2 ? 'email' : 'in_app' }));
    });
    g.clocks.forEach((c, i) => {
      if (!r.stays.length) return;
      const action = `escalation.clock_${c.started ? 'started' : 'stopped'}`;
      r.audits.push(audit(pad('ac', i), 'Stay', r.stays[c.stay % r.stays.length].id, action, { at: c.at }));
    });
    return r;
  });

/** Every record's entries: one for each row, one more for each ending it records. */
function expectedCount(r: TimelineRecords): number {
  const count = <T>(xs: T[], p: (x: T) => unknown) => xs.filter(p).length;
  const ends = ['released', 'expired', 'confirmed'];
  const stays = r.stays.length + count(r.stays, (s) => s.ended_at);
  const requests = r.requests.length + count(r.requests, (q) => q.placed_at) + count(r.requests, (q) => q.withdrawn_at);
  const holds = r.holds.length + count(r.holds, (h) => h.ended_at && ends.includes(h.status));
  const steps = r.escalations.length + count(r.escalations, (e) => e.acknowledged_at);
  return stays + requests + holds + steps + count(r.audits, (a) => a.entity === 'Stay');
}

/** The records with every table's rows in another order (the database promises no order). */
const shuffled = (r: TimelineRecords, seed: number): TimelineRecords => {
  let s = seed;
  const shuffle = <T>(xs: T[]) =>
    xs
      .map((x) => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0), { x, k: s }))
      .sort((a, b) => a.k - b.k)
      .map(({ x }) => x);
  return {
    stays: shuffle(r.stays),
    requests: shuffle(r.requests),
    holds: shuffle(r.holds),
    escalations: shuffle(r.escalations),
    notifications: r.notifications,
    audits: shuffle(r.audits),
  };
};

describe('the order of a timeline', () => {
  it('has every entry of every record, each once, in strictly increasing order (time first)', () => {
    fc.assert(
      fc.property(recordsArb, (r) => {
        const ranked = buildTimeline(r, USERS);
        expect(ranked).toHaveLength(expectedCount(r));
        for (let i = 1; i < ranked.length; i++) {
          expect(compareRanked(ranked[i - 1], ranked[i])).toBeLessThan(0);
          expect(ranked[i - 1].entry.at <= ranked[i].entry.at).toBe(true);
        }
      }),
    );
  });

  it('is the same whatever order the rows come in', () => {
    fc.assert(
      fc.property(recordsArb, fc.nat(), (r, seed) => {
        expect(buildTimeline(shuffled(r, seed), USERS)).toEqual(buildTimeline(r, USERS));
      }),
    );
  });

  it('pages without losing or repeating an entry, even when each page is built from rows read in another order', () => {
    fc.assert(
      fc.property(recordsArb, fc.integer({ min: 1, max: 7 }), fc.nat(), (r, limit, seed) => {
        const whole = pageOfTimeline(buildTimeline(r, USERS), 10_000, 0);
        const pages = [];
        for (let offset = 0; offset < whole.length + limit; offset += limit)
          pages.push(...pageOfTimeline(buildTimeline(shuffled(r, seed + offset), USERS), limit, offset));
        expect(pages).toEqual(whole);
      }),
    );
  });
});

describe('where the young person is now', () => {
  it('is the open stay, with its SSDA903 code, place and start', () => {
    const now = currentStayOf([
      stay('s1', { ended_at: at(30) }),
      stay('s2', {
        accommodation_code: 'D',
        suitable: true,
        started_at: at(30),
        description: null,
        bed_label: 'Room 1',
        provider_name: 'Crewe Foyer',
        area: 'Crewe',
      }),
    ]);
    expect(now).toEqual({
      stayId: 's2',
      accommodationCode: 'D',
      ssda903: 'D1',
      suitable: true,
      emergency: false,
      description: null,
      bedLabel: 'Room 1',
      providerName: 'Crewe Foyer',
      area: 'Crewe',
      startedAt: at(30).toISOString(),
    });
  });

  it('is the latest started of two open stays, and nothing when every stay has ended', () => {
    expect(currentStayOf([stay('s1'), stay('s2', { started_at: at(5) })])?.stayId).toBe('s2');
    expect(currentStayOf([stay('s2', { started_at: at(5) }), stay('s1')])?.stayId).toBe('s2');
    expect(currentStayOf([stay('s1', { ended_at: at(1) })])).toBeNull();
    expect(currentStayOf([])).toBeNull();
  });
});
