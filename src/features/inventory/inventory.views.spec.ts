import type { AuditHistoryEntry } from '../audit/audit.service';
import { toBedHistoryEntry } from './inventory.views';

const event = (action: string, changes: Record<string, unknown>): AuditHistoryEntry => ({
  id: 'e1',
  at: '2026-12-04T16:00:00.000Z',
  actorUserId: 'u1',
  actorName: 'Sam Lee',
  action,
  changes,
});

describe("a bed's history from its audit events", () => {
  it('reads an edit taking it out of service: the move, the reason and the expected return', () => {
    const e = toBedHistoryEntry(
      event('bed.taken_out_of_service', {
        status: { from: 'available', to: 'out_of_service' },
        outOfServiceReason: { from: null, to: 'Leak' },
        availableFrom: { from: null, to: '2026-12-10' },
      }),
    );
    expect(e).toEqual({
      id: 'e1',
      at: '2026-12-04T16:00:00.000Z',
      action: 'bed.taken_out_of_service',
      byUserId: 'u1',
      byName: 'Sam Lee',
      statusFrom: 'available',
      statusTo: 'out_of_service',
      reason: 'Leak',
      availableFrom: '2026-12-10',
    });
  });

  it("reads a new bed's snapshot (values, not changes) as its first status", () => {
    const e = toBedHistoryEntry(
      event('bed.created', { status: 'available', outOfServiceReason: null, label: 'Room 1' }),
    );
    expect(e).toMatchObject({ statusFrom: null, statusTo: 'available', reason: null });
  });

  it('gives no reason for a move that is not out of service, and no status for an edit that kept it', () => {
    expect(
      toBedHistoryEntry(
        event('bed.returned_to_service', {
          status: { from: 'out_of_service', to: 'available' },
          outOfServiceReason: { from: 'Leak', to: null },
        }),
      ),
    ).toMatchObject({ statusFrom: 'out_of_service', statusTo: 'available', reason: null, availableFrom: null });
    expect(toBedHistoryEntry(event('bed.updated', { label: { from: 'A', to: 'B' } }))).toMatchObject({
      statusFrom: null,
      statusTo: null,
    });
  });
});
