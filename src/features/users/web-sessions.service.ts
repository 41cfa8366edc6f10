import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { AuthUser } from '../../kernel/roles';
import { CLOCK, type Clock } from '../../platform/clock';
import { APP_CONFIG, type AppConfig } from '../../platform/config/config';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { TimerRegistry } from '../../platform/queue/timer-registry';
import { AuditService } from '../audit/audit.service';
import { TOUCH_EVERY_MS, WebSessionsRepository } from './web-sessions.repository';

export interface WebSession {
  /** The cookie's value: random, 256 bits; only its hash is stored. */
  id: string;
  user: AuthUser;
  csrfToken: string;
}

/**
 * A scalar read about the session's user, answered with the session in one statement: a SQL
 * expression of the user's id column, written by the feature whose table it reads (the pages'
 * unread count: `InboxService.unreadCountSql`).
 */
export type SessionSideRead = (userIdColumn: string) => string;

const hash = (id: string) => createHash('sha256').update(id).digest('hex');

/** A random token for cookies and forms. */
export const randomToken = () => randomBytes(32).toString('base64url');

/** Constant-time comparison of two tokens. */
export function sameToken(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Server-side web sessions, in PostgreSQL (the source of truth, shared by every instance, and
 * where a deactivation or password change is already known): a session lasts while its user is
 * active and has not signed out or changed password (token version), and ends after SESSION_IDLE
 * without a request or SESSION_MAX in all. The cookie carries only a random id.
 */
@Injectable()
export class WebSessionsService implements OnModuleInit {
  constructor(
    private readonly sessions: WebSessionsRepository,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly timers: TimerRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.timers.registerSweeper('web-sessions', () => this.purge());
  }

  async start(user: Omit<AuthUser, 'area'> & { area?: string | null; tokenVersion: number }): Promise<WebSession> {
    const id = randomToken();
    const csrfToken = randomToken();
    await this.uow.run(async () => {
      await this.sessions.insert({
        idHash: hash(id),
        userId: user.id,
        tokenVersion: user.tokenVersion,
        csrfToken,
        at: this.clock.now(),
      });
    });
    return {
      id,
      user: { id: user.id, email: user.email, name: user.name, role: user.role, area: user.area ?? null },
      csrfToken,
    };
  }

  /**
   * The live session behind a cookie, or null (and a dead one is removed); with `sideRead`, what
   * that answered for the session's user, read in the same statement.
   */
  async resume(
    id: string | undefined,
    sideRead?: SessionSideRead,
  ): Promise<(WebSession & { sideRead?: unknown }) | null> {
    if (!id || id.length > 100) return null;
    const row = await this.sessions.find(hash(id), sideRead);
    if (!row) return null;
    const now = this.clock.now();
    const idle = now.getTime() - row.lastSeenAt.getTime() > this.config.session.idleMs;
    const old = now.getTime() - row.createdAt.getTime() > this.config.session.maxMs;
    if (idle || old || !row.active || row.sessionVersion !== row.userVersion) {
      await this.sessions.delete(row.idHash);
      return null;
    }
    // Touched within the minute: the UPDATE would match no row, so it is not sent (one statement less a page).
    if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) await this.sessions.touch(row.idHash, now);
    return { id, user: row.user, csrfToken: row.csrfToken, sideRead: row.sideRead };
  }

  async end(session: WebSession): Promise<void> {
    await this.uow.run(async (em) => {
      await this.sessions.delete(hash(session.id));
      this.audit.record(em, {
        actorUserId: session.user.id,
        action: 'user.signed_out',
        entity: 'User',
        entityId: session.user.id,
        changes: { via: 'web' },
      });
    });
  }

  private async purge(): Promise<{ purged: number }> {
    const now = this.clock.now().getTime();
    const purged = await this.sessions.purge(
      new Date(now - this.config.session.idleMs),
      new Date(now - this.config.session.maxMs),
    );
    return { purged };
  }
}
