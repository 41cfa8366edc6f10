import { defineEntity, p } from '@mikro-orm/core';

/**
 * A place the council organises its work by (a town, a patch). Users, providers and young people
 * name areas from this list, so "Crewe" and "crewe " cannot drift apart and an alert can always
 * be routed by area. Names are unique ignoring case and surrounding spaces.
 */
export const AreaSchema = defineEntity({
  name: 'Area',
  tableName: 'area',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => crypto.randomUUID()),
    name: p.string().length(100),
    createdAt: p.datetime().onCreate(() => new Date()),
    createdByUserId: p.uuid().nullable(),
  },
});

export class Area extends AreaSchema.class {}
AreaSchema.setClass(Area);
