import { Injectable } from '@nestjs/common';
import type { RequiredEntityData } from '@mikro-orm/postgresql';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { Contact } from './contact.entity';

export interface ContactRecord {
  id: string;
  young_person_id: string;
  contacted_at: Date;
  method: string;
  in_touch: string;
  activity: string | null;
  notes: string | null;
  recorded_by_user_id: string;
  recorded_by_name: string | null;
  created_at: Date;
}

/** Every query on `keeping_in_touch_contact`. Runs in the caller's unit of work when there is one. */
@Injectable()
export class ContactsRepository {
  constructor(private readonly uow: UnitOfWork) {}

  async insert(data: RequiredEntityData<Contact>): Promise<Contact> {
    const em = this.uow.em;
    const contact = em.create(Contact, data);
    em.persist(contact);
    await em.flush();
    return contact;
  }

  /** One young person's contacts, most recent first, with who recorded each. */
  async page(youngPersonId: string, limit: number, offset: number): Promise<[ContactRecord[], number]> {
    const em = this.uow.em;
    const rows = await em.execute<ContactRecord[]>(
      `select c.id, c.young_person_id, c.contacted_at, c.method, c.in_touch, c.activity, c.notes, c.recorded_by_user_id,
              u.name as recorded_by_name, c.created_at
         from keeping_in_touch_contact c left join app_user u on u.id = c.recorded_by_user_id
        where c.young_person_id = ? order by c.contacted_at desc, c.created_at desc, c.id desc limit ? offset ?`,
      [youngPersonId, limit, offset],
    );
    const [{ n }] = await em.execute<{ n: number }[]>(
      `select count(*)::int as n from keeping_in_touch_contact where young_person_id = ?`,
      [youngPersonId],
    );
    return [rows, n];
  }
}
