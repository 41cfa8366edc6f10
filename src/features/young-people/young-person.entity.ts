import { defineEntity, p } from '@mikro-orm/core';

export const LEGAL_STATUS_VALUES = ['eligible', 'relevant', 'former_relevant', 'qualifying'] as const;
export const PERSON_GENDERS = ['female', 'male', 'non_binary', 'other'] as const;
export const RISK_VALUES = [
  'fire_setting',
  'sexual_harm',
  'violence',
  'exploitation',
  'self_harm',
  'missing',
  'substances',
] as const;

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
    gender: p.enum(PERSON_GENDERS),
    legalStatus: p.enum(LEGAL_STATUS_VALUES),
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
