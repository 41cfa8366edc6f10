import fc from 'fast-check';
import { BlockList, isIP } from 'node:net';
import {
  addressClass,
  addressRefusal,
  hostNameRefusal,
  isRefusal,
  parseIpv4,
  parseIpv6,
  parseWebhookUrl,
  staticRefusal,
  type WebhookUrl,
} from './webhook-targets';

const octet = fc.integer({ min: 0, max: 255 });
const ipv4 = fc.tuple(octet, octet, octet, octet).map((o) => o.join('.'));
const group = fc.integer({ min: 0, max: 0xffff });
const groupsOf = (n: number) => fc.array(group, { minLength: n, maxLength: n });
/** Eight groups, the first two often on the edges of the special blocks (uniform groups would never hit them). */
const v6Groups = fc
  .tuple(
    fc.oneof(group, fc.constantFrom(0, 0x64, 0x2000, 0x2001, 0x2002, 0x3fff, 0x4000, 0xfc00, 0xfe80, 0xfec0, 0xff00)),
    fc.oneof(group, fc.integer({ min: 0, max: 0x3ff }), fc.constantFrom(0, 0xdb8, 0xff9b, 0xfff, 0x1000)),
    groupsOf(6),
  )
  .map(([a, b, rest]) => [a, b, ...rest]);
/** Eight groups written out in full: `0:0:0:0:0:ffff:7f00:1`. */
const fullV6 = (gs: number[]) => gs.map((g) => g.toString(16)).join(':');
/** The form a URL host and the resolver give: `::ffff:7f00:1`. */
const canonical = (v6: string) => new URL(`http://[${v6}]/`).hostname.slice(1, -1);
const v4Groups = (v4: string) => {
  const [a, b, c, d] = v4.split('.').map(Number);
  return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
};
/** An IPv4 address inside `cidr`. */
const inV4 = (cidr: string) => {
  const [base, bits] = cidr.split('/');
  const start = Number(parseIpv4(base));
  const size = 2 ** (32 - Number(bits));
  return fc.integer({ min: 0, max: size - 1 }).map((i) => fromNumber(start + i));
};

/**
 * An independent statement of what must never receive a webhook (RFC 6890 and the IANA special
 * registries), checked with Node's own BlockList rather than the kernel's prefix matching.
 */
const REFUSED_V4 = [
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.0.0.0/24',
  '192.0.2.0/24',
  '192.88.99.0/24',
  '192.168.0.0/16',
  '198.18.0.0/15',
  '198.51.100.0/24',
  '203.0.113.0/24',
  '224.0.0.0/4',
  '240.0.0.0/4',
];
const REFUSED = new BlockList();
for (const cidr of REFUSED_V4) {
  const [net, bits] = cidr.split('/');
  REFUSED.addSubnet(net, Number(bits), 'ipv4');
}
const fromNumber = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
/** Just outside each refused range, on either side. */
const EDGES = REFUSED_V4.flatMap((cidr) => {
  const [base, bits] = cidr.split('/');
  const start = Number(parseIpv4(base));
  return [start - 1, start + 2 ** (32 - Number(bits))].filter((n) => n >= 0 && n < 2 ** 32).map(fromNumber);
});
/** Anywhere, inside any refused range, or on an edge. */
const anyIpv4 = fc.oneof(ipv4, fc.oneof(...REFUSED_V4.map(inV4)), fc.constantFrom(...EDGES));

