/** The part of autocannon 9 (no published types) that bench/pages.bench.ts uses. */
declare module 'autocannon' {
  interface Client {
    setHeaders(headers: Record<string, string>): void;
  }
  interface Options {
    url: string;
    connections?: number;
    /** Requests in all, shared among the connections. */
    amount?: number;
    /** Seconds before a request counts as timed out. */
    timeout?: number;
    headers?: Record<string, string>;
    /** Called once for each connection's client before it sends anything. */
    setupClient?: (client: Client) => void;
  }
  interface Result {
    errors: number;
    timeouts: number;
    non2xx: number;
  }
  interface Instance extends PromiseLike<Result> {
    /** Each response: its connection's client, status, bytes and time in milliseconds. */
    on(
      event: 'response',
      listener: (client: Client, status: number, bytes: number, responseTime: number) => void,
    ): this;
  }
  function autocannon(options: Options): Instance;
  export default autocannon;
}
