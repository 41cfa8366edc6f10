import type { Request, Response } from 'express';

/** The session cookie: a random id, nothing else (the session itself is in PostgreSQL). */
export const SESSION_COOKIE = 'cla_session';
/** Before sign-in there is no session: the sign-in form's CSRF token is paired with this cookie (double submit). */
export const SIGN_IN_COOKIE = 'cla_sign_in';

/** One cookie of a request's `Cookie` header, or undefined (no cookie-parser needed for two cookies). */
export function readCookie(req: Pick<Request, 'headers'>, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const value = part.slice(eq + 1).trim();
    try {
      return decodeURIComponent(value);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * HttpOnly, SameSite=Lax (a link in an e-mail still arrives signed in; another site's form post
 * does not), Secure whenever the request came over TLS (directly, or through a trusted proxy).
 * No expiry: the cookie goes when the browser closes, and the server ends the session earlier.
 */
export function setCookie(req: Request, res: Response, name: string, value: string): void {
  res.cookie(name, value, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/' });
}

export function clearCookie(req: Request, res: Response, name: string): void {
  res.clearCookie(name, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/' });
}
