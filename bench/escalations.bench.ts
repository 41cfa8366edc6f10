/**
 * Escalation clock benchmark, against real PostgreSQL and Redis, with the service in this process;
 * the lateness runs' stays are opened, and the alerts' e-mails received, by processes of their own
 * (bench/stay-opener.ts, bench/smtp-sink.ts), so that neither shares the service's one JavaScript
 * thread (as staff's browsers and the council's mail relay would not).
 *   npm run bench:escalations        (STAYS=100000 by default)
 * Reports:
 *  1. scheduling throughput: clocks started per second for STAYS unsuitable stays (the engine's
 *     batch path, ClockPlanner.startClocks + StepWakeUps.wake, BATCH stays per transaction), and, for
 *     comparison, POST /stays over HTTP for HTTP_STAYS stays at 16 concurrent requests;
 *  2. time to rebuild every timer after Redis is wiped (the sweep: fire overdue, re-enqueue every
 *     step due within the horizon) with STAYS clocks running;
 *  3. fire lateness p50 / p99 (firedAt - dueAt) for a short ladder on LATENESS_STAYS stays
 *     opened over ~20 s through the API, twice: straight after the STAYS clocks were written (their
 *     wake-ups still in Redis, PostgreSQL still digesting the writes) and, later, after the rebuild;
 *  4. peak RSS of the process (service + benchmark driver), and of the service alone
 *     (SERVICE_RSS=0 skips it): the in-process service is closed and `dist/main.js` (the production
 *     build, `npm run build`) is started as a child process on the same database, with every clock
 *     still open and Redis wiped, so it rebuilds every wake-up at boot; then a lateness run goes
 *     through its API. Its VmHWM (/proc/<pid>/status) is the peak;
 *  5. bare BullMQ peers beside ours (bench/bullmq-peers.ts, same bullmq and Redis, own prefix): the
 *     addBulk rate of as many delayed jobs as our wake-ups, in the same batches (target: ours at
 *     least 0.25x), and the fire lateness of the same ladder at the same pace, straight after that
 *     addBulk on the same queue and again on a fresh one (target: our p99 at most 2x bare's, in
 *     both). PEERS=0 skips them; ONLY_PEERS=1 runs only them.
 * CPU_PROFILE=<dir> writes a CPU profile of each in-process lateness run (open with Chrome DevTools).
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fork } from 'node:child_process';
import { EntityManager } from '@mikro-orm/postgresql';
import { ClockPlanner } from '../src/features/escalations/clock-planner';
import { EscalationSweep } from '../src/features/escalations/escalation-sweep';
import { StepWakeUps } from '../src/features/escalations/step-wake-ups';
import type { StayToPlan } from '../src/features/escalations/clock-plan';
import { pgArray } from '../src/platform/database/sql';
import { bareLateness, bareScheduling } from './bullmq-peers';
import type { OpenOrder, OpenResult } from './stay-opener';
import Redis from 'ioredis';
import {
  BenchEnv,
  REDIS,
  percentile,
  procCpuMs,
  procMemory,
  serviceNodeFlags,
  startService,
  summary,
  until,
  watchMachineCpu,
  watchPostgresCpu,
} from './support';

const STAYS = Number(process.env.STAYS ?? 100_000);
const BATCH = Number(process.env.BATCH ?? 2_500);
const PARALLEL = Number(process.env.PARALLEL ?? 2);
const HTTP_STAYS = Number(process.env.HTTP_STAYS ?? 1_000);
const LATENESS_STAYS = Number(process.env.LATENESS_STAYS ?? 1_000);
const bullmqVersion = (createRequire(__filename)('bullmq/package.json') as { version: string }).version;
/** PEERS=0 skips the bare BullMQ baselines; ONLY_PEERS=1 runs only them (a quick check). */
const PEERS = process.env.PEERS !== '0';
const ONLY_PEERS = process.env.ONLY_PEERS === '1';
/** SERVICE_RSS=0 skips the run of the service alone as a child process (its peak memory). */
const SERVICE_RSS = process.env.SERVICE_RSS !== '0';
/** CPU_PROFILE=<dir> writes a CPU profile of each in-process lateness run there (where the firing path's time goes). */
const CPU_PROFILE = process.env.CPU_PROFILE;
/** The lateness run's short ladder (PT10S, PT15S, PT20S), in ms, for the bare peer. */
const LADDER_MS = [10_000, 15_000, 20_000];
const ROLES = ['admin', 'housing_officer', 'pa', 'team_manager', 'service_manager', 'head_of_service', 'director'];

