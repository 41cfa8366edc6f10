/**
 * The load generator of `bench:pages`, in a process of its own (forked by the bench): autocannon on
 * loopback, `connections` at once, each its own signed-in session, `amount` requests in all. Kept
 * out of the service's process so that its work does not share the service's one JavaScript
 * thread (as a browser's would not). Sends back every response's time and status.
 */
import autocannon from 'autocannon';

export interface LoadOrder {
  url: string;
  cookies: string[];
  amount: number;
}
export interface LoadResult {
  ms: number[];
  statuses: Record<number, number>;
  errors: number;
  timeouts: number;
  seconds: number;
}

process.once('message', (order: LoadOrder) => {
  const ms: number[] = [];
  const statuses: Record<number, number> = {};
  let next = 0;
  const started = Date.now();
  const instance = autocannon({
    url: order.url,
    connections: order.cookies.length,
    amount: order.amount,
    timeout: 30,
    headers: { accept: 'text/html' },
    setupClient: (client) =>
      client.setHeaders({ accept: 'text/html', cookie: order.cookies[next++ % order.cookies.length] }),
  });
  // The run's length ends at its last answer: autocannon reports the end only at its next one-second tick.
  let lastAnswer = started;
  instance.on('response', (_client, status, _bytes, responseTime) => {
    lastAnswer = Date.now();
    ms.push(responseTime);
    statuses[status] = (statuses[status] ?? 0) + 1;
  });
  instance.then(
    (result) => {
      const answer: LoadResult = {
        ms,
        statuses,
        errors: result.errors,
        timeouts: result.timeouts,
        seconds: (lastAnswer - started) / 1000,
      };
      process.send!(answer, () => process.exit(0));
    },
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
});
