import { EscalationSweep } from '../../../src/features/escalations/escalation-sweep';
import { ManualClock } from '../../../src/platform/clock';
import type { Role } from '../../../src/kernel/roles';
import { expectProblem, Harness } from '../../support/harness';
import { fieldRules } from '../../support/fuzz/contract';
import { writeOperations, type WriteOperation } from '../../support/fuzz/openapi';
import type { Pools } from '../../support/fuzz/plausible';
import { FuzzRunner } from '../../support/fuzz/runner';
import { WriteLog } from '../../support/fuzz/write-log';
import { buildWorld } from '../../support/fuzz/world';

/**
 * Hostile input on every write endpoint (issue 10). The endpoints come from the service's own
 * OpenAPI document, so a new one is fuzzed without being listed; each gets FUZZ_RUNS requests
 * (300 by default) from a fixed seed (FUZZ_SEED), spread over every role and anonymous callers,
 * aimed at real records most of the time. Every answer must be below 500; every error problem
 * details; a refused request writes no row (a trigger logs every row written, and the tables'
 * fingerprints are compared around each endpoint); a role the endpoint does not allow is refused
 * before its body is read; a body of a type the API does not read is 415.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20261210);
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
/** The write endpoints of today's document: the fuzz must find at least these. */
const KNOWN = [
  'POST /auth/login',
  'POST /auth/logout',
  'POST /users',
  'PATCH /users/{id}',
  'POST /areas',
  'POST /service-levels',
  'PATCH /service-levels/{id}',
  'POST /providers',
  'PATCH /providers/{id}',
  'POST /providers/{id}/vacancy-confirmations',
  'POST /beds',
  'PATCH /beds/{id}',
  'POST /young-people',
  'PATCH /young-people/{id}',
  'POST /stays',
  'POST /stays/{id}/end',
  'POST /placement-requests',
  'POST /placement-requests/{id}/withdraw',
  'POST /placement-requests/{id}/holds',
  'POST /holds/{id}/confirm',
  'POST /holds/{id}/release',
  'POST /escalation-policies',
  'PATCH /escalation-policies/{id}',
  'POST /escalations/{id}/acknowledge',
  'POST /closure-days',
  'DELETE /closure-days/{date}',
  'POST /me/notifications/{id}/read',
  'PUT /notification-webhooks/{role}',
  'DELETE /notification-webhooks/{role}',
];

/**
 * Endpoints that end a record's useful life (withdraw, release, end, delete) go last, so the ones
 * that need it live (holds, confirm, acknowledge) still find it.
 */
const inFuzzOrder = (all: WriteOperation[]) => {
  const ends = (o: WriteOperation) => o.method === 'delete' || /\/(withdraw|release|end)$/.test(o.path);
  return [...all.filter((o) => !ends(o)), ...all.filter(ends)];
};

let h: Harness;
let ops: WriteOperation[];
let pools: Pools;
let log: WriteLog;
const clock = new ManualClock(new Date());

beforeAll(async () => {
  // No workers: nothing writes in the background, so every row written is a request's own. A low
  // sign-in limit per address keeps argon2 out of most of the sign-in fuzz (refused before hashing).
  h = await Harness.start({ clock, env: { WORKERS_ENABLED: 'false', LOGIN_RATE_LIMIT: '3' } });
  ops = inFuzzOrder(writeOperations((await h.as().get('/docs-json')).body));
  pools = await buildWorld(h, () => h.app.get(EscalationSweep).sweep());
  log = await WriteLog.install(h.db);
  // One listening server for every request (supertest otherwise starts and stops one per request).
  await new Promise<void>((resolve) => h.app.getHttpServer().listen(0, '127.0.0.1', resolve));
}, 60_000);
afterAll(() => h?.stop());

