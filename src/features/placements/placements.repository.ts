import { Injectable } from '@nestjs/common';
import { LockMode, type RequiredEntityData } from '@mikro-orm/postgresql';
import { type RequestStatus, type Urgency } from '../../kernel/placements';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { YoungPerson } from '../young-people/young-person.entity';
import { Hold, PlacementRequest } from './placement.entities';

export interface RequestFilter {
  status?: RequestStatus;
  youngPersonId?: string;
  urgency?: Urgency;
}

const lockIf = (lock: boolean) => (lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {});

/**
 * Every query on `placement_request` and `hold`. Runs in the caller's unit of work when there is
 * one. `add*` persists a new row for the next flush; `flush` writes it and every change made to
 * loaded rows.
 */
@Injectable()
export class PlacementsRepository {
  constructor(private readonly uow: UnitOfWork) {}

  private get em() {
    return this.uow.em;
  }

  // ---------- requests ----------

  findRequest(id: string, lock = false): Promise<PlacementRequest | null> {
    return this.em.findOne(PlacementRequest, { id }, lockIf(lock));
  }

  /**
   * Requests by needed-by date, then age. `caseload`: only those about the young people allocated
   * to this PA (a young person named in the filter who is not one of them matches nothing).
   */
  async pageRequests(
    f: RequestFilter,
    caseload: string | null,
    limit: number,
    offset: number,
  ): Promise<[PlacementRequest[], number]> {
    const where: Record<string, unknown> = { status: f.status, youngPersonId: f.youngPersonId, urgency: f.urgency };
    if (caseload !== null) {
      const ids = (await this.em.find(YoungPerson, { paUserId: caseload }, { fields: ['id'] })).map((y) => y.id);
      where.youngPersonId = f.youngPersonId
        ? ids.includes(f.youngPersonId)
          ? f.youngPersonId
          : { $in: [] }
        : { $in: ids };
    }
    return this.em.findAndCount(PlacementRequest, where, {
      orderBy: { neededBy: 'asc', createdAt: 'asc', id: 'asc' },
      limit,
      offset,
    });
  }

  addRequest(data: RequiredEntityData<PlacementRequest>): PlacementRequest {
    const r = this.em.create(PlacementRequest, data);
    this.em.persist(r);
    return r;
  }

  // ---------- holds ----------

  findHold(id: string, lock = false): Promise<Hold | null> {
    return this.em.findOne(Hold, { id }, lockIf(lock));
  }

  /** Every hold of the request, newest first. */
  holdsOf(requestId: string): Promise<Hold[]> {
    return this.em.find(Hold, { requestId }, { orderBy: { createdAt: 'desc', id: 'asc' } });
  }

  /** The request's live holds, but `exceptId`. */
  liveHoldsOf(requestId: string, exceptId?: string): Promise<Hold[]> {
    return this.em.find(
      Hold,
      exceptId ? { requestId, status: 'held', id: { $ne: exceptId } } : { requestId, status: 'held' },
    );
  }

  async hasLiveHold(requestId: string): Promise<boolean> {
    return (await this.em.count(Hold, { requestId, status: 'held' })) > 0;
  }

  /** Every live hold's id and expiry (for the sweep). */
  liveHolds(): Promise<Pick<Hold, 'id' | 'expiresAt'>[]> {
    return this.em.find(Hold, { status: 'held' }, { fields: ['id', 'expiresAt'] });
  }

  /** The holds that hold these beds now: live ones, and confirmed ones waiting for their move-in. */
  holdsHoldingBeds(bedIds: readonly string[]): Promise<Hold[]> {
    if (!bedIds.length) return Promise.resolve([]);
    return this.em.find(Hold, {
      bedId: { $in: [...bedIds] },
      $or: [{ status: 'held' }, { status: 'confirmed', stayId: null }],
    });
  }

  /** Confirmed holds whose move-in has not happened yet (for the move-in sweep). */
  pendingMoveIns(): Promise<Pick<Hold, 'id' | 'moveInAt'>[]> {
    return this.em.find(Hold, { status: 'confirmed', stayId: null }, { fields: ['id', 'moveInAt'] });
  }

  /** The live holds of these requests, oldest first. */
  liveHoldsOfRequests(requestIds: readonly string[]): Promise<Hold[]> {
    if (!requestIds.length) return Promise.resolve([]);
    return this.em.find(
      Hold,
      { requestId: { $in: [...requestIds] }, status: 'held' },
      { orderBy: { createdAt: 'asc', id: 'asc' } },
    );
  }

  addHold(data: RequiredEntityData<Hold>): Hold {
    const h = this.em.create(Hold, data);
    this.em.persist(h);
    return h;
  }

  flush(): Promise<void> {
    return this.em.flush();
  }
}
