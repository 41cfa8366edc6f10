/**
 * How fast the staff's pages render, signed in through the sign-in page like a person, timed at
 * the HTTP boundary on loopback (the server's time to answer the whole page):
 *
 *   npm run bench:pages                      (the demo county, then 50,000 beds and 20,000 young people)
 *   SCALE=demo npm run bench:pages           (only the demo county)
 *   SCALE=large BEDS=50000 PEOPLE=20000 LIVE=1000 SAMPLES=200 npm run bench:pages
 *
 * Targets (issue 11): p95 ≤ 100 ms on the demo county, ≤ 300 ms at the large scale.
 *
 * Then 50 signed-in staff at once (issue 14: autocannon on loopback, in a process of its own, each
 * connection its own session) on the live list, the request queue and the alert page, served by the
 * production build started as production starts it (`dist/main.js` with `start:prod`'s Node flags,
 * NODE_ENV=production, a process of its own); target p95 ≤ 200 ms on the demo county.
 * CONCURRENT=50 and CONCURRENT_REQUESTS=3000 (per page) change how many and how much. Each page
 * is first opened CONCURRENT_WARM_UP=3000 times the same way, in rounds of 1,000 whose figures are
 * printed too: a service that has just started runs its code unoptimised for its first two thousand
 * or so requests (its CPU a request falls by a third over them), and staff use one that has been
 * up all day. Beside each run, the CPU a request of the service, of PostgreSQL and of the load
 * driver: this machine's two cores serve all three. CONCURRENT_ONLY=1 runs only
 * this part; CONCURRENT_PAGES=live (or request, alert, comma-separated) only those pages of it.
 */
import { MikroORM } from '@mikro-orm/postgresql';
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { seedDemoCounty, DEMO_PASSWORD } from '../src/cli/seed/demo-county';
import { seedDemoPeople } from '../src/cli/seed/demo-people';
import { ENTITIES } from '../src/entities';
import { ormConfig } from '../src/platform/database/mikro-orm.config';
import { TimerRegistry } from '../src/platform/queue/timer-registry';
import {
  BenchEnv,
  procCpuMs,
  procMemory,
  serviceNodeFlags,
  startService,
  summary,
  type ServiceProcess,
  watchPostgresCpu,
} from './support';
import { addLargeCounty } from './large-county';
import type { LoadOrder, LoadResult } from './load-driver';

const SAMPLES = Number(process.env.SAMPLES ?? 200);
const WARM_UP = 20;
const SCALES = (process.env.SCALE ?? 'demo,large').split(',');
const CONCURRENT = Number(process.env.CONCURRENT ?? 50);
const CONCURRENT_REQUESTS = Number(process.env.CONCURRENT_REQUESTS ?? 3000);
const CONCURRENT_WARM_UP = Number(process.env.CONCURRENT_WARM_UP ?? 3000);
/** The warm-up goes in rounds of this many requests, each printed. */
const WARM_UP_ROUND = 1000;
const CONCURRENT_ONLY = process.env.CONCURRENT_ONLY === '1';
/** Which pages go under load: labels' first words (`live`, `request`, `alert`), comma-separated; all by default. */
const CONCURRENT_PAGES = process.env.CONCURRENT_PAGES?.split(',') ?? null;

/** A signed-in browser without the browser: the session cookie, and HTML asked for. */
class PageClient {
  private cookies = new Map<string, string>();
  constructor(private readonly base: string) {}

  async get(path: string): Promise<{ status: number; html: string }> {
    const res = await fetch(this.base + path, {
      headers: { accept: 'text/html', cookie: this.cookieHeader() },
      redirect: 'manual',
    });
    this.keep(res);
    return { status: res.status, html: await res.text() };
  }

  async signIn(email: string, password: string): Promise<void> {
    const page = await this.get('/sign-in');
    const token = /name="_csrf" value="([^"]+)"/.exec(page.html)?.[1] ?? '';
    const res = await fetch(`${this.base}/sign-in`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'text/html',
        cookie: this.cookieHeader(),
      },
      body: new URLSearchParams({ _csrf: token, email, password, returnTo: '/' }).toString(),
      redirect: 'manual',
    });
    this.keep(res);
    if (res.status !== 303) throw new Error(`sign-in as ${email} failed: ${res.status}`);
  }

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  }
}

