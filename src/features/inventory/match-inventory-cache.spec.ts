import fc from 'fast-check';
import { MatchInventoryCache, type ChangedRows, type InventoryChanges } from './match-inventory-cache';
import type { BedRow, LevelRow, ProviderRow } from './match-inventory.queries';

const level = (n: number): LevelRow => ({
  id: `00000000-0000-4000-8000-00000000000${n}`,
  rank: n + 1,
  min_age: 16,
  max_age: 25,
  support_hours_min: 1,
  support_hours_max: 10,
  emergency: false,
  accommodation_code: 'D',
  suitable: true,
  version: 1,
});
const provider = (n: number): ProviderRow => ({
  id: `00000000-0000-4000-9000-00000000000${n}`,
  area: 'Crewe',
  ofsted_urn: null,
  ofsted_category: null,
  version: 1,
});
const bed = (n: number, providerId: string, levelId: string): BedRow => ({
  id: `00000000-0000-4000-a000-${String(n).padStart(12, '0')}`,
  label: `Room ${n}`,
  status: 'available',
  min_age: 16,
  max_age: 25,
  gender: 'any',
  step_free: false,
  pets_allowed: false,
  accepts_fire_risk: false,
  accepts_sexual_harm_risk: false,
  uasc_specialist: false,
  under18only: false,
  over18only: false,
  available_from: null,
  provider_id: providerId,
  service_level_id: levelId,
  version: 1,
});

/** The database as rows, and what the change-feed query would return for a set of changed ids. */
class Db {
  levels = new Map([0, 1, 2].map((n) => [level(n).id, level(n)]));
  providers = new Map([0, 1, 2].map((n) => [provider(n).id, provider(n)]));
  beds = new Map<string, BedRow>();
  rows(c: InventoryChanges): ChangedRows {
    const l = new Set(c.levels);
    const p = new Set(c.providers);
    const b = new Set(c.beds);
    return {
      levels: [...this.levels.values()].filter((r) => l.has(r.id)),
      providers: [...this.providers.values()].filter((r) => p.has(r.id)),
      beds: [...this.beds.values()].filter((r) => b.has(r.id) || p.has(r.provider_id) || l.has(r.service_level_id)),
    };
  }
  build(): MatchInventoryCache {
    return MatchInventoryCache.build([...this.levels.values()], [...this.providers.values()], [...this.beds.values()]);
  }
}

type Op =
  | { op: 'addBed'; n: number; p: number; l: number }
  | { op: 'deleteBed'; n: number }
  | { op: 'changeBed'; n: number; status: 'available' | 'occupied'; p: number; l: number }
  | { op: 'changeProvider'; p: number; area: string }
  | { op: 'changeLevel'; l: number; minAge: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('addBed' as const), n: fc.nat(30), p: fc.nat(2), l: fc.nat(2) }),
  fc.record({ op: fc.constant('deleteBed' as const), n: fc.nat(30) }),
  fc.record({
    op: fc.constant('changeBed' as const),
    n: fc.nat(30),
    status: fc.constantFrom('available' as const, 'occupied' as const),
    p: fc.nat(2),
    l: fc.nat(2),
  }),
  fc.record({ op: fc.constant('changeProvider' as const), p: fc.nat(2), area: fc.constantFrom('Crewe', 'Nantwich') }),
  fc.record({ op: fc.constant('changeLevel' as const), l: fc.nat(2), minAge: fc.integer({ min: 16, max: 18 }) }),
);

