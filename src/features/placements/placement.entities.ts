import { defineEntity, p } from '@mikro-orm/core';
import { HOLD_STATUSES, REQUEST_STATUSES, URGENCIES } from '../../kernel/placements';

/** A PA's request for a placement for one young person. */
export const PlacementRequestSchema = defineEntity({
  name: 'PlacementRequest',
  tableName: 'placement_request',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => crypto.randomUUID()),
    youngPersonId: p.uuid().index(),
    requestedByUserId: p.uuid(),
    urgency: p.enum(URGENCIES),
    neededBy: p.date(),
    serviceLevelIds: p.json<string[]>().nullable(),
    preferredAreas: p.json<string[]>(),
    notes: p.text().nullable(),
    status: p.enum(REQUEST_STATUSES).default('open').index(),
    placedAt: p.datetime().nullable(),
    withdrawnAt: p.datetime().nullable(),
    withdrawnReason: p.string().length(500).nullable(),
    /** When the housing officers' managers were told it is still open past its needed-by date (once). */
    overdueNotifiedAt: p.datetime().nullable(),
    version: p.integer().version(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export class PlacementRequest extends PlacementRequestSchema.class {}
PlacementRequestSchema.setClass(PlacementRequest);

/**
 * A bed held for a request until `expiresAt`. At most one live (`held`) hold per bed, enforced by a
 * partial unique index as well as by the bed's own state change.
 */
export const HoldSchema = defineEntity({
  name: 'Hold',
  tableName: 'hold',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => crypto.randomUUID()),
    requestId: p.uuid().index(),
    bedId: p.uuid().index(),
    status: p.enum(HOLD_STATUSES).default('held').index(),
    expiresAt: p.datetime().index(),
    createdByUserId: p.uuid(),
    createdAt: p.datetime().onCreate(() => new Date()),
    endedAt: p.datetime().nullable(),
    endedByUserId: p.uuid().nullable(),
    stayId: p.uuid().nullable(),
    /** The planned move-in; a confirmed hold with no stay yet moves in then. */
    moveInAt: p.datetime().nullable(),
    /** Why it was released, when someone gave a reason. */
    endReason: p.string().length(500).nullable(),
  },
});
export class Hold extends HoldSchema.class {}
HoldSchema.setClass(Hold);
