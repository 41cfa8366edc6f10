import { Injectable } from '@nestjs/common';
import { notFound } from '../../kernel/errors';
import { type AuthUser } from '../../kernel/roles';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { YoungPeopleService } from '../young-people/young-people.service';
import { YoungPerson } from '../young-people/young-person.entity';
import { Hold, PlacementRequest } from './placement.entities';
import { PlacementsRepository } from './placements.repository';

export interface VisibleRequest {
  request: PlacementRequest;
  person: YoungPerson;
}

export interface VisibilityOptions {
  /** Lock the request row (FOR UPDATE). */
  lock?: boolean;
  /** Lock the young person's row too. */
  lockPerson?: boolean;
}

/**
 * The one place that knows which requests (and holds) a user may see: those about a young person
 * on their caseload (YoungPeopleService.findVisible). Anything else is "not found", as if it did
 * not exist. Reads in the caller's unit of work; locks are taken hold, request, young person.
 */
@Injectable()
export class RequestVisibility {
  constructor(
    private readonly repo: PlacementsRepository,
    private readonly people: YoungPeopleService,
    private readonly uow: UnitOfWork,
  ) {}

  /** The request `id` and its young person, if `user` may see them. */
  async findVisibleRequest(user: AuthUser, id: string, opts: VisibilityOptions = {}): Promise<VisibleRequest> {
    const request = await this.repo.findRequest(id, opts.lock);
    if (!request) throw notFound('Placement request', id);
    const person = await this.people.findVisible(this.uow.em, user, request.youngPersonId, {
      lock: opts.lockPerson,
      missing: () => notFound('Placement request', id),
    });
    return { request, person };
  }

  /** The hold `id` (locked when `lockHold`), its request and young person, if `user` may see its request. */
  async findVisibleHold(
    user: AuthUser,
    id: string,
    lockHold: boolean,
    opts: VisibilityOptions = {},
  ): Promise<VisibleRequest & { hold: Hold }> {
    const hold = await this.repo.findHold(id, lockHold);
    if (!hold) throw notFound('Hold', id);
    const visible = await this.findVisibleRequest(user, hold.requestId, opts).catch(() => {
      throw notFound('Hold', id);
    });
    return { hold, ...visible };
  }
}
