import fc from 'fast-check';
import { escapeLike, nameKey, parseSearch, possiblySamePerson, searchDate } from './people-search';

describe('parseSearch', () => {
  it('reads a date of birth written dd/mm/yyyy or yyyy-mm-dd as the same date', () => {
    expect(parseSearch('17/04/2008')).toEqual({ kind: 'date_of_birth', dateOfBirth: '2008-04-17' });
    expect(parseSearch(' 2008-04-17 ')).toEqual({ kind: 'date_of_birth', dateOfBirth: '2008-04-17' });
    expect(parseSearch('7/4/2008')).toEqual({ kind: 'date_of_birth', dateOfBirth: '2008-04-07' });
  });

  it('flags a date-shaped text that is no real day', () => {
    expect(parseSearch('31/02/2008')).toBe('invalid_date');
    expect(parseSearch('2007-02-29')).toBe('invalid_date');
  });

  it('splits other text into lower-case words and keeps it whole as a reference prefix', () => {
    expect(parseSearch('  Smith   JO ')).toEqual({ kind: 'text', words: ['smith', 'jo'], referencePrefix: 'smith jo' });
    expect(parseSearch('CL-10')).toEqual({ kind: 'text', words: ['cl-10'], referencePrefix: 'cl-10' });
  });

  it('asks for nothing when the text is blank or absent', () => {
    expect(parseSearch('   ')).toBeNull();
    expect(parseSearch(undefined)).toBeNull();
  });

  it('gives the same words whatever order the names come in', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z]{1,12}$/), fc.stringMatching(/^[A-Za-z]{1,12}$/), (a, b) => {
        const ab = parseSearch(`${a} ${b}`);
        const ba = parseSearch(`${b} ${a}`);
        if (ab === null || ab === 'invalid_date' || ab.kind !== 'text') throw new Error('expected text');
        if (ba === null || ba === 'invalid_date' || ba.kind !== 'text') throw new Error('expected text');
        expect(new Set(ab.words)).toEqual(new Set(ba.words));
      }),
    );
  });
});

describe('searchDate', () => {
  it('reads either way round, and marks a date-shaped text that is no real day', () => {
    expect(searchDate('01/12/2007')).toEqual({ date: '2007-12-01' });
    expect(searchDate('2007-12-01')).toEqual({ date: '2007-12-01' });
    expect(searchDate('29/02/2007')).toEqual({ date: null });
  });

  it('is null for text not shaped like a date', () => {
    expect(searchDate('Smith')).toBeNull();
    expect(searchDate('2008')).toBeNull();
    expect(searchDate('17/04/08')).toBeNull();
  });
});

describe('escapeLike', () => {
  it('escapes LIKE wildcards and the escape character itself', () => {
    expect(escapeLike('50%_a\\b')).toBe('50\\%\\_a\\\\b');
  });
});

describe('possiblySamePerson', () => {
  const jo = { firstName: 'Mary Ann', lastName: "O'Neill", dateOfBirth: '2008-04-17' };

  it('ignores case and spaces in both names', () => {
    expect(possiblySamePerson(jo, { firstName: 'maryann', lastName: " o'NEILL ", dateOfBirth: '2008-04-17' })).toBe(
      true,
    );
  });

  it('needs the same date of birth and both names', () => {
    expect(possiblySamePerson(jo, { ...jo, dateOfBirth: '2008-04-18' })).toBe(false);
    expect(possiblySamePerson(jo, { ...jo, firstName: 'Mary' })).toBe(false);
    expect(possiblySamePerson(jo, { ...jo, lastName: 'Neill' })).toBe(false);
  });

  it('is symmetric, and nameKey is idempotent', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const x = { firstName: a, lastName: b, dateOfBirth: '2008-01-01' };
        const y = { firstName: a.toUpperCase(), lastName: ` ${b} `, dateOfBirth: '2008-01-01' };
        expect(possiblySamePerson(x, y)).toBe(possiblySamePerson(y, x));
        expect(nameKey(nameKey(a))).toBe(nameKey(a));
      }),
    );
  });
});
