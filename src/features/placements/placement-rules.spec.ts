import type { MatchLevel, Reason } from '../../kernel/matching';
import { checkMoveInAt, checkNeededBy, checkNoRuleBroken, levelSuitability, moveInDateOf } from './placement-rules';

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
