import { defineEntity, p } from '@mikro-orm/core';
import { GENDERS, LEGAL_STATUSES } from '../../kernel/care-leavers';

/**
 * A care leaver. Sensitive personal data about children and young adults: it never goes into logs
 * or notification bodies (those carry the reference and initials only).
 */
export const YoungPersonSchema = defineEntity({
  name: 'YoungPerson',
  tableName: 'young_person',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => crypto.randomUUID()),
    reference: p.string().length(40).unique(),
    firstName: p.string().length(100),
    lastName: p.string().length(100),
    dateOfBirth: p.date(),
    gender: p.enum(GENDERS),
    legalStatus: p.enum(LEGAL_STATUSES),
    uasc: p.boolean().default(false),
    paUserId: p.uuid().index(),
    homeArea: p.string().length(100).nullable(),
    areasToAvoid: p.json<string[]>(),
    needsServiceLevelRank: p.integer().nullable(),
    stepFreeNeeded: p.boolean().default(false),
    hasPet: p.boolean().default(false),
    pregnantOrParent: p.boolean().default(false),
    risks: p.json<string[]>(),
    version: p.integer().version(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export class YoungPerson extends YoungPersonSchema.class {}
YoungPersonSchema.setClass(YoungPerson);
