import { pinnedLookup, WebhookTargetRefused, WebhookTargets, type ResolvedAddress } from './webhook-targets';

/** A resolver answering from a table, counting the questions; unknown names do not resolve. */
function fakeDns(table: Record<string, string[]>) {
  const asked: string[] = [];
  const resolve = (host: string): Promise<ResolvedAddress[]> => {
    asked.push(host);
    const addresses = table[host];
    if (!addresses)
      return Promise.reject(Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' }));
    return Promise.resolve(addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })));
  };
  return { asked, resolve };
}

const POLICY = { allowHttp: false, testReceivers: [], timeoutMs: 10_000 };

describe('WebhookTargets', () => {
  const dns = fakeDns({
    'hooks.example.com': ['52.96.0.1', '2603:1036::1'],
    'mixed.example.com': ['52.96.0.1', '10.0.0.7'],
    'mapped.example.com': ['::ffff:169.254.169.254'],
    'loopback.example.com': ['127.0.0.1'],
    'receiver.example.test': ['127.0.0.1'],
  });
  const targets = new WebhookTargets(POLICY, dns.resolve);

  it('pins a public name to the first address it resolved to, having checked them all', async () => {
    await expect(targets.pin('https://hooks.example.com/webhookb2/abc?x=1')).resolves.toEqual({
      scheme: 'https',
      host: 'hooks.example.com',
      port: 443,
      path: '/webhookb2/abc?x=1',
      literal: null,
      address: '52.96.0.1',
      family: 4,
    });
  });

  it('refuses a name if any one of its addresses is internal, IPv4-mapped forms included', async () => {
    for (const url of [
      'https://mixed.example.com/x',
      'https://mapped.example.com/x',
      'https://loopback.example.com/x',
    ]) {
      await expect(targets.pin(url)).rejects.toThrow(WebhookTargetRefused);
      expect((await targets.refusal(url))?.code).toBe('address');
    }
  });

  it('refuses http, internal names and IP literals without asking DNS', async () => {
    dns.asked.length = 0;
    expect((await targets.refusal('http://hooks.example.com/x'))?.code).toBe('scheme');
    expect((await targets.refusal('https://metadata.google.internal/x'))?.code).toBe('internal_name');
    expect((await targets.refusal('https://169.254.169.254/latest/meta-data/'))?.code).toBe('address');
    expect((await targets.refusal('https://[::1]:8443/x'))?.code).toBe('address');
    expect(dns.asked).toEqual([]);
    expect(
      await new WebhookTargets({ ...POLICY, allowHttp: true }, dns.resolve).refusal('http://hooks.example.com/x'),
    ).toBeNull();
  });

  it('does not refuse a name that does not resolve now (every delivery looks it up again), but will not deliver to it', async () => {
    expect(await targets.refusal('https://not-yet.example.com/x')).toBeNull();
    await expect(targets.pin('https://not-yet.example.com/x')).rejects.toMatchObject({ code: 'ENOTFOUND' });
  });

  it('gives up a lookup that takes longer than its time', async () => {
    jest.useFakeTimers();
    try {
      const slow = new WebhookTargets({ ...POLICY, timeoutMs: 5000 }, () => new Promise(() => undefined));
      const pinned = slow.pin('https://hooks.example.com/x');
      jest.advanceTimersByTime(5000);
      await expect(pinned).rejects.toMatchObject({ code: 'ETIMEOUT' });
    } finally {
      jest.useRealTimers();
    }
  });

  it('exempts exactly the test receivers’ loopback endpoints, over http, and nothing beside them', async () => {
    const tests = new WebhookTargets({ ...POLICY, testReceivers: ['127.0.0.1:4010'] }, dns.resolve);
    await expect(tests.pin('http://receiver.example.test:4010/hook')).resolves.toMatchObject({
      address: '127.0.0.1',
      port: 4010,
    });
    await expect(tests.pin('http://127.0.0.1:4010/hook')).resolves.toMatchObject({ address: '127.0.0.1' });
    for (const url of [
      'http://127.0.0.1:4011/hook',
      'https://127.0.0.1/hook',
      'http://[::1]:4010/hook',
      'http://localhost:4010/hook',
      'http://hooks.example.com/x',
    ])
      await expect(tests.pin(url)).rejects.toThrow(WebhookTargetRefused);
  });

  it('says only that the target is not allowed, never where it pointed', async () => {
    await expect(targets.pin('https://mapped.example.com/x')).rejects.toThrow(/^target address not allowed$/);
    await expect(targets.pin('http://hooks.example.com/x')).rejects.toThrow(
      /^target scheme not allowed \(https only\)$/,
    );
  });
});

describe('pinnedLookup', () => {
  it('answers the checked address whatever it is asked, one at a time or all at once', () => {
    const lookup = pinnedLookup({
      scheme: 'https',
      host: 'hooks.example.com',
      port: 443,
      path: '/',
      literal: null,
      address: '2603:1036::1',
      family: 6,
    });
    const one = jest.fn();
    const all = jest.fn();
    lookup('hooks.example.com', {}, one);
    lookup('elsewhere.example.com', { all: true }, all);
    expect(one).toHaveBeenCalledWith(null, '2603:1036::1', 6);
    expect(all).toHaveBeenCalledWith(null, [{ address: '2603:1036::1', family: 6 }]);
  });
});
