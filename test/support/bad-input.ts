import type { Response } from 'supertest';
import type { Role } from '../../src/kernel/roles';
import { expectProblem, type Harness } from './harness';

/**
 * The table-driven bad-input battery shared by test/bad-input.e2e-spec.ts (foundation endpoints)
 * and test/bad-input-casework.e2e-spec.ts (casework and escalation): each case answers the right
 * status with problem details and writes nothing (the endpoint's tables and the audit trail are
 * unchanged, counted and fingerprinted).
 */

export const UNKNOWN_ID = '6f1c1b9e-3c1a-4d8e-9f3b-000000000000';
export const MALFORMED_IDS = ['not-a-uuid', '123', '6f1c1b9e-3c1a-4d8e-9f3b', "1'%20or%20'1'='1"];

/** A bad body (merged over `valid`), the fields the answer must name, and its status (400 unless given). */
export type BadCase = [Record<string, unknown>, string[]] | [Record<string, unknown>, string[], number];

export interface Endpoint {
  name: string;
  method: 'post' | 'patch' | 'put';
  /** Path with `:id` where the endpoint takes one. */
  path: string;
  /** Table a refusal must leave alone (audit_event always included). */
  table: string;
  /** Further tables a refusal must leave alone. */
  tables?: string[];
  role?: Role;
  /** An id the refusals are sent to; it must stay in a state where a valid body would succeed. */
  existingId?: () => string;
  valid: () => Record<string, unknown>;
  /**
   * For endpoints whose success changes state (withdraw, hold, confirm, end, acknowledge…): a fresh
   * id (and body) for the one request that is meant to succeed, so `existingId` keeps its state.
   */
  accept?: () => Promise<{ id?: string; body?: Record<string, unknown> }>;
  /** The text field the NUL-character case uses (default: the first string field not ending in Id). */
  textField?: string;
  wrongTypes: BadCase[];
  outOfRange: BadCase[];
}

