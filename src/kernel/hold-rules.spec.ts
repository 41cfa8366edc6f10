import fc from 'fast-check';
import {
  bedActions,
  checkExtension,
  checkPlannedMoveIn,
  decideConfirmHold,
  decideExtendHold,
  decideHoldForRequest,
  decideReleaseHold,
  decideWithdrawRequest,
  enforce,
  holdActions,
  releaseNeedsReason,
  requestActions,
  stayActions,
  type HoldFacts,
} from './hold-rules';
import { HOLD_STATUSES, REQUEST_STATUSES } from './placements';
import { ROLES, CAN } from './roles';

const NOW = new Date('2026-12-01T10:00:00Z');
const HOUR = 3600_000;
const LIMITS = { maxLifeMs: 72 * HOUR };
const sam = { id: 'sam', role: 'housing_officer' as const };
const jo = { id: 'jo', role: 'housing_officer' as const };
const pa = { id: 'pa', role: 'pa' as const };

const hold = (over: Partial<HoldFacts> = {}): HoldFacts => ({
  status: 'held',
  expiresAt: new Date(NOW.getTime() + 4 * HOUR),
  createdAt: NOW,
  createdByUserId: 'sam',
  holderName: 'Sam Patel',
  stayId: null,
  moveInAt: null,
  ...over,
});

describe('hold decisions', () => {
  it('offers confirm, extend and release on a live hold to the placements team only', () => {
    for (const role of ROLES) {
      const allowed = CAN.allocateBeds.includes(role);
      for (const a of holdActions({ id: 'x', role }, hold(), NOW, LIMITS)) {
        expect(a.allowed).toBe(allowed);
        if (!allowed) expect(a.reason).toMatch(/^Your role may not /);
      }
    }
  });

  it('confirms, extends and releases only a held hold (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...HOLD_STATUSES), (status) => {
        for (const a of holdActions(sam, hold({ status }), NOW, LIMITS)) expect(a.allowed).toBe(status === 'held');
      }),
    );
  });

  it('refuses an expired, released or confirmed hold with hold_state, naming why', () => {
    expect(decideConfirmHold(sam, hold({ expiresAt: NOW }), NOW)).toMatchObject({
      allowed: false,
      code: 'hold_state',
      reason: 'The hold has expired',
    });
    expect(decideReleaseHold(sam, hold({ status: 'released' }), NOW)).toMatchObject({
      allowed: false,
      reason: 'The hold is released',
    });
    const planned = hold({ status: 'confirmed', moveInAt: new Date('2026-12-03T14:00:00Z') });
    expect(decideConfirmHold(sam, planned, NOW).reason).toBe('The move-in is already confirmed for 3 Dec 14:00');
  });

  it('lets an extension run only to the hold life limit', () => {
    expect(decideExtendHold(sam, hold(), NOW, LIMITS)).toMatchObject({ allowed: true });
    const atLimit = hold({ expiresAt: new Date(NOW.getTime() + 72 * HOUR) });
    expect(decideExtendHold(sam, atLimit, NOW, LIMITS)).toMatchObject({ allowed: false, code: 'hold_limit' });
    expect(() => checkExtension(new Date(NOW.getTime() + 72 * HOUR + 1), hold(), LIMITS)).toThrow(
      expect.objectContaining({ kind: 'rule_violation', code: 'hold_limit' }),
    );
    expect(() => checkExtension(new Date(NOW.getTime() + 4 * HOUR), hold(), LIMITS)).toThrow(
      expect.objectContaining({ kind: 'invalid', fields: [expect.objectContaining({ field: 'until' })] }),
    );
    expect(() => checkExtension(new Date(NOW.getTime() + 72 * HOUR), hold(), LIMITS)).not.toThrow();
  });

  it("needs a reason to release a colleague's hold and says so, but not one's own", () => {
    expect(releaseNeedsReason(jo, hold())).toBe(true);
    expect(releaseNeedsReason(sam, hold())).toBe(false);
    expect(decideReleaseHold(jo, hold(), NOW)).toEqual({
      allowed: true,
      reason: 'Held by Sam Patel until 1 Dec 14:00: give a reason; they will be told',
    });
    expect(decideReleaseHold(sam, hold(), NOW)).toEqual({ allowed: true });
  });

  it('a planned move-in is from today to the end of the hold life (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -96, max: 96 }), (hours) => {
        const at = new Date(NOW.getTime() + hours * HOUR);
        const beforeToday = at.toISOString().slice(0, 10) < '2026-12-01';
        const pastLife = hours > 72;
        const call = () => checkPlannedMoveIn(at, NOW, NOW, LIMITS);
        if (beforeToday || pastLife) expect(call).toThrow(expect.objectContaining({ kind: 'invalid' }));
        else expect(call).not.toThrow();
      }),
    );
  });
});