describe('addressClass', () => {
  it('names the classic internal targets', () => {
    expect(
      Object.fromEntries(
        [
          '169.254.169.254',
          '127.0.0.1',
          '10.1.2.3',
          '172.31.255.255',
          '192.168.0.1',
          '100.64.0.1',
          '100.100.100.200',
          '0.0.0.0',
          '255.255.255.255',
          '224.0.0.251',
          '::1',
          '::',
          'fe80::1',
          'fe80::1%eth0',
          'fd00:ec2::254',
          'fc00::1',
          'ff02::1',
          '::ffff:169.254.169.254',
          '::ffff:a9fe:a9fe',
          '[::ffff:7f00:1]',
          '64:ff9b::a00:1',
          '::7f00:1',
          '2001:db8::1',
        ].map((a) => [a, addressClass(a)]),
      ),
    ).toEqual({
      '169.254.169.254': 'link_local',
      '127.0.0.1': 'loopback',
      '10.1.2.3': 'private',
      '172.31.255.255': 'private',
      '192.168.0.1': 'private',
      '100.64.0.1': 'shared',
      '100.100.100.200': 'shared',
      '0.0.0.0': 'unspecified',
      '255.255.255.255': 'broadcast',
      '224.0.0.251': 'multicast',
      '::1': 'loopback',
      '::': 'unspecified',
      'fe80::1': 'link_local',
      'fe80::1%eth0': 'link_local',
      'fd00:ec2::254': 'private',
      'fc00::1': 'private',
      'ff02::1': 'multicast',
      '::ffff:169.254.169.254': 'link_local',
      '::ffff:a9fe:a9fe': 'link_local',
      '[::ffff:7f00:1]': 'loopback',
      '64:ff9b::a00:1': 'private',
      '::7f00:1': 'reserved',
      '2001:db8::1': 'reserved',
    });
  });

  it('lets through public addresses, IPv4 and IPv6, mapped or not', () => {
    for (const a of ['8.8.8.8', '52.96.0.1', '172.32.0.1', '100.128.0.1', '2606:4700::1111', '::ffff:8.8.8.8'])
      expect([a, addressClass(a)]).toEqual([a, 'public']);
  });

  it('refuses every IPv4 address in a special-purpose range and allows every other one (Node’s BlockList agrees)', () => {
    fc.assert(
      fc.property(anyIpv4, (a) => {
        expect(addressClass(a) === 'public').toBe(!REFUSED.check(a, 'ipv4'));
      }),
      { numRuns: 5000 },
    );
  });

  it('classes each internal range as such, wherever in the range the address falls', () => {
    const cases: [string, string][] = [
      ['127.0.0.0/8', 'loopback'],
      ['10.0.0.0/8', 'private'],
      ['172.16.0.0/12', 'private'],
      ['192.168.0.0/16', 'private'],
      ['169.254.0.0/16', 'link_local'],
      ['100.64.0.0/10', 'shared'],
      ['224.0.0.0/4', 'multicast'],
      ['0.0.0.0/8', 'unspecified'],
    ];
    for (const [cidr, cls] of cases) {
      fc.assert(fc.property(inV4(cidr), (a) => expect([a, addressClass(a)]).toEqual([a, cls])));
    }
  });

  it('judges an IPv4-mapped or NAT64 IPv6 address exactly as the IPv4 address it carries, in every written form', () => {
    fc.assert(
      fc.property(anyIpv4, fc.constantFrom('::ffff:', '0:0:0:0:0:ffff:', '64:ff9b::'), (a, prefix) => {
        const expected = addressClass(a);
        const [hi, lo] = v4Groups(a);
        for (const form of [`${prefix}${a}`, `${prefix}${hi}:${lo}`, canonical(`${prefix}${a}`)])
          expect([form, addressClass(form)]).toEqual([form, expected]);
      }),
      { numRuns: 2000 },
    );
  });

  it('allows IPv6 only in global unicast, outside documentation, 6to4 and the IETF block', () => {
    fc.assert(
      fc.property(v6Groups, (gs) => {
        const first = gs[0];
        const cls = addressClass(canonical(fullV6(gs)));
        const mapped = gs.slice(0, 5).every((g) => g === 0) && gs[5] === 0xffff;
        const nat64 = first === 0x64 && gs[1] === 0xff9b && gs.slice(2, 6).every((g) => g === 0);
        if (mapped || nat64) return;
        const special =
          (first === 0x2001 && gs[1] < 0x200) || (first === 0x2001 && gs[1] === 0xdb8) || first === 0x2002;
        const docs3fff = first === 0x3fff && gs[1] >> 12 === 0;
        const global = first >> 13 === 1 && !special && !docs3fff;
        expect([fullV6(gs), cls === 'public']).toEqual([fullV6(gs), global]);
      }),
      { numRuns: 5000 },
    );
  });

  it('classes ULA, link-local and multicast IPv6 wherever in their prefix', () => {
    const withFirst = (lo: number, hi: number) =>
      fc.tuple(fc.integer({ min: lo, max: hi }), groupsOf(7)).map(([f, rest]) => canonical(fullV6([f, ...rest])));
    fc.assert(fc.property(withFirst(0xfc00, 0xfdff), (a) => expect(addressClass(a)).toBe('private')));
    fc.assert(fc.property(withFirst(0xfe80, 0xfebf), (a) => expect(addressClass(a)).toBe('link_local')));
    fc.assert(fc.property(withFirst(0xff00, 0xffff), (a) => expect(addressClass(a)).toBe('multicast')));
  });

  it('parses exactly what Node takes for an address, and refuses the ambiguous IPv4 spellings', () => {
    fc.assert(
      fc.property(v6Groups, (gs) => {
        const a = canonical(fullV6(gs));
        expect(parseIpv6(a)).toBe(parseIpv6(fullV6(gs)));
        expect(parseIpv6(a)).toBe(gs.reduce((v, g) => (v << 16n) | BigInt(g), 0n));
      }),
    );
    fc.assert(fc.property(fc.string({ maxLength: 20 }), (s) => expect(parseIpv4(s) !== null).toBe(isIP(s) === 4)));
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9a-f:.]{0,30}$/), (s) => {
        if (parseIpv6(s) !== null) expect(isIP(s)).toBe(6);
      }),
      { numRuns: 3000 },
    );
    for (const bad of [
      '010.0.0.1',
      '0x7f.0.0.1',
      '127.1',
      '2130706433',
      '1.2.3.256',
      '1::2::3',
      ':::',
      '1:2:3:4:5:6:7:8:9',
    ])
      expect([bad, addressClass(bad)]).toEqual([bad, 'not_an_address']);
  });
});

