import net from 'node:net';
import { expectProblem, Harness } from '../../support/harness';

/** Health, security headers, request ids, the OpenAPI document and the audit trail. */

let h: Harness;
beforeAll(async () => {
  h = await Harness.start();
});
afterAll(async () => {
  await h?.stop();
});

/**
 * A TCP relay to the real Redis that the test can cut and restore, so the service boots against a
 * working Redis and then loses it, as in production.
 */
class RedisRelay {
  private server?: net.Server;
  private readonly sockets = new Set<net.Socket>();
  port = 0;

  /** Client connections currently relayed. */
  get connections(): number {
    return this.sockets.size / 2;
  }

  async up(): Promise<void> {
    if (this.server?.listening) return;
    const target = new URL(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0');
    this.server = net.createServer((client) => {
      const upstream = net.connect(Number(target.port || 6379), target.hostname);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.port, '127.0.0.1', resolve);
    });
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  async down(): Promise<void> {
    if (!this.server?.listening) return;
    const closed = new Promise<void>((resolve) => this.server!.close(() => resolve()));
    for (const s of this.sockets) s.destroy();
    await closed;
  }
}

async function eventually<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > until) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits until `fn` has answered the same for half a second, and answers that. */
async function settled(fn: () => number): Promise<number> {
  let last = fn();
  let since = Date.now();
  while (Date.now() - since < 500) {
    await new Promise((r) => setTimeout(r, 50));
    const now = fn();
    if (now !== last) [last, since] = [now, Date.now()];
  }
  return last;
}

