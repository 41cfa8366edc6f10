/**
 * Where a webhook may be sent: a public https address on the internet, never inside the council's
 * network (loopback, private ranges, link-local and the cloud metadata address, carrier-grade NAT,
 * multicast, reserved ranges) and never a name that only an internal resolver knows. Pure rules:
 * resolving names and connecting are the platform's (`platform/http/webhook-targets.ts`), which
 * checks every address a name resolves to with `addressClass` and connects to a checked one.
 */

/** What kind of address it is; only `public` may receive a webhook. */
export type AddressClass =
  | 'public'
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'link_local'
  | 'shared'
  | 'multicast'
  | 'broadcast'
  | 'reserved'
  | 'not_an_address';

type Range<C = AddressClass> = [prefix: bigint, bits: number, cls: C];

/** IPv4 special-purpose ranges (IANA), most specific first: the first that matches decides. */
const V4: Range[] = (
  [
    ['0.0.0.0', 8, 'unspecified'],
    ['10.0.0.0', 8, 'private'],
    ['100.64.0.0', 10, 'shared'],
    ['127.0.0.0', 8, 'loopback'],
    ['169.254.0.0', 16, 'link_local'],
    ['172.16.0.0', 12, 'private'],
    ['192.0.0.0', 24, 'reserved'],
    ['192.0.2.0', 24, 'reserved'],
    ['192.88.99.0', 24, 'reserved'],
    ['192.168.0.0', 16, 'private'],
    ['198.18.0.0', 15, 'reserved'],
    ['198.51.100.0', 24, 'reserved'],
    ['203.0.113.0', 24, 'reserved'],
    ['224.0.0.0', 4, 'multicast'],
    ['255.255.255.255', 32, 'broadcast'],
    ['240.0.0.0', 4, 'reserved'],
  ] as const
).map(([a, bits, cls]) => [parseIpv4(a)!, bits, cls]);

/**
 * IPv6 ranges, most specific first. IPv4-mapped (`::ffff:a.b.c.d`) and NAT64 (`64:ff9b::a.b.c.d`)
 * addresses are judged by the IPv4 address they carry; anything else outside global unicast
 * (2000::/3) is refused, and so are the special blocks inside it.
 */
const V6: Range<AddressClass | 'embedded_ipv4'>[] = (
  [
    ['::', 128, 'unspecified'],
    ['::1', 128, 'loopback'],
    ['::ffff:0:0', 96, 'embedded_ipv4'],
    ['64:ff9b::', 96, 'embedded_ipv4'],
    ['::', 96, 'reserved'],
    ['fc00::', 7, 'private'],
    ['fe80::', 10, 'link_local'],
    ['fec0::', 10, 'private'],
    ['ff00::', 8, 'multicast'],
    ['2001::', 23, 'reserved'],
    ['2001:db8::', 32, 'reserved'],
    ['2002::', 16, 'reserved'],
    ['3fff::', 20, 'reserved'],
    ['2000::', 3, 'public'],
  ] as const
).map(([a, bits, cls]) => [parseIpv6(a)!, bits, cls]);

/** A canonical dotted-quad IPv4 address as a number, or null (no octal, hex, short or padded forms). */
export function parseIpv4(text: string): bigint | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0n;
  for (const p of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(p) || Number(p) > 255) return null;
    value = (value << 8n) | BigInt(p);
  }
  return value;
}

/** An IPv6 address (brackets, a zone id and a trailing dotted IPv4 allowed) as a 128-bit number, or null. */
export function parseIpv6(text: string): bigint | null {
  let s = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  s = s.replace(/%[^%]+$/, '');
  if (!s.includes(':') || /[^0-9a-fA-F:.]/.test(s)) return null;
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  if (!head || !tail) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  return [...head, ...Array<number>(missing).fill(0), ...tail].reduce((v, g) => (v << 16n) | BigInt(g), 0n);
}

/** The 16-bit groups of one side of `::` (a final dotted IPv4 counts as two), or null. */
function groups(side: string): number[] | null {
  if (side === '') return [];
  const parts = side.split(':');
  const out: number[] = [];
  for (const [i, p] of parts.entries()) {
    if (i === parts.length - 1 && p.includes('.')) {
      const v4 = parseIpv4(p);
      if (v4 === null) return null;
      out.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
    } else if (/^[0-9a-fA-F]{1,4}$/.test(p)) out.push(parseInt(p, 16));
    else return null;
  }
  return out;
}

