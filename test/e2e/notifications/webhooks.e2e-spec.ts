import { NOTIFICATIONS_QUEUE, NotificationsService } from '../../../src/features/notifications/notifications.service';
import { ConfigError, loadConfig } from '../../../src/platform/config/config';
import type { ResolvedAddress } from '../../../src/platform/http/webhook-targets';
import { FetchWebhookClient, WebhookClient } from '../../../src/platform/mail/channels';
import { expectProblem, Harness } from '../../support/harness';
import { TestWebhookReceiver } from '../../support/webhook';

/**
 * Webhook targets that cannot reach inside the network (issue 10). DNS is outside a test's control,
 * so the service's resolver is replaced by a table here (`dns`); the receiver on loopback is
 * reachable only because this service runs with NODE_ENV=test and WEBHOOK_TEST_RECEIVERS naming it.
 * `inside` is a second loopback server that is not exempt: it stands for something inside the network.
 */
describe('webhook targets', () => {
  let h: Harness;
  let receiver: TestWebhookReceiver;
  let inside: TestWebhookReceiver;
  const dns = {
    table: new Map<string, string[]>(),
    /** Answers given once each, before the table's. */
    next: new Map<string, string[][]>(),
    asked: [] as string[],
    resolve(host: string): Promise<ResolvedAddress[]> {
      dns.asked.push(host);
      const answer = dns.next.get(host)?.shift() ?? dns.table.get(host);
      if (!answer)
        return Promise.reject(Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' }));
      return Promise.resolve(answer.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })));
    },
  };

  beforeAll(async () => {
    receiver = await TestWebhookReceiver.start();
    inside = await TestWebhookReceiver.start();
    h = await Harness.start({
      env: {
        NODE_ENV: 'test',
        WEBHOOK_TEST_RECEIVERS: receiver.endpoint,
        NOTIFY_ATTEMPTS: '3',
        NOTIFY_BACKOFF: 'PT0.1S',
      },
    });
    h.app.get<WebhookClient, FetchWebhookClient>(WebhookClient).targets.resolve = (host) => dns.resolve(host);
    dns.table.set('public.hooks.test', ['52.96.0.1', '2603:1036::1']);
    dns.table.set('loopback.hooks.test', ['127.0.0.1']);
    dns.table.set('mixed.hooks.test', ['52.96.0.1', '10.0.0.7']);
    dns.table.set('metadata6.hooks.test', ['::ffff:169.254.169.254']);
  });
  afterAll(async () => {
    await h?.stop();
    await receiver?.stop();
    await inside?.stop();
  });

  const put = (url: unknown, active?: unknown) =>
    h
      .as('admin')
      .put('/notification-webhooks/director')
      .send(active === undefined ? { url } : { url, active });

  /** A webhook notification as the escalation engine would leave it, delivered by the real queue. */
  async function deliver(url: string) {
    const id = crypto.randomUUID();
    await h.db.query(
      `insert into notification (id, dedupe_key, channel, recipient_role, target, kind, subject, body, status, attempts, created_at)
       values ($1, $2, 'webhook', 'director', $3, 'test', 'Webhook test', '{"text":"Webhook test"}', 'pending', 0, now())`,
      [id, `webhook-test:${id}`, url],
    );
    await h.app.get(NotificationsService).enqueue([id]);
    await h.queueIdle(NOTIFICATIONS_QUEUE);
    const row = (await h.db.query(`select status, attempts, last_error from notification where id = $1`, [id])).rows[0];
    const log = await h.as('admin').get('/notification-deliveries?channel=webhook&limit=100');
    return { row, logged: log.body.items.find((i: { id: string }) => i.id === id) };
  }

  it('refuses at PUT every target inside a network, by address or by name, naming url and writing nothing', async () => {
    expect((await put('https://public.hooks.test/webhookb2/kept')).status).toBe(200);
    await h.expectNoWrites(['role_webhook', 'notification'], async () => {
      for (const url of [
        'https://169.254.169.254/latest/meta-data/',
        'https://[::ffff:169.254.169.254]/latest/meta-data/',
        'https://[::ffff:a9fe:a9fe]/',
        'https://127.0.0.1/hook',
        'https://127.0.0.1./hook',
        'https://[::1]/hook',
        'https://[::ffff:127.0.0.1]/hook',
        'https://10.0.0.5/hook',
        'https://172.16.4.2/hook',
        'https://192.168.1.1/hook',
        'https://100.64.0.1/hook',
        'https://0.0.0.0/hook',
        'https://[::]/hook',
        'https://224.0.0.1/hook',
        'https://255.255.255.255/hook',
        'https://[fe80::1]/hook',
        'https://[fd00:ec2::254]/hook',
        'https://[ff02::1]/hook',
        'https://2130706433/hook',
        'https://0x7f.1/hook',
        'https://localhost/hook',
        'https://api.localhost/hook',
        'https://metadata.google.internal/computeMetadata/v1/',
        'https://printer.local/hook',
        'https://metadata/hook',
        `${receiver.baseUrl.replace('127.0.0.1', 'localhost')}/hook`,
        `https://${inside.endpoint}/hook`,
        'http://public.hooks.test/hook',
      ]) {
        const res = await put(url);
        expect([url, res.status]).toEqual([url, 400]);
        expectProblem(res, 400, ['url']);
      }
    });
    expect((await h.as('admin').get('/notification-webhooks')).body.items).toEqual([
      expect.objectContaining({ role: 'director', url: 'https://public.hooks.test/webhookb2/kept' }),
    ]);
    expect(inside.connections).toBe(0);
  });

  it('looks a name up and refuses it if it resolves to loopback, or to one internal address among public ones', async () => {
    dns.asked.length = 0;
    await h.expectNoWrites(['role_webhook'], async () => {
      for (const url of [
        'https://loopback.hooks.test/hook',
        'https://mixed.hooks.test/hook',
        'https://metadata6.hooks.test/hook',
      ]) {
        const res = await put(url);
        expectProblem(res, 400, ['url']);
        expect(res.body.detail).not.toMatch(/127\.0|10\.0|169\.254/);
      }
    });
    expect(dns.asked).toEqual(['loopback.hooks.test', 'mixed.hooks.test', 'metadata6.hooks.test']);
    const res = await put('https://loopback.hooks.test/hook');
    expect(res.body.errors).toEqual([{ field: 'url', message: 'must not point to a loopback address' }]);
  });

  it('takes a public https target, and a name that does not resolve now, to be checked at each delivery', async () => {
    expect((await put('https://public.hooks.test/webhookb2/abc', true)).body).toMatchObject({
      url: 'https://public.hooks.test/webhookb2/abc',
      active: true,
    });
    expect((await put('https://not-yet.hooks.test/webhookb2/abc')).status).toBe(200);
  });

  it('takes active as true or false only: null is refused, absent means true', async () => {
    await h.expectNoWrites(['role_webhook'], async () => {
      for (const active of [null, 'true', 1, {}])
        expectProblem(await put('https://public.hooks.test/x', active), 400, ['active']);
    });
    expect((await put('https://public.hooks.test/x', false)).body.active).toBe(false);
    expect((await put('https://public.hooks.test/x')).body.active).toBe(true);
  });

  it('takes http only where ALLOW_HTTP_WEBHOOKS is set in development', async () => {
    expectProblem(await put('http://52.96.0.1/hook'), 400, ['url']);
    const dev = await h.extraApp({ env: { ALLOW_HTTP_WEBHOOKS: 'true', WORKERS_ENABLED: 'false' } });
    try {
      const res = await dev.as('admin').put('/notification-webhooks/director').send({ url: 'http://52.96.0.1/hook' });
      expect(res.status).toBe(200);
      expectProblem(
        await dev.as('admin').put('/notification-webhooks/director').send({ url: 'http://10.0.0.5/hook' }),
        400,
        ['url'],
      );
    } finally {
      await dev.close();
    }
  });

  it('refuses to boot with ALLOW_HTTP_WEBHOOKS outside development or WEBHOOK_TEST_RECEIVERS outside the tests', () => {
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig(h.env({ JWT_SECRET: 'a-strong-secret-0123456789-ABCDEFGHIJKLMNOP', ...env }));
        return [];
      } catch (e) {
        return (e as ConfigError).problems;
      }
    };
    for (const NODE_ENV of ['production', 'test', 'staging'])
      expect(problems({ NODE_ENV, ALLOW_HTTP_WEBHOOKS: 'true' })).toEqual([
        expect.stringMatching(/^ALLOW_HTTP_WEBHOOKS=true is only allowed when NODE_ENV is development/),
      ]);
    for (const NODE_ENV of ['production', 'development'])
      expect(problems({ NODE_ENV, WEBHOOK_TEST_RECEIVERS: '127.0.0.1:4000' })).toEqual([
        expect.stringMatching(/^WEBHOOK_TEST_RECEIVERS is only for the automated tests/),
      ]);
    for (const bad of ['10.0.0.5:80', '169.254.169.254:80', '127.0.0.1', 'localhost:80', '127.0.0.1:70000'])
      expect(problems({ NODE_ENV: 'test', WEBHOOK_TEST_RECEIVERS: bad })).toEqual([
        expect.stringMatching(/^WEBHOOK_TEST_RECEIVERS must list loopback endpoints/),
      ]);
    expect(problems({ NODE_ENV: 'development', ALLOW_HTTP_WEBHOOKS: 'yes' })).toEqual([
      'ALLOW_HTTP_WEBHOOKS must be true or false',
    ]);
    expect(problems({ NODE_ENV: 'development', ALLOW_HTTP_WEBHOOKS: 'true' })).toEqual([]);
    expect(problems({ NODE_ENV: 'test', WEBHOOK_TEST_RECEIVERS: '127.0.0.1:4000,[::1]:4001' })).toEqual([]);
  });

  it('delivers to an allowed target at the address it checked: one lookup, and a changed answer is never used', async () => {
    const url = `http://receiver.hooks.test:${receiver.port}/pinned`;
    dns.table.set('receiver.hooks.test', ['127.0.0.1']);
    expect((await put(url)).status).toBe(200);
    // From the second lookup on, the name points inside the network: only a second lookup would see it.
    dns.table.set('receiver.hooks.test', ['10.0.0.9']);
    dns.next.set('receiver.hooks.test', [['127.0.0.1']]);
    dns.asked.length = 0;
    const { row } = await deliver(url);
    expect(row).toMatchObject({ status: 'sent', attempts: 1 });
    // The system resolver knows no such name: the connection went to the address that was checked.
    expect(dns.asked).toEqual(['receiver.hooks.test']);
    const posts = receiver.at('/pinned');
    expect(posts).toHaveLength(1);
    expect(posts[0].headers.host).toBe(`receiver.hooks.test:${receiver.port}`);
    expect(posts[0].body).toEqual({ text: 'Webhook test' });
  });

  it('refuses at delivery a stored target that now points inside the network: failed at once, nothing connected, no address shown', async () => {
    dns.table.set('rebind.hooks.test', ['52.96.0.1']);
    expect((await put(`https://rebind.hooks.test:${inside.port}/hook`)).status).toBe(200);
    dns.table.set('rebind.hooks.test', ['127.0.0.1']);
    const cases: [string, string][] = [
      [`https://rebind.hooks.test:${inside.port}/hook`, 'target address not allowed'],
      ['https://169.254.169.254/latest/meta-data/', 'target address not allowed'],
      ['https://[::ffff:a9fe:a9fe]/latest/meta-data/', 'target address not allowed'],
      [`https://${inside.endpoint}/hook`, 'target address not allowed'],
      ['https://metadata.google.internal/computeMetadata/v1/', 'target address not allowed'],
      ['http://public.hooks.test/hook', 'target scheme not allowed (https only)'],
    ];
    for (const [url, error] of cases) {
      const { row, logged } = await deliver(url);
      expect([url, row]).toEqual([url, { status: 'failed', attempts: 1, last_error: error }]);
      expect(logged).toMatchObject({ status: 'failed', attempts: 1, lastError: error });
      // The URL's origin as it was set, and nothing a lookup answered nor the path.
      expect(logged.target).toBe(`${new URL(url).origin}/…`);
      expect(JSON.stringify({ ...logged, target: null })).not.toMatch(/127\.0\.0\.1|\/hook|meta-data|computeMetadata/);
    }
    expect(inside.connections).toBe(0);
  });

  it('never follows a redirect, and keeps of an answer only its status', async () => {
    receiver.answerNext(3, {
      status: 302,
      headers: { location: `http://${inside.endpoint}/stolen` },
      body: 'ami-0123456789 at 10.1.2.3',
    });
    const { row, logged } = await deliver(`${receiver.baseUrl}/redirect`);
    expect(row).toEqual({ status: 'failed', attempts: 3, last_error: 'webhook answered HTTP 302' });
    expect(JSON.stringify(logged)).not.toMatch(/ami-|10\.1\.2\.3|stolen/);
    expect(receiver.at('/redirect')).toHaveLength(3);
    expect(inside.connections).toBe(0);
  });

  it('retries a name that does not resolve, saying only so', async () => {
    const { row } = await deliver('https://gone.hooks.test/hook');
    expect(row).toEqual({ status: 'failed', attempts: 3, last_error: 'webhook request failed: ENOTFOUND' });
  });
});
