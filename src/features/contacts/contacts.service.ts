import { Inject, Injectable } from '@nestjs/common';
import { invalid } from '../../kernel/errors';
import { contactErrors } from '../../kernel/keeping-in-touch';
import type { AuthUser } from '../../kernel/roles';
import { CLOCK, Clock } from '../../platform/clock';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { pageOf } from '../../platform/pagination';
import { AuditService } from '../audit/audit.service';
import { YoungPeopleService } from '../young-people/young-people.service';
import { ContactPage, ContactQuery, ContactView, CreateContactDto } from './contacts.dto';
import { ContactsRepository, type ContactRecord } from './contacts.repository';

const view = (c: ContactRecord): ContactView => ({
  id: c.id,
  youngPersonId: c.young_person_id,
  contactedAt: new Date(c.contacted_at).toISOString(),
  method: c.method as ContactView['method'],
  inTouch: c.in_touch as ContactView['inTouch'],
  activity: (c.activity as ContactView['activity']) ?? null,
  notes: c.notes,
  recordedByUserId: c.recorded_by_user_id,
  recordedByName: c.recorded_by_name,
  createdAt: new Date(c.created_at).toISOString(),
});

/** Keeping-in-touch contacts: recorded and read within the caller's caseload (a PA: their own; anyone else's is not found). */
@Injectable()
export class ContactsService {
  constructor(
    private readonly contacts: ContactsRepository,
    private readonly people: YoungPeopleService,
    private readonly audit: AuditService,
    private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(user: AuthUser, youngPersonId: string, q: ContactQuery): Promise<ContactPage> {
    const { limit, offset } = pageOf(q);
    await this.people.findVisible(this.uow.em, user, youngPersonId);
    const [rows, total] = await this.contacts.page(youngPersonId, limit, offset);
    return { items: rows.map(view), total };
  }

  async record(user: AuthUser, youngPersonId: string, dto: CreateContactDto): Promise<ContactView> {
    return this.uow.run(async (em) => {
      const y = await this.people.findVisible(em, user, youngPersonId);
      const facts = { contactedAt: new Date(dto.contactedAt), inTouch: dto.inTouch, activity: dto.activity ?? null };
      const errors = contactErrors(facts, y.dateOfBirth, this.clock.now());
      if (errors.length) throw invalid(errors);
      const c = await this.contacts.insert({
        youngPersonId: y.id,
        ...facts,
        method: dto.method,
        notes: dto.notes ?? null,
        recordedByUserId: user.id,
      });
      this.audit.record(em, {
        actorUserId: user.id,
        action: 'contact.recorded',
        entity: 'Contact',
        entityId: c.id,
        changes: {
          youngPersonId: y.id,
          contactedAt: c.contactedAt.toISOString(),
          method: c.method,
          inTouch: c.inTouch,
          activity: c.activity ?? null,
          notes: c.notes ?? null,
        },
      });
      return view({
        id: c.id,
        young_person_id: y.id,
        contacted_at: c.contactedAt,
        method: c.method,
        in_touch: c.inTouch,
        activity: c.activity ?? null,
        notes: c.notes ?? null,
        recorded_by_user_id: user.id,
        recorded_by_name: user.name,
        created_at: c.createdAt,
      });
    });
  }
}