/** Adult care leavers (18+, former relevant) allocated to the PA, referenced `<prefix>-<id start>`. */
async function insertPeople(env: BenchEnv, ids: string[], paId: string, prefix: string): Promise<void> {
  await env.db.query(
    `insert into young_person (id, reference, first_name, last_name, date_of_birth, gender, legal_status, uasc, pa_user_id, home_area, areas_to_avoid,
                               needs_service_level_rank, step_free_needed, has_pet, pregnant_or_parent, risks, version, created_at, updated_at)
     select id, $3 || '-' || substr(id::text, 1, 13), 'Bench', 'Person', date '2005-06-01', 'male', 'former_relevant', false, $2, 'Crewe', '[]', null, false, false, false, '[]', 1, now(), now()
       from unnest($1::uuid[]) as t(id)`,
    [ids, paId, prefix],
  );
}

/** A batch of stays as the engine's batch path takes them: plain rows, read in one statement. */
async function staysToPlan(tx: EntityManager, ids: string[]): Promise<StayToPlan[]> {
  const rows = await tx.execute<
    {
      id: string;
      young_person_id: string;
      started_at: Date;
      age_at_start: number;
      accommodation_code: string;
      suitable: boolean;
      pregnant_or_parent_at_start: boolean;
    }[]
  >(
    `select id, young_person_id, started_at, age_at_start, accommodation_code, suitable, pregnant_or_parent_at_start
       from stay where id = any(?::uuid[])`,
    [pgArray(ids)],
  );
  return rows.map((r) => ({
    id: r.id,
    youngPersonId: r.young_person_id,
    startedAt: new Date(r.started_at),
    ageAtStart: r.age_at_start,
    accommodationCode: r.accommodation_code,
    suitable: r.suitable,
    pregnantOrParentAtStart: r.pregnant_or_parent_at_start,
  }));
}

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
sampler.unref();
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;

/** What our run measured, for the side-by-side with bare BullMQ. */
interface Ours {
  staysPerSecond: number;
  wakeUps: number;
  /** Fire lateness straight after the STAYS clocks were written. */
  latenessAfterBulk: number[];
  lateness: number[];
  /** Peak RSS of the service alone (a child process), bytes; null when not measured. */
  serviceRss: number | null;
}

type Api = (token: string, method: string, path: string, body?: unknown) => Promise<Record<string, unknown>>;

