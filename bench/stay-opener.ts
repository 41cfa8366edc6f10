/**
 * The stay opener of `bench:escalations`' lateness runs, in a process of its own (forked by the
 * bench): opens a night-shelter stay for each young person through `POST /stays`, paced evenly at
 * `perSecond`, `openers` requests at a time. Kept out of the service's process so that its HTTP
 * client does not share the service's one JavaScript thread (staff's browsers would not), as
 * `bench/load-driver.ts` is for the pages. Sends back how many it opened and how long it took.
 */
import { performance } from 'node:perf_hooks';

export interface OpenOrder {
  baseUrl: string;
  token: string;
  people: string[];
  perSecond: number;
  openers: number;
}
export interface OpenResult {
  opened: number;
  seconds: number;
}

async function open(order: OpenOrder, youngPersonId: string): Promise<void> {
  const res = await fetch(`${order.baseUrl}/stays`, {
    method: 'POST',
    headers: { authorization: `Bearer ${order.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ youngPersonId, accommodationCode: 'V', description: 'Night shelter' }),
  });
  if (res.status >= 300) throw new Error(`POST /stays: ${res.status} ${await res.text()}`);
  await res.arrayBuffer();
}

process.once('message', (order: OpenOrder) => {
  const t = performance.now();
  let next = 0;
  let opened = 0;
  Promise.all(
    Array.from({ length: order.openers }, async () => {
      while (next < order.people.length) {
        const i = next++;
        const wait = t + (i / order.perSecond) * 1000 - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        await open(order, order.people[i]);
        opened++;
      }
    }),
  ).then(
    () => {
      const answer: OpenResult = { opened, seconds: (performance.now() - t) / 1000 };
      process.send!(answer, () => process.exit(0));
    },
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
});
