import { getQueueToken } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { CLOCK, Clock } from '../../platform/clock';
import { NOTIFICATIONS_QUEUE } from '../notifications/notifications.service';
import { TIMERS_QUEUE } from '../../platform/queue/bullmq-scheduler';
import { QUEUE_STATES, registerGauges, type Snapshot } from './metrics.gauges';
import { MetricsQueries } from './metrics.queries';

/** The BullMQ queues whose depth is exported (the states counted are `QUEUE_STATES`). */
export const QUEUES = [TIMERS_QUEUE, NOTIFICATIONS_QUEUE] as const;
/** A scheduled step this far past its due time counts as overdue (the worker or the sweep should have fired it). */
export const OVERDUE_AFTER_MS = 60_000;
const SOURCE_TIMEOUT_MS = 3000;

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
    private readonly queries: MetricsQueries,
    private readonly moduleRef: ModuleRef,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    collectDefaultMetrics({ register: this.registry });
    // The gauges reach the service through these two functions (prom-client calls collect() with the gauge as `this`).
    registerGauges(
      this.registry,
      () => this.read(),
      () => this.queues.size,
    );
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
    const now = this.clock.now();
    const casework = await this.queries.casework(new Date(now.getTime() - OVERDUE_AFTER_MS));
    const failedByChannel = await this.queries.failedNotifications();
    const unroutedOpen = await this.queries.unroutedOpenSteps();
    const auditor = await this.queries.auditor();
    const oldest = casework.oldestStart?.getTime() ?? null;
    return {
      openUnsuitable: casework.openUnsuitable,
      oldestSeconds: oldest === null ? 0 : Math.max(0, Math.floor((now.getTime() - oldest) / 1000)),
      overdueSteps: casework.overdueSteps,
      unroutedOpen,
      failedByChannel,
      auditor,
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
