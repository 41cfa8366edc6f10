import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { AuditService } from '../audit/audit.service';
import { CLOCK, Clock } from '../../platform/clock';
import { conflict, notFound } from '../../kernel/errors';
import { sourcesOf } from '../../kernel/bed-state';
import { Bed } from './inventory.entities';
import { BedStatus } from '../../kernel/inventory';

export interface BedTransition {
  to: BedStatus;
  actorUserId: string | null;
  /** Audit action, e.g. `bed.held`. */
  action: string;
  /** Extra audit detail (the hold or stay that caused it). */
  detail?: Record<string, unknown>;
  /** Only move from these statuses (defaults to every status the lifecycle allows). */
  from?: BedStatus[];
  /** Fields cleared or set with the move (e.g. the out-of-service reason). */
  set?: { outOfServiceReason?: string | null; availableFrom?: string | null };
}

/**
 * The one place bed status changes at run time. The move is a single conditional UPDATE
 * (`where status in (allowed sources)`), so of many concurrent attempts exactly one succeeds and
 * the rest see 409; it bumps the bed's version, and it is audited in the caller's transaction.
 */
@Injectable()
export class BedStateService {
  constructor(
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async transition(em: EntityManager, bedId: string, t: BedTransition): Promise<Bed> {
    const allowed = (t.from ?? sourcesOf(t.to)).filter((s) => sourcesOf(t.to).includes(s));
    if (!allowed.length)
      throw conflict(`No bed may become ${t.to.replace(/_/g, ' ')} from the given statuses`, 'bed_state');
    const sets = ['status = ?', 'version = version + 1', 'updated_at = ?'];
    const params: unknown[] = [t.to, this.clock.now()];
    if (t.set && 'outOfServiceReason' in t.set) {
      sets.push('out_of_service_reason = ?');
      params.push(t.set.outOfServiceReason ?? null);
    }
    if (t.set && 'availableFrom' in t.set) {
      sets.push('available_from = ?');
      params.push(t.set.availableFrom ?? null);
    }
    const rows = await em.execute<{ status: BedStatus }[]>(
      `update bed b set ${sets.join(', ')}
         from (select id, status as previous from bed where id = ? for update) old
        where b.id = old.id and b.status in (${allowed.map(() => '?').join(', ')})
        returning b.*, old.previous`,
      [...params, bedId, ...allowed],
    );
    if (!rows.length) {
      const current = await em.execute<{ status: BedStatus }[]>('select status from bed where id = ?', [bedId]);
      if (!current.length) throw notFound('Bed', bedId);
      throw conflict(
        `The bed is ${current[0].status.replace(/_/g, ' ')} and cannot become ${t.to.replace(/_/g, ' ')}`,
        'bed_state',
        { bedStatus: current[0].status },
      );
    }
    const { previous, ...row } = rows[0] as unknown as Record<string, unknown> & { previous: BedStatus };
    const bed = em.map(Bed, row);
    this.audit.record(em, {
      actorUserId: t.actorUserId,
      action: t.action,
      entity: 'Bed',
      entityId: bedId,
      changes: { status: { from: previous, to: t.to }, ...(t.detail ?? {}) },
    });
    return bed;
  }
}
