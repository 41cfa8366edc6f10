import { lookup } from 'node:dns/promises';
import type { LookupFunction } from 'node:net';
import {
  addressRefusal,
  hostNameRefusal,
  isRefusal,
  parseWebhookUrl,
  schemeRefusal,
  type TargetRefusal,
  type WebhookUrl,
} from '../../kernel/webhook-targets';

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Every address a name resolves to, as the operating system's resolver answers (hosts file, DNS). */
export type Resolve = (host: string) => Promise<ResolvedAddress[]>;

export const systemResolve: Resolve = (host) => lookup(host, { all: true, verbatim: true });

/**
 * A webhook refused because of where it points. What the delivery log shows: never the address,
 * never anything the target said. Not worth retrying: the same URL is refused next time too.
 */
export class WebhookTargetRefused extends Error {
  override readonly name = 'WebhookTargetRefused';

  constructor(readonly refusal: TargetRefusal) {
    super(refusal.code === 'scheme' ? 'target scheme not allowed (https only)' : 'target address not allowed');
  }
}

/** A checked target: connect to `address` (and nothing a second lookup might answer). */
export interface PinnedTarget extends WebhookUrl {
  address: string;
  family: 4 | 6;
}

export interface WebhookTargetPolicy {
  allowHttp: boolean;
  /** Test-only loopback endpoints (`127.0.0.1:port`, `[::1]:port`) exempt from the rules (WEBHOOK_TEST_RECEIVERS). */
  testReceivers: string[];
  /** How long a lookup may take. */
  timeoutMs: number;
}

/**
 * Where a webhook may go, with DNS (the pure rules are `kernel/webhook-targets.ts`): the scheme,
 * the host name, then every address it resolves to must be public. `pin` answers the address to
 * connect to, so a name that resolves elsewhere a moment later (DNS rebinding) changes nothing.
 */
export class WebhookTargets {
  private readonly receivers: Set<string>;

  constructor(
    private readonly policy: WebhookTargetPolicy,
    /** The resolver; the e2e tests stand in for DNS here (it is outside their control). */
    public resolve: Resolve = systemResolve,
  ) {
    this.receivers = new Set(policy.testReceivers);
  }

  /**
   * Why this URL may not be a webhook, or null. A name that does not resolve now is not refused
   * (DNS may be down; every delivery checks it again).
   */
  async refusal(url: string): Promise<TargetRefusal | null> {
    try {
      await this.pin(url);
      return null;
    } catch (e) {
      if (e instanceof WebhookTargetRefused) return e.refusal;
      return null;
    }
  }

  /**
   * Resolves the URL's host and checks every address it has; throws WebhookTargetRefused, or a
   * lookup error. The scheme and internal names are refused before any lookup.
   */
  async pin(url: string): Promise<PinnedTarget> {
    const target = parseWebhookUrl(url);
    if (isRefusal(target)) throw new WebhookTargetRefused(target);
    const named = target.literal === null ? hostNameRefusal(target.host) : null;
    const scheme = schemeRefusal(target.scheme, this.policy.allowHttp);
    const early = named ?? (this.receivers.size ? null : scheme);
    if (early) throw new WebhookTargetRefused(early);
    const addresses = target.literal
      ? [{ address: target.literal, family: target.literal.includes(':') ? 6 : 4 }]
      : await this.lookup(target);
    if (!addresses.length) throw Object.assign(new Error('no address'), { code: 'ENOTFOUND' });
    const exempt = addresses.every((a) => this.receivers.has(endpoint(a.address, target.port)));
    const refused = exempt ? null : (scheme ?? addresses.map((a) => addressRefusal(a.address)).find((r) => r !== null));
    if (refused) throw new WebhookTargetRefused(refused);
    return { ...target, address: addresses[0].address, family: addresses[0].family === 6 ? 6 : 4 };
  }

  private async lookup(target: WebhookUrl): Promise<ResolvedAddress[]> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(Object.assign(new Error('lookup timed out'), { code: 'ETIMEOUT' })),
        this.policy.timeoutMs,
      );
    });
    try {
      return await Promise.race([this.resolve(target.host.replace(/\.+$/, '')), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

const endpoint = (address: string, port: number) => `${address.includes(':') ? `[${address}]` : address}:${port}`;

/** A `lookup` for `http.request` that answers the checked address whatever name it is asked for. */
export function pinnedLookup(target: PinnedTarget): LookupFunction {
  return (_host, options, callback) => {
    if (options.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
}
