import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { AuditService } from '../audit/audit.service';
import { CLOCK, Clock } from '../../platform/clock';
import { conflict, notFound } from '../../kernel/errors';
import { sourcesOf } from '../../kernel/bed-state';
import { BedsRepository, type BedStatusSet } from './beds.repository';
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
  set?: BedStatusSet;
}

const spoken = (s: BedStatus) => s.replace(/_/g, ' ');

/**
 * The one place bed status changes at run time. The move is a single conditional UPDATE
 * (`where status in (allowed sources)`, BedsRepository.moveStatus), so of many concurrent attempts
 * exactly one succeeds and the rest see 409; it bumps the bed's version, and it is audited in the
 * caller's transaction (`em`, the unit of work's).
 */
@Injectable()
export class BedStateService {
  constructor(
    private readonly beds: BedsRepository,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async transition(em: EntityManager, bedId: string, t: BedTransition): Promise<Bed> {
    const allowed = (t.from ?? sourcesOf(t.to)).filter((s) => sourcesOf(t.to).includes(s));
    if (!allowed.length) throw conflict(`No bed may become ${spoken(t.to)} from the given statuses`, 'bed_state');
    const moved = await this.beds.moveStatus(bedId, t.to, allowed, t.set, this.clock.now());
    if (!moved) {
      const current = await this.beds.statusOf(bedId);
      if (!current) throw notFound('Bed', bedId);
      throw conflict(`The bed is ${spoken(current)} and cannot become ${spoken(t.to)}`, 'bed_state', {
        bedStatus: current,
      });
    }
    this.audit.record(em, {
      actorUserId: t.actorUserId,
      action: t.action,
      entity: 'Bed',
      entityId: bedId,
      changes: { status: { from: moved.previous, to: t.to }, ...(t.detail ?? {}) },
    });
    return moved.bed;
  }
}
