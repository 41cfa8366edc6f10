import { defineEntity, p } from '@mikro-orm/core';
import { ACCOMMODATION_CODES } from '../../kernel/accommodation';

/**
 * Where a young person lives from `startedAt` until `endedAt`: a managed bed or anywhere else (a
 * hotel tonight, a night shelter, sofa-surfing, custody). At most one open stay per young person,
 * and at most one open stay per bed, enforced by partial unique indexes.
 */
export const StaySchema = defineEntity({
  name: 'Stay',
  tableName: 'stay',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => crypto.randomUUID()),
    youngPersonId: p.uuid().index(),
    bedId: p.uuid().nullable().index(),
    holdId: p.uuid().nullable(),
    accommodationCode: p.enum(ACCOMMODATION_CODES),
    suitable: p.boolean(),
    /** Emergency provision (an emergency service level, a night shelter or a hotel). */
    emergency: p.boolean().default(false),
    suitabilityReason: p.string().length(500).nullable(),
    description: p.string().length(500).nullable(),
    startedAt: p.datetime().index(),
    endedAt: p.datetime().nullable(),
    endReason: p.string().length(500).nullable(),
    /** Facts at the start that policies match on (a later edit of the person does not change them). */
    ageAtStart: p.integer(),
    pregnantOrParentAtStart: p.boolean(),
    /** The stay whose start started the escalation clock this stay is under (itself, or an earlier stay of the same unbroken run). */
    clockStayId: p.uuid().nullable().index(),
    recordedByUserId: p.uuid().nullable(),
    endedByUserId: p.uuid().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export class Stay extends StaySchema.class {}
StaySchema.setClass(Stay);
