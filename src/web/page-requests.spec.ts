import { isPageRequest, prefersHtml } from './page-requests';

const req = (method: string, path: string, headers: Record<string, string> = {}) => ({ method, path, headers });
const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

describe('page requests', () => {
  it('sends a browser’s GET without a bearer token to the page, an API client’s to the API', () => {
    expect(isPageRequest(req('GET', '/escalations/1', { accept: BROWSER }))).toBe(true);
    expect(isPageRequest(req('GET', '/escalations/1', { accept: '*/*' }))).toBe(false);
    expect(isPageRequest(req('GET', '/escalations/1', { accept: 'application/json' }))).toBe(false);
    expect(isPageRequest(req('GET', '/escalations/1', { accept: BROWSER, authorization: 'Bearer x' }))).toBe(false);
  });

  it('sends form posts to the page, JSON posts to the API, and never assets, docs or operations', () => {
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    expect(isPageRequest(req('POST', '/sign-in', { ...form, accept: BROWSER }))).toBe(true);
    // An API client posting a form (no HTML asked for) gets the API's answer (415), not a page.
    expect(isPageRequest(req('POST', '/providers', form))).toBe(false);
    expect(isPageRequest(req('POST', '/auth/login', { 'content-type': 'application/json' }))).toBe(false);
    for (const path of ['/assets/app/app.css', '/docs', '/docs-json', '/admin/queues', '/health', '/metrics', '/web/x'])
      expect(isPageRequest(req('GET', path, { accept: BROWSER }))).toBe(false);
  });

  it('reads Accept in order', () => {
    expect(prefersHtml('application/json, text/html')).toBe(false);
    expect(prefersHtml('text/html, application/json')).toBe(true);
    expect(prefersHtml('')).toBe(false);
  });
});
