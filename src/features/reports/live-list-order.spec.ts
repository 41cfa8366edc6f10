import fc from 'fast-check';
import { STATUTORY_BREACHES } from '../../kernel/statutory-limits';
import { compareLiveList, matchesLiveListFilter, orderLiveList, type Ordered } from './live-list-order';

const line = (stayId: string, age: number, breaches: Ordered['breaches'], clockStartedAt: string): Ordered => ({
  stayId,
  age,
  breaches,
  clockStartedAt,
});

describe('the order of the live list', () => {
  it('puts under-18s first, then breaches, then the longest first (breaches first among under-18s too)', () => {
    const adultOld = line('a', 19, [], '2026-01-01T00:00:00.000Z');
    const adultBreach = line('b', 20, ['adult_two_working_days'], '2026-02-01T00:00:00.000Z');
    const youngNew = line('c', 17, ['under_18_unsuitable'], '2026-03-01T00:00:00.000Z');
    const youngOld = line('d', 16, [], '2026-01-15T00:00:00.000Z');
    const parent = line('e', 22, ['adult_two_working_days', 'parent_six_weeks'], '2026-01-10T00:00:00.000Z');
    expect(orderLiveList([adultOld, adultBreach, youngNew, youngOld, parent]).map((l) => l.stayId)).toEqual([
      'c',
      'd',
      'e',
      'b',
      'a',
    ]);
  });

  const arbLine = fc.record({
    stayId: fc.uuid(),
    age: fc.integer({ min: 16, max: 25 }),
    breaches: fc.subarray([...STATUTORY_BREACHES]),
    clockStartedAt: fc
      .integer({ min: 0, max: 10 })
      .map((d) => new Date(Date.parse('2026-01-01T00:00:00Z') + d * 86400_000).toISOString()),
  });
  const arbLines = fc.uniqueArray(arbLine, { selector: (l) => l.stayId, maxLength: 30 });

  it('is a total order: antisymmetric, transitive, and equal only for the same stay', () => {
    fc.assert(
      fc.property(arbLine, arbLine, arbLine, (a, b, c) => {
        expect(Math.sign(compareLiveList(a, b))).toBe(-Math.sign(compareLiveList(b, a)));
        if (compareLiveList(a, b) === 0) expect(a.stayId).toBe(b.stayId);
        if (compareLiveList(a, b) <= 0 && compareLiveList(b, c) <= 0)
          expect(compareLiveList(a, c)).toBeLessThanOrEqual(0);
      }),
    );
  });

  it('is stable: the same list whatever order the rows arrive in, each pair in order', () => {
    fc.assert(
      fc.property(
        arbLines.chain((ls) => fc.tuple(fc.constant(ls), fc.shuffledSubarray(ls, { minLength: ls.length }))),
        ([lines, shuffled]) => {
          const ordered = orderLiveList(lines);
          expect(orderLiveList(shuffled)).toEqual(ordered);
          expect(orderLiveList(ordered)).toEqual(ordered);
          for (let i = 1; i < ordered.length; i++) {
            const [prev, next] = [ordered[i - 1], ordered[i]];
            if (prev.age >= 18) expect(next.age).toBeGreaterThanOrEqual(18);
            if (prev.age < 18 === next.age < 18 && !prev.breaches.length) expect(next.breaches).toEqual([]);
          }
        },
      ),
    );
  });
});

describe('the filters of the live list', () => {
  const breach = { breaches: ['parent_six_weeks' as const], acknowledged: false };
  const calm = { breaches: [], acknowledged: true };

  it('keeps everything when no filter is given', () => {
    expect([breach, calm].filter((i) => matchesLiveListFilter(i, {}))).toHaveLength(2);
  });

  it('keeps breaches (or the others) and the unacknowledged (or the acknowledged)', () => {
    expect(matchesLiveListFilter(breach, { breach: true })).toBe(true);
    expect(matchesLiveListFilter(calm, { breach: true })).toBe(false);
    expect(matchesLiveListFilter(calm, { breach: false })).toBe(true);
    expect(matchesLiveListFilter(breach, { unacknowledged: true })).toBe(true);
    expect(matchesLiveListFilter(calm, { unacknowledged: true })).toBe(false);
    expect(matchesLiveListFilter(calm, { unacknowledged: false })).toBe(true);
    expect(matchesLiveListFilter(breach, { breach: true, unacknowledged: false })).toBe(false);
  });
});
