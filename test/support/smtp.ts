import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  at: number;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string | null;
  headers: Record<string, string>;
}

export interface Rejection {
  at: number;
  to: string[];
  code: number;
}

interface RejectRule {
  remaining: number;
  code: number;
  to?: string;
}

/**
 * A real SMTP server in the test process (127.0.0.1, a free port, no TLS, no auth): collects every
 * accepted message parsed, and can refuse messages with a 4xx/5xx to simulate a failing relay.
 */
export class TestSmtpServer {
  readonly received: ReceivedMail[] = [];
  readonly rejected: Rejection[] = [];
  private readonly rules: RejectRule[] = [];
  private server!: SMTPServer;
  url = '';

  static async start(): Promise<TestSmtpServer> {
    const s = new TestSmtpServer();
    await s.listen();
    return s;
  }

  private async listen(): Promise<void> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      size: 1024 * 1024,
      onData: (stream, session, callback) => {
        const to = session.envelope.rcptTo.map((a) => a.address.toLowerCase());
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('error', (e) => callback(e));
        stream.on('end', () => {
          const rule = this.rules.find((r) => r.remaining > 0 && (!r.to || to.includes(r.to)));
          if (rule) {
            rule.remaining--;
            this.rejected.push({ at: Date.now(), to, code: rule.code });
            const err = new Error(
              rule.code >= 500 ? 'Rejected by the test server' : 'Try again later (test server)',
            ) as Error & { responseCode: number };
            err.responseCode = rule.code;
            callback(err);
            return;
          }
          simpleParser(Buffer.concat(chunks))
            .then((mail) => {
              const headers: Record<string, string> = {};
              for (const [k, v] of mail.headers) headers[k] = typeof v === 'string' ? v : JSON.stringify(v);
              this.received.push({
                at: Date.now(),
                from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
                to,
                subject: mail.subject ?? '',
                text: mail.text ?? '',
                html: typeof mail.html === 'string' ? mail.html : null,
                headers,
              });
              callback();
            })
            .catch((e: Error) => callback(e));
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      this.server.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = this.server.server.address() as AddressInfo;
    this.url = `smtp://127.0.0.1:${port}`;
  }

  /** Refuse the next `times` messages (to `to` only, when given) with `code` (default 451, a temporary failure). */
  reject(times: number, opts: { code?: number; to?: string } = {}): void {
    this.rules.push({ remaining: times, code: opts.code ?? 451, to: opts.to?.toLowerCase() });
  }

  /** Messages accepted for this address. */
  to(address: string): ReceivedMail[] {
    return this.received.filter((m) => m.to.includes(address.toLowerCase()));
  }

  rejectedFor(address: string): Rejection[] {
    return this.rejected.filter((r) => r.to.includes(address.toLowerCase()));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
