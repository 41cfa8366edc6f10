import { Gauge, Registry } from 'prom-client';
import { CHANNELS } from '../notifications/notification.entities';

/** The BullMQ job states counted. */
export const QUEUE_STATES = ['waiting', 'delayed', 'active', 'failed'] as const;

/** The figures of one scrape: the database's (null when it could not be read) and each queue's that could be read. */
export interface Snapshot {
  database: {
    openUnsuitable: number;
    oldestSeconds: number;
    overdueSteps: number;
    unroutedOpen: number;
    failedByChannel: Map<string, number>;
    auditor: { violations: Record<string, number>; lastCleanAt: Date | null; lastRunAt: Date | null };
  } | null;
  queues: Map<string, Record<string, number>>;
}

type Read = () => Promise<Snapshot>;

/**
 * The gauges, read when Prometheus scrapes: `read` answers the scrape's one snapshot, however many
 * gauges ask; `queueCount` is how many queues there are to read. prom-client calls `collect` with
 * the gauge as `this`.
 */
export function registerGauges(registry: Registry, read: Read, queueCount: () => number): void {
  new Gauge({
    name: 'cla_metrics_source_up',
    help: 'Whether the last scrape could read the source (1) or not (0): database, redis',
    labelNames: ['source'] as const,
    registers: [registry],
    async collect() {
      const s = await read();
      this.set({ source: 'database' }, s.database ? 1 : 0);
      this.set({ source: 'redis' }, s.queues.size === queueCount() ? 1 : 0);
    },
  });
  databaseGauge(
    registry,
    read,
    'cla_unsuitable_stays_open',
    'Young people now in unsuitable or emergency accommodation (open stays, as on the live unsuitable-accommodation list)',
    (d) => d.openUnsuitable,
  );
  databaseGauge(
    registry,
    read,
    'cla_unsuitable_stay_oldest_seconds',
    'Seconds since the longest-running unsuitable or emergency stay began (its escalation clock start); 0 when there is none',
    (d) => d.oldestSeconds,
  );
  databaseGauge(
    registry,
    read,
    'cla_escalation_steps_overdue',
    'Escalation steps still scheduled more than 60 seconds after they fell due (the worker and the sweep are not keeping up)',
    (d) => d.overdueSteps,
  );
  databaseGauge(
    registry,
    read,
    'cla_escalation_steps_unrouted_open',
    'Escalation steps that fired to nobody responsible (unrouted: no holder of the role or anyone more senior) and are still open',
    (d) => d.unroutedOpen,
  );
  labelledGauges(registry, read);
  auditorGauges(registry, read);
}

/** One figure from the database; no value at all when the database could not be read. */
function databaseGauge(
  registry: Registry,
  read: Read,
  name: string,
  help: string,
  pick: (d: NonNullable<Snapshot['database']>) => number,
): void {
  new Gauge({
    name,
    help,
    registers: [registry],
    async collect() {
      const s = await read();
      if (s.database) this.set(pick(s.database));
      else this.reset();
    },
  });
}

/** Failed notifications by channel and queue depths by queue and state. */
function labelledGauges(registry: Registry, read: Read): void {
  new Gauge({
    name: 'cla_notifications_failed',
    help: 'Notifications whose delivery failed for good (status failed), by channel',
    labelNames: ['channel'] as const,
    registers: [registry],
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
    registers: [registry],
    async collect() {
      const s = await read();
      this.reset();
      for (const [queue, counts] of s.queues)
        for (const state of QUEUE_STATES) this.set({ queue, state }, counts[state] ?? 0);
    },
  });
}

/** The escalation auditor: its last run, its last clean run, and what it found broken. */
function auditorGauges(registry: Registry, read: Read): void {
  databaseGauge(
    registry,
    read,
    'cla_escalation_auditor_last_clean_run_timestamp_seconds',
    'When the escalation auditor last found every clock sound (Unix seconds); 0 when it never has',
    (d) => Math.floor((d.auditor.lastCleanAt?.getTime() ?? 0) / 1000),
  );
  databaseGauge(
    registry,
    read,
    'cla_escalation_auditor_last_run_timestamp_seconds',
    'When the escalation auditor last ran (Unix seconds); 0 when it never has',
    (d) => Math.floor((d.auditor.lastRunAt?.getTime() ?? 0) / 1000),
  );
  new Gauge({
    name: 'cla_escalation_auditor_violations',
    help: 'What the escalation auditor found broken on its last run, by kind (stranded steps, missing repeats, overdue steps, open unrouted steps)',
    labelNames: ['kind'] as const,
    registers: [registry],
    async collect() {
      const s = await read();
      this.reset();
      if (s.database) for (const [kind, n] of Object.entries(s.database.auditor.violations)) this.set({ kind }, n);
    },
  });
}
