import { Inject, Injectable } from '@nestjs/common';
import type { AreaList } from '../features/areas/areas.dto';
import { AreasService } from '../features/areas/areas.service';
import { CLOCK, type Clock } from '../platform/clock';

/** How long the list filters' area choices are kept before they are read again. */
export const AREA_CHOICES_FOR_MS = 5_000;

/**
 * The managed list of areas as the busiest pages' filters offer it (the live list, the request
 * queue): a static lookup, read again after a few seconds (concurrent readers share one read), so
 * fifty people opening the live list at once do not each read it. An area an administrator has
 * just added is offered within `AREA_CHOICES_FOR_MS` on every instance; what a filter is checked
 * against is always the database (the services' own `areaNamed`), never this copy. Nothing about
 * young people is kept here.
 */
@Injectable()
export class AreaChoices {
  private cached: { at: number; list: AreaList } | null = null;
  private loading: Promise<AreaList> | null = null;

  constructor(
    private readonly areas: AreasService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(): Promise<AreaList> {
    const now = this.clock.now().getTime();
    const age = this.cached ? now - this.cached.at : Infinity;
    if (this.cached && age >= 0 && age < AREA_CHOICES_FOR_MS) return this.cached.list;
    this.loading ??= this.areas
      .list()
      .then((list) => {
        this.cached = { at: now, list };
        return list;
      })
      .finally(() => (this.loading = null));
    return this.loading;
  }
}
