import { pgArray } from './sql';

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
