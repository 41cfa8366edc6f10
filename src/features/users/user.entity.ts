import { defineEntity, p } from '@mikro-orm/core';
import { ROLES } from '../../kernel/roles';

export const UserSchema = defineEntity({
  name: 'User',
  tableName: 'app_user',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => crypto.randomUUID()),
    email: p.string().length(254).unique(),
    name: p.string().length(200),
    role: p.enum(ROLES),
    area: p.string().length(100).nullable(),
    /** The user this one reports to (a PA's team manager, a team manager's service manager…): escalations follow it upwards. */
    managerId: p.uuid().nullable(),
    active: p.boolean().default(true),
    /** Every access token carries it; a password change, a deactivation or signing out bumps it, ending older tokens. */
    tokenVersion: p.integer().default(0),
    passwordHash: p.text().hidden().lazy(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});

export class User extends UserSchema.class {}
UserSchema.setClass(User);