function match<C>(value: bigint, width: number, ranges: Range<C>[]): Range<C> | undefined {
  return ranges.find(([prefix, bits]) => value >> BigInt(width - bits) === prefix >> BigInt(width - bits));
}

/** What kind of address `text` is (IPv4 dotted quad or IPv6, brackets allowed). */
export function addressClass(text: string): AddressClass {
  const v4 = parseIpv4(text);
  if (v4 !== null) return match(v4, 32, V4)?.[2] ?? 'public';
  const v6 = parseIpv6(text);
  if (v6 === null) return 'not_an_address';
  const cls = match(v6, 128, V6)?.[2] ?? 'reserved';
  if (cls !== 'embedded_ipv4') return cls;
  const embedded = v6 & 0xffffffffn;
  return match(embedded, 32, V4)?.[2] ?? 'public';
}

export const isIpAddress = (text: string) => parseIpv4(text) !== null || parseIpv6(text) !== null;

/** Suffixes only an internal resolver answers for (RFC 6761, 6762, 8375 and common private zones). */
const INTERNAL_SUFFIXES = ['localhost', 'internal', 'local', 'localdomain', 'lan', 'intranet', 'corp', 'home', 'arpa'];

/** Why a host name cannot be a webhook target, or null when it may (its addresses are checked separately). */
export function hostNameRefusal(name: string): TargetRefusal | null {
  const host = name.toLowerCase().replace(/\.+$/, '');
  if (!host.includes('.'))
    return { code: 'internal_name', message: 'must name a host on the internet, not a single-label name' };
  const internal = INTERNAL_SUFFIXES.find((s) => host === s || host.endsWith(`.${s}`));
  return internal ? { code: 'internal_name', message: `must not name an internal host (.${internal})` } : null;
}

export interface TargetRefusal {
  /** `scheme`, `address` (an IP the target is or resolves to), `internal_name`, `not_a_url`. */
  code: 'scheme' | 'address' | 'internal_name' | 'not_a_url';
  message: string;
}

const CLASS_WORDS: Record<Exclude<AddressClass, 'public'>, string> = {
  unspecified: 'an unspecified address',
  loopback: 'a loopback address',
  private: 'a private network address',
  link_local: 'a link-local address (cloud metadata lives there)',
  shared: 'a carrier-grade NAT address',
  multicast: 'a multicast address',
  broadcast: 'the broadcast address',
  reserved: 'a reserved address',
  not_an_address: 'not an address',
};

/** Why this address may not receive a webhook, or null when it is public. */
export function addressRefusal(address: string): TargetRefusal | null {
  const cls = addressClass(address);
  return cls === 'public' ? null : { code: 'address', message: `must not point to ${CLASS_WORDS[cls]}` };
}

/** A webhook URL taken apart: the host without brackets, and the address when the host is one. */
export interface WebhookUrl {
  scheme: 'http' | 'https';
  host: string;
  port: number;
  /** Path and query, as sent in the request line. */
  path: string;
  /** The host when it is an IP literal (nothing to resolve). */
  literal: string | null;
}

/** Parses a webhook URL as WHATWG URL does (so `0x7f.1` and `2130706433` are seen as 127.0.0.1). */
export function parseWebhookUrl(url: string): WebhookUrl | TargetRefusal {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { code: 'not_a_url', message: 'must be an http(s) URL' };
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return { code: 'scheme', message: 'must be an https URL' };
  const scheme = u.protocol === 'https:' ? 'https' : 'http';
  const host = u.hostname.startsWith('[') ? u.hostname.slice(1, -1) : u.hostname;
  const port = u.port ? Number(u.port) : scheme === 'https' ? 443 : 80;
  return { scheme, host, port, path: `${u.pathname}${u.search}`, literal: isIpAddress(host) ? host : null };
}

/** https always; http only where the installation allows it (ALLOW_HTTP_WEBHOOKS in development). */
export function schemeRefusal(scheme: 'http' | 'https', allowHttp: boolean): TargetRefusal | null {
  return scheme === 'https' || allowHttp ? null : { code: 'scheme', message: 'must be an https URL' };
}

/** Every check that needs no DNS: the scheme, an IP literal's class, the host name. */
export function staticRefusal(target: WebhookUrl, allowHttp: boolean): TargetRefusal | null {
  return (
    schemeRefusal(target.scheme, allowHttp) ??
    (target.literal !== null ? addressRefusal(target.literal) : hostNameRefusal(target.host))
  );
}

export const isRefusal = (v: WebhookUrl | TargetRefusal): v is TargetRefusal => 'code' in v;
