/**
 * Where the time goes when 50 signed-in staff open the same page at once: the SQL statements each
 * page request runs, and a CPU profile of the service while autocannon hammers it (loopback,
 * same process). A developer's tool beside `pages.bench.ts`, on the demo county:
 *
 *   npm run bench:build && node dist-bench/bench/pages-profile.js [out-dir]
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { MikroORM } from '@mikro-orm/postgresql';
import autocannon from 'autocannon';
import { seedDemoCounty, DEMO_PASSWORD } from '../src/cli/seed/demo-county';
import { seedDemoPeople } from '../src/cli/seed/demo-people';
import { ENTITIES } from '../src/entities';
import { ormConfig } from '../src/platform/database/mikro-orm.config';
import { TimerRegistry } from '../src/platform/queue/timer-registry';
import { BenchEnv, summary } from './support';

const OUT = process.argv[2] ?? '/tmp';
const CONNECTIONS = Number(process.env.CONCURRENT ?? 50);
const REQUESTS = Number(process.env.CONCURRENT_REQUESTS ?? 1000);

async function signIn(base: string, email: string): Promise<string> {
  const page = await fetch(`${base}/sign-in`, { headers: { accept: 'text/html' } });
  const html = await page.text();
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
  const jar = page.headers.getSetCookie().map((c) => c.split(';')[0]);
  const res = await fetch(`${base}/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', cookie: jar.join('; ') },
    body: new URLSearchParams({ _csrf: token, email, password: DEMO_PASSWORD, returnTo: '/' }).toString(),
    redirect: 'manual',
  });
  if (res.status !== 303) throw new Error(`sign-in ${email}: ${res.status}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

async function main() {
  const env = new BenchEnv();
  try {
    await env.createDatabase();
    const orm = await MikroORM.init(ormConfig(env.databaseUrl, { poolMax: 2, entities: ENTITIES }));
    await seedDemoCounty(orm.em.fork());
    await orm.close(true);
    await env.startApp({ NODE_ENV: 'development' });
    const app = env.app!;
    await seedDemoPeople(app);
    await app.get(TimerRegistry).sweep();
    await env.db.query('analyze');

    // Every statement the service sends, counted and (for one request) listed.
    const connection = app.get(MikroORM).em.getConnection() as unknown as {
      execute: (q: unknown, ...rest: unknown[]) => Promise<unknown>;
    };
    const execute = connection.execute.bind(connection);
    let listing: string[] | null = null;
    let count = 0;
    connection.execute = (q: unknown, ...rest: unknown[]) => {
      count++;
      listing?.push(
        String(typeof q === 'string' ? q : JSON.stringify(q))
          .replace(/\s+/g, ' ')
          .slice(0, 140),
      );
      return execute(q, ...rest);
    };

    const alert = await env.db.query<{ id: string }>(
      `select e.id from escalation e where e.fired_at is not null and e.role = 'director' order by e.fired_at limit 1`,
    );
    const pages = [
      { label: 'live-list', email: 'director@demo.invalid', path: '/?show=everyone' },
      { label: 'queue', email: 'housing.officer@demo.invalid', path: '/placement-requests/queue' },
      { label: 'alert', email: 'director@demo.invalid', path: `/escalations/${alert.rows[0].id}` },
    ];
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    for (const p of pages.filter((x) => !process.env.PAGES || process.env.PAGES.split(',').includes(x.label))) {
      const cookies: string[] = [];
      for (let i = 0; i < CONNECTIONS; i++) cookies.push(await signIn(env.baseUrl, p.email));
      listing = [];
      const one = await fetch(env.baseUrl + p.path, { headers: { accept: 'text/html', cookie: cookies[0] } });
      const html = await one.text();
      writeFileSync(`${OUT}/${p.label}.html`, html);
      console.log(`\n${p.label}: ${one.status}, ${html.length} bytes, ${listing.length} statements:`);
      for (const s of listing) console.log(`    ${s}`);
      listing = null;
      if (process.env.HTML_ONLY === '1') continue;
      const run = async () => {
        let next = 0;
        const ms: number[] = [];
        const inst = autocannon({
          url: env.baseUrl + p.path,
          connections: CONNECTIONS,
          amount: REQUESTS,
          headers: { accept: 'text/html' },
          setupClient: (c) => c.setHeaders({ accept: 'text/html', cookie: cookies[next++ % cookies.length] }),
        });
        inst.on('response', (_c, _s, _b, t) => ms.push(t));
        await inst;
        return ms;
      };
      await run();
      count = 0;
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      await session.post('Profiler.start');
      const ms = await run();
      const { profile } = await session.post('Profiler.stop');
      const wall = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      writeFileSync(`${OUT}/${p.label}.cpuprofile`, JSON.stringify(profile));
      console.log(summary(`  ${p.label} under load`, ms));
      console.log(
        `  ${(REQUESTS / (wall / 1000)).toFixed(0)} req/s; process CPU ${((cpu.user + cpu.system) / 1000 / REQUESTS).toFixed(2)} ms a request (autocannon included); ${(count / REQUESTS).toFixed(1)} statements a request`,
      );
    }
  } finally {
    await env.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