/** The path with each parameter a real record (the first of its pool) or the first value its enum allows. */
function realPath(op: WriteOperation): string {
  const segments = op.path.split('/');
  return op.params.reduce((path, p) => {
    const segment = segments[segments.indexOf(`{${p.name}}`) - 1];
    const value = (p.schema.enum?.[0] as string | undefined) ?? pools.records[segment][0];
    return path.replace(`{${p.name}}`, value);
  }, op.path);
}

const CALLERS: Role[] = ['admin', 'director', 'housing_officer', 'team_manager', 'pa', 'service_manager'];

/** Sends `body` as the first role the endpoint lets past its role check (a step is acknowledged by a manager). */
async function sendThrough(op: WriteOperation, body: unknown) {
  const path = realPath(op);
  for (const role of op.anonymous ? [undefined] : CALLERS.filter((r) => op.roles.includes(r))) {
    const res = await h
      .as(role)
      [op.method](path)
      .send(body as object);
    if (res.status !== 403) return res;
  }
  throw new Error(`${op.name}: every role was refused`);
}

type Answer = { status: number; body: { errors?: { field: string; message: string }[] } };
/** The fields a 400 names. */
const named = (res: Answer) => (res.status === 400 ? (res.body.errors ?? []) : []).map((e) => e.field);
/** The fields a 400 names for their type or form (`must be a string`, `must not be blank`), not for a rule. */
const typeErrors = (res: Answer) =>
  (res.status === 400 ? (res.body.errors ?? []) : [])
    .filter((e) => /\b(must|should)( not)? be\b/.test(e.message))
    .map((e) => e.field);