const apiOn =
  (baseUrl: () => string): Api =>
  async (token, method, path, body) => {
    const res = await fetch(`${baseUrl()}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = (await res.json().catch(() => null)) as Record<string, unknown>;
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };

/** Opens the lateness run's stays from a process of its own (bench/stay-opener.ts). */
async function openStays(order: OpenOrder): Promise<OpenResult> {
  const opener = fork(join(__dirname, 'stay-opener.js'), { stdio: 'inherit' });
  return new Promise<OpenResult>((resolve, reject) => {
    opener.once('message', (m) => resolve(m as OpenResult));
    opener.once('exit', (code) => reject(new Error(`the stay opener exited (${code}) before answering`)));
    opener.send(order);
  });
}

/** The mail server the alerts go to, in a process of its own (bench/smtp-sink.ts). */
async function startSmtpSink(): Promise<{ port: number; stop: () => void }> {
  const sink = fork(join(__dirname, 'smtp-sink.js'), { stdio: 'inherit' });
  const port = await new Promise<number>((resolve, reject) => {
    sink.once('message', (m) => resolve((m as { port: number }).port));
    sink.once('exit', (code) => reject(new Error(`the mail sink exited (${code}) before listening`)));
  });
  return { port, stop: () => sink.kill() };
}

/**
 * One lateness run: LATENESS_STAYS young people (references `<prefix>-...`) get a night-shelter
 * stay (the short ladder's policy) through POST /stays, paced evenly over ~20 s (150 steps/s due),
 * by the stay opener in a process of its own (`bench/stay-opener.ts`); answers firedAt - dueAt of
 * their steps once all have fired (or after two minutes).
 */
async function latenessRun(
  env: BenchEnv,
  baseUrl: string,
  pa: string,
  paId: string,
  prefix: string,
  label: string,
  servicePid = process.pid,
) {
  const people = Array.from({ length: LATENESS_STAYS }, () => crypto.randomUUID());
  await insertPeople(env, people, paId, prefix);
  const serviceCpuFrom = procCpuMs(servicePid);
  const postgresCpu = watchPostgresCpu();
  const machineCpu = watchMachineCpu();
  const profiler = CPU_PROFILE && env.app ? new Session() : null;
  if (profiler) {
    profiler.connect();
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.start');
  }
  const openedFrom = new Date();
  const opened = await openStays({ baseUrl, token: pa, people, perSecond: LATENESS_STAYS / 20, openers: 8 });
  if (opened.opened !== people.length) throw new Error(`opened ${opened.opened} of ${people.length} stays`);
  const expected = LATENESS_STAYS * 3;
  // Until none of the run's steps is still scheduled: they are the only steps due in its minute (the
  // bulk's are 20 minutes out), so the partial index of scheduled steps answers in a fraction of a
  // millisecond. (Counting the run's fired steps by reference scanned 400,000 steps, three
  // processes for ~200 ms twice a second: PostgreSQL's CPU the service competed with.)
  const window = [new Date(openedFrom.getTime() + 5_000), new Date(Date.now() + 60_000)];
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const { rows } = await env.db.query<{ n: number }>(
      `select count(*)::int as n from escalation where status = 'scheduled' and due_at between $1 and $2`,
      window,
    );
    if (rows[0].n === 0) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const serviceCpu = procCpuMs(servicePid) - serviceCpuFrom;
  const pgCpu = postgresCpu.stop();
  const machine = machineCpu.stop();
  const ofRun = `from escalation e join young_person y on y.id = e.young_person_id where y.reference like $1 || '-%' and e.fired_at is not null`;
  const fired = Number((await env.db.query<{ count: string }>(`select count(*) ${ofRun}`, [prefix])).rows[0].count);
  if (profiler) {
    const { profile } = await profiler.post('Profiler.stop');
    const file = join(CPU_PROFILE!, `lateness-${prefix}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    profiler.disconnect();
    console.log(`CPU profile of the lateness run ${label} (service and driver, one process): ${file}`);
  }
  const late = (
    await env.db.query<{ ms: number }>(`select extract(epoch from (e.fired_at - e.due_at)) * 1000 as ms ${ofRun}`, [
      prefix,
    ])
  ).rows.map((r) => Number(r.ms));
  console.log(
    `lateness ${label}: ${fired}/${expected} steps fired for ${LATENESS_STAYS} stays opened from ${openedFrom.toISOString()} over ~20 s (${(expected / 20).toFixed(0)} steps/s due)`,
  );
  console.log(summary(`fire lateness ${label} (firedAt - dueAt)`, late));
  // Each stay's opening (POST /stays) and its three steps' firing and six e-mails, per fired step.
  const perStep = (ms: number) => `${(ms / Math.max(fired, 1)).toFixed(2)} ms`;
  console.log(
    `  CPU a fired step (its share of the opening, the firing and the deliveries): ${servicePid === process.pid ? 'service and driver' : 'service'} ${perStep(serviceCpu)}, PostgreSQL ${perStep(pgCpu)}; the machine's cores ${machine.busyPct.toFixed(0)} % busy (${machine.systemPct.toFixed(0)} % in the kernel)`,
  );
  return late;
}

/** Steps with more than one `escalation.fired` audit event (must be 0). */
async function firedTwice(env: BenchEnv): Promise<number> {
  const q = `select count(*) from (select entity_id from audit_event where action = 'escalation.fired' group by entity_id having count(*) > 1) x`;
  return Number((await env.db.query<{ count: string }>(q)).rows[0].count);
}

/**
 * The service alone with every clock open: the production build (`dist/main.js`) as a child
 * process on the benchmark's database and queue prefix, started after Redis is wiped, so its boot
 * sweep rebuilds every wake-up (and the auditor checks every clock); then a lateness run through its
 * API. Answers its peak RSS (VmHWM), or null when there is no build.
 */
