import { Inject, Injectable } from '@nestjs/common';
import { AreasService } from '../areas/areas.service';
import { AuditService } from '../audit/audit.service';
import { CLOCK, Clock } from '../../platform/clock';
import { Page, pageOf } from '../../platform/pagination';
import { invalid } from '../../kernel/errors';
import { caseloadOf, type AuthUser } from '../../kernel/roles';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { ServiceLevelsRepository } from '../inventory/service-levels.repository';
import { YoungPeopleService } from '../young-people/young-people.service';
import { HoldsService } from './holds.service';
import { decideWithdrawRequest, enforce } from '../../kernel/hold-rules';
import { PlacementActions } from './placement-actions';
import { checkNeededBy } from './placement-rules';
import { toRequestView } from './placement.views';
import { CreatePlacementRequestDto, PlacementRequestQuery, PlacementRequestView, WithdrawDto } from './placements.dto';
import { PlacementsRepository } from './placements.repository';
import { RequestNotices } from './request-notices.service';
import { RequestVisibility } from './request-visibility';

/** Placement requests: raising, listing, reading and withdrawing them. Matches and holds have their own services. */
@Injectable()
export class PlacementsService {
  constructor(
    private readonly areas: AreasService,
    private readonly repo: PlacementsRepository,
    private readonly visibility: RequestVisibility,
    private readonly levels: ServiceLevelsRepository,
    private readonly people: YoungPeopleService,
    private readonly holds: HoldsService,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly actions: PlacementActions,
    private readonly notices: RequestNotices,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** A PA sees the requests about their own caseload only. */
  async list(user: AuthUser, q: PlacementRequestQuery): Promise<Page<PlacementRequestView>> {
    const { limit, offset } = pageOf(q);
    const filter = { status: q.status, youngPersonId: q.youngPersonId, urgency: q.urgency };
    const [rows, total] = await this.repo.pageRequests(filter, caseloadOf(user), limit, offset);
    return { items: await this.actions.requestViews(user, rows), total };
  }

  async get(user: AuthUser, id: string): Promise<PlacementRequestView> {
    return this.actions.requestView(user, (await this.visibility.findVisibleRequest(user, id)).request);
  }

  async create(user: AuthUser, dto: CreatePlacementRequestDto): Promise<PlacementRequestView> {
    const now = this.clock.now();
    checkNeededBy(dto.neededBy, now);
    return this.uow.run(async (em) => {
      const y = await this.people.findVisible(em, user, dto.youngPersonId);
      await this.checkServiceLevels(dto.serviceLevelIds);
      const { preferredAreas } = await this.areas.canonical({ preferredAreas: dto.preferredAreas ?? [] });
      const r = this.repo.addRequest({
        youngPersonId: y.id,
        requestedByUserId: user.id,
        urgency: dto.urgency,
        neededBy: dto.neededBy,
        serviceLevelIds: dto.serviceLevelIds?.length ? dto.serviceLevelIds : null,
        preferredAreas: preferredAreas as string[],
        notes: dto.notes ?? null,
        status: 'open',
        // Raised now by the service's clock (the queue's order and the overdue notice read it).
        createdAt: now,
        updatedAt: now,
      });
      await this.repo.flush();
      this.audit.record(em, {
        actorUserId: user.id,
        action: 'placement_request.created',
        entity: 'PlacementRequest',
        entityId: r.id,
        changes: { ...toRequestView(r), notes: r.notes ? '(notes)' : null },
      });
      await this.notices.emergencyRaised(em, r, y);
      return this.actions.requestView(user, r);
    });
  }

  private async checkServiceLevels(ids: string[] | null | undefined): Promise<void> {
    if (!ids?.length || (await this.levels.countByIds(ids)) === ids.length) return;
    throw invalid(
      [{ field: 'serviceLevelIds', message: 'names a service level that does not exist' }],
      'serviceLevelIds: names a service level that does not exist',
    );
  }

  /** Withdraws a request that is not yet placed, releasing its live holds. */
  async withdraw(user: AuthUser, id: string, dto: WithdrawDto): Promise<PlacementRequestView> {
    return this.uow.run(async (em) => {
      const { request: r } = await this.visibility.findVisibleRequest(user, id, { lock: true });
      enforce(decideWithdrawRequest(user, r), { requestStatus: r.status });
      const now = this.clock.now();
      await this.holds.releaseLiveHolds(em, r.id, user.id, now);
      const from = r.status;
      r.status = 'withdrawn';
      r.withdrawnAt = now;
      r.withdrawnReason = dto.reason ?? null;
      await this.repo.flush();
      this.audit.record(em, {
        actorUserId: user.id,
        action: 'placement_request.withdrawn',
        entity: 'PlacementRequest',
        entityId: r.id,
        changes: { status: { from, to: 'withdrawn' }, reason: dto.reason ?? null },
      });
      return this.actions.requestView(user, r);
    });
  }
}
