import { liveListSql } from '../../kernel/accommodation';
import { getQueueToken } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Queue } from 'bullmq';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { CLOCK, Clock } from '../../platform/clock';
import { CHANNELS } from '../notifications/notification.entities';
import { NOTIFICATIONS_QUEUE } from '../notifications/notifications.service';
import { TIMERS_QUEUE } from '../../platform/queue/bullmq-scheduler';

/** The BullMQ queues whose depth is exported, and the job states counted. */
export const QUEUES = [TIMERS_QUEUE, NOTIFICATIONS_QUEUE] as const;
export const QUEUE_STATES = ['waiting', 'delayed', 'active', 'failed'] as const;
/** A scheduled step this far past its due time counts as overdue (the worker or the sweep should have fired it). */
export const OVERDUE_AFTER_MS = 60_000;
const SOURCE_TIMEOUT_MS = 3000;

/** The same rule as the live list (GET /reports/unsuitable-accommodation): unsuitable, or emergency accommodation. */
const UNSUITABLE_OPEN = `s.ended_at is null and ${liveListSql('s')}`;

interface Snapshot {
  database: {
    openUnsuitable: number;
    oldestSeconds: number;
    overdueSteps: number;
    failedByChannel: Map<string, number>;
  } | null;
  queues: Map<string, Record<string, number>>;
}

const withTimeout = <T>(p: Promise<T>, ms: number) =>
  Promise.race([
    p,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms).unref()),
  ]);

/**
 * Prometheus metrics on a registry of this application's own (several instances can share one
 * process, as the tests do). HTTP request durations are observed as requests finish; everything
 * else is read from PostgreSQL and Redis when Prometheus scrapes (collect callbacks), so the
 * figures are true after a restart and across replicas.
 */
