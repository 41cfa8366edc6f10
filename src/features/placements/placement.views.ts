import type { MatchRequest } from '../../kernel/matching';
import type { Hold, PlacementRequest } from './placement.entities';
import type { HoldView, PlacementRequestView } from './placements.dto';

export function toRequestView(r: PlacementRequest): PlacementRequestView {
  return {
    id: r.id,
    youngPersonId: r.youngPersonId,
    requestedByUserId: r.requestedByUserId,
    urgency: r.urgency,
    neededBy: r.neededBy,
    serviceLevelIds: r.serviceLevelIds ?? null,
    preferredAreas: r.preferredAreas,
    notes: r.notes ?? null,
    status: r.status,
    createdAt: r.createdAt.toISOString(),
    placedAt: r.placedAt?.toISOString() ?? null,
    withdrawnAt: r.withdrawnAt?.toISOString() ?? null,
  };
}

export function toHoldView(h: Hold): HoldView {
  return {
    id: h.id,
    requestId: h.requestId,
    bedId: h.bedId,
    status: h.status,
    expiresAt: h.expiresAt.toISOString(),
    createdAt: h.createdAt.toISOString(),
    createdByUserId: h.createdByUserId,
    endedAt: h.endedAt?.toISOString() ?? null,
    stayId: h.stayId ?? null,
    moveInAt: h.moveInAt?.toISOString() ?? null,
    endReason: h.endReason ?? null,
  };
}

/** The matcher's view of a request. */
export const toMatchRequest = (r: PlacementRequest): MatchRequest => ({
  urgency: r.urgency,
  neededBy: r.neededBy,
  serviceLevelIds: r.serviceLevelIds ?? null,
  preferredAreas: r.preferredAreas,
});
