import fc from 'fast-check';
import { canEditStatus } from '../../kernel/bed-state';
import { BED_STATUSES } from '../../kernel/inventory';
import {
  bedEditAction,
  checkBed,
  checkExpectedReturn,
  checkOutOfServiceReason,
  checkStatusEdit,
  newBed,
} from './bed-rules';
import type { CreateBedDto } from './inventory.dto';

const dto = (o: Partial<CreateBedDto> = {}): CreateBedDto => ({
  providerId: 'p',
  serviceLevelId: 's',
  label: 'Room 1',
  minAge: 16,
  maxAge: 25,
  ...o,
});

describe('bed rules', () => {
  it('gives a new bed the documented defaults', () => {
    expect(newBed(dto())).toMatchObject({
      status: 'available',
      gender: 'any',
      stepFree: false,
      petsAllowed: false,
      acceptsFireRisk: false,
      acceptsSexualHarmRisk: false,
      uascSpecialist: false,
      under18Only: false,
      over18Only: false,
      outOfServiceReason: null,
      availableFrom: null,
    });
  });

  it('keeps an out-of-service reason only for a bed created out of service', () => {
    expect(newBed(dto({ outOfServiceReason: 'flood' })).outOfServiceReason).toBeNull();
    expect(newBed(dto({ status: 'out_of_service', outOfServiceReason: 'flood' })).outOfServiceReason).toBe('flood');
  });

  it('names every field at fault at once', () => {
    const bad = { minAge: 19, maxAge: 17, under18Only: true, over18Only: true, status: 'out_of_service' as const };
    expect(() => checkBed(bad)).toThrow(
      expect.objectContaining({
        kind: 'invalid',
        fields: expect.arrayContaining([
          expect.objectContaining({ field: 'maxAge' }),
          expect.objectContaining({ field: 'over18Only' }),
          expect.objectContaining({ field: 'under18Only' }),
          expect.objectContaining({ field: 'outOfServiceReason' }),
        ]),
      }),
    );
    expect(() => checkBed({ ...newBed(dto()), minAge: 16, maxAge: 25 })).not.toThrow();
  });

  it('lets an edit move a bed exactly where the lifecycle lets an officer move it, and names the status otherwise', () => {
    fc.assert(
      fc.property(fc.constantFrom(...BED_STATUSES), fc.constantFrom(...BED_STATUSES), (from, to) => {
        if (canEditStatus(from, to)) expect(() => checkStatusEdit(from, to)).not.toThrow();
        else
          expect(() => checkStatusEdit(from, to)).toThrow(
            expect.objectContaining({ kind: 'conflict', code: 'bed_state', details: { bedStatus: from } }),
          );
      }),
    );
    expect(() => checkStatusEdit('held', 'out_of_service')).toThrow(/release the hold or end the stay instead/);
  });

  it('refuses a reason on a bed that is not out of service', () => {
    expect(() => checkOutOfServiceReason('available', 'flood')).toThrow(expect.objectContaining({ kind: 'invalid' }));
    expect(() => checkOutOfServiceReason('out_of_service', 'flood')).not.toThrow();
    expect(() => checkOutOfServiceReason('available', null)).not.toThrow();
  });

  it('audits a status edit as out of or back into service, anything else as an update', () => {
    expect(bedEditAction({ label: {} }, 'available')).toBe('bed.updated');
    expect(bedEditAction({ status: {} }, 'out_of_service')).toBe('bed.taken_out_of_service');
    expect(bedEditAction({ status: {} }, 'available')).toBe('bed.returned_to_service');
  });

  it('refuses an out-of-service bed an expected return date in the past, naming availableFrom', () => {
    expect(() => checkExpectedReturn('out_of_service', '2026-11-22', '2026-11-23')).toThrow(
      expect.objectContaining({ kind: 'invalid', fields: [expect.objectContaining({ field: 'availableFrom' })] }),
    );
    expect(() => checkExpectedReturn('out_of_service', '2026-11-23', '2026-11-23')).not.toThrow();
    expect(() => checkExpectedReturn('out_of_service', null, '2026-11-23')).not.toThrow();
    expect(() => checkExpectedReturn('available', '2026-01-01', '2026-11-23')).not.toThrow();
  });
});