async function serviceAlone(env: BenchEnv, paId: string, smtpPort: number): Promise<number | null> {
  const count = async (sql: string) => Number((await env.db.query<{ n: string }>(sql)).rows[0].n);
  const open = await count(`select count(*) as n from stay where clock_stay_id is not null and ended_at is null`);
  const soon = await count(
    `select count(*) as n from escalation where status = 'scheduled' and due_at <= now() + interval '30 minutes'`,
  );
  await env.wipeRedis();
  const t = performance.now();
  const service = await startService(env, {
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    RECONCILE_EVERY: 'PT10M',
    HOLD_FOR: 'PT4H',
  });
  if (!service) {
    console.log('service alone: skipped (no dist/main.js: run `npm run build` first)');
    return null;
  }
  const redis = new Redis(REDIS);
  try {
    const { pid } = service;
    env.baseUrl = service.baseUrl;
    await until(
      'the boot sweep to rebuild every wake-up',
      async () => (await redis.zcard(`${env.queuePrefix}:timers:delayed`)) >= soon,
      180_000,
    );
    console.log(
      `service alone (pid ${pid}, node ${serviceNodeFlags().join(' ')} dist/main.js, NODE_ENV=production): ${open} open clocks; booted on a wiped Redis and rebuilt ${soon} wake-ups in ${((performance.now() - t) / 1000).toFixed(1)} s; RSS now ${mb(procMemory(pid, 'VmRSS'))}`,
    );
    const pa = await env.login('pa@bench.invalid');
    await latenessRun(env, env.baseUrl, pa, paId, 'M', 'through the service alone', pid);
    const peak = procMemory(pid, 'VmHWM');
    console.log(
      `peak RSS of the service alone (VmHWM), ${open} open clocks: ${mb(peak)} (target at most 512 MB: ${peak <= 512 * 1024 * 1024 ? 'met' : 'NOT met'})`,
    );
    return peak;
  } finally {
    redis.disconnect();
    await service.stop();
  }
}

