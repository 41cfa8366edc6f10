import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedPost {
  at: number;
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
  raw: string;
}

export interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

/**
 * A real HTTP receiver in the test process (127.0.0.1, a free port) standing in for a Teams/Slack
 * incoming webhook: records every request and answers 200, or the answers queued with failNext /
 * answerNext. Loopback is never a webhook target: a service reaches it only when started with
 * NODE_ENV=test and WEBHOOK_TEST_RECEIVERS listing this receiver's `endpoint`.
 */
export class TestWebhookReceiver {
  readonly received: ReceivedPost[] = [];
  private readonly answers: Answer[] = [];
  private server!: Server;
  baseUrl = '';
  /** `127.0.0.1:<port>`, as WEBHOOK_TEST_RECEIVERS takes it. */
  endpoint = '';
  port = 0;
  /** TCP connections accepted, whether or not a request followed. */
  connections = 0;

  static async start(): Promise<TestWebhookReceiver> {
    const r = new TestWebhookReceiver();
    await r.listen();
    return r;
  }

  /** A URL on this receiver (the path lets one receiver stand in for several webhooks). */
  url(path = '/hook'): string {
    return `${this.baseUrl}${path.startsWith('/') ? path : `/${path}`}`;
  }

  /** Answer the next `times` requests with `status` instead of 200. */
  failNext(times: number, status = 500): void {
    this.answerNext(times, { status });
  }

  /** Answer the next `times` requests with this status, headers and body. */
  answerNext(times: number, answer: Answer): void {
    for (let i = 0; i < times; i++) this.answers.push(answer);
  }

  at(path: string): ReceivedPost[] {
    return this.received.filter((p) => p.path === path);
  }

  private async listen(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        let body: unknown = raw;
        try {
          body = JSON.parse(raw);
        } catch {
          /* keep the raw text */
        }
        this.received.push({
          at: Date.now(),
          method: req.method ?? '',
          path: req.url ?? '',
          headers: req.headers,
          body,
          raw,
        });
        const answer: Answer = this.answers.shift() ?? { status: 200 };
        res.writeHead(answer.status, { 'content-type': 'text/plain', connection: 'close', ...answer.headers });
        res.end(answer.body ?? (answer.status < 300 ? '1' : 'error'));
      });
    });
    this.server.on('connection', () => this.connections++);
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = this.server.address() as AddressInfo;
    this.port = port;
    this.endpoint = `127.0.0.1:${port}`;
    this.baseUrl = `http://${this.endpoint}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
