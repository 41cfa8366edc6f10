import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { londonDate } from '../../kernel/dates';
import { CLOCK, Clock } from '../../platform/clock';
import { APP_CONFIG, AppConfig } from '../../platform/config/config';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { TimerRegistry } from '../../platform/queue/timer-registry';
import { NotificationsService } from '../notifications/notifications.service';
import { UsersRepository } from '../users/users.repository';
import { InventoryRemindersRepository, type Recipient } from './inventory-reminders.repository';

const BATCH = 200;
const WEEK_MS = 7 * 86_400_000;

/**
 * Reminders that keep the inventory honest, sent by the periodic sweep (at boot and every
 * RECONCILE_EVERY), rebuilt from PostgreSQL alone:
 * - an out-of-service bed whose expected return date has passed: the housing officers are told
 *   once per bed per date (`bed.return_reminded_for`);
 * - a provider whose vacancies have not been confirmed within VACANCY_STALE_AFTER: the housing
 *   officers are asked to confirm them, at most once a week per provider (`provider.stale_reminded_at`).
 * Each is marked by a conditional UPDATE in the transaction that queues its notifications, so two
 * instances or a restart never send one twice. Nobody to tell: the admins.
 */
@Injectable()
export class InventoryRemindersService implements OnModuleInit {
  private readonly logger = new Logger('InventoryReminders');

  constructor(
    private readonly reminders: InventoryRemindersRepository,
    private readonly users: UsersRepository,
    private readonly uow: UnitOfWork,
    private readonly notifications: NotificationsService,
    private readonly timers: TimerRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Who keeps this area's inventory: active housing officers of the area or of the whole council;
   * else any active housing officer; nobody at all, the active admins.
   */
  private async recipients(area: string): Promise<Recipient[]> {
    const local = await this.users.activeWithRole('housing_officer', area);
    if (local.length) return local;
    const any = await this.users.activeWithRole('housing_officer');
    return any.length ? any : this.users.activeWithRole('admin');
  }

  onModuleInit(): void {
    this.timers.registerSweeper('inventory-reminders', () => this.sweep());
  }

  async sweep(): Promise<{ returnsOverdue: number; staleProviders: number }> {
    return { returnsOverdue: await this.remindOverdueReturns(), staleProviders: await this.remindStaleProviders() };
  }

  private link(): string {
    return `${this.config.publicBaseUrl.replace(/\/+$/, '')}/vacancies`;
  }

  private async tell(
    em: EntityManager,
    to: Recipient[],
    m: { key: string; kind: string; subject: string; body: string },
  ) {
    for (const r of to) {
      await this.notifications.notifyUser(em, {
        dedupeKey: `${m.key}:${r.id}`,
        userId: r.id,
        kind: m.kind,
        subject: m.subject,
        body: m.body,
        link: this.link(),
        channels: ['in_app'],
      });
    }
  }

  async remindOverdueReturns(): Promise<number> {
    let sent = 0;
    for (;;) {
      const today = londonDate(this.clock.now());
      const ids = await this.reminders.overdueReturnIds(today, BATCH);
      let progressed = 0;
      for (const id of ids) {
        const done = await this.uow
          .run(async (em) => {
            const bed = await this.reminders.markReturnReminded(id, today, this.clock.now());
            if (!bed) return false;
            await this.tell(em, await this.recipients(bed.area), {
              key: `bed-return:${bed.id}:${bed.available_from}`,
              kind: 'bed_return_overdue',
              subject: `Out of service beyond its return date: ${bed.label}, ${bed.provider_name}`,
              body: [
                `${bed.label} at ${bed.provider_name} (${bed.area}) was expected back in service on ${bed.available_from} and is still out of service.`,
                'Return it to service, or give it a new expected return date.',
              ].join('\n'),
            });
            return true;
          })
          .catch((e) => {
            this.logger.error({ bedId: id, err: (e as Error).message }, 'return reminder failed; will retry');
            return false;
          });
        if (done) progressed++;
      }
      sent += progressed;
      if (!progressed) return sent;
    }
  }

  async remindStaleProviders(): Promise<number> {
    let sent = 0;
    for (;;) {
      const now = this.clock.now();
      const staleBefore = new Date(now.getTime() - this.config.vacancyStaleAfterMs);
      const remindedBefore = new Date(now.getTime() - WEEK_MS);
      const ids = await this.reminders.staleProviderIds(staleBefore, remindedBefore, BATCH);
      let progressed = 0;
      for (const id of ids) {
        const done = await this.uow
          .run(async (em) => {
            const p = await this.reminders.markStaleReminded(id, staleBefore, remindedBefore, now);
            if (!p) return false;
            const since = p.vacancies_confirmed_at
              ? `last confirmed on ${londonDate(new Date(p.vacancies_confirmed_at))}`
              : 'never confirmed';
            await this.tell(em, await this.recipients(p.area), {
              key: `provider-stale:${p.id}:${londonDate(now)}`,
              kind: 'vacancies_stale',
              subject: `Confirm vacancies: ${p.name}`,
              body: [
                `${p.name} (${p.area}): vacancies ${since}. Beds nobody has confirmed this week may not exist tonight.`,
                'Ask the provider and record the confirmation.',
              ].join('\n'),
            });
            return true;
          })
          .catch((e) => {
            this.logger.error({ providerId: id, err: (e as Error).message }, 'stale reminder failed; will retry');
            return false;
          });
        if (done) progressed++;
      }
      sent += progressed;
      if (!progressed) return sent;
    }
  }
}
