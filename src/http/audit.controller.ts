import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditPage, AuditQuery } from '../features/audit/audit.dto';
import { AuditService } from '../features/audit/audit.service';
import { CAN } from '../kernel/roles';
import { Roles } from './auth/current-user';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles(...CAN.readAudit)
  @ApiOperation({
    summary: 'The audit trail, newest first',
    description:
      'Every change with its actor. Filters: entity, entityId, actorUserId. Each row names the people it refers to: actorName, and userNames (id → name) for its actor, the user it is about and users in its changes.',
  })
  @ApiOkResponse({ type: AuditPage, description: 'Newest first' })
  list(@Query() q: AuditQuery): Promise<AuditPage> {
    return this.audit.list(q);
  }
}
