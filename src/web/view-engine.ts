import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import nunjucks from 'nunjucks';
import { ukDate, ukDateTime } from './presenters/format';

/** The first of these folders that exists (the service runs from `dist/` or, under test, from `src/`). */
export function firstExisting(...candidates: string[]): string {
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new Error(`none of ${candidates.join(', ')} exists`);
  return found;
}

/** The project's root: the nearest folder up from here holding the design systems' packages (from `src/`, `dist/` or `dist-bench/src/`). */
function projectRoot(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'node_modules/govuk-frontend/package.json'))) return dir;
    if (dirname(dir) === dir) return resolve(__dirname, '../..');
  }
}

export const ROOT = projectRoot();

/** Nunjucks' `trim` filter, in linear time: the string without leading and trailing whitespace, still safe if it was. */
export function trimFilter<T extends string | nunjucks.runtime.SafeString>(
  str: T,
): string | nunjucks.runtime.SafeString {
  const trimmed = (str as string).trim();
  return str instanceof nunjucks.runtime.SafeString ? new nunjucks.runtime.SafeString(trimmed) : trimmed;
}

/**
 * Nunjucks' file loader, answering each relative name from a template once: every GOV.UK macro
 * includes `./template.njk` and imports `../../macros/attributes.njk`, and Nunjucks resolves those
 * (`path.resolve`) on every call, ~90 times a page. The answers depend only on the two names (a
 * template's path, the name it asks for), so each is kept; there are only as many as there are
 * such lines in the templates.
 */
export class ViewLoader extends nunjucks.FileSystemLoader {
  /** By the asking template's path, then by the name asked for (both the same strings every time). */
  private readonly resolved = new Map<string, Map<string, string>>();

  override resolve(from: string, to: string): string {
    let names = this.resolved.get(from);
    if (!names) this.resolved.set(from, (names = new Map<string, string>()));
    let path = names.get(to);
    if (path === undefined) names.set(to, (path = super.resolve(from, to)));
    return path;
  }
}

/** A Nunjucks frame as its runtime has it (`nunjucks.runtime.Frame`, untyped by @types/nunjucks). */
export interface NunjucksFrame {
  variables: Record<string, unknown>;
  set: (this: NunjucksFrame, name: string, val: unknown, resolveUp?: boolean) => void;
  resolve: (this: NunjucksFrame, name: string, forWrite?: boolean) => NunjucksFrame | undefined;
}
const runtime = nunjucks.runtime as unknown as { Frame: { prototype: NunjucksFrame } };
const lib = (nunjucks as unknown as { lib: { escape: (s: string) => string } }).lib;

/** Nunjucks' own `Frame.prototype.set` and `lib.escape`, as the pages' speed-ups found them (the specs' reference). */
export const nunjucksOriginals = { frameSet: runtime.Frame.prototype.set, escape: lib.escape };

/** Each name a template sets, split on its dots once (names come from the compiled templates: a few hundred at most). */
const nameParts = new Map<string, string[]>();

/**
 * Nunjucks' `Frame.set`, the same steps without splitting the name on every call: every loop
 * iteration sets seven `loop.*` names and every macro call its arguments, and `name.split('.')`
 * was the costliest line of a page's render (3.6 % of the live list's CPU under load).
 */
export function frameSet(this: NunjucksFrame, name: string, val: unknown, resolveUp?: boolean): void {
  let parts = nameParts.get(name);
  if (parts === undefined) {
    parts = name.split('.');
    if (nameParts.size < 10_000) nameParts.set(name, parts);
  }
  if (resolveUp) {
    const frame = this.resolve(parts[0], true);
    if (frame) {
      frame.set(name, val);
      return;
    }
  }
  let obj = this.variables;
  const last = parts.length - 1;
  for (let i = 0; i < last; i++) {
    const id = parts[i];
    if (!obj[id]) obj[id] = {};
    obj = obj[id] as Record<string, unknown>;
  }
  obj[parts[last]] = val;
}

const NEEDS_ESCAPING = /[&"'<>\\]/;

/**
 * Nunjucks' autoescape (`lib.escape`: `&"'<>\\` as entities), answering a string with none of those
 * as it is without running its global replace: most values a page writes (names, references,
 * classes, dates) have none.
 */
export function escapeHtml(value: string): string {
  return NEEDS_ESCAPING.test(value) ? nunjucksOriginals.escape(value) : value;
}

/**
 * Puts `frameSet` and `escapeHtml` in Nunjucks' place, in this process (Nunjucks' runtime is one
 * module for every environment). Same answers: specs check both against the originals.
 */
export function speedUpNunjucks(): void {
  runtime.Frame.prototype.set = frameSet;
  lib.escape = escapeHtml;
}

/**
 * Nunjucks over the service's own views and the two design systems' macros
 * (`govuk/components/<name>/macro.njk`, `moj/components/<name>/macro.njk`); autoescaping on.
 */
export function configureViews(
  app: NestExpressApplication,
  globals: { councilName: string; serviceName: string },
): nunjucks.Environment {
  const views = firstExisting(join(__dirname, 'views'), join(ROOT, 'src/web/views'));
  const env = new nunjucks.Environment(
    new ViewLoader([
      views,
      join(ROOT, 'node_modules/govuk-frontend/dist'),
      join(ROOT, 'node_modules/@ministryofjustice/frontend'),
    ]),
    { autoescape: true, throwOnUndefined: false },
  );
  speedUpNunjucks();
  env.express(app.getHttpAdapter().getInstance());
  // Nunjucks' own `trim` is `str.replace(/^\s*|\s*$/g, '')`, quadratic in each run of whitespace:
  // on GOV.UK's date input (its fieldset's caller, indented twice) it cost the alert page ~8 ms a
  // render. The same result in linear time (`\s` and `String.prototype.trim` strip the same characters).
  env.addFilter('trim', trimFilter);
  env.addFilter('ukDateTime', ukDateTime);
  env.addFilter('ukDate', ukDate);
  // MoJ's timeline and date components expect `mojDate`: the same, on luxon.
  env.addFilter('mojDate', (value: string, type?: string) => (type === 'datetime' ? ukDateTime(value) : ukDate(value)));
  env.addGlobal('councilName', globals.councilName);
  env.addGlobal('serviceName', globals.serviceName);
  app.setViewEngine('njk');
  return env;
}
