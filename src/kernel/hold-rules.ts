import { DateTime } from 'luxon';
import { type BedStatus } from './inventory';
import { canEditStatus } from './bed-state';
import { LONDON, londonDate } from './dates';
import { conflict, DomainError, forbidden, invalidField } from './errors';
import { type HoldStatus, type RequestStatus } from './placements';
import { CAN, type Role } from './roles';

/**
 * What the caller may do next with a request, a hold, a stay or a bed, and why not: decided once
 * here, shown as `allowedActions` in API responses, and enforced by the services through
 * `enforce`, so what a response offers is what the API then allows.
 *
 * Hold limits (HOLD_MAX_LIFE, default P14D): a hold may be extended, with a reason, until at most
 * that long after it was made, and its planned move-in (`moveInAt`) may be from today up to that
 * same point. A planned move-in later than the hold's current expiry is fine: the hold must be
 * confirmed (or extended) before it expires, and a confirmed move-in keeps the bed held till then.
 */

export interface Decision {
  allowed: boolean;
  /** Why not (or, allowed, what it will entail), in words a person reads. */
  reason?: string;
  /** The domain error's kind and code when the service refuses. */
  kind?: Refusal;
  code?: string;
}

type Refusal = 'forbidden' | 'conflict' | 'rule_violation';

export interface AllowedAction {
  action: string;
  allowed: boolean;
  reason?: string;
}

export interface Actor {
  id: string;
  role: Role;
}

export interface HoldFacts {
  status: HoldStatus;
  expiresAt: Date;
  createdAt: Date;
  createdByUserId: string;
  /** The holder's name as staff see it. */
  holderName: string;
  stayId: string | null;
  moveInAt: Date | null;
}

export interface HoldLimits {
  /** The longest a hold may live from when it was made (HOLD_MAX_LIFE). */
  maxLifeMs: number;
}

const ok = (reason?: string): Decision => (reason ? { allowed: true, reason } : { allowed: true });
const no = (kind: Refusal, code: string, reason: string): Decision => ({
  allowed: false,
  reason,
  kind,
  code,
});

/** "3 Dec", or "3 Dec 14:30" with the time, in Europe/London. */
export function shortDate(at: Date, withTime = false): string {
  return DateTime.fromJSDate(at)
    .setZone(LONDON)
    .toFormat(withTime ? 'd LLL HH:mm' : 'd LLL');
}

const roleMay = (role: Role, group: keyof typeof CAN, what: string): Decision | null =>
  CAN[group].includes(role) ? null : no('forbidden', 'forbidden', `Your role may not ${what}`);

/** The latest a hold may be extended to, or a move-in planned for. */
export const holdLifeEnd = (createdAt: Date, limits: HoldLimits): Date =>
  new Date(createdAt.getTime() + limits.maxLifeMs);

/** Is a hold live (held, not past its expiry)? The refusal says why not. */
function liveOrWhy(h: Pick<HoldFacts, 'status' | 'expiresAt' | 'stayId' | 'moveInAt'>, now: Date): Decision | null {
  if (h.status === 'held' && h.expiresAt.getTime() > now.getTime()) return null;
  if (h.status === 'held') return no('conflict', 'hold_state', 'The hold has expired');
  if (h.status === 'confirmed' && !h.stayId && h.moveInAt)
    return no('conflict', 'hold_state', `The move-in is already confirmed for ${shortDate(h.moveInAt, true)}`);
  return no('conflict', 'hold_state', `The hold is ${h.status}`);
}

export function decideConfirmHold(actor: Actor, h: HoldFacts, now: Date): Decision {
  return roleMay(actor.role, 'allocateBeds', 'confirm holds') ?? liveOrWhy(h, now) ?? ok();
}

export function decideExtendHold(actor: Actor, h: HoldFacts, now: Date, limits: HoldLimits): Decision {
  const refused = roleMay(actor.role, 'allocateBeds', 'extend holds') ?? liveOrWhy(h, now);
  if (refused) return refused;
  const end = holdLifeEnd(h.createdAt, limits);
  if (h.expiresAt.getTime() >= end.getTime())
    return no('rule_violation', 'hold_limit', `The hold already runs to its limit (${shortDate(end, true)})`);
  return ok(`Up to ${shortDate(end, true)}, with a reason`);
}

export function decideReleaseHold(actor: Actor, h: HoldFacts, now: Date): Decision {
  const refused = roleMay(actor.role, 'allocateBeds', 'release holds');
  if (refused) return refused;
  if (h.status !== 'held') return liveOrWhy(h, now) as Decision;
  if (h.createdByUserId === actor.id) return ok();
  return ok(`Held by ${h.holderName} until ${shortDate(h.expiresAt, true)}: give a reason; they will be told`);
}

/** Does releasing this hold need a reason from `actor` (it is a colleague's)? */
export const releaseNeedsReason = (actor: Actor, h: Pick<HoldFacts, 'createdByUserId'>): boolean =>
  h.createdByUserId !== actor.id;

export function holdActions(actor: Actor, h: HoldFacts, now: Date, limits: HoldLimits): AllowedAction[] {
  return [
    view('confirm', decideConfirmHold(actor, h, now)),
    view('extend', decideExtendHold(actor, h, now, limits)),
    view('release', decideReleaseHold(actor, h, now)),
  ];
}

// ---------- requests ----------

export interface RequestFacts {
  status: RequestStatus;
  /** The request's live hold, if any (the oldest one). */
  liveHold: { holdId?: string; bedId: string; heldByUserId?: string; holderName: string; expiresAt: Date } | null;
}

