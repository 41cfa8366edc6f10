import type { NextFunction, Request, Response } from 'express';
import { DomainError, invalid } from '../../kernel/errors';

/** Deeper JSON than this is refused before it is parsed (no request of the contract nests beyond 6). */
export const MAX_JSON_DEPTH = 32;

/**
 * How deeply a JSON text nests, counted on the raw bytes without parsing (so a hostile body costs
 * one linear scan, never a recursion): brackets inside strings do not count. Stops counting once
 * past `limit`.
 */
export function jsonDepth(text: string, limit = MAX_JSON_DEPTH): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > max) max = depth;
      if (max > limit) return max;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return max;
}

/** body-parser's `verify` hook: refuses a body nested more deeply than MAX_JSON_DEPTH before it is parsed. */
export function verifyJsonDepth(_req: unknown, _res: unknown, buf: Buffer): void {
  if (jsonDepth(buf.toString('utf8')) > MAX_JSON_DEPTH) {
    throw invalid([{ field: 'body', message: `must not nest more than ${MAX_JSON_DEPTH} levels deep` }]);
  }
}

const WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json(?:\s*;|$)/i;

/** Whether a request carries a body at all (a length over zero, or a chunked one). */
export function hasBody(req: Pick<Request, 'headers'>): boolean {
  const length = req.headers['content-length'];
  if (length !== undefined) return Number(length) > 0;
  return req.headers['transfer-encoding'] !== undefined;
}

/**
 * The JSON API takes JSON only: a body of any other type (text, XML, a form) is `415`, never read
 * as an empty body. `except` lists path prefixes with their own parsers (the web pages' forms).
 */
export function jsonOnly(except: string[] = []) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    if (!WITH_BODY.has(req.method) || !hasBody(req) || except.some((p) => req.path.startsWith(p))) return next();
    const type = req.headers['content-type'] ?? '';
    if (JSON_TYPE.test(type)) return next();
    next(
      new DomainError(
        'unsupported',
        'unsupported_media_type',
        `This endpoint takes application/json; the body was ${type ? type.split(';')[0] : 'of no declared type'}`,
      ),
    );
  };
}