/** Times `SAMPLES` requests of one page (after a warm-up), failing on any answer but `expect` or an error summary. */
async function time(client: PageClient, path: string, expect = 200): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < WARM_UP + SAMPLES; i++) {
    const t = performance.now();
    const res = await client.get(path);
    const ms = performance.now() - t;
    if (res.status !== expect) throw new Error(`${path}: ${res.status}`);
    // A page answering its own form's errors did not do the work being timed (the bench's input was refused).
    if (res.html.includes('govuk-error-summary')) throw new Error(`${path}: the page shows an error summary`);
    if (i >= WARM_UP) samples.push(ms);
  }
  return samples;
}

/** One row of the seeded data the pages are timed on (the bench fails when there is none). */
async function one<T extends object>(env: BenchEnv, what: string, sql: string, params: unknown[] = []): Promise<T> {
  const { rows } = await env.db.query<T>(sql, params);
  if (!rows[0]) throw new Error(`no ${what} in the seeded data`);
  return rows[0];
}

/** The London calendar date `days` from now, and its GOV.UK date-input parts. */
function londonDay(days: number): { day: string; month: string; year: string } {
  const iso = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(
    new Date(Date.now() + days * 864e5),
  );
  const [year, month, day] = iso.split('-');
  return { day: String(Number(day)), month: String(Number(month)), year };
}

interface PageToTime {
  label: string;
  role: string;
  path: string;
  status?: number;
}

/** The pages to time, as each role lands on them, with ids found in the seeded data. */
async function pagesOf(env: BenchEnv, signedIn: Record<string, string>): Promise<PageToTime[]> {
  const person = await one<{ id: string; young_person_id: string }>(
    env,
    'fired director step',
    `select e.id, e.young_person_id from escalation e where e.fired_at is not null and e.role = 'director' order by e.fired_at limit 1`,
  );
  const request = await one<{ id: string }>(
    env,
    'open placement request',
    `select id from placement_request where status = 'open' order by needed_by, id limit 1`,
  );
  const provider = await one<{ id: string }>(env, 'provider', `select id from provider order by name limit 1`);
  const bed = await one<{ id: string }>(env, 'bed', `select id from bed order by id limit 1`);
  const caseload = await one<{ id: string; last_name: string }>(
    env,
    'young person allocated to the signed-in PA',
    `select y.id, y.last_name from young_person y join app_user u on u.id = y.pa_user_id where u.email = $1
      order by y.reference limit 1`,
    [signedIn.pa],
  );
  const week = londonDay(7);
  const surname = encodeURIComponent(caseload.last_name);
  return [
    { label: 'sign-in page (anonymous)', role: 'none', path: '/sign-in' },
    { label: 'home: director (alerts that reach them)', role: 'director', path: '/' },
    { label: 'home: director (everyone)', role: 'director', path: '/?show=everyone' },
    {
      label: 'home: director (filtered: breach, unacknowledged)',
      role: 'director',
      path: '/?breach=true&unacknowledged=true',
    },
    { label: 'home: team manager', role: 'team_manager', path: '/' },
    { label: 'home: PA', role: 'pa', path: '/' },
    { label: 'home: housing officer', role: 'housing_officer', path: '/' },
    { label: 'home: admin', role: 'admin', path: '/' },
    { label: 'alert page', role: 'director', path: `/escalations/${person.id}` },
    { label: 'timeline page', role: 'director', path: `/young-people/${person.young_person_id}/timeline` },
    { label: 'request queue: housing officer', role: 'housing_officer', path: '/placement-requests/queue' },
    {
      label: 'match page: housing officer',
      role: 'housing_officer',
      path: `/placement-requests/${request.id}/matches`,
    },
    { label: 'vacancy board (today)', role: 'housing_officer', path: '/vacancies' },
    {
      label: 'vacancy board (free a week ahead)',
      role: 'housing_officer',
      // The page's GOV.UK date input: day, month and year boxes.
      path: `/vacancies?freeOn-day=${week.day}&freeOn-month=${week.month}&freeOn-year=${week.year}`,
    },
    { label: 'providers list', role: 'housing_officer', path: '/providers' },
    { label: 'provider page', role: 'housing_officer', path: `/providers/${provider.id}` },
    { label: 'beds list', role: 'housing_officer', path: '/beds' },
    { label: 'bed page', role: 'housing_officer', path: `/beds/${bed.id}` },
    { label: 'find a young person: PA', role: 'pa', path: `/young-people?q=${surname}` },
    { label: 'find a young person: housing officer', role: 'housing_officer', path: `/young-people?q=${surname}` },
    { label: 'young person page: their PA', role: 'pa', path: `/young-people/${caseload.id}` },
    { label: 'add a young person form: PA', role: 'pa', path: '/young-people/new' },
    { label: 'notifications page: PA', role: 'pa', path: '/notifications' },
    { label: 'page not found', role: 'director', path: '/no-such-page', status: 404 },
  ];
}