async function ours(): Promise<Ours> {
  const env = new BenchEnv();
  const smtp = await startSmtpSink();
  const smtpPort = smtp.port;
  try {
    await env.createDatabase();
    const users: Record<string, string> = {};
    for (const role of ROLES) users[role] = await env.user(role, `${role}@bench.invalid`);
    await env.startApp({ RECONCILE_EVERY: 'PT10M', SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, HOLD_FOR: 'PT4H' });
    const admin = await env.login('admin@bench.invalid');
    const pa = await env.login('pa@bench.invalid');
    const api = apiOn(() => env.baseUrl);
    for (const p of (await api(admin, 'GET', '/escalation-policies')).items as { id: string }[])
      await api(admin, 'PATCH', `/escalation-policies/${p.id}`, { active: false });
    const bulkPolicy = (await api(admin, 'POST', '/escalation-policies', {
      name: 'Bench: 18+ hotel',
      appliesTo: { minAge: 18, accommodationCodes: ['W'], unsuitableOnly: true },
      // By default one step inside the 30-minute wake-up horizon (so every clock also gets a BullMQ
      // job), then working days; NEAR_STEP=false plans working-day steps only (PostgreSQL alone).
      steps: [
        process.env.NEAR_STEP === 'false'
          ? { after: 'P1D', role: 'team_manager' }
          : { after: 'PT20M', role: 'team_manager' },
        { after: 'P1WD', role: 'service_manager' },
        { after: 'P2WD', role: 'head_of_service' },
        { after: 'P5WD', role: 'director' },
      ],
    })) as { id: string };

    // The lateness runs' short ladder (night shelter, V): it never applies to the bulk hotel stays (W).
    await api(admin, 'POST', '/escalation-policies', {
      name: 'Bench: short ladder',
      appliesTo: { minAge: 18, accommodationCodes: ['V'], unsuitableOnly: true },
      steps: [
        { after: 'PT10S', role: 'team_manager' },
        { after: 'PT15S', role: 'service_manager' },
        { after: 'PT20S', role: 'head_of_service' },
      ],
    });

    // --- 1. scheduling throughput ---
    let t = performance.now();
    for (let start = 0; start < STAYS; start += 5000) {
      const n = Math.min(5000, STAYS - start);
      const ids = Array.from({ length: n }, () => crypto.randomUUID());
      await insertPeople(env, ids, users.pa, 'B');
      await env.db.query(
        `insert into stay (id, young_person_id, bed_id, hold_id, accommodation_code, suitable, emergency, suitability_reason, description, started_at,
                           ended_at, end_reason, age_at_start, pregnant_or_parent_at_start, clock_stay_id, recorded_by_user_id, ended_by_user_id, created_at)
         select gen_random_uuid(), id, null, null, 'W', false, true, null, 'Bench hotel', now() - random() * interval '60 seconds', null, null, 21, false, null, null, null, now()
           from unnest($1::uuid[]) as t(id)`,
        [ids],
      );
    }
    await env.db.query(`update stay set clock_stay_id = id`);
    await env.db.query('analyze');
    console.log(
      `inserted ${STAYS} young people and open hotel stays in ${((performance.now() - t) / 1000).toFixed(1)} s (setup, not measured)`,
    );

    const planner = env.app!.get(ClockPlanner);
    const wakeUps = env.app!.get(StepWakeUps);
    const em = env.app!.get(EntityManager).fork();
    const stayIds = (await env.db.query<{ id: string }>('select id from stay order by id')).rows.map((r) => r.id);
    t = performance.now();
    let planned = 0;
    let woken = 0;
    let nextBatch = 0;
    // PARALLEL batches at a time (default 2: this machine has two cores); each batch is BATCH stays in one transaction.
    await Promise.all(
      Array.from({ length: PARALLEL }, async () => {
        while (nextBatch < stayIds.length) {
          const i = nextBatch;
          nextBatch += BATCH;
          const rows = await em.fork().transactional(async (tx) => {
            const stays = await staysToPlan(tx, stayIds.slice(i, i + BATCH));
            return planner.startClocks(tx, stays);
          });
          planned += rows.length;
          const until = Date.now() + wakeUps.horizonMs;
          woken += rows.filter((r) => r.dueAt.getTime() <= until).length;
          await wakeUps.wake(rows);
        }
      }),
    );
    const schedSeconds = (performance.now() - t) / 1000;
    console.log(
      `scheduling: ${STAYS} clocks (${planned} steps in PostgreSQL, ${woken} BullMQ wake-ups) in ${schedSeconds.toFixed(1)} s = ${(STAYS / schedSeconds).toFixed(0)} stays/s (engine batch path)`,
    );

    // --- 3a. fire lateness straight after the bulk write (the issue measured p99 4.8 s here) ---
    const latenessAfterBulk = await latenessRun(env, env.baseUrl, pa, users.pa, 'A', 'straight after the bulk write');

    const people = Array.from({ length: HTTP_STAYS }, () => crypto.randomUUID());
    await insertPeople(env, people, users.pa, 'H');
    t = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < people.length) {
          const id = people[next++];
          await api(pa, 'POST', '/stays', { youngPersonId: id, accommodationCode: 'W', description: 'Bench hotel' });
        }
      }),
    );
    const httpSeconds = (performance.now() - t) / 1000;
    console.log(
      `scheduling over HTTP: POST /stays x ${HTTP_STAYS} at 16 concurrent in ${httpSeconds.toFixed(1)} s = ${(HTTP_STAYS / httpSeconds).toFixed(0)} stays/s`,
    );

    // --- 2. rebuild after a Redis wipe ---
    const steps = Number(
      (await env.db.query<{ count: string }>(`select count(*) from escalation where status = 'scheduled'`)).rows[0]
        .count,
    );
    const wiped = await env.wipeRedis();
    t = performance.now();
    const swept = await env.app!.get(EscalationSweep).sweep();
    const rebuildSeconds = (performance.now() - t) / 1000;
    console.log(
      `rebuild: wiped ${wiped} Redis keys; sweep over ${steps} scheduled steps re-created ${swept.scheduled} wake-ups (every step due within the ${wakeUps.horizonMs / 60000}-minute horizon) and fired ${swept.fired} in ${rebuildSeconds.toFixed(1)} s`,
    );

    // --- 3b. fire lateness, later (after the HTTP run and the rebuild) ---
    await api(admin, 'PATCH', `/escalation-policies/${bulkPolicy.id}`, { active: false });
    const late = await latenessRun(env, env.baseUrl, pa, users.pa, 'L', 'after the rebuild');
    const sorted = [...late].sort((a, b) => a - b);
    console.log(`p99 target 1000 ms: ${percentile(sorted, 99) <= 1000 ? 'met' : 'NOT met'}`);
    console.log(`peak RSS (service and driver in one process): ${mb(peakRss)}`);

    // --- 4. the service alone, as a child process, with every clock still open ---
    let serviceRss: number | null = null;
    if (SERVICE_RSS) {
      await env.app!.close();
      env.app = undefined;
      serviceRss = await serviceAlone(env, users.pa, smtpPort);
    }
    console.log(`steps fired more than once (audit trail, every run): ${await firedTwice(env)}`);
    return { staysPerSecond: STAYS / schedSeconds, wakeUps: woken, latenessAfterBulk, lateness: late, serviceRss };
  } finally {
    await env.close();
    smtp.stop();
  }
}