/** Runs one operation against the rows; answers what the feed would say changed. */
function run(db: Db, o: Op): InventoryChanges {
  const none: InventoryChanges = { beds: [], providers: [], levels: [] };
  switch (o.op) {
    case 'addBed': {
      const r = bed(o.n, provider(o.p).id, level(o.l).id);
      if (db.beds.has(r.id)) return none;
      db.beds.set(r.id, r);
      return { ...none, beds: [r.id] };
    }
    case 'deleteBed': {
      const id = bed(o.n, '', '').id;
      db.beds.delete(id);
      return { ...none, beds: [id] };
    }
    case 'changeBed': {
      const old = db.beds.get(bed(o.n, '', '').id);
      if (!old) return none;
      db.beds.set(old.id, {
        ...old,
        status: o.status,
        provider_id: provider(o.p).id,
        service_level_id: level(o.l).id,
        version: old.version + 1,
      });
      return { ...none, beds: [old.id] };
    }
    case 'changeProvider': {
      const old = db.providers.get(provider(o.p).id)!;
      db.providers.set(old.id, { ...old, area: o.area, version: old.version + 1 });
      return { ...none, providers: [old.id] };
    }
    case 'changeLevel': {
      const old = db.levels.get(level(o.l).id)!;
      db.levels.set(old.id, { ...old, min_age: o.minAge, version: old.version + 1 });
      return { ...none, levels: [old.id] };
    }
  }
}

describe('the matcher inventory kept in memory', () => {
  it('after any run of bed, provider and level changes applied one by one, holds exactly what a full read would', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 40 }), fc.integer({ min: 1, max: 5 }), (ops, every) => {
        const db = new Db();
        for (let n = 0; n < 10; n++)
          db.beds.set(bed(n, provider(n % 3).id, level(n % 2).id).id, bed(n, provider(n % 3).id, level(n % 2).id));
        const cache = db.build();
        // Changes arrive in groups of `every` (several transactions read by one catch-up).
        let pending: InventoryChanges = { beds: [], providers: [], levels: [] };
        ops.forEach((o, i) => {
          const c = run(db, o);
          pending = {
            beds: [...new Set([...pending.beds, ...c.beds])],
            providers: [...new Set([...pending.providers, ...c.providers])],
            levels: [...new Set([...pending.levels, ...c.levels])],
          };
          if ((i + 1) % every !== 0 && i !== ops.length - 1) return;
          const before = cache.beds;
          const snapshot = JSON.stringify(before);
          expect(cache.apply(pending, db.rows(pending))).toBe(true);
          expect(JSON.stringify(before)).toBe(snapshot); // a caller still holding the old array sees it whole
          pending = { beds: [], providers: [], levels: [] };
        });
        const fresh = db.build();
        expect(cache.beds).toEqual(fresh.beds);
        expect(cache.fingerprint()).toBe(fresh.fingerprint());
      }),
    );
  });

  it('shares one object per provider and per level among their beds, also after a provider changes', () => {
    const db = new Db();
    const p = provider(0).id;
    for (let n = 0; n < 3; n++) db.beds.set(bed(n, p, level(0).id).id, bed(n, p, level(0).id));
    const cache = db.build();
    const change = run(db, { op: 'changeProvider', p: 0, area: 'Nantwich' });
    cache.apply(change, db.rows(change));
    const [a, b, c] = cache.beds;
    expect(a.provider).toBe(b.provider);
    expect(b.provider).toBe(c.provider);
    expect(a.provider.area).toBe('Nantwich');
    expect(a.level).toBe(c.level);
  });

  it('refuses, changing nothing, a bed whose provider it has not been told of (the caller reloads in full)', () => {
    const db = new Db();
    const cache = db.build();
    const stranger = { ...bed(5, '00000000-0000-4000-9000-0000000000ff', level(0).id) };
    const before = cache.fingerprint();
    expect(
      cache.apply({ beds: [stranger.id], providers: [], levels: [] }, { levels: [], providers: [], beds: [stranger] }),
    ).toBe(false);
    expect(cache.beds).toEqual([]);
    expect(cache.fingerprint()).toBe(before);
  });

  it('gives the fingerprint in the database query’s form: count:sum of versions for beds, providers, levels', () => {
    const db = new Db();
    db.beds.set(bed(1, provider(0).id, level(0).id).id, { ...bed(1, provider(0).id, level(0).id), version: 4 });
    expect(db.build().fingerprint()).toBe('1:4/3:3/3:3');
  });
});
