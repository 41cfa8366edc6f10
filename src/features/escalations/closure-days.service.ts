import { Injectable } from '@nestjs/common';
import { conflict, notFound } from '../../kernel/errors';
import type { AuthUser } from '../../kernel/roles';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { pageOf } from '../../platform/pagination';
import { uuidV5 } from '../../platform/uuid';
import { AuditService } from '../audit/audit.service';
import { CalendarService } from './calendar.service';
import { ClosureDaysRepository } from './closure-days.repository';
import { ClosureDayDto, ClosureDayPage, ClosureDayView } from './escalations.dto';

/** Closure days are keyed by date; their audit trail needs a uuid, derived from the date (RFC 4122 v5). */
const CLOSURE_DAY_NAMESPACE = 'c1a5e0d4-7e1b-4d53-9a55-2f6b1c3d4e5f';
export const closureDayId = (date: string) => uuidV5(CLOSURE_DAY_NAMESPACE, `closure-day:${date}`);

/** Council closure days: not working days, on top of weekends and bank holidays. A change reloads the calendar. */
@Injectable()
export class ClosureDaysService {
  constructor(
    private readonly days: ClosureDaysRepository,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly calendars: CalendarService,
  ) {}

  async list(q: { limit?: number; offset?: number }): Promise<ClosureDayPage> {
    const { limit, offset } = pageOf(q);
    const [rows, total] = await this.days.page(limit, offset);
    return { items: rows.map((d) => ({ date: d.date, reason: d.reason })), total };
  }

  async add(user: AuthUser, dto: ClosureDayDto): Promise<ClosureDayView> {
    const view = await this.uow.run(async (em) => {
      if (await this.days.exists(dto.date)) throw conflict(`${dto.date} is already a closure day`);
      const d = await this.days.add({ date: dto.date, reason: dto.reason, createdByUserId: user.id });
      this.audit.record(em, {
        actorUserId: user.id,
        action: 'closure_day.added',
        entity: 'ClosureDay',
        entityId: closureDayId(dto.date),
        changes: { date: dto.date, reason: dto.reason },
      });
      return { date: d.date, reason: d.reason };
    });
    this.calendars.invalidate();
    return view;
  }

  async remove(user: AuthUser, date: string): Promise<void> {
    await this.uow.run(async (em) => {
      const d = await this.days.find(date);
      if (!d) throw notFound('Closure day', date);
      await this.days.remove(d);
      this.audit.record(em, {
        actorUserId: user.id,
        action: 'closure_day.removed',
        entity: 'ClosureDay',
        entityId: closureDayId(date),
        changes: { date, reason: d.reason },
      });
    });
    this.calendars.invalidate();
  }
}