/** One signed-in client per role (its first demo user by e-mail), and who that is. */
async function signInAs(
  env: BenchEnv,
  base: string,
): Promise<{ clients: Record<string, PageClient>; emails: Record<string, string> }> {
  const emails = await env.db.query<{ role: string; email: string }>(
    `select distinct on (role) role, email from app_user where active and email like '%@demo.invalid' order by role, email`,
  );
  const clients: Record<string, PageClient> = { none: new PageClient(base) };
  for (const { role, email } of emails.rows) {
    clients[role] = new PageClient(base);
    await clients[role].signIn(email, DEMO_PASSWORD);
  }
  return { clients, emails: Object.fromEntries(emails.rows.map((r) => [r.role, r.email])) };
}

/** `n` sessions of staff in `role`, each signed in through the sign-in page (the role's demo users in turn). */
async function sessionsOf(env: BenchEnv, base: string, role: string, n: number): Promise<string[]> {
  const { rows } = await env.db.query<{ email: string }>(
    `select email from app_user where active and role = $1 and email like '%@demo.invalid' order by email`,
    [role],
  );
  if (!rows.length) throw new Error(`no demo ${role} to sign in`);
  const cookies: string[] = [];
  for (let i = 0; i < n; i++) {
    const client = new PageClient(base);
    await client.signIn(rows[i % rows.length].email, DEMO_PASSWORD);
    cookies.push(client.cookieHeader());
  }
  return cookies;
}

/**
 * `total` requests of one page from `cookies.length` connections at once, each connection its own
 * signed-in session: autocannon on loopback in a process of its own (bench/load-driver.ts), so the
 * load generator does not share the service's JavaScript thread; failing on any answer but 200.
 * Answers each request's time, the requests per second, and the CPU time per request of the
 * service, of PostgreSQL and of the load driver (from /proc).
 */
async function hammer(service: ServiceProcess, path: string, cookies: string[], total: number): Promise<Hammered> {
  const cpu = procCpuMs(service.pid);
  const postgres = watchPostgresCpu();
  const driver = fork(join(__dirname, 'load-driver.js'), { stdio: 'inherit' });
  let driverCpu = 0;
  const result = await new Promise<LoadResult>((resolve, reject) => {
    driver.once('message', (m) => {
      driverCpu = procCpuMs(driver.pid!);
      resolve(m as LoadResult);
    });
    driver.once('exit', (code) => reject(new Error(`the load driver exited (${code}) before answering`)));
    driver.send({ url: service.baseUrl + path, cookies, amount: total } satisfies LoadOrder);
  }).finally(() => postgres.stop());
  const used = procCpuMs(service.pid) - cpu;
  const usedByPostgres = postgres.stop();
  const wrong = Object.entries(result.statuses).filter(([status]) => status !== '200');
  if (wrong.length || result.errors || result.timeouts)
    throw new Error(
      `${path} under load: ${JSON.stringify(Object.fromEntries(wrong))} answered, ${result.errors} errors, ${result.timeouts} timeouts`,
    );
  const n = result.ms.length;
  return {
    ms: result.ms,
    rps: n / result.seconds,
    cpuMs: used / n,
    postgresCpuMs: usedByPostgres / n,
    driverCpuMs: driverCpu / n,
  };
}

/** What `hammer` measured: each request's time, requests a second, and CPU a request by whom. */
interface Hammered {
  ms: number[];
  rps: number;
  /** The service process's CPU time a request. */
  cpuMs: number;
  /** PostgreSQL's (every `postgres` process on the machine) CPU time a request. */
  postgresCpuMs: number;
  /** The load driver's (autocannon's process) CPU time a request, its start-up included. */
  driverCpuMs: number;
}

