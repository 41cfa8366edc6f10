import fc from 'fast-check';
import { ACCOMMODATION_CODES } from './accommodation';
import {
  compareQueue,
  inUnsuitableAccommodation,
  orderQueue,
  queuePriority,
  queueRank,
  type QueueCandidate,
} from './queue-priority';

const NOW = new Date('2026-12-02T12:00:00Z');
const TODAY = '2026-12-02';
const day = (n: number) => new Date(Date.parse('2026-11-20T00:00:00Z') + n * 86400_000).toISOString().slice(0, 10);

const stayArb = fc.record({
  accommodationCode: fc.constantFrom(...ACCOMMODATION_CODES),
  suitable: fc.boolean(),
  since: fc.integer({ min: 0, max: 30 * 24 }).map((h) => new Date(NOW.getTime() - h * 3600_000)),
});

const candidateArb: fc.Arbitrary<QueueCandidate> = fc.record({
  id: fc.uuid(),
  urgency: fc.constantFrom('emergency' as const, 'planned' as const),
  neededBy: fc.integer({ min: 0, max: 30 }).map(day),
  createdAt: fc.integer({ min: 0, max: 1000 }).map((m) => new Date(NOW.getTime() - m * 60_000)),
  ageYears: fc.integer({ min: 16, max: 25 }),
  stay: fc.option(stayArb, { nil: null }),
});

const base: QueueCandidate = {
  id: '00000000-0000-4000-8000-000000000001',
  urgency: 'planned',
  neededBy: '2026-12-10',
  createdAt: new Date('2026-12-01T09:00:00Z'),
  ageYears: 20,
  stay: null,
};
const hotel = (hoursAgo: number) => ({
  accommodationCode: 'W',
  suitable: false,
  since: new Date(NOW.getTime() - hoursAgo * 3600_000),
});

describe('queue priority', () => {
  it('puts a 17-year-old in a hotel above an adult emergency in a hotel for longer', () => {
    const kid = { ...base, id: 'a', ageYears: 17, stay: hotel(2) };
    const adult = { ...base, id: 'b', urgency: 'emergency' as const, ageYears: 22, stay: hotel(50) };
    expect(orderQueue([adult, kid]).map((c) => c.id)).toEqual(['a', 'b']);
    expect(queuePriority(kid, NOW, TODAY)).toEqual({
      rank: 1,
      reasons: ['Under 18 in unsuitable accommodation: bed and breakfast / hotel for 2 hours', 'Planned request'],
    });
  });

  it('treats a hotel recorded suitable as unsuitable for an under-18, and custody as always unsuitable', () => {
    expect(inUnsuitableAccommodation({ accommodationCode: 'W', suitable: true }, 17)).toBe(true);
    expect(inUnsuitableAccommodation({ accommodationCode: 'W', suitable: true }, 18)).toBe(false);
    expect(inUnsuitableAccommodation({ accommodationCode: 'X', suitable: true }, 30)).toBe(true);
    expect(inUnsuitableAccommodation({ accommodationCode: 'D', suitable: false }, 30)).toBe(true);
  });

  it('says when a request is past its needed-by date', () => {
    expect(queuePriority({ ...base, neededBy: '2026-12-01' }, NOW, TODAY).reasons).toContain(
      'Past its needed-by date (2026-12-01)',
    );
    expect(queuePriority({ ...base, neededBy: TODAY }, NOW, TODAY).reasons).toContain('Needed today');
  });

  it('orders by rank: every rank-1 request before every rank-2, and so on', () => {
    fc.assert(
      fc.property(fc.array(candidateArb, { maxLength: 30 }), (cs) => {
        const ranks = orderQueue(cs).map(queueRank);
        expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
      }),
    );
  });

  it('within ranks 1 and 2 puts the longest there first; within 3 and 4 the soonest needed first', () => {
    fc.assert(
      fc.property(fc.array(candidateArb, { maxLength: 30 }), (cs) => {
        const out = orderQueue(cs);
        for (let i = 1; i < out.length; i++) {
          const [a, b] = [out[i - 1], out[i]];
          if (queueRank(a) !== queueRank(b)) continue;
          if (queueRank(a) <= 2) expect(a.stay!.since.getTime()).toBeLessThanOrEqual(b.stay!.since.getTime());
          else expect(a.neededBy <= b.neededBy).toBe(true);
        }
      }),
    );
  });

  it('ranks an under-18 in unsuitable accommodation first, whatever the urgency; an adult in suitable accommodation never above 3', () => {
    fc.assert(
      fc.property(candidateArb, (c) => {
        const rank = queueRank(c);
        const unsuitable = c.stay !== null && inUnsuitableAccommodation(c.stay, c.ageYears);
        expect(rank === 1).toBe(unsuitable && c.ageYears < 18);
        if (!unsuitable) expect(rank).toBe(c.urgency === 'emergency' ? 3 : 4);
        expect(queuePriority(c, NOW, TODAY).rank).toBe(rank);
      }),
    );
  });

  it('is a total order: the same queue whatever order the requests arrive in', () => {
    fc.assert(
      fc.property(fc.uniqueArray(candidateArb, { selector: (c) => c.id, maxLength: 20 }), fc.integer(), (cs, seed) => {
        const shuffled = [...cs].sort((a, b) => ((a.id.charCodeAt(3) ^ seed) & 7) - ((b.id.charCodeAt(3) ^ seed) & 7));
        expect(orderQueue(shuffled)).toEqual(orderQueue(cs));
        for (const a of cs) expect(compareQueue(a, a)).toBe(0);
      }),
    );
  });
});
