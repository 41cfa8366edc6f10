import { Get, Inject, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { TimelineService } from '../../features/reports/timeline.service';
import { CAN } from '../../kernel/roles';
import { CLOCK, type Clock } from '../../platform/clock';
import { UuidParam } from '../../platform/http/params';
import { PageRoles, Pages, type PageRequest } from '../page.guard';
import { readPage } from '../presenters/live-list.presenter';
import { pagesOf, presentTimeline, TIMELINE_PER_PAGE } from '../presenters/timeline.presenter';

/**
 * A young person's timeline (`/young-people/:id/timeline`): who they are and where they are now,
 * then everything that happened, oldest first, 100 entries a page, printable for an Ofsted
 * monitoring visit. The same service and scoping as the API (`GET /young-people/:id/timeline`
 * with a bearer token): a PA sees their own caseload only, anyone else's is the 404 page.
 */
@Pages('young-people')
@PageRoles(...CAN.readTimeline)
export class TimelinePage {
  constructor(
    private readonly timelines: TimelineService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get(':id/timeline')
  async show(
    @Req() req: PageRequest,
    @Res() res: Response,
    @UuidParam() id: string,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    const user = req.user!;
    let page = readPage(query);
    const at = (n: number) => ({ limit: TIMELINE_PER_PAGE, offset: (n - 1) * TIMELINE_PER_PAGE });
    let view = await this.timelines.view(user, id, at(page));
    // A page past the last shows the last (as the live list does).
    const last = pagesOf(view.total);
    if (page > last) view = await this.timelines.view(user, id, at((page = last)));
    res.render('young-people/timeline', presentTimeline(view, page, this.clock.now()));
  }
}
