import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from './auth/current-user';
import { CAN } from '../kernel/roles';
import { QueuePage, QueueQuery } from '../features/placements/queue.dto';
import { QueueService } from '../features/placements/queue.service';

/** The housing officers' queue of open placement requests (registered before `PlacementsController`, whose `:id` would take `queue`). */
@ApiTags('placements')
@ApiBearerAuth()
@Controller()
export class PlacementQueueController {
  constructor(private readonly queue: QueueService) {}

  @Get('placement-requests/queue')
  @Roles(...CAN.readRequestQueue)
  @ApiOperation({
    summary: 'The queue of open placement requests, most urgent first',
    description:
      'Open and held requests: under-18s in unsuitable accommodation first, then emergencies whose young person is already ' +
      'in unsuitable accommodation (longest there first), other emergencies, then planned requests by needed-by date. ' +
      'Each with the young person, where they are now, the PA, live holds and the reasons for its rank; `warnings` lists ' +
      'young people in unsuitable accommodation with no open request. Filter by home area and urgency.',
  })
  @ApiOkResponse({ type: QueuePage })
  list(@Query() q: QueueQuery) {
    return this.queue.queue(q);
  }
}
