import { defineEntity, p } from '@mikro-orm/core';
import { ACCOMMODATION_CODES } from '../../kernel/accommodation';
import { BED_GENDERS, BED_STATUSES, OFSTED_CATEGORIES } from '../../kernel/inventory';

/** A step on the accommodation pathway. Councils define their own: these are data, not code. */
export const ServiceLevelSchema = defineEntity({
  name: 'ServiceLevel',
  tableName: 'service_level',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => crypto.randomUUID()),
    code: p.string().length(40).unique(),
    name: p.string().length(200),
    rank: p.integer(),
    minAge: p.integer(),
    maxAge: p.integer(),
    supportHoursMin: p.integer(),
    supportHoursMax: p.integer(),
    emergency: p.boolean(),
    accommodationCode: p.enum(ACCOMMODATION_CODES),
    suitable: p.boolean(),
    version: p.integer().version(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export class ServiceLevel extends ServiceLevelSchema.class {}
ServiceLevelSchema.setClass(ServiceLevel);

export const ProviderSchema = defineEntity({
  name: 'Provider',
  tableName: 'provider',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => crypto.randomUUID()),
    name: p.string().length(200),
    area: p.string().length(100).index(),
    ofstedUrn: p.string().length(20).nullable(),
    ofstedCategory: p.enum(OFSTED_CATEGORIES).nullable(),
    email: p.string().length(254).nullable(),
    phone: p.string().length(40).nullable(),
    vacanciesConfirmedAt: p.datetime().nullable(),
    version: p.integer().version(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export class Provider extends ProviderSchema.class {}
ProviderSchema.setClass(Provider);

/**
 * A bed or unit. Its `status` changes only through BedStateService, which enforces the allowed
 * transitions; `version` gives optimistic locking so concurrent edits cannot silently overwrite.
 * `providerId`/`serviceLevelId` are plain foreign keys (declared in the migration).
 */
export const BedSchema = defineEntity({
  name: 'Bed',
  tableName: 'bed',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => crypto.randomUUID()),
    providerId: p.uuid().index(),
    serviceLevelId: p.uuid().index(),
    label: p.string().length(200),
    status: p.enum(BED_STATUSES).default('available').index(),
    minAge: p.integer(),
    maxAge: p.integer(),
    gender: p.enum(BED_GENDERS).default('any'),
    stepFree: p.boolean().default(false),
    petsAllowed: p.boolean().default(false),
    acceptsFireRisk: p.boolean().default(false),
    acceptsSexualHarmRisk: p.boolean().default(false),
    uascSpecialist: p.boolean().default(false),
    under18Only: p.boolean().default(false),
    over18Only: p.boolean().default(false),
    outOfServiceReason: p.string().length(500).nullable(),
    availableFrom: p.date().nullable(),
    version: p.integer().version(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export class Bed extends BedSchema.class {}
BedSchema.setClass(Bed);
