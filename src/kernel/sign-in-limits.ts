/**
 * When a sign-in attempt is refused before its password is checked (issue 10: a council puts all
 * its staff behind one address, so one person's typos must not lock out the office).
 *
 * - **Per account**: the first `freeFailures` failures in the window cost nothing; after that each
 *   attempt waits a growing delay after the last failure (1 s, 2 s, 4 s … up to `maxDelayMs`). An
 *   account under attack is slowed, and its owner gets in once the delay has passed.
 * - **Per address**: once an address has `addressLimit` failures in the window, it may still try
 *   accounts with no failure in the window (a colleague at the same office), but not the accounts
 *   it has been failing at, nor unknown ones.
 * Failures only count; a success clears its account's failures.
 */

export interface SignInPolicy {
  addressLimit: number;
  windowMs: number;
  freeFailures: number;
  maxDelayMs: number;
}

export interface SignInHistory {
  /** When this account (by email, known or not) failed, in ms. */
  accountFailures: readonly number[];
  /** When this address failed, in ms. */
  addressFailures: readonly number[];
  accountKnown: boolean;
}

export type SignInDecision = { ok: true } | { ok: false; retryAfterMs: number; reason: 'account' | 'address' };

/** The delay an account waits after its last failure, with this many failures in the window. */
export function accountDelayMs(failures: number, p: SignInPolicy): number {
  if (failures < p.freeFailures) return 0;
  const doublings = Math.min(failures - p.freeFailures, 40);
  return Math.min(p.maxDelayMs, 1000 * 2 ** doublings);
}

export function signInDecision(h: SignInHistory, now: number, p: SignInPolicy): SignInDecision {
  const since = now - p.windowMs;
  const account = h.accountFailures.filter((t) => t > since && t <= now);
  const address = h.addressFailures.filter((t) => t > since && t <= now);
  const delay = accountDelayMs(account.length, p);
  if (delay > 0) {
    const readyAt = Math.max(...account) + delay;
    if (now < readyAt) return { ok: false, retryAfterMs: readyAt - now, reason: 'account' };
  }
  if (address.length >= p.addressLimit && (!h.accountKnown || account.length > 0)) {
    const freesAt = Math.min(...address) + p.windowMs;
    return { ok: false, retryAfterMs: Math.max(1, freesAt - now), reason: 'address' };
  }
  return { ok: true };
}
