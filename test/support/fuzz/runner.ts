import { appendFileSync } from 'node:fs';
import { JwtService } from '@nestjs/jwt';
import fc from 'fast-check';
import type { Response } from 'supertest';
import { ROLES, type Role } from '../../../src/kernel/roles';
import type { Harness } from '../harness';
import { caseArb, type FuzzCase } from './cases';
import type { WriteOperation } from './openapi';
import type { Pools } from './plausible';
import type { WriteLog } from './write-log';

/**
 * Sends the fuzz's requests one at a time (so each write is the request's own) and judges each
 * answer: never a 5xx; every error problem details; a refused request writes nothing; a role the
 * endpoint does not allow is refused (before its body is read); a type the API does not read is 415;
 * and no value reaches the database that it cannot store (validation's job, not PostgreSQL's).
 */

export interface Finding {
  endpoint: string;
  index: number;
  request: string;
  status: number;
  problems: string[];
  answer: string;
}

export interface EndpointFigures {
  endpoint: string;
  requests: number;
  byStatus: Record<string, number>;
  byRole: Record<string, number>;
  ms: number;
}

/** Writes a refused sign-in makes by design: the audit trail of failed and throttled attempts. */
const REFUSAL_WRITES: Record<string, RegExp> = { 'POST /auth/login': /^audit_event:INSERT ×\d+$/ };

export class FuzzRunner {
  readonly findings: Finding[] = [];
  readonly figures: EndpointFigures[] = [];
  private readonly tokens = new Map<Role, string>();
  private mark = 0;

  constructor(
    private readonly h: Harness,
    private readonly log: WriteLog,
    readonly seed: number,
  ) {
    for (const role of ROLES) this.tokens.set(role, h.users[role].token);
  }

  /** A seed per endpoint, so adding an endpoint does not change the bodies every other one gets. */
  seedFor(endpoint: string): number {
    let x = this.seed;
    for (const c of endpoint) x = (Math.imul(x, 31) + c.charCodeAt(0)) | 0;
    return x;
  }

  /** Sends `runs` generated requests to one endpoint and records what went wrong. */
  async fuzz(op: WriteOperation, pools: Pools, now: number, runs: number): Promise<EndpointFigures> {
    const cases = fc.sample(caseArb(op, pools, now), { seed: this.seedFor(op.name), numRuns: runs });
    const figures: EndpointFigures = { endpoint: op.name, requests: 0, byStatus: {}, byRole: {}, ms: 0 };
    const started = Date.now();
    this.mark = await this.log.mark();
    for (const [index, c] of cases.entries()) {
      const res = await this.send(op, c).catch((e: Error) => failed(e));
      figures.requests++;
      figures.byStatus[res.status] = (figures.byStatus[res.status] ?? 0) + 1;
      figures.byRole[c.role ?? 'anonymous'] = (figures.byRole[c.role ?? 'anonymous'] ?? 0) + 1;
      const writes = await this.writes();
      const problems = judge(op, c, res, writes);
      if (process.env.FUZZ_TRACE) {
        const line = { op: op.name, index, c, status: res.status, answer: res.text?.slice(0, 400), writes, problems };
        appendFileSync(process.env.FUZZ_TRACE, `${JSON.stringify(line)}\n`);
      }
      if (problems.length) this.findings.push(finding(op, index, c, res, problems));
      if (res.status < 300) await this.refreshTokens();
    }
    figures.ms = Date.now() - started;
    this.figures.push(figures);
    return figures;
  }

  private send(op: WriteOperation, c: FuzzCase): Promise<Response> {
    const token = c.role ? this.tokens.get(c.role) : undefined;
    let req = this.h.withToken(token)[op.method](c.path);
    if (!c.body) return c.contentType ? req.set('Content-Type', c.contentType) : req;
    req = req.set('Content-Type', c.contentType);
    return req.send(c.body);
  }

  /** What the last request wrote, read from the write log. */
  private async writes(): Promise<string[]> {
    const now = await this.log.mark();
    if (now === this.mark) return [];
    const writes = await this.log.since(this.mark);
    this.mark = now;
    return writes;
  }

  /** A signed-out role (its token version moved on) gets a fresh token, as signing in again would give it. */
  private async refreshTokens(): Promise<void> {
    const { rows } = await this.h.db.query<{ id: string; role: Role; token_version: number }>(
      `select id, role, token_version from app_user where id = any($1)`,
      [ROLES.map((r) => this.h.users[r].id)],
    );
    const jwt = this.h.app.get(JwtService, { strict: false });
    for (const r of rows) {
      const role = ROLES.find((x) => this.h.users[x].id === r.id)!;
      const current = jwt.decode<{ ver: number }>(this.tokens.get(role)!);
      if (current.ver !== r.token_version || r.role !== role) {
        this.tokens.set(role, await jwt.signAsync({ sub: r.id, role: r.role, ver: r.token_version }));
      }
    }
    this.mark = await this.log.mark();
  }
}

/** Everything wrong with one answer. */
export function judge(op: WriteOperation, c: FuzzCase, res: Response, writes: string[]): string[] {
  const problems: string[] = [];
  if (res.status >= 500) problems.push(`answered ${res.status}`);
  if (res.status >= 400) problems.push(...notProblemDetails(res));
  const refusedWrites = writes.filter((w) => !REFUSAL_WRITES[op.name]?.test(w));
  if (res.status >= 400 && refusedWrites.length) problems.push(`refused, yet wrote ${refusedWrites.join(', ')}`);
  if (c.expect && res.status !== c.expect) problems.push(`expected ${c.expect}`);
  const allowed = op.anonymous || (c.role !== null && op.roles.includes(c.role));
  if (!allowed && res.status < 400)
    problems.push(`${c.role ?? 'anonymous'} is not allowed, yet answered ${res.status}`);
  if (!allowed && c.wellFormed && c.routed && !c.expect) {
    const refusal = c.role ? 403 : 401;
    if (res.status !== refusal) problems.push(`${c.role ?? 'anonymous'} should be refused with ${refusal} first`);
  }
  if (String(res.body?.type ?? '').endsWith('/unstorable-value')) {
    problems.push('the database refused a value validation let through');
  }
  return problems;
}

/** A request that got no answer at all (a reset connection, a request the client could not send). */
function failed(e: Error): Response {
  return { status: 599, headers: {}, body: undefined, text: `no answer: ${e.message}` } as unknown as Response;
}

function notProblemDetails(res: Response): string[] {
  const out: string[] = [];
  if (!/^application\/problem\+json/.test(res.headers['content-type'] ?? '')) {
    out.push(`error answer is ${res.headers['content-type'] ?? 'untyped'}, not application/problem+json`);
  }
  const b = res.body as Record<string, unknown> | undefined;
  if (!b || typeof b.type !== 'string' || typeof b.title !== 'string' || typeof b.detail !== 'string') {
    out.push('error answer lacks type, title or detail');
  }
  if (b?.status !== res.status) out.push('problem status differs from the HTTP status');
  return out;
}

function finding(op: WriteOperation, index: number, c: FuzzCase, res: Response, problems: string[]): Finding {
  const body = c.body.length > 300 ? `${c.body.slice(0, 300)}… (${c.body.length} characters)` : c.body;
  return {
    endpoint: op.name,
    index,
    request: `${c.role ?? 'anonymous'} ${op.method.toUpperCase()} ${c.path.slice(0, 200)} [${c.contentType}] (${c.kind}) ${body}`,
    status: res.status,
    problems,
    answer: (res.text ?? '').slice(0, 300),
  };
}
