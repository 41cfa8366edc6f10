import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock } from '../../platform/clock';
import { londonDate } from '../../kernel/dates';
import { matchPage, toMatchPerson } from '../../kernel/matching';
import { type AuthUser } from '../../kernel/roles';
import { MatchInventory } from '../inventory/match-inventory';
import { moveInDateOf } from './placement-rules';
import { toMatchRequest } from './placement.views';
import { MatchesView, MatchQuery } from './placements.dto';
import { RequestVisibility } from './request-visibility';

/** The beds a request may be offered, best first, and those it may not, with the rules they break. */
@Injectable()
export class MatchesService {
  constructor(
    private readonly visibility: RequestVisibility,
    private readonly inventory: MatchInventory,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async matches(user: AuthUser, id: string, q: MatchQuery): Promise<MatchesView> {
    const { request, person } = await this.visibility.findVisibleRequest(user, id);
    const today = londonDate(this.clock.now());
    const beds = await this.inventory.beds();
    const page = matchPage(toMatchPerson(person), toMatchRequest(request), beds, today, {
      offset: q.offset ?? 0,
      limit: q.limit ?? 50,
      excludedOffset: q.excludedOffset ?? 0,
      excludedLimit: q.excludedLimit ?? 50,
    });
    return { ...page, moveInDate: moveInDateOf(request.neededBy, today) };
  }
}
