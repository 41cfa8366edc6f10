import type { CaseloadPerson } from '../../features/reports/caseload.service';
import type { YoungPersonView } from '../../features/young-people/young-people.dto';
import { presentSearch, presentWhereNow, readSearchAddress, searchHref, searchQuery } from './young-people.presenter';

const person = (i: number): YoungPersonView => ({
  id: `id-${i}`,
  reference: `CL-${1000 + i}`,
  firstName: 'Jo',
  lastName: `Smith${i}`,
  dateOfBirth: '2009-04-17',
  age: 17,
  gender: 'female',
  legalStatus: 'relevant',
  uasc: false,
  paUserId: 'pa',
  homeArea: 'Crewe',
  areasToAvoid: [],
  needsServiceLevelRank: null,
  stepFreeNeeded: false,
  hasPet: false,
  pregnantOrParent: false,
  risks: [],
  version: 1,
});

const about = (id: string, over: Partial<CaseloadPerson> = {}): CaseloadPerson => ({
  id,
  reference: 'CL',
  firstName: 'Jo',
  lastName: 'Smith',
  dateOfBirth: '2009-04-17',
  age: 17,
  homeArea: null,
  paUserId: 'pa',
  paName: 'Pat Adviser',
  whereNow: null,
  lastContactAt: null,
  contactDue: true,
  requests: [],
  ...over,
});

describe('the search page', () => {
  it('reads the words and page from the address, refusing parameters it does not know and pages that are not whole numbers', () => {
    expect(readSearchAddress({ q: '  jo smi ', page: '2' })).toEqual({ q: 'jo smi', page: 2, errors: [] });
    expect(readSearchAddress({})).toEqual({ q: '', page: 1, errors: [] });
    expect(readSearchAddress({ q: 'jo', sort: 'age' }).errors.map((e) => e.field)).toEqual(['sort']);
    expect(readSearchAddress({ q: ['a', 'b'] }).errors[0].message).toBe('The address gives q more than once');
    expect(readSearchAddress({ page: '0' }).errors.map((e) => e.field)).toEqual(['page']);
    expect(readSearchAddress({ q: 'x'.repeat(101) }).errors.map((e) => e.field)).toEqual(['q']);
  });

  it('asks the service for 25 a page, and links pages with the words kept', () => {
    expect(searchQuery('jo', 3)).toEqual({ q: 'jo', limit: '25', offset: '50' });
    expect(searchQuery('', 1)).toEqual({ limit: '25', offset: '0' });
    expect(searchHref('jo smith', 2)).toBe('/young-people?q=jo+smith&page=2');
    expect(searchHref('', 1)).toBe('/young-people');
  });

  it('shows each young person with a link to their page, their date of birth, age, PA and where they are now', () => {
    const view = presentSearch(
      { items: [person(1), person(2)], total: 2 },
      new Map([
        [
          'id-1',
          about('id-1', {
            whereNow: {
              accommodationCode: 'W',
              label: 'bed and breakfast or hotel',
              description: null,
              suitable: false,
              emergency: true,
              since: '2026-11-27T12:00:00Z',
            },
          }),
        ],
      ]),
      'jo',
      1,
    );
    expect(view.lines[0]).toEqual({
      id: 'id-1',
      href: '/young-people/id-1',
      name: 'Jo Smith1',
      reference: 'CL-1001',
      dateOfBirth: '17 April 2009',
      age: '17',
      pa: 'Pat Adviser',
      where: 'Bed and breakfast or hotel',
      whereTags: [
        { text: 'Unsuitable', classes: 'govuk-tag--red' },
        { text: 'Emergency', classes: 'govuk-tag--orange' },
      ],
    });
    expect(view.lines[1]).toMatchObject({ pa: 'Not known', where: 'Nowhere recorded', whereTags: [] });
    expect(view.showing).toBe('Showing 1 to 2 of 2');
    expect(view.pagination).toBeNull();
    expect(view.empty).toBe('');
  });

  it('pages the results and says when nothing matches', () => {
    const view = presentSearch({ items: [person(26)], total: 60 }, new Map(), 'jo', 2);
    expect(view.showing).toBe('Showing 26 to 26 of 60');
    expect(view.pagination).toEqual({
      previous: { href: '/young-people?q=jo' },
      next: { href: '/young-people?q=jo&page=3' },
      items: [
        { number: 1, href: '/young-people?q=jo', current: false },
        { number: 2, href: '/young-people?q=jo&page=2', current: true },
        { number: 3, href: '/young-people?q=jo&page=3', current: false },
      ],
    });
    expect(presentSearch({ items: [], total: 0 }, new Map(), 'zz', 1).empty).toBe('No young people match your search');
  });

  it('tags where someone is now as suitable or not', () => {
    expect(presentWhereNow(null)).toEqual({ text: 'Nowhere recorded', tags: [] });
    const w = {
      accommodationCode: 'D',
      label: 'supported lodgings',
      description: null,
      suitable: true,
      emergency: false,
      since: '',
    };
    expect(presentWhereNow(w)).toEqual({
      text: 'Supported lodgings',
      tags: [{ text: 'Suitable', classes: 'govuk-tag--green' }],
    });
  });
});
