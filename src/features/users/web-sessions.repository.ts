import { Injectable } from '@nestjs/common';
import type { AuthUser, Role } from '../../kernel/roles';
import { executePrepared } from '../../platform/database/sql';
import { UnitOfWork } from '../../platform/database/unit-of-work';

export interface SessionRow {
  idHash: string;
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
  user: AuthUser;
  /** The session's token version and the user's now: they differ once the user signed out, changed password or was deactivated. */
  sessionVersion: number;
  userVersion: number;
  active: boolean;
  /** What the caller's side read answered (undefined without one). */
  sideRead?: unknown;
}

/** A session's `last_seen_at` is moved on at most this often, so each page view is not a write. */
export const TOUCH_EVERY_MS = 60_000;

/** Every query on `web_session`. */
@Injectable()
export class WebSessionsRepository {
  constructor(private readonly uow: UnitOfWork) {}

  async insert(s: {
    idHash: string;
    userId: string;
    tokenVersion: number;
    csrfToken: string;
    at: Date;
  }): Promise<void> {
    await this.uow.em.execute(
      `insert into web_session (id_hash, user_id, token_version, csrf_token, created_at, last_seen_at) values (?, ?, ?, ?, ?, ?)`,
      [s.idHash, s.userId, s.tokenVersion, s.csrfToken, s.at, s.at],
    );
  }

  /**
   * The session and its user; with `sideRead` (a SQL expression of the user's id column `u.id`,
   * owned by the feature it reads), that too, in the same statement (`side_read`).
   */
  async find(idHash: string, sideRead?: (userIdColumn: string) => string): Promise<SessionRow | null> {
    // Every page asks this first: prepared once per connection (sql.ts), not planned per request.
    const [r] = await executePrepared<{
      id_hash: string;
      csrf_token: string;
      created_at: Date;
      last_seen_at: Date;
      token_version: number;
      user_id: string;
      email: string;
      name: string;
      role: Role;
      area: string | null;
      active: boolean;
      user_version: number;
      side_read?: unknown;
    }>(
      this.uow.em,
      `select s.id_hash, s.csrf_token, s.created_at, s.last_seen_at, s.token_version,
              u.id as user_id, u.email, u.name, u.role, u.area, u.active, u.token_version as user_version${sideRead ? `, ${sideRead('u.id')} as side_read` : ''}
         from web_session s join app_user u on u.id = s.user_id where s.id_hash = $1`,
      [idHash],
    );
    if (!r) return null;
    return {
      idHash: r.id_hash,
      csrfToken: r.csrf_token,
      createdAt: new Date(r.created_at),
      lastSeenAt: new Date(r.last_seen_at),
      user: { id: r.user_id, email: r.email, name: r.name, role: r.role, area: r.area },
      sessionVersion: r.token_version,
      userVersion: r.user_version,
      active: r.active,
      sideRead: r.side_read,
    };
  }

  /** Marks the session used now (at most once a minute, so each page view is not a write). */
  async touch(idHash: string, at: Date): Promise<void> {
    await this.uow.em.execute(`update web_session set last_seen_at = ? where id_hash = ? and last_seen_at < ?`, [
      at,
      idHash,
      new Date(at.getTime() - TOUCH_EVERY_MS),
    ]);
  }

  async delete(idHash: string): Promise<void> {
    await this.uow.em.execute(`delete from web_session where id_hash = ?`, [idHash]);
  }

  /** Sessions past either timeout, removed in bulk (the sweep). */
  async purge(idleBefore: Date, createdBefore: Date): Promise<number> {
    const rows = await this.uow.em.execute<{ id_hash: string }[]>(
      `delete from web_session where last_seen_at < ? or created_at < ? returning id_hash`,
      [idleBefore, createdBefore],
    );
    return rows.length;
  }
}
