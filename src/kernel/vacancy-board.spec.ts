import fc from 'fast-check';
import { ACCOMMODATION_CODES } from './accommodation';
import { BED_STATUSES } from './inventory';
import { hardRuleViolations } from './matching-hard-rules';
import * as m from './matching.fixtures';
import {
  acceptsBand,
  AGE_BANDS,
  isFreeOn,
  supplyGroup,
  vacancyBoard,
  type BoardBed,
  type BoardLevel,
  type BoardProvider,
} from './vacancy-board';

const TODAY = '2026-11-23';
const NOW = new Date('2026-11-23T10:00:00Z');
const dayStart = (d: string) => new Date(`${d}T00:00:00Z`); // November: London is on UTC

const level = (o: Partial<BoardLevel> = {}): BoardLevel => ({
  id: 'level-d',
  name: 'Medium support',
  rank: 4,
  minAge: 16,
  maxAge: 25,
  emergency: false,
  accommodationCode: 'D',
  ...o,
});
const provider = (o: Partial<BoardProvider> = {}): BoardProvider => ({
  id: 'p1',
  name: 'YMCA Crewe',
  area: 'Crewe',
  ofstedUrn: '2600001',
  stale: false,
  vacanciesConfirmedAt: null,
  ...o,
});
const bed = (o: Partial<BoardBed> = {}): BoardBed => ({
  id: 'b1',
  status: 'available',
  minAge: 16,
  maxAge: 25,
  under18Only: false,
  over18Only: false,
  uascSpecialist: false,
  availableFrom: null,
  holdExpiresAt: null,
  plannedMoveIn: null,
  level: level(),
  provider: provider(),
  ...o,
});

const dayArb = fc
  .integer({ min: 0, max: 40 })
  .map((n) => new Date(Date.UTC(2026, 10, 23 + n)).toISOString().slice(0, 10));
const maybeDay = fc.option(
  fc.integer({ min: -10, max: 40 }).map((n) => new Date(Date.UTC(2026, 10, 23 + n)).toISOString().slice(0, 10)),
  { nil: null },
);
const bedArb: fc.Arbitrary<BoardBed> = fc
  .record({
    status: fc.constantFrom(...BED_STATUSES),
    minAge: fc.integer({ min: 16, max: 25 }),
    span: fc.integer({ min: 0, max: 9 }),
    levelMin: fc.integer({ min: 16, max: 25 }),
    levelSpan: fc.integer({ min: 0, max: 9 }),
    under18Only: fc.boolean(),
    over18Only: fc.boolean(),
    uascSpecialist: fc.boolean(),
    availableFrom: maybeDay,
    holdHours: fc.option(fc.integer({ min: -48, max: 24 * 30 }), { nil: null }),
    plannedMoveIn: maybeDay,
    code: fc.constantFrom(...ACCOMMODATION_CODES),
    emergency: fc.boolean(),
    urn: fc.option(fc.constantFrom('2600001', ' '), { nil: null }),
    stale: fc.boolean(),
    area: fc.constantFrom('Crewe', 'Macclesfield'),
    levelId: fc.constantFrom('l1', 'l2', 'l3'),
  })
  .map((r) =>
    bed({
      status: r.status,
      minAge: r.minAge,
      maxAge: Math.min(25, r.minAge + r.span),
      under18Only: r.under18Only,
      over18Only: r.over18Only,
      uascSpecialist: r.uascSpecialist,
      availableFrom: r.availableFrom,
      holdExpiresAt:
        r.status === 'held' && r.holdHours !== null ? new Date(NOW.getTime() + r.holdHours * 3600_000) : null,
      plannedMoveIn: r.plannedMoveIn,
      level: level({
        // One definition per level id: the id names everything the level says.
        id: `${r.levelId}-${r.code}-${r.emergency}-${r.levelMin}-${r.levelSpan}`,
        minAge: r.levelMin,
        maxAge: Math.min(25, r.levelMin + r.levelSpan),
        accommodationCode: r.code,
        emergency: r.emergency,
      }),
      provider: provider({ id: `p-${r.area}`, area: r.area, ofstedUrn: r.urn, stale: r.stale }),
    }),
  );

const at = (day: string) => (day === TODAY ? NOW : dayStart(day));

