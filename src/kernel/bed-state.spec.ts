import fc from 'fast-check';
import { BED_TRANSITIONS, canEditStatus, canTransition, sourcesOf } from './bed-state';
import { BED_STATUSES } from './inventory';

describe('bed lifecycle', () => {
  it('lets a held bed be confirmed or released but never taken out of service', () => {
    expect(canTransition('held', 'occupied')).toBe(true);
    expect(canTransition('held', 'available')).toBe(true);
    expect(canTransition('held', 'out_of_service')).toBe(false);
  });

  it('never lets an occupied bed be held or taken out of service', () => {
    expect(canTransition('occupied', 'held')).toBe(false);
    expect(canTransition('occupied', 'out_of_service')).toBe(false);
  });

  it('has no self-transitions and sourcesOf agrees with the table', () => {
    fc.assert(
      fc.property(fc.constantFrom(...BED_STATUSES), fc.constantFrom(...BED_STATUSES), (from, to) => {
        if (from === to) return !canTransition(from, to);
        return (
          canTransition(from, to) === sourcesOf(to).includes(from) &&
          canTransition(from, to) === BED_TRANSITIONS[from].includes(to)
        );
      }),
    );
  });

  it('can always get any bed back to available', () => {
    for (const s of BED_STATUSES) if (s !== 'available') expect(canTransition(s, 'available')).toBe(true);
  });
});

describe('officer edits of bed status', () => {
  it('only move a bed between available and out of service', () => {
    expect(canEditStatus('available', 'out_of_service')).toBe(true);
    expect(canEditStatus('out_of_service', 'available')).toBe(true);
    for (const from of BED_STATUSES) {
      for (const to of BED_STATUSES) {
        if (from === 'held' || from === 'occupied' || to === 'held' || to === 'occupied')
          expect(canEditStatus(from, to)).toBe(false);
      }
    }
  });
});
