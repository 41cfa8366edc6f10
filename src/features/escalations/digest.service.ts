import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { londonDate } from '../../kernel/dates';
import { londonTimeOn } from '../../kernel/office-hours';
import { OrgChart } from '../../kernel/routing';
import type { WorkingCalendar } from '../../kernel/working-days';
import { CLOCK, Clock } from '../../platform/clock';
import { APP_CONFIG, AppConfig } from '../../platform/config/config';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { TimerRegistry } from '../../platform/queue/timer-registry';
import { NotificationsService } from '../notifications/notifications.service';
import { CalendarService } from './calendar.service';
import { digestAudience, digestLines, digestMessage } from './digest';
import { DigestQueries } from './digest.queries';

export type DigestOutcome =
  { day: string; sent: number } | { skipped: 'off' | 'not_a_working_day' | 'not_yet' | 'done'; day?: string };

/**
 * The morning digest for senior roles (team manager and up) on working days at DIGEST_AT
 * (Europe/London): everyone in unsuitable or emergency accommodation whose alerts reach them,
 * statutory breaches first, open and lapsed steps marked. A sweeper (at boot and every
 * RECONCILE_EVERY) sends it once the time has passed; `digest_run` makes it once a day however
 * many instances sweep (the one whose claim went in sends it, in the same transaction), and each
 * message's dedupe key (`digest:<day>:<userId>`) guards it a second time. A reader with nobody to
 * report gets no message that day.
 */
@Injectable()
export class DigestService implements OnModuleInit {
  constructor(
    private readonly queries: DigestQueries,
    private readonly uow: UnitOfWork,
    private readonly calendars: CalendarService,
    private readonly notifications: NotificationsService,
    private readonly timers: TimerRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.timers.registerSweeper('digest', () => this.sweep());
  }

  /** Sends today's digest if it is a working day, DIGEST_AT has passed and nobody has sent it yet. */
  async sweep(): Promise<DigestOutcome> {
    const at = this.config.digestAt;
    if (!at) return { skipped: 'off' };
    const now = this.clock.now();
    const day = londonDate(now);
    const cal = await this.calendars.calendar();
    if (!cal.isWorkingDay(day)) return { skipped: 'not_a_working_day', day };
    if (now.getTime() < londonTimeOn(day, at).getTime()) return { skipped: 'not_yet', day };
    if (await this.queries.claimed(day)) return { skipped: 'done', day };
    return this.uow.run(async (em): Promise<DigestOutcome> => {
      if (!(await this.queries.claim(day, now))) return { skipped: 'done', day };
      const sent = await this.send(em, day, now, cal);
      await this.queries.finish(day, this.clock.now(), sent);
      return { day, sent };
    });
  }

  /** One message per reader with someone to report; answers how many readers were sent one. */
  private async send(em: EntityManager, day: string, now: Date, cal: WorkingCalendar): Promise<number> {
    const staff = await this.queries.staff();
    const people = await this.queries.people();
    if (!people.length) return 0;
    const audience = digestAudience(new OrgChart(staff), staff, people);
    let sent = 0;
    for (const reader of staff) {
      const theirs = audience.get(reader.id);
      if (!theirs?.length) continue;
      const msg = digestMessage(digestLines(theirs, now, cal), day, this.config.publicBaseUrl);
      await this.notifications.notifyUser(em, {
        dedupeKey: `digest:${day}:${reader.id}`,
        userId: reader.id,
        email: reader.email,
        kind: 'digest',
        subject: msg.subject,
        body: msg.body,
        link: msg.link,
        channels: ['in_app', 'email'],
      });
      sent++;
    }
    return sent;
  }
}
