/** GOV.UK pagination component data: previous, next, and the numbered pages with gaps. */
export interface PaginationView {
  previous?: { href: string };
  next?: { href: string };
  items: ({ number: number; href: string; current: boolean } | { ellipsis: true })[];
}

/**
 * GOV.UK pagination for `pages` pages, `page` the current one: the first, the last, and the
 * current page with its neighbours, an ellipsis for each gap; null when there is one page.
 */
export function paginate(page: number, pages: number, href: (n: number) => string): PaginationView | null {
  if (pages <= 1) return null;
  const shown = [...new Set([1, page - 1, page, page + 1, pages])]
    .filter((n) => n >= 1 && n <= pages)
    .sort((a, b) => a - b);
  const items: PaginationView['items'] = [];
  shown.forEach((n, k) => {
    if (k > 0 && n - shown[k - 1] > 1) items.push({ ellipsis: true });
    items.push({ number: n, href: href(n), current: n === page });
  });
  return {
    ...(page > 1 ? { previous: { href: href(page - 1) } } : {}),
    ...(page < pages ? { next: { href: href(page + 1) } } : {}),
    items,
  };
}
