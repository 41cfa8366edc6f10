import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { APP_CONFIG, AppConfig } from '../config/config';

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

/** The webhook port (Teams / Slack incoming webhooks). Throws unless the receiver answered 2xx. */
export abstract class WebhookClient {
  abstract post(url: string, body: unknown): Promise<void>;
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

/** JSON POST with fetch: 10 s timeout, no redirects followed, any non-2xx answer is a failure. */
@Injectable()
export class FetchWebhookClient extends WebhookClient {
  async post(url: string, body: unknown): Promise<void> {
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        redirect: 'manual',
        signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
      });
    } catch (e) {
      // Never echo the URL: an incoming-webhook URL is itself the credential.
      const err = e as Error & { cause?: { code?: string; message?: string } };
      const reason =
        err.name === 'TimeoutError'
          ? `timed out after ${WEBHOOK_TIMEOUT_MS / 1000} s`
          : (err.cause?.code ?? err.cause?.message ?? err.message);
      throw new Error(`webhook request failed: ${reason}`, { cause: e });
    }
    // Drain the body so the connection is released.
    await res.arrayBuffer().catch(() => undefined);
    if (res.status < 200 || res.status >= 300) throw new Error(`webhook answered HTTP ${res.status}`);
  }
}