@Injectable()
export class MetricsService implements OnModuleInit, OnModuleDestroy {
  readonly registry = new Registry();
  private readonly logger = new Logger('Metrics');
  private readonly queues = new Map<string, Queue>();
  /** The figures of the scrape in progress: one read of the database and Redis, however many gauges ask. */
  private current: Promise<Snapshot> | null = null;

  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration in seconds, by method, route template (never a raw URL) and status code',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  constructor(
    private readonly em: EntityManager,
    private readonly moduleRef: ModuleRef,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    collectDefaultMetrics({ register: this.registry });
    // prom-client calls collect() with the gauge as `this`; the service is reached through `read` and `queues`.
    const read = () => this.read();
    const queueCount = () => this.queues.size;
    new Gauge({
      name: 'cla_metrics_source_up',
      help: 'Whether the last scrape could read the source (1) or not (0): database, redis',
      labelNames: ['source'] as const,
      registers: [this.registry],
      async collect() {
        const s = await read();
        this.set({ source: 'database' }, s.database ? 1 : 0);
        this.set({ source: 'redis' }, s.queues.size === queueCount() ? 1 : 0);
      },
    });
    new Gauge({
      name: 'cla_unsuitable_stays_open',
      help: 'Young people now in unsuitable or emergency accommodation (open stays, as on the live unsuitable-accommodation list)',
      registers: [this.registry],
      async collect() {
        const s = await read();
        if (s.database) this.set(s.database.openUnsuitable);
        else this.reset();
      },
    });
    new Gauge({
      name: 'cla_unsuitable_stay_oldest_seconds',
      help: 'Seconds since the longest-running unsuitable or emergency stay began (its escalation clock start); 0 when there is none',
      registers: [this.registry],
      async collect() {
        const s = await read();
        if (s.database) this.set(s.database.oldestSeconds);
        else this.reset();
      },
    });
    new Gauge({
      name: 'cla_escalation_steps_overdue',
      help: 'Escalation steps still scheduled more than 60 seconds after they fell due (the worker and the sweep are not keeping up)',
      registers: [this.registry],
      async collect() {
        const s = await read();
        if (s.database) this.set(s.database.overdueSteps);
        else this.reset();
      },
    });
    new Gauge({
      name: 'cla_notifications_failed',
      help: 'Notifications whose delivery failed for good (status failed), by channel',
      labelNames: ['channel'] as const,
      registers: [this.registry],
      async collect() {
        const s = await read();
        this.reset();
        if (s.database)
          for (const channel of CHANNELS) this.set({ channel }, s.database.failedByChannel.get(channel) ?? 0);
      },
    });
    new Gauge({
      name: 'cla_queue_jobs',
      help: 'BullMQ jobs by queue and state (waiting, delayed, active, failed)',
      labelNames: ['queue', 'state'] as const,
      registers: [this.registry],
      async collect() {
        const s = await read();
        this.reset();
        for (const [queue, counts] of s.queues)
          for (const state of QUEUE_STATES) this.set({ queue, state }, counts[state] ?? 0);
      },
    });
  }

  onModuleInit(): void {
    for (const name of QUEUES) {
      try {
        this.queues.set(name, this.moduleRef.get<Queue>(getQueueToken(name), { strict: false }));
      } catch {
        this.logger.warn(`queue ${name} is not registered: its depth is not exported`);
      }
    }
  }

  onModuleDestroy(): void {
    this.registry.clear();
  }

  async metrics(): Promise<{ contentType: string; body: string }> {
    const snapshot = this.load();
    this.current = snapshot;
    try {
      return { contentType: this.registry.contentType, body: await this.registry.metrics() };
    } finally {
      if (this.current === snapshot) this.current = null;
    }
  }

  /** The database and Redis figures for this scrape. */
  private read(): Promise<Snapshot> {
    return this.current ?? this.load();
  }

  private async load(): Promise<Snapshot> {
    const [database, queues] = await Promise.all([
      withTimeout(this.loadDatabase(), SOURCE_TIMEOUT_MS).catch((e: Error) => {
        this.logger.warn(`metrics: database not read: ${e.message}`);
        return null;
      }),
      this.loadQueues(),
    ]);
    return { database, queues };
  }

  private async loadDatabase(): Promise<NonNullable<Snapshot['database']>> {
    const em = this.em.fork();
    const now = this.clock.now();
    const [row] = await em.execute<{ open_unsuitable: string; oldest_start: Date | null; overdue: string }[]>(
      `select (select count(*) from stay s where ${UNSUITABLE_OPEN}) as open_unsuitable,
              (select min(coalesce(c.started_at, s.started_at)) from stay s left join stay c on c.id = s.clock_stay_id where ${UNSUITABLE_OPEN}) as oldest_start,
              (select count(*) from escalation where status = 'scheduled' and due_at < ?) as overdue`,
      [new Date(now.getTime() - OVERDUE_AFTER_MS)],
    );
    const failed = await em.execute<{ channel: string; n: string }[]>(
      `select channel, count(*) as n from notification where status = 'failed' group by channel`,
    );
    const oldest = row.oldest_start ? new Date(row.oldest_start).getTime() : null;
    return {
      openUnsuitable: Number(row.open_unsuitable),
      oldestSeconds: oldest === null ? 0 : Math.max(0, Math.floor((now.getTime() - oldest) / 1000)),
      overdueSteps: Number(row.overdue),
      failedByChannel: new Map(failed.map((f) => [f.channel, Number(f.n)])),
    };
  }

  private async loadQueues(): Promise<Snapshot['queues']> {
    const out: Snapshot['queues'] = new Map();
    await Promise.all(
      [...this.queues].map(async ([name, queue]) => {
        try {
          out.set(name, await withTimeout(queue.getJobCounts(...QUEUE_STATES), SOURCE_TIMEOUT_MS));
        } catch (e) {
          this.logger.warn(`metrics: queue ${name} not read: ${(e as Error).message}`);
        }
      }),
    );
    return out;
  }
}
