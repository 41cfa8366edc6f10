import { Inject, Injectable } from '@nestjs/common';
import { accommodationLabel } from '../../kernel/accommodation';
import { ageOn, londonDate } from '../../kernel/dates';
import { invalidField } from '../../kernel/errors';
import { inUnsuitableAccommodation, orderQueue, queuePriority, type QueueCandidate } from '../../kernel/queue-priority';
import { hoursElapsed, statutoryBreaches, type StatutoryBreach } from '../../kernel/statutory-limits';
import type { WorkingCalendar } from '../../kernel/working-days';
import { CLOCK, Clock } from '../../platform/clock';
import { pageOf } from '../../platform/pagination';
import { CalendarService } from '../escalations/calendar.service';
import type { QueueHoldView, QueueItemView, QueuePage, QueueQuery, QueueWarningView } from './queue.dto';
import { QueueQueries, type QueueHoldRow, type QueueRow, type UnrequestedRow } from './queue.queries';

type Candidate = QueueCandidate & { row: QueueRow };

/**
 * The housing officers' queue: every open or held placement request, most urgent first (the
 * kernel's `orderQueue`), each with the young person, where they are now, the PA, live holds and
 * why it ranks where it does; and, beside it, everyone in unsuitable accommodation with no open
 * request at all.
 */
@Injectable()
export class QueueService {
  constructor(
    private readonly queries: QueueQueries,
    private readonly calendars: CalendarService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async queue(q: QueueQuery): Promise<QueuePage> {
    const { limit, offset } = pageOf(q);
    const area = q.area === undefined ? null : await this.knownArea(q.area);
    const now = this.clock.now();
    const today = londonDate(now);
    const cal = await this.calendars.calendar();
    const [rows, unrequested] = await Promise.all([
      this.queries.requests(area, q.urgency ?? null),
      this.queries.unrequested(area),
    ]);
    const ordered = orderQueue(rows.map((r) => candidate(r, today)));
    const shown = ordered.slice(offset, offset + limit);
    const holds = await this.queries.liveHolds(shown.map((c) => c.id));
    return {
      items: shown.map((c) => item(c, holds, now, today, cal)),
      total: ordered.length,
      warnings: unrequested.flatMap((w) => warning(w, today)),
      asOf: now.toISOString(),
    };
  }

  private async knownArea(name: string): Promise<string> {
    const area = await this.queries.areaNamed(name);
    if (area === null) throw invalidField('area', `${JSON.stringify(name)} is not on the list of areas (GET /areas)`);
    return area;
  }
}

function candidate(r: QueueRow, today: string): Candidate {
  return {
    id: r.id,
    urgency: r.urgency,
    neededBy: r.needed_by,
    createdAt: new Date(r.created_at),
    ageYears: ageOn(r.date_of_birth, today),
    stay:
      r.accommodation_code === null
        ? null
        : { accommodationCode: r.accommodation_code, suitable: r.suitable!, since: new Date(r.since!) },
    row: r,
  };
}

function breachesOf(c: Candidate, now: Date, cal: WorkingCalendar): StatutoryBreach[] {
  if (!c.stay) return [];
  const facts = {
    ageYears: c.ageYears,
    accommodationCode: c.stay.accommodationCode,
    pregnantOrParent: c.row.pregnant_or_parent,
    clockStartedAt: c.stay.since,
    stayStartedAt: new Date(c.row.stay_started_at!),
  };
  return statutoryBreaches(facts, now, cal);
}

const holdView = (h: QueueHoldRow): QueueHoldView => ({
  id: h.id,
  bedId: h.bed_id,
  bedLabel: h.bed_label,
  providerName: h.provider_name,
  until: new Date(h.expires_at).toISOString(),
  heldByUserId: h.created_by_user_id,
  heldByName: h.created_by_name,
});

function item(c: Candidate, holds: QueueHoldRow[], now: Date, today: string, cal: WorkingCalendar): QueueItemView {
  const r = c.row;
  const stay = c.stay;
  return {
    id: r.id,
    status: r.status,
    urgency: r.urgency,
    neededBy: r.needed_by,
    createdAt: new Date(r.created_at).toISOString(),
    overdue: r.needed_by < today,
    youngPerson: {
      id: r.young_person_id,
      reference: r.reference,
      name: `${r.first_name} ${r.last_name}`,
      age: c.ageYears,
      homeArea: r.home_area,
      currentAccommodation: stay
        ? {
            code: stay.accommodationCode,
            label: accommodationLabel(stay.accommodationCode),
            suitable: !inUnsuitableAccommodation(stay, c.ageYears),
            since: stay.since.toISOString(),
            hours: hoursElapsed(stay.since, now),
            workingDays: cal.workingDaysElapsed(stay.since, now),
          }
        : null,
    },
    pa: { id: r.pa_user_id, name: r.pa_name },
    holds: holds.filter((h) => h.request_id === r.id).map(holdView),
    breaches: breachesOf(c, now, cal),
    priority: queuePriority(c, now, today),
  };
}

/** One young person in unsuitable accommodation with no request (none when the kernel says the stay is suitable after all). */
function warning(w: UnrequestedRow, today: string): QueueWarningView[] {
  const age = ageOn(w.date_of_birth, today);
  if (!inUnsuitableAccommodation({ accommodationCode: w.accommodation_code, suitable: w.suitable }, age)) return [];
  return [
    {
      id: w.young_person_id,
      reference: w.reference,
      name: `${w.first_name} ${w.last_name}`,
      age,
      where: w.accommodation_code,
      whereLabel: accommodationLabel(w.accommodation_code),
      since: new Date(w.since).toISOString(),
    },
  ];
}
