import { monotonicUuidV7 } from '../../platform/uuid';
import { diff, usersNamed } from './audit.service';

describe('audit event ids', () => {
  it('are RFC 9562 version-7 UUIDs', () => {
    expect(monotonicUuidV7()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('increase strictly with every call, even many within one millisecond, so the trail keeps the order events were written in', () => {
    const ids = Array.from({ length: 20_000 }, () => monotonicUuidV7());
    for (let i = 1; i < ids.length; i++) expect(ids[i] > ids[i - 1]).toBe(true);
  });

  it('start with the current time in milliseconds', () => {
    const before = Date.now();
    const ms = parseInt(monotonicUuidV7().replace(/-/g, '').slice(0, 12), 16);
    expect(ms).toBeGreaterThanOrEqual(before);
    expect(ms).toBeLessThan(before + 5_000);
  });
});

describe('diff', () => {
  it('lists only the fields that changed, as from/to, with dates as ISO strings and undefined as null', () => {
    const d1 = new Date('2026-01-01T00:00:00Z');
    const d2 = new Date('2026-01-02T00:00:00Z');
    expect(diff({ a: 1, b: 'x', c: d1, d: undefined }, { a: 1, b: 'y', c: d2, d: null })).toEqual({
      b: { from: 'x', to: 'y' },
      c: { from: d1.toISOString(), to: d2.toISOString() },
    });
  });
});

describe('usersNamed', () => {
  const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((x) => `${x.repeat(8)}-0000-4000-8000-000000000000`);

  it('names the actor, the user an event is about, and users in its changes as values or from/to', () => {
    expect(
      usersNamed({
        actorUserId: a,
        entity: 'User',
        entityId: b,
        changes: { managerId: { from: null, to: c }, paUserId: d, label: a, recordedByUserId: 'not-an-id' },
      }),
    ).toEqual([a, b, c, d]);
  });

  it('names nobody for the service acting on a record that is not a user', () => {
    expect(usersNamed({ actorUserId: null, entity: 'Bed', entityId: a, changes: { status: 'available' } })).toEqual([]);
  });
});
