import { defineEntity, p } from '@mikro-orm/core';
import { CONTACT_METHODS } from '../../kernel/keeping-in-touch';
import { ACTIV_CODES, IN_TOUCH_CODES } from '../../kernel/ssda903';

/**
 * A keeping-in-touch contact with a care leaver: when, how, whether they were in touch (the DfE's
 * IN_TOUCH code) and their activity (ACTIV), which the SSDA903 care-leaver table reports around
 * each birthday. Notes are personal data: never logged.
 */
export const ContactSchema = defineEntity({
  name: 'Contact',
  tableName: 'keeping_in_touch_contact',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => crypto.randomUUID()),
    youngPersonId: p.uuid(),
    contactedAt: p.datetime(),
    method: p.enum(CONTACT_METHODS),
    inTouch: p.enum(IN_TOUCH_CODES),
    activity: p.enum(ACTIV_CODES).nullable(),
    notes: p.string().length(2000).nullable(),
    recordedByUserId: p.uuid(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export class Contact extends ContactSchema.class {}
ContactSchema.setClass(Contact);