/** Holding a bed for a request; one request holds one bed unless the officer deliberately adds another. */
export function decideHoldForRequest(actor: Actor, r: RequestFacts, additional: boolean): Decision {
  const refused = roleMay(actor.role, 'allocateBeds', 'hold beds');
  if (refused) return refused;
  if (r.status !== 'open' && r.status !== 'held')
    return no('conflict', 'request_state', `The request is ${r.status}; only an open request can hold a bed`);
  if (r.liveHold && !additional)
    return no(
      'conflict',
      'request_already_holds',
      `This request already holds a bed (held by ${r.liveHold.holderName} until ${shortDate(r.liveHold.expiresAt, true)}); hold another only deliberately`,
    );
  return ok();
}

export function decideWithdrawRequest(actor: Actor, r: Pick<RequestFacts, 'status'>): Decision {
  const refused = roleMay(actor.role, 'withdrawRequests', 'withdraw requests');
  if (refused) return refused;
  if (r.status === 'placed' || r.status === 'withdrawn')
    return no('conflict', 'request_state', `The request is already ${r.status}`);
  return ok(r.status === 'held' ? 'Its holds will be released' : undefined);
}

export function requestActions(actor: Actor, r: RequestFacts): AllowedAction[] {
  const another = decideHoldForRequest(actor, r, true);
  return [
    view('hold', decideHoldForRequest(actor, r, false)),
    view(
      'hold_another',
      another.allowed && !r.liveHold
        ? no('conflict', 'request_state', 'The request holds no bed yet: hold one first')
        : another,
    ),
    view('withdraw', decideWithdrawRequest(actor, r)),
  ];
}

// ---------- stays ----------

export function decideEndStay(actor: Actor, s: { endedAt: Date | null }): Decision {
  const refused = roleMay(actor.role, 'recordStays', 'end stays');
  if (refused) return refused;
  if (s.endedAt) return no('conflict', 'stay_ended', `The stay already ended on ${shortDate(s.endedAt)}`);
  return ok();
}

export const stayActions = (actor: Actor, s: { endedAt: Date | null }): AllowedAction[] => [
  view('end', decideEndStay(actor, s)),
];

// ---------- beds ----------

export interface BedFacts {
  status: BedStatus;
  /** Who holds it, when held. */
  holder: { userId: string; name: string; until: Date } | null;
}

/** Why a bed cannot be held now, in words (null: it can). */
export function bedHeldOrWhy(b: BedFacts): string | null {
  if (b.status === 'available') return null;
  if (b.status === 'held' && b.holder) return `Held by ${b.holder.name} until ${shortDate(b.holder.until, true)}`;
  return `The bed is ${b.status.replace(/_/g, ' ')}`;
}

export function decideHoldBed(actor: Actor, b: BedFacts): Decision {
  const refused = roleMay(actor.role, 'allocateBeds', 'hold beds');
  if (refused) return refused;
  const why = bedHeldOrWhy(b);
  return why ? no('conflict', 'bed_state', why) : ok();
}

function decideBedEdit(actor: Actor, b: BedFacts, to: BedStatus, what: string): Decision {
  const refused = roleMay(actor.role, 'writeInventory', what);
  if (refused) return refused;
  if (b.status === to) return no('conflict', 'bed_state', `The bed is already ${to.replace(/_/g, ' ')}`);
  if (!canEditStatus(b.status, to))
    return no('conflict', 'bed_state', bedHeldOrWhy(b) ?? `The bed is ${b.status.replace(/_/g, ' ')}`);
  return ok();
}

export const bedActions = (actor: Actor, b: BedFacts): AllowedAction[] => [
  view('hold', decideHoldBed(actor, b)),
  view('take-out-of-service', decideBedEdit(actor, b, 'out_of_service', 'take beds out of service')),
  view('return-to-service', decideBedEdit(actor, b, 'available', 'return beds to service')),
];

// ---------- planned move-in ----------

/**
 * A planned move-in: not before today (Europe/London) and not after the hold's longest life.
 * `field` names the input at fault.
 */
export function checkPlannedMoveIn(moveInAt: Date, heldAt: Date, now: Date, limits: HoldLimits, field = 'moveInAt') {
  if (londonDate(moveInAt) < londonDate(now)) throw invalidField(field, 'must not be before today');
  const end = holdLifeEnd(heldAt, limits);
  if (moveInAt.getTime() > end.getTime())
    throw invalidField(field, `must be no later than ${end.toISOString()} (the longest a hold may last)`);
}

/** An extension: later than the hold's expiry now, not past its longest life. */
export function checkExtension(until: Date, h: Pick<HoldFacts, 'expiresAt' | 'createdAt'>, limits: HoldLimits) {
  if (until.getTime() <= h.expiresAt.getTime())
    throw invalidField('until', `must be later than the hold's current expiry (${h.expiresAt.toISOString()})`);
  const end = holdLifeEnd(h.createdAt, limits);
  if (until.getTime() > end.getTime())
    throw new DomainError(
      'rule_violation',
      'hold_limit',
      `A hold may last at most until ${end.toISOString()} (HOLD_MAX_LIFE from when it was made)`,
      [{ field: 'until', message: `must be no later than ${end.toISOString()}` }],
      { limit: end.toISOString() },
    );
}

// ---------- enforcing ----------

/** Throws the decision's domain error when it refuses; `details` join the problem details. */
export function enforce(d: Decision, details: Record<string, unknown> = {}): void {
  if (d.allowed) return;
  const message = d.reason ?? 'Not allowed';
  if (d.kind === 'forbidden') throw forbidden(message);
  if (d.kind === 'rule_violation')
    throw new DomainError('rule_violation', d.code ?? 'rule_violation', message, [], details);
  throw conflict(message, d.code ?? 'conflict', details);
}

function view(action: string, d: Decision): AllowedAction {
  return d.reason ? { action, allowed: d.allowed, reason: d.reason } : { action, allowed: d.allowed };
}
