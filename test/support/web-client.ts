import type { INestApplication } from '@nestjs/common';
import request from 'supertest';

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

/**
 * A browser without the browser, for page tests through HTTP: it asks for HTML, keeps the cookies
 * it is given, and posts forms (urlencoded) with the CSRF token of the page it last read.
 */
export class WebClient {
  private cookies = new Map<string, string>();
  lastHtml = '';

  constructor(private readonly app: INestApplication) {}

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  dropCookie(name: string): void {
    this.cookies.delete(name);
  }

  async get(path: string): Promise<request.Response> {
    const res = await request(this.app.getHttpServer())
      .get(path)
      .set('Accept', BROWSER_ACCEPT)
      .set('Cookie', this.cookieHeader());
    this.keep(res);
    return res;
  }

  /** Posts a form; `_csrf` is taken from the last page read unless the fields give one (or `null` for none). */
  async post(path: string, fields: Record<string, string | null> = {}): Promise<request.Response> {
    const form = new URLSearchParams();
    const token = '_csrf' in fields ? fields._csrf : this.csrfToken();
    if (token) form.set('_csrf', token);
    for (const [k, v] of Object.entries(fields)) if (k !== '_csrf' && v !== null) form.set(k, v);
    const res = await request(this.app.getHttpServer())
      .post(path)
      .set('Accept', BROWSER_ACCEPT)
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .set('Cookie', this.cookieHeader())
      .send(form.toString());
    this.keep(res);
    return res;
  }

  /** Reads the sign-in page and signs in; answers the response to the form. */
  async signIn(email: string, password: string, returnTo?: string): Promise<request.Response> {
    await this.get(returnTo ? `/sign-in?returnTo=${encodeURIComponent(returnTo)}` : '/sign-in');
    return this.post('/sign-in', { email, password, returnTo: returnTo ?? '/' });
  }

  /** The CSRF token in the last page's first form. */
  csrfToken(): string | null {
    return /name="_csrf" value="([^"]+)"/.exec(this.lastHtml)?.[1] ?? null;
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(res: request.Response): void {
    if (typeof res.text === 'string' && /text\/html/.test(String(res.headers['content-type'])))
      this.lastHtml = res.text;
    const set = res.headers['set-cookie'] as unknown as string[] | undefined;
    for (const line of set ?? []) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => /expires=Thu, 01 Jan 1970/i.test(a)) || value === '';
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}

/** The text of an HTML page without its tags (for asserting what a person reads). */
export const textOf = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