describe('webhook URLs', () => {
  const parsed = (url: string) => parseWebhookUrl(url) as WebhookUrl;

  it('sees through the URL spellings of an internal address', () => {
    for (const url of [
      'http://2130706433/',
      'http://0x7f.1/',
      'http://127.1/',
      'http://127.0.0.1./',
      'https://[::ffff:127.0.0.1]/',
      'https://[::ffff:a9fe:a9fe]/latest',
      'https://0251.0376.0251.0376/',
      'https://169.254.169.254/latest/meta-data/',
    ]) {
      const target = parsed(url);
      expect([url, target.literal !== null, staticRefusal(target, true)?.code]).toEqual([url, true, 'address']);
    }
  });

  it('refuses internal and single-label names before any lookup, and lets public names through to be resolved', () => {
    for (const url of [
      'https://localhost/x',
      'https://LOCALHOST./x',
      'https://api.localhost/x',
      'https://metadata.google.internal/computeMetadata',
      'https://printer.local/',
      'https://metadata/',
      'https://intranet.corp/',
      'https://1.0.0.127.in-addr.arpa/',
    ])
      expect([url, staticRefusal(parsed(url), true)?.code]).toEqual([url, 'internal_name']);
    expect(staticRefusal(parsed('https://outlook.office.com/webhook/abc'), false)).toBeNull();
    expect(hostNameRefusal('hooks.slack.com')).toBeNull();
  });

  it('takes https, and http only where the installation allows it', () => {
    expect(staticRefusal(parsed('http://hooks.example.com/x'), false)?.code).toBe('scheme');
    expect(staticRefusal(parsed('http://hooks.example.com/x'), true)).toBeNull();
    expect(isRefusal(parseWebhookUrl('ftp://hooks.example.com/x'))).toBe(true);
    expect(isRefusal(parseWebhookUrl('not a url'))).toBe(true);
  });

  it('keeps the port, the path and the query, and the host without brackets', () => {
    expect(parseWebhookUrl('https://[2606:4700::1111]:8443/hook/a?b=1#frag')).toEqual({
      scheme: 'https',
      host: '2606:4700::1111',
      port: 8443,
      path: '/hook/a?b=1',
      literal: '2606:4700::1111',
    });
    expect(parseWebhookUrl('http://hooks.example.com/x')).toMatchObject({ port: 80, literal: null });
  });

  it('words each refusal without the address itself', () => {
    expect(addressRefusal('169.254.169.254')?.message).toBe(
      'must not point to a link-local address (cloud metadata lives there)',
    );
    expect(addressRefusal('8.8.8.8')).toBeNull();
  });
});
