import { Inject, Injectable } from '@nestjs/common';
import {
  holdActions,
  requestActions,
  type Actor,
  type HoldFacts,
  type HoldLimits,
  type RequestFacts,
} from '../../kernel/hold-rules';
import { CLOCK, Clock } from '../../platform/clock';
import { APP_CONFIG, AppConfig } from '../../platform/config/config';
import { type BedHolder } from '../inventory/bed-holders';
import { UsersRepository } from '../users/users.repository';
import { Hold, PlacementRequest } from './placement.entities';
import { toHoldView, toRequestView } from './placement.views';
import { HoldView, PlacementRequestView } from './placements.dto';
import { PlacementsRepository } from './placements.repository';

/**
 * The facts the hold rules (kernel/hold-rules.ts) decide on — a hold's holder by name, a request's
 * live hold — and the views that carry the caller's `allowedActions`. Reads in the caller's unit of
 * work when there is one.
 */
@Injectable()
export class PlacementActions {
  constructor(
    private readonly repo: PlacementsRepository,
    private readonly users: UsersRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get limits(): HoldLimits {
    return { maxLifeMs: this.config.holdMaxLifeMs };
  }

  /** A hold's facts for the rules; `names` from `namesOf`. */
  holdFacts(h: Hold, names: Map<string, string>): HoldFacts {
    return {
      status: h.status,
      expiresAt: h.expiresAt,
      createdAt: h.createdAt,
      createdByUserId: h.createdByUserId,
      holderName: names.get(h.createdByUserId) ?? 'a colleague',
      stayId: h.stayId ?? null,
      moveInAt: h.moveInAt ?? null,
    };
  }

  namesOf(ids: readonly string[]): Promise<Map<string, string>> {
    return this.users.namesOf(ids);
  }

  async holdFactsOf(h: Hold): Promise<HoldFacts> {
    return this.holdFacts(h, await this.namesOf([h.createdByUserId]));
  }

  /** A request's facts: its status and its oldest live hold, with the holder's name. */
  async requestFacts(r: PlacementRequest): Promise<RequestFacts> {
    return (await this.requestsFacts([r])).get(r.id) as RequestFacts;
  }

  private async requestsFacts(rs: readonly PlacementRequest[]): Promise<Map<string, RequestFacts>> {
    const live = await this.repo.liveHoldsOfRequests(rs.map((r) => r.id));
    const names = await this.namesOf(live.map((h) => h.createdByUserId));
    const facts = new Map<string, RequestFacts>();
    for (const r of rs) {
      const h = live.find((x) => x.requestId === r.id);
      facts.set(r.id, {
        status: r.status,
        liveHold: h
          ? {
              holdId: h.id,
              bedId: h.bedId,
              heldByUserId: h.createdByUserId,
              holderName: names.get(h.createdByUserId) ?? 'a colleague',
              expiresAt: h.expiresAt,
            }
          : null,
      });
    }
    return facts;
  }

  async holdViews(actor: Actor, holds: readonly Hold[]): Promise<HoldView[]> {
    const names = await this.namesOf(holds.map((h) => h.createdByUserId));
    const now = this.clock.now();
    return holds.map((h) => {
      const facts = this.holdFacts(h, names);
      return {
        ...toHoldView(h),
        heldByName: facts.holderName,
        allowedActions: holdActions(actor, facts, now, this.limits),
      };
    });
  }

  async holdView(actor: Actor, h: Hold): Promise<HoldView> {
    return (await this.holdViews(actor, [h]))[0];
  }

  async requestViews(actor: Actor, rs: readonly PlacementRequest[]): Promise<PlacementRequestView[]> {
    const facts = await this.requestsFacts(rs);
    return rs.map((r) => ({
      ...toRequestView(r),
      allowedActions: requestActions(actor, facts.get(r.id) as RequestFacts),
    }));
  }

  async requestView(actor: Actor, r: PlacementRequest): Promise<PlacementRequestView> {
    return (await this.requestViews(actor, [r]))[0];
  }

  /** Who holds each of these beds now (for beds' `allowedActions` and the 409 that names the holder). */
  async bedHolders(bedIds: readonly string[]): Promise<Map<string, BedHolder>> {
    const holds = await this.repo.holdsHoldingBeds(bedIds);
    const names = await this.namesOf(holds.map((h) => h.createdByUserId));
    return new Map(
      holds.map((h) => [
        h.bedId,
        {
          holdId: h.id,
          userId: h.createdByUserId,
          name: names.get(h.createdByUserId) ?? 'a colleague',
          until: h.status === 'held' ? h.expiresAt : (h.moveInAt ?? h.expiresAt),
        },
      ]),
    );
  }
}
