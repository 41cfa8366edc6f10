import { type BedStatus } from './inventory';

/**
 * The bed lifecycle. Every status change anywhere in the service is checked against this table.
 *   available -> held (a hold), occupied (a stay recorded straight into the bed), out_of_service
 *   held -> available (release, expiry), occupied (confirm)
 *   occupied -> available (the stay ends)
 *   out_of_service -> available (back in service)
 */
export const BED_TRANSITIONS: Readonly<Record<BedStatus, readonly BedStatus[]>> = {
  available: ['held', 'occupied', 'out_of_service'],
  held: ['available', 'occupied'],
  occupied: ['available'],
  out_of_service: ['available'],
};

/** Statuses an officer may set by editing a bed; `held` and `occupied` follow holds and stays. */
export const EDITABLE_BED_STATUSES: readonly BedStatus[] = ['available', 'out_of_service'];

export function canTransition(from: BedStatus, to: BedStatus): boolean {
  return BED_TRANSITIONS[from].includes(to);
}

/** The statuses a bed may be in for it to move to `to`. */
export function sourcesOf(to: BedStatus): BedStatus[] {
  return (Object.keys(BED_TRANSITIONS) as BedStatus[]).filter((from) => BED_TRANSITIONS[from].includes(to));
}

/**
 * May an officer's edit (PATCH /beds/:id) move a bed from `from` to `to`? Only between available
 * and out of service: a held or occupied bed belongs to its hold or stay, and editing it free would
 * orphan them.
 */
export function canEditStatus(from: BedStatus, to: BedStatus): boolean {
  return EDITABLE_BED_STATUSES.includes(from) && EDITABLE_BED_STATUSES.includes(to) && canTransition(from, to);
}