describe('GET /health', () => {
  it('answers 200 with both checks up, to anonymous callers', async () => {
    const res = await h.as().get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', checks: { database: 'up', redis: 'up' } });
  });

  it('answers 503 naming Redis while Redis is unreachable, and 200 again once it is back', async () => {
    const relay = new RedisRelay();
    await relay.up();
    const app = await h.extraApp({ env: { REDIS_URL: `redis://127.0.0.1:${relay.port}/0` } });
    try {
      expect((await app.as().get('/health')).status).toBe(200);
      const connected = await settled(() => relay.connections);
      await relay.down();
      const down = await eventually(
        () => app.as().get('/health'),
        (r) => r.status === 503,
      );
      expect(down.status).toBe(503);
      expect(down.body).toEqual({ status: 'error', checks: { database: 'up', redis: 'down' } });
      // Everything that does not need Redis keeps working meanwhile.
      expect((await app.as('pa').get('/beds')).status).toBe(200);
      await relay.up();
      const back = await eventually(
        () => app.as().get('/health'),
        (r) => r.status === 200,
      );
      expect(back.body).toEqual({ status: 'ok', checks: { database: 'up', redis: 'up' } });
      // Every Redis connection of the service (queues and workers too) comes back on its own.
      expect(
        await eventually(
          async () => relay.connections,
          (n) => n >= connected,
        ),
      ).toBeGreaterThanOrEqual(connected);
    } finally {
      await relay.up();
      await app.close();
      await relay.down();
    }
  });

  it('answers 503 naming the database when PostgreSQL is unreachable', async () => {
    const app = await h.extraApp({ env: { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/unreachable' } });
    try {
      const res = await app.as().get('/health');
      expect(res.status).toBe(503);
      expect(res.body).toEqual({ status: 'error', checks: { database: 'down', redis: 'up' } });
    } finally {
      await app.close();
    }
  });
});

describe('security headers (helmet)', () => {
  it.each([
    ['a JSON answer', () => h.as('pa').get('/beds')],
    ['a problem-details answer', () => h.as().get('/beds')],
    ['the health check', () => h.as().get('/health')],
    ['the Swagger UI', () => h.as().get('/docs')],
  ])('are on %s', async (_label, call) => {
    const res = await call();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers).not.toHaveProperty('x-powered-by');
  });
});

describe('X-Request-Id', () => {
  it('echoes a sane id the caller sends', async () => {
    const res = await h.as('pa').get('/vacancies').set('X-Request-Id', 'trace-abc.123_X');
    expect(res.headers['x-request-id']).toBe('trace-abc.123_X');
  });

  it('makes up a fresh id when none, or an unsafe one, is sent', async () => {
    const none = await h.as('pa').get('/vacancies');
    const unsafe = await h.as('pa').get('/vacancies').set('X-Request-Id', 'evil\tid with spaces and <script>');
    for (const res of [none, unsafe]) expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(none.headers['x-request-id']).not.toBe(unsafe.headers['x-request-id']);
  });

  it('is on error answers too, including ones refused before any route (malformed JSON, oversized body)', async () => {
    const unauth = await h.as().get('/beds').set('X-Request-Id', 'req-401');
    expect(unauth.headers['x-request-id']).toBe('req-401');
    const malformed = await h
      .as('housing_officer')
      .post('/providers')
      .set('Content-Type', 'application/json')
      .set('X-Request-Id', 'req-400')
      .send('{"name":');
    expectProblem(malformed, 400);
    expect(malformed.headers['x-request-id']).toBe('req-400');
    const big = await h
      .as('housing_officer')
      .post('/providers')
      .set('X-Request-Id', 'req-413')
      .send({ name: 'x'.repeat(300_000) });
    expectProblem(big, 413);
    expect(big.headers['x-request-id']).toBe('req-413');
  });
});

describe('OpenAPI', () => {
  // Every endpoint of the contract implemented so far, with the methods it has.
  const CONTRACT: Record<string, string[]> = {
    '/auth/login': ['post'],
    '/users': ['get', 'post'],
    '/users/{id}': ['get', 'patch'],
    '/service-levels': ['get', 'post'],
    '/service-levels/{id}': ['get', 'patch'],
    '/providers': ['get', 'post'],
    '/providers/{id}': ['get', 'patch'],
    '/providers/{id}/vacancy-confirmations': ['post'],
    '/beds': ['get', 'post'],
    '/beds/{id}': ['get', 'patch'],
    '/vacancies': ['get'],
    '/audit': ['get'],
    '/health': ['get'],
  };
  type Schema = {
    $ref?: string;
    type?: string;
    properties?: Record<string, unknown>;
    items?: Schema;
    required?: string[];
  };
  type Operation = {
    requestBody?: { content: Record<string, { schema: Schema }> };
    responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
    parameters?: { name: string; in: string }[];
    security?: unknown[];
  };
  let doc: {
    openapi: string;
    paths: Record<string, Record<string, Operation>>;
    components: { schemas: Record<string, Schema>; securitySchemes?: Record<string, unknown> };
  };
  const resolve = (s: Schema): Schema => (s.$ref ? doc.components.schemas[s.$ref.split('/').pop()!] : s);

  beforeAll(async () => {
    const res = await h.as().get('/docs-json');
    expect(res.status).toBe(200);
    doc = res.body;
  });

  it('serves the Swagger UI at /docs', async () => {
    const res = await h.as().get('/docs');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toMatch(/swagger/i);
    // Its scripts are same-origin files, and nothing upgrades them to https on a plain-http address.
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    for (const src of res.text.match(/src="[^"]+\.js"/g) ?? []) {
      const url = new URL(src.slice(5, -1), 'http://127.0.0.1/docs').pathname;
      expect({ url, status: (await h.as().get(url)).status }).toEqual({ url, status: 200 });
    }
  });

  it('lists every path and method of the contract implemented so far', () => {
    expect(doc.openapi).toMatch(/^3\./);
    for (const [path, methods] of Object.entries(CONTRACT)) {
      expect({
        path,
        methods: Object.keys(doc.paths[path] ?? {})
          .filter((m) => methods.includes(m))
          .sort(),
      }).toEqual({ path, methods: [...methods].sort() });
    }
  });

  it('gives every POST and PATCH a JSON request schema, and every success response a schema', () => {
    for (const [path, methods] of Object.entries(CONTRACT)) {
      for (const method of methods) {
        const op = doc.paths[path][method];
        if (method === 'post' || method === 'patch') {
          const schema = op.requestBody?.content['application/json']?.schema;
          expect({ path, method, requestSchema: schema && resolve(schema).type }).toEqual({
            path,
            method,
            requestSchema: 'object',
          });
        }
        const success = Object.entries(op.responses).filter(([code]) => code.startsWith('2'));
        expect(success.length).toBeGreaterThan(0);
        for (const [code, response] of success) {
          const schema = response.content?.['application/json']?.schema;
          expect({ path, method, code, hasSchema: !!schema }).toEqual({ path, method, code, hasSchema: true });
        }
      }
    }
  });

  it('describes error answers as problem details, and bearer auth on every protected endpoint', () => {
    const problem = doc.components.schemas.ProblemDetails;
    expect(problem.required).toEqual(expect.arrayContaining(['type', 'title', 'status', 'detail']));
    expect(Object.keys(problem.properties!)).toEqual(
      expect.arrayContaining(['type', 'title', 'status', 'detail', 'errors']),
    );
    expect(doc.components.securitySchemes).toHaveProperty('bearer');
    for (const [path, methods] of Object.entries(CONTRACT)) {
      for (const method of methods) {
        const op = doc.paths[path][method];
        const open = path === '/health' || path === '/auth/login';
        expect({ path, method, secured: !!op.security?.length }).toEqual({ path, method, secured: !open });
        const expected = [
          ...(open ? [] : ['401', '403']),
          ...(path.includes('{id}') ? ['400', '404'] : []),
          ...(op.requestBody ? ['400'] : []),
        ];
        for (const code of expected) {
          expect({
            path,
            method,
            code,
            schema: op.responses[code]?.content?.['application/problem+json']?.schema,
          }).toEqual({
            path,
            method,
            code,
            schema: { $ref: '#/components/schemas/ProblemDetails' },
          });
        }
      }
    }
  });

  it('documents the fields of the contract on the response schemas', () => {
    const props = (name: string) => Object.keys(doc.components.schemas[name].properties ?? {});
    expect(props('BedView')).toEqual(
      expect.arrayContaining([
        'id',
        'providerId',
        'serviceLevelId',
        'label',
        'status',
        'minAge',
        'maxAge',
        'gender',
        'stepFree',
        'petsAllowed',
        'acceptsFireRisk',
        'acceptsSexualHarmRisk',
        'uascSpecialist',
        'under18Only',
        'over18Only',
        'outOfServiceReason',
        'availableFrom',
      ]),
    );
    expect(props('ProviderView')).toEqual(
      expect.arrayContaining([
        'id',
        'name',
        'area',
        'ofstedUrn',
        'ofstedCategory',
        'email',
        'phone',
        'vacanciesConfirmedAt',
        'stale',
      ]),
    );
    expect(props('ServiceLevelView')).toEqual(
      expect.arrayContaining([
        'id',
        'code',
        'name',
        'rank',
        'minAge',
        'maxAge',
        'supportHoursMin',
        'supportHoursMax',
        'emergency',
        'accommodationCode',
        'suitable',
      ]),
    );
    expect(props('UserView')).toEqual(expect.arrayContaining(['id', 'email', 'name', 'role', 'area', 'active']));
    expect(props('LoginResponse')).toEqual(expect.arrayContaining(['accessToken', 'user']));
    expect(props('VacancyRow')).toEqual(
      expect.arrayContaining(['serviceLevelId', 'area', 'available', 'held', 'occupied', 'outOfService']),
    );
    expect(props('AuditEventView')).toEqual(
      expect.arrayContaining(['id', 'at', 'actorUserId', 'action', 'entity', 'entityId', 'changes']),
    );
    expect(props('HealthView')).toEqual(expect.arrayContaining(['status', 'checks']));
    const health = doc.paths['/health'].get.responses;
    expect(health['503'].content?.['application/json']?.schema).toEqual({ $ref: '#/components/schemas/HealthView' });
  });

  it('documents the list parameters and filters', () => {
    const params = (path: string) =>
      (doc.paths[path].get.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
    for (const path of ['/users', '/service-levels', '/providers', '/beds', '/audit'])
      expect(params(path)).toEqual(expect.arrayContaining(['limit', 'offset']));
    expect(params('/beds')).toEqual(expect.arrayContaining(['status', 'providerId', 'serviceLevelId', 'area']));
    expect(params('/audit')).toEqual(expect.arrayContaining(['entity', 'entityId', 'actorUserId']));
  });
});

describe('GET /audit', () => {
  let providerId: string;
  beforeAll(async () => {
    providerId = (await h.as('housing_officer').post('/providers').send({ name: 'Audited', area: 'Crewe' })).body.id;
    await h.as('admin').patch(`/providers/${providerId}`).send({ phone: '01270 123456' });
    await h.as('housing_officer').post(`/providers/${providerId}/vacancy-confirmations`).send({});
  });

  it('answers every change to a record, newest first, with actor, time and what changed', async () => {
    const res = await h.as('head_of_service').get(`/audit?entityId=${providerId}`);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(3);
    expect(res.body.items.map((e: { action: string }) => e.action)).toEqual([
      'provider.vacancies_confirmed',
      'provider.updated',
      'provider.created',
    ]);
    for (const e of res.body.items) {
      expect(Object.keys(e).sort()).toEqual([
        'action',
        'actorName',
        'actorUserId',
        'at',
        'changes',
        'entity',
        'entityId',
        'id',
        'userNames',
      ]);
      expect(e).toMatchObject({ entity: 'Provider', entityId: providerId });
      expect(Date.parse(e.at)).not.toBeNaN();
    }
    expect(res.body.items[1]).toMatchObject({
      actorUserId: h.users.admin.id,
      changes: { phone: { from: null, to: '01270 123456' } },
    });
    expect(res.body.items[2].actorUserId).toBe(h.users.housing_officer.id);
  });

  it('filters by entity, entityId and actorUserId, together and apart', async () => {
    const byActor = (await h.as('director').get(`/audit?actorUserId=${h.users.admin.id}&limit=500`)).body;
    expect(byActor.items.length).toBeGreaterThan(0);
    expect(byActor.items.every((e: { actorUserId: string }) => e.actorUserId === h.users.admin.id)).toBe(true);
    const byEntity = (await h.as('director').get('/audit?entity=Provider&limit=500')).body;
    expect(byEntity.items.every((e: { entity: string }) => e.entity === 'Provider')).toBe(true);
    expect(byEntity.total).toBe(await h.count('audit_event', `entity = 'Provider'`));
    const all3 = (
      await h.as('director').get(`/audit?entity=Provider&entityId=${providerId}&actorUserId=${h.users.admin.id}`)
    ).body;
    expect(all3.items.map((e: { action: string }) => e.action)).toEqual(['provider.updated']);
    expect((await h.as('director').get(`/audit?entity=Bed&entityId=${providerId}`)).body).toEqual({
      items: [],
      total: 0,
    });
  });

  it('honours limit and offset with the full total', async () => {
    const all = (await h.as('admin').get(`/audit?entityId=${providerId}`)).body;
    const page = (await h.as('admin').get(`/audit?entityId=${providerId}&limit=1&offset=1`)).body;
    expect(page).toEqual({ items: [all.items[1]], total: 3 });
  });
});