/** A measured run's line: the times, the rate, and where this 2-core machine's CPU went. */
const hammered = (label: string, h: Hammered) =>
  `${summary(label, h.ms)} ${h.rps.toFixed(0)} req/s; CPU a request: service ${h.cpuMs.toFixed(1)} ms, PostgreSQL ${h.postgresCpuMs.toFixed(1)} ms, load driver ${h.driverCpuMs.toFixed(1)} ms`;

/** The pages issue 14 puts under 50 staff at once, each as a role that works on it. */
function concurrentPagesOf(pages: PageToTime[]): PageToTime[] {
  const find = (label: string) => pages.find((p) => p.label === label)!;
  return [
    { ...find('home: director (everyone)'), label: 'live list (director, everyone)' },
    { ...find('request queue: housing officer'), label: 'request queue (housing officers)' },
    { ...find('alert page'), label: 'alert page (directors)' },
  ];
}

async function run(scale: string): Promise<void> {
  const env = new BenchEnv();
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData: (s, _c, cb) => s.on('end', () => cb()).resume(),
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
  const smtpPort = (smtp.server.address() as { port: number }).port;
  try {
    await env.createDatabase();
    const orm = await MikroORM.init(ormConfig(env.databaseUrl, { poolMax: 2, entities: ENTITIES }));
    await seedDemoCounty(orm.em.fork());
    await orm.close(true);
    await env.startApp({ SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, NODE_ENV: 'development' });
    const app = env.app!;
    await seedDemoPeople(app);
    if (scale === 'large') await addLargeCounty(env, app);
    await app.get(TimerRegistry).sweep();
    await env.db.query('analyze');
    const counts = await env.db.query<{ beds: number; people: number; live: number }>(
      `select (select count(*) from bed)::int as beds, (select count(*) from young_person)::int as people,
              (select count(*) from stay where ended_at is null and (suitable = false or emergency))::int as live`,
    );
    const c = counts.rows[0];
    console.log(
      `\n== ${scale}: ${c.beds} beds, ${c.people} young people, ${c.live} in unsuitable or emergency accommodation; ${SAMPLES} requests per page`,
    );
    const { clients, emails } = await signInAs(env, env.baseUrl);
    const pages = await pagesOf(env, emails);
    for (const p of CONCURRENT_ONLY ? [] : pages) {
      console.log(summary(`  ${p.label.padEnd(50)}`, await time(clients[p.role], p.path, p.status)));
    }
    // The in-process service steps aside: the production build serves the staff at once.
    await env.app!.close();
    env.app = undefined;
    const service = await startService(env, { SMTP_URL: `smtp://127.0.0.1:${smtpPort}` });
    if (!service) throw new Error('no dist/main.js: `npm run bench:pages` builds it first');
    try {
      console.log(
        `\n  ${CONCURRENT} signed-in staff at once (autocannon, loopback), ${CONCURRENT_REQUESTS} requests per page after ${CONCURRENT_WARM_UP} to warm up, served by node ${serviceNodeFlags().join(' ')} dist/main.js (NODE_ENV=production, pid ${service.pid}):`,
      );
      const underLoad = concurrentPagesOf(pages).filter(
        (p) => !CONCURRENT_PAGES || CONCURRENT_PAGES.includes(p.label.split(' ')[0]),
      );
      for (const p of underLoad) {
        const cookies = await sessionsOf(env, service.baseUrl, p.role, CONCURRENT);
        // The warm-up in rounds of at most 1,000, each printed: how a just-started service's figures settle.
        const warmUp: Hammered[] = [];
        for (let done = 0; done < CONCURRENT_WARM_UP; done += WARM_UP_ROUND) {
          warmUp.push(await hammer(service, p.path, cookies, Math.min(WARM_UP_ROUND, CONCURRENT_WARM_UP - done)));
        }
        const measured = await hammer(service, p.path, cookies, CONCURRENT_REQUESTS);
        console.log(hammered(`  ${p.label.padEnd(50)}`, measured));
        warmUp.forEach((w, i) =>
          console.log(hammered(`    (its warm-up, round ${i + 1} of ${warmUp.length}, before)`.padEnd(52), w)),
        );
      }
      console.log(
        `  peak RSS of the service (VmHWM): ${(procMemory(service.pid, 'VmHWM') / 1024 / 1024).toFixed(0)} MB`,
      );
    } finally {
      await service.stop();
    }
  } finally {
    await env.close();
    smtp.close();
  }
}

async function main() {
  for (const scale of SCALES) await run(scale);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
