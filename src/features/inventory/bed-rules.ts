import { canEditStatus } from '../../kernel/bed-state';
import { conflict, invalid, type FieldError } from '../../kernel/errors';
import { type BedStatus } from '../../kernel/inventory';
import type { CreateBedDto } from './inventory.dto';
import type { Bed } from './inventory.entities';

/** The checks on a bed's own fields (ages, the under/over-18 flags, an out-of-service reason). */
export function checkBed(
  b: Pick<Bed, 'minAge' | 'maxAge' | 'under18Only' | 'over18Only' | 'status'> & { outOfServiceReason?: string | null },
): void {
  const errors: FieldError[] = [];
  if (b.minAge > b.maxAge) errors.push({ field: 'maxAge', message: 'maxAge must not be below minAge' });
  if (b.under18Only && b.over18Only)
    errors.push({ field: 'over18Only', message: 'a bed cannot be both under-18s only and over-18s only' });
  if (b.under18Only && b.minAge >= 18)
    errors.push({ field: 'under18Only', message: 'an under-18s-only bed needs a minimum age below 18' });
  if (b.over18Only && b.maxAge < 18)
    errors.push({ field: 'over18Only', message: 'an over-18s-only bed needs a maximum age of 18 or more' });
  if (b.status === 'out_of_service' && !b.outOfServiceReason)
    errors.push({ field: 'outOfServiceReason', message: 'a bed out of service needs a reason' });
  if (errors.length) throw invalid(errors);
}

/** A new bed's fields: the documented defaults for what the body leaves out. */
export function newBed(dto: CreateBedDto) {
  const status: BedStatus = dto.status ?? 'available';
  return {
    providerId: dto.providerId,
    serviceLevelId: dto.serviceLevelId,
    label: dto.label,
    status,
    minAge: dto.minAge,
    maxAge: dto.maxAge,
    gender: dto.gender ?? 'any',
    stepFree: dto.stepFree ?? false,
    petsAllowed: dto.petsAllowed ?? false,
    acceptsFireRisk: dto.acceptsFireRisk ?? false,
    acceptsSexualHarmRisk: dto.acceptsSexualHarmRisk ?? false,
    uascSpecialist: dto.uascSpecialist ?? false,
    under18Only: dto.under18Only ?? false,
    over18Only: dto.over18Only ?? false,
    outOfServiceReason: status === 'out_of_service' ? (dto.outOfServiceReason ?? null) : null,
    availableFrom: dto.availableFrom ?? null,
  };
}

/**
 * An officer's edit may move a bed only between available and out of service (kernel/bed-state):
 * a held or occupied bed belongs to its hold or stay. Throws the 409 naming the bed's status.
 */
export function checkStatusEdit(from: BedStatus, to: BedStatus): void {
  if (canEditStatus(from, to)) return;
  const why = from === 'held' || from === 'occupied' ? '; release the hold or end the stay instead' : '';
  throw conflict(
    `The bed is ${from.replace(/_/g, ' ')} and cannot become ${to.replace(/_/g, ' ')}${why}`,
    'bed_state',
    { bedStatus: from },
  );
}

/** Only a bed out of service has a reason. */
export function checkOutOfServiceReason(status: BedStatus, reason: string | null | undefined): void {
  if (status !== 'out_of_service' && reason) {
    throw invalid(
      [{ field: 'outOfServiceReason', message: 'only a bed out of service has a reason' }],
      'outOfServiceReason: only a bed out of service has a reason',
    );
  }
}

/** The audit action of an edit: a status change takes the bed out of or back into service. */
export function bedEditAction(changes: Record<string, unknown>, status: BedStatus): string {
  if (!changes.status) return 'bed.updated';
  return status === 'out_of_service' ? 'bed.taken_out_of_service' : 'bed.returned_to_service';
}

/**
 * An out-of-service bed's expected return (`availableFrom`) may not be in the past: a date that has
 * passed says nothing about when the bed is back. Checked when the request sets the date or takes
 * the bed out of service; `today` is the council's (Europe/London) date.
 */
export function checkExpectedReturn(status: BedStatus, availableFrom: string | null | undefined, today: string): void {
  if (status !== 'out_of_service' || !availableFrom || availableFrom >= today) return;
  throw invalid(
    [{ field: 'availableFrom', message: `the expected return date must be today (${today}) or later` }],
    `availableFrom: the expected return date must be today (${today}) or later`,
  );
}
