import { Injectable } from '@nestjs/common';
import { type AuthUser } from '../../kernel/roles';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { pageOf } from '../../platform/pagination';
import { YoungPeopleService } from '../young-people/young-people.service';
import { buildTimeline, currentStayOf, pageOfTimeline, userIdsOf, type TimelineView } from './timeline';
import { TimelinePage, TimelineQuery } from './timeline.dto';
import { TimelineQueries } from './timeline.queries';

/**
 * One young person's evidence trail, oldest first, assembled from the records the service already
 * writes (stay, placement_request, hold, escalation, notification, audit_event): nothing is copied.
 * A PA sees their own caseload only (not found otherwise, as for the record itself).
 */
@Injectable()
export class TimelineService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly queries: TimelineQueries,
    private readonly people: YoungPeopleService,
  ) {}

  async timeline(user: AuthUser, id: string, q: TimelineQuery): Promise<TimelinePage> {
    const y = await this.people.findVisible(this.uow.em, user, id);
    const records = await this.queries.records(y.id);
    const users = await this.queries.users(userIdsOf(records));
    const entries = buildTimeline(records, users);
    const { limit, offset } = pageOf(q);
    return {
      youngPerson: { id: y.id, reference: y.reference },
      items: pageOfTimeline(entries, limit, offset),
      total: entries.length,
    };
  }

  /**
   * The timeline page's read: the same entries, and who they are about (age, legal status, their
   * PA's name, the open stay), scoped as the API is (a PA's caseload only, not found otherwise).
   */
  async view(user: AuthUser, id: string, q: TimelineQuery): Promise<TimelineView> {
    const y = await this.people.findVisible(this.uow.em, user, id);
    const records = await this.queries.records(y.id);
    const users = await this.queries.users([...new Set([...userIdsOf(records), y.paUserId])]);
    const entries = buildTimeline(records, users);
    const { limit, offset } = pageOf(q);
    const person = this.people.view(y);
    return {
      youngPerson: {
        id: y.id,
        reference: y.reference,
        firstName: y.firstName,
        lastName: y.lastName,
        age: person.age,
        legalStatus: y.legalStatus,
        uasc: y.uasc,
        homeArea: y.homeArea ?? null,
        paName: users.find((u) => u.id === y.paUserId)?.name ?? null,
        current: currentStayOf(records.stays),
      },
      items: pageOfTimeline(entries, limit, offset),
      total: entries.length,
    };
  }
}
