import { ROLES } from '../../../src/kernel/roles';
import { ManualClock } from '../../../src/platform/clock';
import { expectProblem, Harness } from '../../support/harness';
import { makePerson } from '../../support/fixtures';

/**
 * GET /metrics (Prometheus) and the queue dashboard at /admin/queues. Workers are off and the clock
 * is manual, so nothing fires behind the test's back and ages are exact.
 */

const METRICS_TOKEN = 'test-metrics-token-0123456789abcdef';
const clock = new ManualClock(new Date());
let h: Harness;

beforeAll(async () => {
  h = await Harness.start({ env: { WORKERS_ENABLED: 'false', METRICS_TOKEN }, clock });
});
afterAll(async () => {
  await h?.stop();
});

const scrape = async () => {
  const res = await h.withToken(METRICS_TOKEN).get('/metrics');
  expect(res.status).toBe(200);
  return res.text;
};

/** The value of one sample (`name{labels} value`), or undefined when the series is absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const got = Object.fromEntries(
      [...(m[2] ?? '').matchAll(/([a-zA-Z_]+)="((?:[^"\\]|\\.)*)"/g)].map((x) => [x[1], x[2]]),
    );
    if (Object.entries(labels).every(([k, v]) => got[k] === v)) return Number(m[3]);
  }
  return undefined;
}

describe('GET /metrics', () => {
  it('answers the static METRICS_TOKEN and admins only, with problem details for everyone else', async () => {
    const anonymous = await h.as().get('/metrics');
    expectProblem(anonymous, 401);
    expectProblem(await h.withToken('not-the-token').get('/metrics'), 401);
    expectProblem(await h.withToken(`${METRICS_TOKEN}x`).get('/metrics'), 401);
    for (const role of ROLES.filter((r) => r !== 'admin')) expectProblem(await h.as(role).get('/metrics'), 403);

    const byToken = await h.withToken(METRICS_TOKEN).get('/metrics');
    expect(byToken.status).toBe(200);
    expect(byToken.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(byToken.headers['cache-control']).toBe('no-store');
    const byAdmin = await h.as('admin').get('/metrics');
    expect(byAdmin.status).toBe(200);
    for (const name of [
      'http_request_duration_seconds',
      'cla_unsuitable_stays_open',
      'cla_unsuitable_stay_oldest_seconds',
      'cla_escalation_steps_overdue',
      'cla_notifications_failed',
      'cla_queue_jobs',
      'cla_metrics_source_up',
      'process_resident_memory_bytes',
    ]) {
      expect(byAdmin.text).toContain(`# TYPE ${name} `);
    }
    expect(sample(byAdmin.text, 'cla_metrics_source_up', { source: 'database' })).toBe(1);
    expect(sample(byAdmin.text, 'cla_metrics_source_up', { source: 'redis' })).toBe(1);
  });

  it('labels requests by route template and status, never by a raw URL', async () => {
    const person = await makePerson(h, { age: 19 });
    expect((await h.as('pa').get(`/young-people/${person.id}`)).status).toBe(200);
    expect((await h.as('pa').get(`/young-people/${person.id}/timeline`)).status).toBe(200);
    expect((await h.as('pa').get('/no-such-route/123')).status).toBe(404);
    const text = await scrape();
    expect(text).not.toContain(person.id);
    expect(text).not.toContain('no-such-route');
    expect(
      sample(text, 'http_request_duration_seconds_count', { method: 'GET', route: '/young-people/:id', status: '200' }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample(text, 'http_request_duration_seconds_count', {
        method: 'GET',
        route: '/young-people/:id/timeline',
        status: '200',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample(text, 'http_request_duration_seconds_count', { method: 'GET', route: 'unmatched', status: '404' }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample(text, 'http_request_duration_seconds_count', { method: 'GET', route: '/metrics', status: '403' }),
    ).toBeGreaterThanOrEqual(1);
  });

  it('shows the unsuitable-stay gauges change as stays open and close, read from the database at scrape time', async () => {
    const before = await scrape();
    expect(sample(before, 'cla_unsuitable_stays_open')).toBe(0);
    expect(sample(before, 'cla_unsuitable_stay_oldest_seconds')).toBe(0);

    const a = await makePerson(h, { age: 20 });
    const b = await makePerson(h, { age: 21 });
    const hotel = await h
      .as('pa')
      .post('/stays')
      .send({ youngPersonId: a.id, accommodationCode: 'W', description: 'Travelodge' });
    expect(hotel.status).toBe(201);
    clock.advance(2 * 3600_000);
    let text = await scrape();
    expect(sample(text, 'cla_unsuitable_stays_open')).toBe(1);
    expect(sample(text, 'cla_unsuitable_stay_oldest_seconds')).toBe(7200);
    // The hotel's first step (PT0S) fell due two hours ago and nothing has fired it (workers are off): overdue.
    expect(sample(text, 'cla_escalation_steps_overdue')).toBeGreaterThanOrEqual(1);
    // Its wake-up sits in the timers queue, waiting for a worker.
    expect(sample(text, 'cla_queue_jobs', { queue: 'timers', state: 'waiting' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'cla_queue_jobs', { queue: 'notifications', state: 'failed' })).toBe(0);

    const shelter = await h
      .as('pa')
      .post('/stays')
      .send({ youngPersonId: b.id, accommodationCode: 'V', description: 'Night shelter' });
    expect(shelter.status).toBe(201);
    clock.advance(60_000);
    text = await scrape();
    expect(sample(text, 'cla_unsuitable_stays_open')).toBe(2);
    expect(sample(text, 'cla_unsuitable_stay_oldest_seconds')).toBe(7260);

    expect(
      (await h.as('pa').post(`/stays/${hotel.body.id}/end`).send({ reason: 'Moved to supported lodgings' })).status,
    ).toBe(200);
    text = await scrape();
    expect(sample(text, 'cla_unsuitable_stays_open')).toBe(1);
    expect(sample(text, 'cla_unsuitable_stay_oldest_seconds')).toBe(60);

    // A suitable stay is not counted.
    expect(
      (
        await h
          .as('pa')
          .post('/stays')
          .send({ youngPersonId: b.id, accommodationCode: 'E', description: 'Supported lodgings' })
      ).status,
    ).toBe(201);
    text = await scrape();
    expect(sample(text, 'cla_unsuitable_stays_open')).toBe(0);
    expect(sample(text, 'cla_unsuitable_stay_oldest_seconds')).toBe(0);

    // The gauges are read afresh: a restart (a new process) reports the same.
    await h.stopApp();
    await h.startApp({ env: { WORKERS_ENABLED: 'false', METRICS_TOKEN }, clock });
    text = await scrape();
    expect(sample(text, 'cla_unsuitable_stays_open')).toBe(0);
    expect(sample(text, 'cla_queue_jobs', { queue: 'timers', state: 'waiting' })).toBeGreaterThanOrEqual(1);
  });

  it('counts failed notifications by channel', async () => {
    const text0 = await scrape();
    const email0 = sample(text0, 'cla_notifications_failed', { channel: 'email' }) ?? 0;
    await h.db.query(
      `insert into notification (id, dedupe_key, channel, kind, subject, body, status, attempts, created_at)
       values (gen_random_uuid(), $1, 'email', 'test', 'subject', 'body', 'failed', 6, now())`,
      [`test-failed-${Date.now()}`],
    );
    const text = await scrape();
    expect(sample(text, 'cla_notifications_failed', { channel: 'email' })).toBe(email0 + 1);
    expect(sample(text, 'cla_notifications_failed', { channel: 'webhook' })).toBe(0);
  });
});

describe('/admin/queues (Bull Board)', () => {
  it('refuses anonymous callers (401) and every role but admin (403), as problem details', async () => {
    for (const path of ['/admin/queues', '/admin/queues/api/queues', '/admin/queues/static/js/main.js']) {
      expectProblem(await h.as().get(path), 401);
      expectProblem(await h.withToken('garbage').get(path), 401);
      for (const role of ROLES.filter((r) => r !== 'admin')) expectProblem(await h.as(role).get(path), 403);
    }
    expectProblem(await h.as('director').put('/admin/queues/api/queues/notifications/clean/failed'), 403);
  });

  it('shows an admin the dashboard and both queues, and audits an admin’s action', async () => {
    const page = await h.as('admin').get('/admin/queues');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('<base href="/admin/queues/"');
    const api = await h.as('admin').get('/admin/queues/api/queues');
    expect(api.status).toBe(200);
    const names = (api.body.queues as { name: string }[]).map((q) => q.name).sort();
    expect(names).toEqual(['notifications', 'timers']);

    const before = await h.count('audit_event', `action = 'queue_dashboard.action'`);
    expect((await h.as('admin').put('/admin/queues/api/queues/notifications/clean/failed')).status).toBe(200);
    expect(
      await h.count('audit_event', `action = 'queue_dashboard.action' and actor_user_id = $1`, [h.users.admin.id]),
    ).toBe(before + 1);
  });
});

describe('OpenAPI', () => {
  it('documents /metrics and /admin/queues', async () => {
    const doc = (await h.as().get('/docs-json')).body;
    expect(doc.paths['/metrics'].get.responses['200'].content['text/plain']).toBeDefined();
    expect(Object.keys(doc.paths['/metrics'].get.responses)).toEqual(expect.arrayContaining(['200', '401', '403']));
    expect(doc.paths['/admin/queues'].get.responses['200'].content['text/html']).toBeDefined();
    expect(Object.keys(doc.paths['/admin/queues'].get.responses)).toEqual(
      expect.arrayContaining(['200', '401', '403']),
    );
  });
});
