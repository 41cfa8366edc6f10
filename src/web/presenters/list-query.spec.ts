import { listHref, listPagination, pageWindow, readListAddress, showing } from './list-query';

describe('a list page address', () => {
  it('keeps the filters the page knows, drops blank ones and reads the page number', () => {
    expect(readListAddress({ area: ' Crewe ', stale: '', page: '3' }, ['area', 'stale'])).toEqual({
      filters: { area: 'Crewe' },
      page: 3,
      errors: [],
    });
    expect(readListAddress({}, ['area']).page).toBe(1);
  });

  it('refuses a parameter the page does not know, a repeated one and a page that is not a whole number', () => {
    const { errors } = readListAddress({ colour: 'red', area: ['a', 'b'], page: '0' }, ['area']);
    expect(errors.map((e) => e.field)).toEqual(['colour', 'area', 'page']);
    expect(errors[0].message).toBe('This page has no filter called "colour"');
    expect(readListAddress({ page: 'two' }, []).errors).toHaveLength(1);
  });

  it('asks the API for 25 rows a page', () => {
    expect(pageWindow(1)).toEqual({ limit: 25, offset: 0 });
    expect(pageWindow(3)).toEqual({ limit: 25, offset: 50 });
  });

  it('links pages keeping the filters, page 1 without a number', () => {
    expect(listHref('/beds', { status: 'held' }, 1)).toBe('/beds?status=held');
    expect(listHref('/beds', { status: 'held' }, 2)).toBe('/beds?status=held&page=2');
    expect(listHref('/beds', {}, 1)).toBe('/beds');
  });

  it('paginates: none for one page; first, last and neighbours with gaps otherwise', () => {
    expect(listPagination('/p', {}, 1, 25)).toBeNull();
    const p = listPagination('/p', { area: 'Crewe' }, 5, 250)!;
    expect(p.previous).toEqual({ href: '/p?area=Crewe&page=4' });
    expect(p.next).toEqual({ href: '/p?area=Crewe&page=6' });
    expect(p.items.map((i) => ('ellipsis' in i ? '…' : i.number))).toEqual([1, '…', 4, 5, 6, '…', 10]);
    expect(listPagination('/p', {}, 10, 250)!.next).toBeUndefined();
  });

  it('says which rows are shown, or that none match', () => {
    expect(showing(2, 10, 35, 'beds')).toBe('Showing 26 to 35 of 35 beds');
    expect(showing(1, 0, 0, 'beds')).toBe('No beds match these filters.');
    expect(showing(9, 0, 35, 'beds')).toBe('No beds on this page.');
  });
});
