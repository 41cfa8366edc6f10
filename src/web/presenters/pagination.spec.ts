import { paginate } from './pagination';

const href = (n: number) => `/list?page=${n}`;

describe('paginate', () => {
  it('says nothing for a single page', () => {
    expect(paginate(1, 1, href)).toBeNull();
  });

  it('shows the first, the last and the current page with its neighbours, a gap as an ellipsis', () => {
    expect(paginate(5, 9, href)).toEqual({
      previous: { href: '/list?page=4' },
      next: { href: '/list?page=6' },
      items: [
        { number: 1, href: '/list?page=1', current: false },
        { ellipsis: true },
        { number: 4, href: '/list?page=4', current: false },
        { number: 5, href: '/list?page=5', current: true },
        { number: 6, href: '/list?page=6', current: false },
        { ellipsis: true },
        { number: 9, href: '/list?page=9', current: false },
      ],
    });
  });

  it('has no previous link on the first page and no next link on the last', () => {
    expect(paginate(1, 2, href)).toEqual({
      next: { href: '/list?page=2' },
      items: [
        { number: 1, href: '/list?page=1', current: true },
        { number: 2, href: '/list?page=2', current: false },
      ],
    });
    expect(paginate(2, 2, href)?.previous).toEqual({ href: '/list?page=1' });
    expect(paginate(2, 2, href)?.next).toBeUndefined();
  });
});