describe('every body field keeps the contract the OpenAPI document states', () => {
  it('refuses null, naming the field, wherever the document does not say nullable (and takes it where it does)', async () => {
    const broken: string[] = [];
    for (const rule of fieldRules(ops)) {
      const res = await sendThrough(rule.op, rule.body(null));
      // A nullable field may still be refused by a rule (a URN cleared without its category), not as a wrong type.
      const refused = (rule.nullable ? typeErrors(res) : named(res)).includes(rule.field);
      if (refused === rule.nullable)
        broken.push(`${rule.op.name} ${rule.field}: null answered ${res.status} ${res.text}`);
    }
    expect(broken).toEqual([]);
  });

  it('refuses required text of spaces, tabs or zero-width characters, naming the field', async () => {
    const broken: string[] = [];
    for (const rule of fieldRules(ops).filter((r) => r.requiredText)) {
      for (const blank of ['', '   ', '\t\n', '\u00a0\u3000', '\u200b']) {
        const res = await sendThrough(rule.op, rule.body(blank));
        if (res.status !== 400 || !named(res).includes(rule.field))
          broken.push(`${rule.op.name} ${rule.field}: ${JSON.stringify(blank)} answered ${res.status} ${res.text}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('refuses a webhook switched on or off with null, writing nothing', async () => {
    const res = await h.expectNoWrites(['role_webhook'], () =>
      h.as('admin').put('/notification-webhooks/director').send({ url: 'https://93.184.216.34/hook', active: null }),
    );
    expectProblem(res, 400, ['active']);
  });

  it('refuses a name of spaces for an area, a user and a young person, writing nothing', async () => {
    const refusals = [
      () => h.as('admin').post('/areas').send({ name: '   ' }),
      () => h.as('admin').patch(`/users/${pools.records.users[0]}`).send({ name: ' \t ' }),
      () => h.as('pa').patch(`/young-people/${pools.records['young-people'][1]}`).send({ lastName: '\u200b' }),
    ];
    const fields = ['name', 'name', 'lastName'];
    for (const [i, send] of refusals.entries()) {
      expectProblem(await h.expectNoWrites(['area', 'app_user', 'young_person'], send), 400, [fields[i]]);
    }
  });
});

describe('what the fuzz found', () => {
  it('answers 400 naming the field for half a surrogate pair in an email (validator.js threw: a 500), writing nothing', async () => {
    const sends = [
      () => h.as('admin').patch(`/users/${pools.records.users[1]}`).set('Content-Type', 'application/json'),
      () => h.as('admin').post('/users').set('Content-Type', 'application/json'),
      () =>
        h
          .as('housing_officer')
          .patch(`/providers/${pools.records.providers[1]}`)
          .set('Content-Type', 'application/json'),
    ];
    for (const send of sends) {
      const res = await h.expectNoWrites(['app_user', 'provider'], () => send().send('{"email": "\\ud800"}'));
      expectProblem(res, 400, ['email']);
    }
  });

  it('answers 400 naming date for a closure day that is no calendar day, not a database error', async () => {
    for (const date of ['2026-02-30', '2024-02-30', '0000-01-01']) {
      const res = await h.expectNoWrites(['closure_day'], () => h.as('admin').delete(`/closure-days/${date}`));
      expectProblem(res, 400, ['date']);
    }
  });
});

describe('the hostile-input fuzz', () => {
  it('finds every write endpoint in the OpenAPI document, with who may call it', () => {
    expect(ops.map((o) => o.name)).toEqual(expect.arrayContaining(KNOWN));
    for (const op of ops) expect(op.roles.length).toBeGreaterThan(0);
  });

  it('aims at real records: every id a path names exists in the world it built', () => {
    for (const op of ops.filter((o) => o.params.length)) {
      const segment = op.path.split('/').at(op.path.split('/').indexOf(`{${op.params[0].name}}`) - 1)!;
      expect({ op: op.name, found: (op.params[0].schema.enum ?? pools.records[segment] ?? []).length > 0 }).toEqual({
        op: op.name,
        found: true,
      });
    }
  });

  it('sees a write in the write log and in the tables’ fingerprints, and nothing when nothing is written', async () => {
    const before = await log.fingerprint();
    const snapshot = await h.snapshot(...log.tables);
    const mark = await log.mark();
    await h.as('admin').get('/areas');
    expect(await log.since(mark)).toEqual([]);
    expect(await log.fingerprint()).toEqual(before);
    expect((await h.as('admin').post('/areas').send({ name: 'Fuzzton' })).status).toBe(201);
    expect(await log.since(mark)).toEqual(['area:INSERT ×1', 'audit_event:INSERT ×1']);
    const after = await log.fingerprint();
    expect(Object.keys(after).filter((t) => after[t] !== before[t])).toEqual(['area', 'audit_event']);
    expect(await h.snapshot(...log.tables)).not.toEqual(snapshot);
  });

  it(`answers ${RUNS} hostile requests on every write endpoint, from every role, with no 5xx, problem details for every error, and no row written by a refusal`, async () => {
    const runner = new FuzzRunner(h, log, SEED);
    for (const op of ops) {
      const mark = await log.mark();
      const before = await log.fingerprint();
      await runner.fuzz(op, pools, clock.now().getTime(), RUNS);
      // Cross-check the write log with the fingerprints: no logged write, no changed table.
      if ((await log.since(mark)).length === 0) expect(await log.fingerprint()).toEqual(before);
    }
    const total = runner.figures.reduce((n, f) => n + f.requests, 0);
    if (process.env.FUZZ_REPORT) {
      for (const f of runner.figures)
        console.log(
          `${f.endpoint}: ${f.requests} in ${f.ms} ms ${JSON.stringify(f.byStatus)} ${JSON.stringify(f.byRole)}`,
        );
    }
    for (const f of runner.figures)
      expect({ endpoint: f.endpoint, enough: f.requests >= RUNS }).toEqual({ endpoint: f.endpoint, enough: true });
    if (runner.findings.length) {
      const lines = runner.findings
        .slice(0, 40)
        .map((f) => `#${f.index} ${f.request}\n  → ${f.status}: ${f.problems.join('; ')}\n  ${f.answer}`);
      throw new Error(
        `${runner.findings.length} of ${total} requests went wrong (FUZZ_SEED=${SEED}, FUZZ_RUNS=${RUNS} reproduces them):\n${lines.join('\n')}`,
      );
    }
  }, 300_000);
});
