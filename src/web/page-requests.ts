import type { NextFunction, Request, Response } from 'express';

/** Where the pages live inside the router; the addresses people see are the API's own paths. */
export const WEB_PREFIX = '/web';

/** Paths that are never pages: static assets, the API's documents, operations. */
const NEVER_PAGES = ['/assets/', '/docs', '/admin/queues', '/health', '/metrics', WEB_PREFIX + '/'];

/**
 * A person's browser and an API client share addresses: the link in an alert e-mail,
 * `/escalations/<id>`, is both a JSON resource (with a bearer token) and the page a senior
 * manager opens. A request with no bearer token that asks for HTML (a browser's GET, or its form
 * post) is a page request: it is routed to the page of that path (under `/web`), which answers a
 * page, a redirect to sign in, or a 404 page. Everything else is the JSON API as before.
 */
export function isPageRequest(req: Pick<Request, 'method' | 'headers' | 'path'>): boolean {
  if (req.headers.authorization) return false;
  if (NEVER_PAGES.some((p) => req.path === p.replace(/\/$/, '') || req.path.startsWith(p))) return false;
  if (!prefersHtml(String(req.headers.accept ?? ''))) return false;
  if (req.method === 'GET' || req.method === 'HEAD') return true;
  // A browser's form post (it asks for HTML back); an API client posting a form gets the API's 415.
  return (
    req.method === 'POST' && /^application\/x-www-form-urlencoded\b/i.test(String(req.headers['content-type'] ?? ''))
  );
}

/** Whether an Accept header puts HTML before JSON (a browser's does; `*\/*` alone, as curl sends, does not). */
export function prefersHtml(accept: string): boolean {
  const html = accept.search(/text\/html|application\/xhtml\+xml/i);
  if (html < 0) return false;
  const json = accept.search(/application\/(?:[\w.+-]+\+)?json/i);
  return json < 0 || html < json;
}

export function routePageRequests(req: Request, _res: Response, next: NextFunction): void {
  if (isPageRequest(req)) req.url = WEB_PREFIX + (req.url === '/' ? '' : req.url);
  next();
}