describe('request decisions', () => {
  const open = { status: 'open' as const, liveHold: null };
  const holding = {
    status: 'held' as const,
    liveHold: { bedId: 'b', holderName: 'Sam Patel', expiresAt: new Date('2026-12-01T14:00:00Z') },
  };

  it('holds one bed per request unless the officer deliberately adds another', () => {
    expect(decideHoldForRequest(jo, open, false)).toEqual({ allowed: true });
    expect(decideHoldForRequest(jo, holding, false)).toMatchObject({
      allowed: false,
      code: 'request_already_holds',
      reason: expect.stringContaining('held by Sam Patel until 1 Dec 14:00'),
    });
    expect(decideHoldForRequest(jo, holding, true)).toEqual({ allowed: true });
    expect(requestActions(jo, holding).map((a) => [a.action, a.allowed])).toEqual([
      ['hold', false],
      ['hold_another', true],
      ['withdraw', true],
    ]);
    expect(requestActions(jo, open).map((a) => [a.action, a.allowed])).toEqual([
      ['hold', true],
      ['hold_another', false],
      ['withdraw', true],
    ]);
  });

  it('holds and withdraws only for an open or held request (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...REQUEST_STATUSES), (status) => {
        const live = status === 'open' || status === 'held';
        expect(decideHoldForRequest(jo, { status, liveHold: null }, true).allowed).toBe(live);
        expect(decideWithdrawRequest(jo, { status }).allowed).toBe(live);
      }),
    );
  });

  it('refuses holding or withdrawing a placed or withdrawn request', () => {
    for (const status of ['placed', 'withdrawn'] as const) {
      expect(decideHoldForRequest(jo, { status, liveHold: null }, true)).toMatchObject({ code: 'request_state' });
      expect(decideWithdrawRequest(jo, { status })).toMatchObject({ allowed: false, code: 'request_state' });
    }
    expect(decideHoldForRequest(pa, open, false)).toMatchObject({ allowed: false, kind: 'forbidden' });
    expect(decideWithdrawRequest(pa, open)).toEqual({ allowed: true });
  });
});

describe('stays and beds', () => {
  it('a stay may be ended once', () => {
    expect(stayActions(pa, { endedAt: null })).toEqual([{ action: 'end', allowed: true }]);
    expect(stayActions(pa, { endedAt: NOW })[0]).toMatchObject({
      allowed: false,
      reason: 'The stay already ended on 1 Dec',
    });
  });

  it('a held bed names its holder; only available and out-of-service beds may be edited between them', () => {
    const held = {
      status: 'held' as const,
      holder: { userId: 'sam', name: 'Sam Patel', until: new Date('2026-12-03T14:00:00Z') },
    };
    expect(bedActions(jo, held)).toEqual([
      { action: 'hold', allowed: false, reason: 'Held by Sam Patel until 3 Dec 14:00' },
      { action: 'take-out-of-service', allowed: false, reason: 'Held by Sam Patel until 3 Dec 14:00' },
      { action: 'return-to-service', allowed: false, reason: 'Held by Sam Patel until 3 Dec 14:00' },
    ]);
    expect(bedActions(jo, { status: 'available', holder: null }).map((a) => a.allowed)).toEqual([true, true, false]);
    expect(bedActions(jo, { status: 'out_of_service', holder: null }).map((a) => a.allowed)).toEqual([
      false,
      false,
      true,
    ]);
    expect(bedActions(pa, { status: 'available', holder: null }).every((a) => !a.allowed)).toBe(true);
  });
});

describe('enforce', () => {
  it('throws the decision as a domain error of its kind and code, with the details', () => {
    expect(() => enforce({ allowed: true })).not.toThrow();
    expect(() => enforce({ allowed: false, kind: 'conflict', code: 'x', reason: 'Why' }, { a: 1 })).toThrow(
      expect.objectContaining({ kind: 'conflict', code: 'x', message: 'Why', details: { a: 1 } }),
    );
    expect(() => enforce({ allowed: false, kind: 'forbidden', code: 'forbidden', reason: 'No' })).toThrow(
      expect.objectContaining({ kind: 'forbidden' }),
    );
  });
});
