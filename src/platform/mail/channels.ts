import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createTransport, type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import type { TargetRefusal } from '../../kernel/webhook-targets';
import { APP_CONFIG, AppConfig } from '../config/config';
import { pinnedLookup, WebhookTargetRefused, WebhookTargets, type PinnedTarget } from '../http/webhook-targets';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/** The email port. Throws when the message was not accepted (the caller retries). */
export abstract class Mailer {
  abstract send(msg: MailMessage): Promise<void>;
}

/**
 * The webhook port (Teams / Slack incoming webhooks). `post` throws unless the receiver answered
 * 2xx, and throws `WebhookTargetRefused` (never worth retrying) when the URL points somewhere a
 * webhook may not go; `refusal` says why a URL may not be a webhook at all, before it is saved.
 */
export abstract class WebhookClient {
  abstract post(url: string, body: unknown): Promise<void>;
  abstract refusal(url: string): Promise<TargetRefusal | null>;
}

/** Every network step of an SMTP delivery gives up after this long. */
export const SMTP_TIMEOUT_MS = 10_000;
export const WEBHOOK_TIMEOUT_MS = 10_000;

/** Email through the SMTP relay in SMTP_URL (`smtp://host:port`, `smtps://user:pass@host:465`), from MAIL_FROM. */
@Injectable()
export class SmtpMailer extends Mailer implements OnModuleDestroy {
  private readonly transport: Transporter<SMTPTransport.SentMessageInfo>;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super();
    this.transport = createTransport(
      {
        url: config.smtpUrl,
        // Reuse a few connections: a burst of escalations must not open one SMTP session per message.
        pool: true,
        maxConnections: 4,
        maxMessages: 200,
        connectionTimeout: SMTP_TIMEOUT_MS,
        greetingTimeout: SMTP_TIMEOUT_MS,
        socketTimeout: SMTP_TIMEOUT_MS,
        dnsTimeout: SMTP_TIMEOUT_MS,
        disableFileAccess: true,
        disableUrlAccess: true,
      } as SMTPTransport.Options,
      { from: config.mailFrom },
    );
  }

  async send(msg: MailMessage): Promise<void> {
    await this.transport.sendMail({ to: msg.to, subject: msg.subject, text: msg.text, html: msg.html });
  }

  onModuleDestroy(): void {
    this.transport.close();
  }
}

/**
 * JSON POST over node:http(s) to a checked address: the host is resolved and every address it has
 * checked first (kernel/webhook-targets.ts), then the connection goes to that very address (the
 * lookup is pinned), so DNS that changes in between cannot redirect it inside the network. 10 s for
 * the whole exchange, no redirects followed, any non-2xx answer is a failure; nothing the receiver
 * says besides its status is read, and no error names an address.
 */
@Injectable()
export class FetchWebhookClient extends WebhookClient {
  readonly targets: WebhookTargets;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super();
    this.targets = new WebhookTargets({
      allowHttp: config.allowHttpWebhooks,
      testReceivers: config.webhookTestReceivers,
      timeoutMs: WEBHOOK_TIMEOUT_MS,
    });
  }

  refusal(url: string): Promise<TargetRefusal | null> {
    return this.targets.refusal(url);
  }

  async post(url: string, body: unknown): Promise<void> {
    const target = await this.targets.pin(url).catch((e: unknown) => {
      throw e instanceof WebhookTargetRefused ? e : requestFailed(e);
    });
    const status = await send(target, JSON.stringify(body)).catch((e: unknown) => {
      throw requestFailed(e);
    });
    if (status < 200 || status >= 300) throw new Error(`webhook answered HTTP ${status}`);
  }
}

class WebhookTimeout extends Error {
  override readonly name = 'TimeoutError';
}

/** Never the URL (an incoming-webhook URL is itself the credential) nor an address: an error code at most. */
function requestFailed(e: unknown): Error {
  const err = e as { name?: string; code?: unknown };
  const reason =
    err.name === 'TimeoutError'
      ? `timed out after ${WEBHOOK_TIMEOUT_MS / 1000} s`
      : typeof err.code === 'string' && /^[A-Z][A-Z0-9_]{1,40}$/.test(err.code)
        ? err.code
        : 'connection failed';
  return new Error(`webhook request failed: ${reason}`, { cause: e });
}

/** One POST to the pinned address; answers the status code and reads nothing of the body. */
function send(target: PinnedTarget, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = target.scheme === 'https' ? httpsRequest : httpRequest;
    const req = request(
      {
        host: target.host,
        port: target.port,
        path: target.path,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        lookup: pinnedLookup(target),
        agent: false,
      },
      (res: IncomingMessage) => {
        resolve(res.statusCode ?? 0);
        res.destroy();
      },
    );
    const timer = setTimeout(() => req.destroy(new WebhookTimeout()), WEBHOOK_TIMEOUT_MS);
    req.on('close', () => clearTimeout(timer));
    req.on('error', reject);
    req.end(body);
  });
}
