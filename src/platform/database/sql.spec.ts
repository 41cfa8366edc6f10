import { MAX_PREPARED, pgArray, statementName } from './sql';

describe('pgArray', () => {
  it('writes ids, numbers and ISO times bare, and quotes anything PostgreSQL could misread', () => {
    expect(pgArray(['0192f0c1-7a5e-7000-8000-000000000000', 3, '2026-11-29T15:00:00.000Z', 'team_manager'])).toBe(
      '{0192f0c1-7a5e-7000-8000-000000000000,3,2026-11-29T15:00:00.000Z,team_manager}',
    );
    expect(pgArray([null, 'NULL', 'null', '', 'a b', 'x,y', '{"k":"v\\\\"}'])).toBe(
      '{NULL,"NULL","null","","a b","x,y","{\\"k\\":\\"v\\\\\\\\\\"}"}',
    );
  });
});

describe('statementName', () => {
  it('names a text the same each time, and stops preparing new texts past MAX_PREPARED (those run unprepared)', () => {
    const first = statementName('select 1 where $1::int = 1');
    expect(first).toMatch(/^cla_[0-9a-f]{24}$/);
    expect(statementName('select 1 where $1::int = 1')).toBe(first);
    for (let i = 0; statementName(`select ${i}`) !== null; i++) expect(i).toBeLessThan(MAX_PREPARED);
    expect(statementName('select a text never seen')).toBeNull();
    expect(statementName('select 1 where $1::int = 1')).toBe(first);
  });
});
