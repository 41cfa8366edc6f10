import fc from 'fast-check';
import { DomainError } from '../../kernel/errors';
import {
  bedNights,
  countedUntil,
  nightsInRange,
  occupancyRate,
  requestFigures,
  unsuitableNights,
  type SpanRow,
} from './occupancy';

const span = (over: Partial<SpanRow>): SpanRow => ({
  service_level_id: 'sl-emergency',
  code: 'EMERG',
  name: 'Emergency',
  rank: 1,
  area: 'Crewe',
  status: 'available',
  nights: '1',
  ...over,
});

describe('the range of nights', () => {
  it('counts the nights from `from` up to, not including, `to`', () => {
    expect(nightsInRange('2026-03-23', '2026-03-30')).toBe(7);
    expect(nightsInRange('2024-01-01', '2025-01-01')).toBe(366);
  });

  it('refuses an empty, backwards or over-long range, naming `to`', () => {
    for (const [from, to] of [
      ['2026-03-23', '2026-03-23'],
      ['2026-03-23', '2026-03-22'],
      ['2025-01-01', '2026-01-03'],
    ]) {
      let error: unknown;
      try {
        nightsInRange(from, to);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ kind: 'invalid', fields: [{ field: 'to' }] });
    }
  });
});

describe('up to when nights are counted', () => {
  it('counts a range already over in full, one reaching today up to today, and one wholly ahead not at all', () => {
    expect(countedUntil('2026-11-01', '2026-12-01', '2026-12-01')).toEqual({ date: '2026-12-01', nights: 30 });
    expect(countedUntil('2026-11-01', '2026-12-01', '2026-11-29')).toEqual({ date: '2026-11-29', nights: 28 });
    expect(countedUntil('2026-11-01', '2026-12-01', '2026-11-01')).toEqual({ date: '2026-11-01', nights: 0 });
    expect(countedUntil('2026-12-01', '2027-01-01', '2026-11-29')).toEqual({ date: '2026-12-01', nights: 0 });
  });

  it('never counts more nights than the range has, nor a night not yet over', () => {
    const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86400_000).toISOString().slice(0, 10);
    fc.assert(
      fc.property(fc.nat(400), fc.integer({ min: 1, max: 366 }), fc.nat(800), (start, length, t) => {
        const [from, to, today] = [day(start), day(start + length), day(t)];
        const c = countedUntil(from, to, today);
        expect(c.nights).toBeGreaterThanOrEqual(0);
        expect(c.nights).toBeLessThanOrEqual(length);
        expect(c.date <= to && c.date >= from).toBe(true);
        expect(c.date <= today || c.nights === 0).toBe(true);
      }),
    );
  });
});

describe('bed nights', () => {
  it('sums each service level and area, and rates occupancy over the beds in service', () => {
    const { items, totals } = bedNights([
      span({ status: 'available', nights: '4' }),
      span({ status: 'occupied', nights: '3' }),
      span({ status: 'out_of_service', nights: '2' }),
      span({ area: 'Nantwich', status: 'held', nights: '1' }),
      span({
        service_level_id: 'sl-move-on',
        code: 'MOVEON',
        name: 'Move-on',
        rank: 9,
        status: 'out_of_service',
        nights: '7',
      }),
    ]);
    expect(items.map((i) => [i.serviceLevelCode, i.area, i.bedNights])).toEqual([
      ['EMERG', 'Crewe', { available: 4, held: 0, occupied: 3, outOfService: 2, total: 9, occupancyRate: 0.429 }],
      ['EMERG', 'Nantwich', { available: 0, held: 1, occupied: 0, outOfService: 0, total: 1, occupancyRate: 0 }],
      ['MOVEON', 'Crewe', { available: 0, held: 0, occupied: 0, outOfService: 7, total: 7, occupancyRate: null }],
    ]);
    expect(totals).toEqual({ available: 4, held: 1, occupied: 3, outOfService: 9, total: 17, occupancyRate: 0.375 });
  });

  it('has totals that are the sum of its rows, whatever the spans', () => {
    const spans = fc.array(
      fc.record({
        service_level_id: fc.constantFrom('a', 'b', 'c'),
        area: fc.constantFrom('Crewe', 'Nantwich'),
        status: fc.constantFrom('available', 'held', 'occupied', 'out_of_service'),
        nights: fc.integer({ min: 1, max: 400 }).map(String),
      }),
    );
    fc.assert(
      fc.property(spans, (s) => {
        const { items, totals } = bedNights(s.map((x) => span(x)));
        for (const field of ['available', 'held', 'occupied', 'outOfService', 'total'] as const)
          expect(items.reduce((n, i) => n + i.bedNights[field], 0)).toBe(totals[field]);
        expect(totals.total).toBe(s.reduce((n, x) => n + Number(x.nights), 0));
        for (const i of [...items.map((x) => x.bedNights), totals])
          expect(i.occupancyRate === null || (i.occupancyRate >= 0 && i.occupancyRate <= 1)).toBe(true);
      }),
    );
  });

  it('rates nothing when no bed was in service', () => {
    expect(occupancyRate({ available: 0, held: 0, occupied: 0, outOfService: 3, total: 3 })).toBeNull();
  });
});

describe('requests and unsuitable nights', () => {
  it('reads numbers from PostgreSQL text, waits to one decimal, and no row as nothing', () => {
    expect(
      requestFigures({ raised: '5', placed: '2', withdrawn: '1', waiting: '2', median: '20.25', max: '30.04' }),
    ).toEqual({ raised: 5, placed: 2, withdrawn: 1, waitingAtEnd: 2, waitHours: { median: 20.3, max: 30 } });
    expect(requestFigures(undefined)).toEqual({
      raised: 0,
      placed: 0,
      withdrawn: 0,
      waitingAtEnd: 0,
      waitHours: { median: null, max: null },
    });
  });

  it('puts the nights not in a named band in `other`', () => {
    expect(unsuitableNights({ total: '10', a16: '2', a18: '5', a21: '1' })).toEqual({
      total: 10,
      byAgeBand: [
        { band: '16-17', nights: 2 },
        { band: '18-20', nights: 5 },
        { band: '21-25', nights: 1 },
        { band: 'other', nights: 2 },
      ],
    });
    expect(unsuitableNights({ total: null, a16: null, a18: null, a21: null }).total).toBe(0);
  });
});
