import fc from 'fast-check';
import { accountDelayMs, signInDecision, type SignInPolicy } from './sign-in-limits';

const policy: SignInPolicy = { addressLimit: 10, windowMs: 15 * 60_000, freeFailures: 5, maxDelayMs: 15 * 60_000 };
const NOW = 1_000_000_000;
const ago = (ms: number) => NOW - ms;

describe('signInDecision', () => {
  it('lets a colleague in from an office address that has run into its limit through someone else’s typos', () => {
    const office = Array.from({ length: 10 }, (_, i) => ago(i * 1000));
    expect(signInDecision({ accountFailures: [], addressFailures: office, accountKnown: true }, NOW, policy)).toEqual({
      ok: true,
    });
    expect(
      signInDecision({ accountFailures: [ago(500)], addressFailures: office, accountKnown: true }, NOW, policy),
    ).toMatchObject({
      ok: false,
      reason: 'address',
    });
    expect(
      signInDecision({ accountFailures: [], addressFailures: office, accountKnown: false }, NOW, policy),
    ).toMatchObject({
      ok: false,
      reason: 'address',
    });
  });

  it('slows an account after five failures with delays that double, and lets the owner in once the delay has passed', () => {
    const five = [ago(50_000), ago(40_000), ago(30_000), ago(20_000), ago(500)];
    const d = signInDecision({ accountFailures: five, addressFailures: [], accountKnown: true }, NOW, policy);
    expect(d).toEqual({ ok: false, retryAfterMs: 500, reason: 'account' });
    expect(
      signInDecision({ accountFailures: five, addressFailures: [], accountKnown: true }, NOW + 500, policy),
    ).toEqual({ ok: true });
    expect([5, 6, 7, 20, 100].map((n) => accountDelayMs(n, policy))).toEqual([
      1000,
      2000,
      4000,
      15 * 60_000,
      15 * 60_000,
    ]);
  });

  it('forgets failures older than the window', () => {
    const old = Array.from({ length: 30 }, () => ago(policy.windowMs + 1));
    expect(signInDecision({ accountFailures: old, addressFailures: old, accountKnown: true }, NOW, policy)).toEqual({
      ok: true,
    });
  });

  it('never asks anyone to wait longer than the window or the longest delay, and never refuses an account with no failures from a clean address', () => {
    const times = fc.array(
      fc.integer({ min: 0, max: 2 * policy.windowMs }).map((ms) => ago(ms)),
      { maxLength: 60 },
    );
    fc.assert(
      fc.property(times, times, fc.boolean(), (acct, addr, known) => {
        const d = signInDecision({ accountFailures: acct, addressFailures: addr, accountKnown: known }, NOW, policy);
        if (!d.ok) expect(d.retryAfterMs).toBeLessThanOrEqual(Math.max(policy.windowMs, policy.maxDelayMs));
        if (!d.ok) expect(d.retryAfterMs).toBeGreaterThan(0);
        const clean = signInDecision({ accountFailures: [], addressFailures: [], accountKnown: known }, NOW, policy);
        expect(clean).toEqual({ ok: true });
      }),
    );
  });
});