export function describeBadInput(harness: () => Harness, endpoints: Endpoint[]): void {
  const pathOf = (e: Endpoint, id?: string) => e.path.replace(':id', id ?? e.existingId?.() ?? '');
  const send = (e: Endpoint, body: unknown, id?: string) =>
    harness()
      .as(e.role)
      [e.method](pathOf(e, id))
      .send(body as object);
  const sendRaw = (e: Endpoint, raw: string, contentType = 'application/json', id?: string) =>
    harness().as(e.role)[e.method](pathOf(e, id)).set('Content-Type', contentType).send(raw);

  async function refused(
    e: Endpoint,
    status: number,
    fields: string[],
    act: () => Promise<Response>,
    what?: unknown,
  ): Promise<Response> {
    try {
      const res = await harness().expectNoWrites([e.table, ...(e.tables ?? [])], act);
      expectProblem(res, status, fields);
      return res;
    } catch (err) {
      // Name the case that failed: a table of cases otherwise reports only the assertion.
      if (what !== undefined && err instanceof Error) err.message = `case ${JSON.stringify(what)}:\n${err.message}`;
      throw err;
    }
  }

  describe.each(endpoints)('$name', (e) => {
    it('accepts the valid body the cases below start from (so each refusal is down to the one bad part)', async () => {
      const fresh = e.accept ? await e.accept() : {};
      const res = await send(e, fresh.body ?? e.valid(), fresh.id);
      if (res.status >= 300) throw new Error(`expected success, got ${res.status}: ${JSON.stringify(res.body)}`);
      expect(res.status).toBeLessThan(300);
    });

    it('answers 400 for malformed JSON', async () => {
      for (const raw of ['{"name": ', '{name: "x"}', "{'a': 1}", '{"a":1}}', '\u0000']) {
        await refused(e, 400, [], () => sendRaw(e, raw));
      }
    });

    it('answers 400 for a body that is not a JSON object', async () => {
      for (const raw of ['[]', '[{}]', '"text"', '42', 'null', 'true']) {
        await refused(e, 400, [], () => sendRaw(e, raw));
      }
    });

    it('answers 400 naming an unknown field', async () => {
      await refused(e, 400, ['unexpected'], () => send(e, { ...e.valid(), unexpected: 1 }));
      await refused(e, 400, ['id'], () => send(e, { ...e.valid(), id: UNKNOWN_ID }));
      await refused(e, 400, ['createdAt'], () => send(e, { ...e.valid(), createdAt: '2020-01-01T00:00:00Z' }));
    });

    it('does not let __proto__ or constructor keys through', async () => {
      await refused(e, 400, [], () =>
        sendRaw(e, JSON.stringify(e.valid()).replace(/^\{/, '{"__proto__":{"admin":true},')),
      );
      await refused(e, 400, [], () =>
        sendRaw(e, JSON.stringify(e.valid()).replace(/^\{/, '{"constructor":{"prototype":{"x":1}},')),
      );
    });

    it('answers 400 naming each field of the wrong type', async () => {
      for (const [bad, fields, status] of e.wrongTypes) {
        await refused(e, status ?? 400, fields, () => send(e, { ...e.valid(), ...bad }), bad);
      }
    });

    it('answers 400 naming each out-of-range or invalid value', async () => {
      for (const [bad, fields, status] of e.outOfRange) {
        await refused(e, status ?? 400, fields, () => send(e, { ...e.valid(), ...bad }), bad);
      }
    });

    it('answers 400 for a NUL character in a text field instead of a database error', async () => {
      const body = e.valid();
      const textField = e.textField ?? Object.keys(body).find((k) => typeof body[k] === 'string' && !/Id$/.test(k))!;
      await refused(e, 400, [textField], () => send(e, { ...body, [textField]: `bad\u0000value` }));
    });

    it('answers 413 for an oversized body', async () => {
      await refused(e, 413, [], () => send(e, { ...e.valid(), padding: 'x'.repeat(200_000) }));
    });

    it('answers 415 for a JSON body in a charset it cannot read', async () => {
      await refused(e, 415, [], () => sendRaw(e, JSON.stringify(e.valid()), 'application/json; charset=ibm500'));
    });

    if (e.path.includes(':id')) {
      it('answers 404 for a well-formed id that does not exist', async () => {
        await refused(e, 404, [], () => send(e, e.valid(), UNKNOWN_ID));
      });

      it('answers 400 naming id for a malformed id', async () => {
        for (const bad of MALFORMED_IDS) {
          await refused(e, 400, ['id'], () => send(e, e.valid(), bad));
        }
      });
    }
  });
}

/** Paging and unknown-parameter checks every list endpoint shares (limit 1-500, offset >= 0, no strays). */
export function describeListQueryStrings(harness: () => Harness, lists: string[]): void {
  it.each(lists)('%s refuses limit above 500, below 1 or not a whole number, naming limit', async (path) => {
    const h = harness();
    for (const bad of ['501', '0', '-1', '2.5', 'ten', '', '1e3']) {
      expectProblem(await h.as('admin').get(`${path}?limit=${bad}`), 400, ['limit']);
    }
    expect((await h.as('admin').get(`${path}?limit=500`)).status).toBe(200);
  });

  it.each(lists)('%s refuses a negative, fractional or absurd offset, naming offset', async (path) => {
    const h = harness();
    for (const bad of ['-1', '1.5', 'x', '99999999999999999999']) {
      expectProblem(await h.as('admin').get(`${path}?offset=${bad}`), 400, ['offset']);
    }
  });

  it.each(lists)('%s refuses unknown and repeated query parameters', async (path) => {
    const h = harness();
    expectProblem(await h.as('admin').get(`${path}?bogus=1`), 400, ['bogus']);
    expectProblem(await h.as('admin').get(`${path}?limit=1&limit=2`), 400, ['limit']);
  });
}