/** The bare BullMQ baselines beside our figures (issue 14: performance side by side). */
async function peers(our?: Ours): Promise<void> {
  const pct = (xs: number[], p: number) =>
    percentile(
      [...xs].sort((a, b) => a - b),
      p,
    );
  const x = (n: number) => `${n.toFixed(2)}×`;
  console.log(`--- bare BullMQ ${bullmqVersion} peers on the same Redis (${REDIS}), queues under their own prefix ---`);

  const lateness = { stays: LATENESS_STAYS, ladderMs: LADDER_MS, overSeconds: 20, openers: 8 };
  const sideBySide = (label: string, ours: number[], bare: number[]) => {
    const ratio = pct(ours, 99) / pct(bare, 99);
    const at = (p: number) => `p${p} ${pct(ours, p).toFixed(1)} / ${pct(bare, p).toFixed(1)} ms`;
    console.log(
      `lateness ${label} side by side: ${at(50)}, ${at(95)}, ${at(99)} (ours / bare); p99 ours/bare ${x(ratio)} (target at most 2×: ${ratio <= 2 ? 'met' : 'NOT met'})`,
    );
  };

  // Scheduling: as many delayed jobs as our STAYS clocks' wake-ups, in the same batches; then the
  // lateness run at once on the same queue, every one of those jobs still delayed in it.
  const jobs = our?.wakeUps ?? (process.env.NEAR_STEP === 'false' ? 0 : STAYS);
  if (jobs > 0) {
    const bare = await bareScheduling({
      jobs,
      batch: BATCH,
      parallel: PARALLEL,
      delayMs: 20 * 60_000,
      thenLateness: lateness,
    });
    const bareRate = bare.jobs / bare.seconds;
    console.log(
      `bare scheduling: queue.addBulk of ${bare.jobs} delayed jobs (${PARALLEL} x ${BATCH} a batch, 1000 a call, same job options as ours) in ${bare.seconds.toFixed(1)} s = ${bareRate.toFixed(0)} jobs/s`,
    );
    if (our) {
      const ratio = our.staysPerSecond / bareRate;
      console.log(
        `scheduling side by side: ours ${our.staysPerSecond.toFixed(0)} stays/s, bare ${bareRate.toFixed(0)} jobs/s, ours/bare ${x(ratio)} (target at least 0.25×: ${ratio >= 0.25 ? 'met' : 'NOT met'})`,
      );
    }
    const afterBulk = bare.lateness!;
    console.log(
      `bare lateness straight after its addBulk: ${afterBulk.samples.length}/${afterBulk.expected} delayed jobs run (same queue, ${jobs} jobs still delayed in it)`,
    );
    console.log(summary('bare fire lateness straight after the bulk write (Date.now() - dueAt)', afterBulk.samples));
    if (our) sideBySide('straight after the bulk write', our.latenessAfterBulk, afterBulk.samples);
  } else console.log('bare scheduling: skipped (no BullMQ wake-ups to match: NEAR_STEP=false)');

  // Fire lateness on a fresh queue: the same ladder, count and pace as our later lateness run.
  const bare = await bareLateness(lateness);
  console.log(
    `bare lateness: ${bare.samples.length}/${bare.expected} delayed jobs run for ${LATENESS_STAYS} openings over ~20 s (ladder ${LADDER_MS.map((m) => m / 1000).join('/')} s, ${(bare.expected / 20).toFixed(0)} jobs/s due), worker concurrency 16`,
  );
  console.log(summary('bare fire lateness (Date.now() - dueAt)', bare.samples));
  if (our) {
    console.log(summary('ours fire lateness (firedAt - dueAt)', our.lateness));
    sideBySide('after the rebuild', our.lateness, bare.samples);
    if (our.serviceRss !== null)
      console.log(
        `peak RSS of the service alone: ${mb(our.serviceRss)} (target at most 512 MB: ${our.serviceRss <= 512 * 1024 * 1024 ? 'met' : 'NOT met'})`,
      );
  }
}

async function main() {
  const our = ONLY_PEERS ? undefined : await ours();
  if (ONLY_PEERS || PEERS) await peers(our);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
