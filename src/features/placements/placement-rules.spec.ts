import fc from 'fast-check';
import type { MatchLevel, Reason } from '../../kernel/matching';
import { HOLD_STATUSES, REQUEST_STATUSES } from '../../kernel/placements';
import {
  checkBedAvailable,
  checkCanHold,
  checkCanWithdraw,
  checkHoldHeld,
  checkHoldLive,
  checkMoveInAt,
  checkNeededBy,
  checkNoRuleBroken,
  levelSuitability,
  moveInDateOf,
} from './placement-rules';

const NOW = new Date('2026-11-02T10:00:00Z');
const level = (o: Partial<MatchLevel> = {}): MatchLevel => ({
  id: 'l',
  rank: 1,
  minAge: 16,
  maxAge: 25,
  supportHoursMin: 0,
  supportHoursMax: 10,
  emergency: false,
  accommodationCode: 'D',
  suitable: true,
  ...o,
});
const reason = (rule: string, detail: string): Reason => ({ rule, effect: 'excluded', detail });

describe('placement rules', () => {
  it('takes a needed-by date up to a year back, and refuses one further back naming the field', () => {
    expect(() => checkNeededBy('2025-11-01', NOW)).not.toThrow();
    expect(() => checkNeededBy('2027-01-01', NOW)).not.toThrow();
    expect(() => checkNeededBy('2025-10-31', NOW)).toThrow(
      expect.objectContaining({ kind: 'invalid', fields: [expect.objectContaining({ field: 'neededBy' })] }),
    );
  });

  it('withdraws only an open or held request, and holds only for one', () => {
    fc.assert(
      fc.property(fc.constantFrom(...REQUEST_STATUSES), (status) => {
        const live = status === 'open' || status === 'held';
        const refusal = expect.objectContaining({
          kind: 'conflict',
          code: 'request_state',
          details: { requestStatus: status },
        });
        if (live) {
          expect(() => checkCanWithdraw(status)).not.toThrow();
          expect(() => checkCanHold(status)).not.toThrow();
        } else {
          expect(() => checkCanWithdraw(status)).toThrow(refusal);
          expect(() => checkCanHold(status)).toThrow(refusal);
        }
      }),
    );
  });

  it('holds only an available bed, naming the status otherwise', () => {
    expect(() => checkBedAvailable({ status: 'available' })).not.toThrow();
    expect(() => checkBedAvailable({ status: 'out_of_service' })).toThrow('The bed is out of service');
    expect(() => checkBedAvailable({ status: 'held' })).toThrow(
      expect.objectContaining({ kind: 'conflict', code: 'bed_state', details: { bedStatus: 'held' } }),
    );
  });

  it('names every broken rule in one 422, and says to release the hold when they are judged again at move-in', () => {
    expect(() => checkNoRuleBroken([], 'hold')).not.toThrow();
    const one = [reason('pets', 'Has a pet')];
    expect(() => checkNoRuleBroken(one, 'hold')).toThrow(
      'This bed breaks a placement rule for this young person: Has a pet',
    );
    const two = [reason('pets', 'Has a pet'), reason('step_free', 'Needs step-free access')];
    expect(() => checkNoRuleBroken(two, 'confirm')).toThrow(
      'This bed now breaks placement rules for this young person: Has a pet; Needs step-free access; release the hold',
    );
    expect(() => checkNoRuleBroken(two, 'hold')).toThrow(
      expect.objectContaining({
        kind: 'rule_violation',
        details: expect.objectContaining({
          rules: [
            { rule: 'pets', detail: 'Has a pet' },
            { rule: 'step_free', detail: 'Needs step-free access' },
          ],
        }),
      }),
    );
  });

  it('confirms a hold only while it is held and before its expiry; at the expiry instant it has expired', () => {
    const expiresAt = new Date(NOW.getTime() + 1);
    expect(() => checkHoldLive({ status: 'held', expiresAt }, NOW)).not.toThrow();
    expect(() => checkHoldLive({ status: 'held', expiresAt: NOW }, NOW)).toThrow(
      expect.objectContaining({ code: 'hold_state', details: { holdStatus: 'expired' } }),
    );
    for (const status of HOLD_STATUSES.filter((s) => s !== 'held')) {
      expect(() => checkHoldLive({ status, expiresAt }, NOW)).toThrow(`The hold is ${status}`);
      expect(() => checkHoldHeld(status)).toThrow(expect.objectContaining({ details: { holdStatus: status } }));
    }
    expect(() => checkHoldHeld('held')).not.toThrow();
  });

  it('takes a move-in up to a day before the bed was held, and no earlier', () => {
    const heldAt = NOW;
    expect(() => checkMoveInAt(new Date(NOW.getTime() - 86400_000), heldAt)).not.toThrow();
    expect(() => checkMoveInAt(new Date(NOW.getTime() - 86400_001), heldAt)).toThrow(
      expect.objectContaining({ kind: 'invalid', fields: [expect.objectContaining({ field: 'moveInAt' })] }),
    );
  });

  it('matches an overdue request for today and any other for its needed-by date', () => {
    expect(moveInDateOf('2026-10-01', '2026-11-02')).toBe('2026-11-02');
    expect(moveInDateOf('2026-12-01', '2026-11-02')).toBe('2026-12-01');
  });

  it("takes a managed bed's suitability from its level, never suitable where the code forbids it for the age", () => {
    expect(levelSuitability(level(), 17)).toBe(true);
    expect(levelSuitability(level({ suitable: false }), 19)).toBe(false);
    expect(levelSuitability(level({ accommodationCode: 'W', suitable: true }), 17)).toBe(false);
  });
});