describe('the vacancy board', () => {
  describe('supply groups (from the accommodation table)', () => {
    it('puts B&B / hotel rooms apart, then emergency beds (by level or by code), then the pathway', () => {
      expect(supplyGroup({ accommodationCode: 'W', emergency: false })).toBe('hotel');
      expect(supplyGroup({ accommodationCode: 'W', emergency: true })).toBe('hotel');
      expect(supplyGroup({ accommodationCode: 'V', emergency: false })).toBe('emergency');
      expect(supplyGroup({ accommodationCode: 'D', emergency: true })).toBe('emergency');
      expect(supplyGroup({ accommodationCode: 'D', emergency: false })).toBe('pathway');
      expect(supplyGroup({ accommodationCode: 'E', emergency: false })).toBe('pathway');
    });
  });

  describe('age bands', () => {
    it('never counts a hotel room, a night shelter or a foyer for 16-17, but does for 18+', () => {
      for (const code of ['W', 'V', 'T'] as const) {
        const b = bed({ level: level({ accommodationCode: code }) });
        expect(acceptsBand(b, '16-17')).toBe(false);
        expect(acceptsBand(b, '18-plus')).toBe(true);
      }
    });

    it('counts a 16-17 bed only at an Ofsted-registered provider', () => {
      expect(acceptsBand(bed({ provider: provider({ ofstedUrn: null }) }), '16-17')).toBe(false);
      expect(acceptsBand(bed(), '16-17')).toBe(true);
    });

    it('agrees with the matcher: a bed takes a band iff some age in it breaks none of the age-related hard rules', () => {
      const AGE_RULES = new Set([
        'age_range_bed',
        'age_range_level',
        'ofsted_registration',
        'unsuitable_for_under_18',
        'never_placeable',
        'under_18_only',
        'over_18_only',
      ]);
      fc.assert(
        fc.property(bedArb, fc.constantFrom(...AGE_BANDS), (b, band) => {
          const ages = band === '16-17' ? [16, 17] : [18, 19, 20, 21, 22, 23, 24, 25];
          const matchBed = m.bed({
            minAge: b.minAge,
            maxAge: b.maxAge,
            under18Only: b.under18Only,
            over18Only: b.over18Only,
            level: m.level({
              minAge: b.level.minAge,
              maxAge: b.level.maxAge,
              accommodationCode: b.level.accommodationCode,
            }),
            provider: m.provider({ ofstedUrn: b.provider.ofstedUrn }),
          });
          const takesSomeone = ages.some(
            (age) =>
              !hardRuleViolations(
                m.person({ dateOfBirth: `${2026 - age}-06-15` }),
                m.request(),
                matchBed,
                m.TODAY,
              ).some((r) => AGE_RULES.has(r.rule)),
          );
          expect(acceptsBand(b, band)).toBe(takesSomeone);
        }),
      );
    });
  });

  describe('free on a day', () => {
    it('never counts an occupied bed, nor a bed with a move-in planned by then', () => {
      fc.assert(
        fc.property(bedArb, dayArb, (b, day) => {
          if (b.status === 'occupied') expect(isFreeOn(b, day, TODAY, at(day))).toBe(false);
          if (b.plannedMoveIn !== null && b.plannedMoveIn <= day) expect(isFreeOn(b, day, TODAY, at(day))).toBe(false);
        }),
      );
    });

    it('counts a held bed on D iff its hold has ended by D (by now, for today) and nothing else keeps it', () => {
      fc.assert(
        fc.property(bedArb, dayArb, (raw, day) => {
          const b = { ...raw, status: 'held' as const, plannedMoveIn: null, availableFrom: null };
          const ended = b.holdExpiresAt !== null && b.holdExpiresAt.getTime() <= at(day).getTime();
          expect(isFreeOn(b, day, TODAY, at(day))).toBe(ended);
        }),
      );
    });

    it('counts an out-of-service bed on D iff its expected return is known, not overdue, and on or before D', () => {
      fc.assert(
        fc.property(bedArb, dayArb, (raw, day) => {
          const b = { ...raw, status: 'out_of_service' as const, plannedMoveIn: null };
          const back = b.availableFrom !== null && b.availableFrom >= TODAY && b.availableFrom <= day;
          expect(isFreeOn(b, day, TODAY, at(day))).toBe(back);
        }),
      );
    });

    it('counts an available bed on D iff it is available from D or earlier and no move-in is planned by then', () => {
      fc.assert(
        fc.property(bedArb, dayArb, (raw, day) => {
          const b = { ...raw, status: 'available' as const };
          const free =
            (b.availableFrom === null || b.availableFrom <= day) &&
            !(b.plannedMoveIn !== null && b.plannedMoveIn <= day);
          expect(isFreeOn(b, day, TODAY, at(day))).toBe(free);
        }),
      );
    });

    it('never un-frees a bed later on, unless a move-in is planned', () => {
      fc.assert(
        fc.property(bedArb, dayArb, dayArb, (raw, d1, d2) => {
          const b = { ...raw, plannedMoveIn: null };
          const [early, late] = d1 <= d2 ? [d1, d2] : [d2, d1];
          if (isFreeOn(b, early, TODAY, at(early))) expect(isFreeOn(b, late, TODAY, at(late))).toBe(true);
        }),
      );
    });
  });

  describe('the board', () => {
    it('counts every bed once on its row, and free beds once in their group total', () => {
      fc.assert(
        fc.property(fc.array(bedArb, { maxLength: 30 }), dayArb, (beds, day) => {
          const board = vacancyBoard(beds, day, TODAY, at(day));
          const byStatus = board.rows.reduce((n, r) => n + r.available + r.held + r.occupied + r.outOfService, 0);
          expect(byStatus).toBe(beds.length);
          const free = beds.filter((b) => isFreeOn(b, day, TODAY, at(day)));
          const totals = Object.values(board.totals);
          expect(totals.reduce((n, t) => n + t.free, 0)).toBe(free.length);
          expect(board.rows.reduce((n, r) => n + r.freeOn.free, 0)).toBe(free.length);
          expect(board.totals.pathway.free).toBe(free.filter((b) => supplyGroup(b.level) === 'pathway').length);
          expect(totals.reduce((n, t) => n + t.age16To17, 0)).toBe(free.filter((b) => acceptsBand(b, '16-17')).length);
          for (const r of board.rows) {
            expect(r.freeOn.age16To17).toBeLessThanOrEqual(r.freeOn.free);
            expect(r.stale).toBe(r.providers.some((p) => p.stale));
          }
        }),
      );
    });

    it('keeps only the beds of a band, of UASC specialists, or of a group when asked', () => {
      fc.assert(
        fc.property(fc.array(bedArb, { maxLength: 30 }), (beds) => {
          const all = vacancyBoard(beds, TODAY, TODAY, NOW);
          const young = vacancyBoard(beds, TODAY, TODAY, NOW, { ageBand: '16-17' });
          const sum = (b: typeof all) => Object.values(b.totals).reduce((n, t) => n + t.free, 0);
          expect(sum(young)).toBe(Object.values(all.totals).reduce((n, t) => n + t.age16To17, 0));
          const uasc = vacancyBoard(beds, TODAY, TODAY, NOW, { uasc: true });
          expect(sum(uasc)).toBe(Object.values(all.totals).reduce((n, t) => n + t.uasc, 0));
          const hotels = vacancyBoard(beds, TODAY, TODAY, NOW, { group: 'hotel' });
          expect(hotels.rows.every((r) => r.group === 'hotel')).toBe(true);
          expect(sum(hotels)).toBe(all.totals.hotel.free);
        }),
      );
    });

    it('names each row: level, area and its providers, stale ones marked', () => {
      const board = vacancyBoard(
        [
          bed({ id: 'a', provider: provider({ id: 'p2', name: 'Zeta Homes', stale: true }) }),
          bed({ id: 'b' }),
          bed({ id: 'c', status: 'occupied' }),
        ],
        TODAY,
        TODAY,
        NOW,
      );
      expect(board.rows).toEqual([
        expect.objectContaining({
          group: 'pathway',
          serviceLevelName: 'Medium support',
          area: 'Crewe',
          providers: [
            expect.objectContaining({ name: 'YMCA Crewe', stale: false }),
            expect.objectContaining({ name: 'Zeta Homes', stale: true }),
          ],
          stale: true,
          available: 2,
          occupied: 1,
          freeOn: { free: 2, age16To17: 2, age18Plus: 2, uasc: 0, fromStaleProviders: 1 },
        }),
      ]);
    });
  });
});
