/**
 * How fast the staff's pages render, signed in through the sign-in page like a person, timed at
 * the HTTP boundary on loopback (the server's time to answer the whole page):
 *
 *   npm run bench:pages                      (the demo county, then 50,000 beds and 20,000 young people)
 *   SCALE=demo npm run bench:pages           (only the demo county)
 *   SCALE=large BEDS=50000 PEOPLE=20000 LIVE=1000 SAMPLES=200 npm run bench:pages
 *
 * Targets (issue 11): p95 ≤ 100 ms on the demo county, ≤ 300 ms at the large scale.
 */
import { MikroORM } from '@mikro-orm/postgresql';
import { SMTPServer } from 'smtp-server';
import { seedDemoCounty, DEMO_PASSWORD } from '../src/cli/seed/demo-county';
import { seedDemoPeople } from '../src/cli/seed/demo-people';
import { ENTITIES } from '../src/entities';
import { ormConfig } from '../src/platform/database/mikro-orm.config';
import { TimerRegistry } from '../src/platform/queue/timer-registry';
import { BenchEnv, summary } from './support';
import { addLargeCounty } from './large-county';

const SAMPLES = Number(process.env.SAMPLES ?? 200);
const WARM_UP = 20;
const SCALES = (process.env.SCALE ?? 'demo,large').split(',');

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

  private cookieHeader(): string {
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

/** Times `SAMPLES` requests of one page (after a warm-up), failing on any answer but `expect`. */
async function time(client: PageClient, path: string, expect = 200): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < WARM_UP + SAMPLES; i++) {
    const t = performance.now();
    const res = await client.get(path);
    const ms = performance.now() - t;
    if (res.status !== expect) throw new Error(`${path}: ${res.status}`);
    if (i >= WARM_UP) samples.push(ms);
  }
  return samples;
}

/** The pages to time, as each role lands on them, with ids found in the seeded data. */
async function pagesOf(env: BenchEnv): Promise<{ label: string; role: string; path: string; status?: number }[]> {
  const alert = await env.db.query<{ id: string; young_person_id: string }>(
    `select e.id, e.young_person_id from escalation e where e.fired_at is not null and e.role = 'director' order by e.fired_at limit 1`,
  );
  const person = alert.rows[0];
  if (!person) throw new Error('no fired director step in the seeded data');
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
    { label: 'page not found', role: 'director', path: '/no-such-page', status: 404 },
  ];
}

async function signInAs(env: BenchEnv, base: string): Promise<Record<string, PageClient>> {
  const emails = await env.db.query<{ role: string; email: string }>(
    `select distinct on (role) role, email from app_user where active and email like '%@demo.invalid' order by role, email`,
  );
  const clients: Record<string, PageClient> = { none: new PageClient(base) };
  for (const { role, email } of emails.rows) {
    clients[role] = new PageClient(base);
    await clients[role].signIn(email, DEMO_PASSWORD);
  }
  return clients;
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
    const clients = await signInAs(env, env.baseUrl);
    for (const p of await pagesOf(env)) {
      console.log(summary(`  ${p.label.padEnd(50)}`, await time(clients[p.role], p.path, p.status)));
    }
    console.log(`  peak RSS of the process: ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB`);
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
