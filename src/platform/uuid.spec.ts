import { monotonicUuidV7 } from './uuid';

describe('monotonicUuidV7', () => {
  it('makes version-7 ids that sort in the order they were made and never repeat, across many pools of random bytes', () => {
    const ids = Array.from({ length: 20_000 }, () => monotonicUuidV7());
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
