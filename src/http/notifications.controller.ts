import { Body, Controller, Delete, Get, HttpCode, Param, PipeTransform, Post, Put, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, Roles } from './auth/current-user';
import { CAN, type AuthUser } from '../kernel/roles';
import { UuidParam } from '../platform/http/params';
import { invalidField } from '../kernel/errors';
import {
  DeliveryPage,
  DeliveryQuery,
  InboxItemView,
  InboxPage,
  InboxQuery,
  PutWebhookDto,
  WEBHOOK_ROLES,
  WebhookPage,
  WebhookRole,
  WebhookView,
} from '../features/notifications/notifications.dto';
import { DeliveryLogService } from '../features/notifications/delivery-log.service';
import { InboxService } from '../features/notifications/inbox.service';
import { RoleWebhooksService } from '../features/notifications/role-webhooks.service';

class WebhookRolePipe implements PipeTransform<string, WebhookRole> {
  transform(value: string): WebhookRole {
    if (!(WEBHOOK_ROLES as readonly string[]).includes(value))
      throw invalidField('role', `must be one of ${WEBHOOK_ROLES.join(', ')}`);
    return value as WebhookRole;
  }
}
const RoleParam = () => Param('role', new WebhookRolePipe());

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('me/notifications')
export class InboxController {
  constructor(private readonly inbox: InboxService) {}

  @Get()
  @ApiOperation({
    summary: 'Read my notifications',
    description: 'The caller’s own in-app entries only; `unread` counts the unread ones in the whole inbox.',
  })
  @ApiOkResponse({ type: InboxPage, description: 'The caller’s in-app inbox, newest first' })
  list(@CurrentUser() me: AuthUser, @Query() q: InboxQuery) {
    return this.inbox.inbox(me, q);
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Mark one of my notifications read',
    description: 'Idempotent: the first read time stays.',
  })
  @ApiOkResponse({ type: InboxItemView })
  @ApiNotFoundResponse({ description: 'No such entry in the caller’s inbox' })
  read(@CurrentUser() me: AuthUser, @UuidParam() id: string) {
    return this.inbox.markRead(me, id);
  }
}

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notification-deliveries')
export class DeliveriesController {
  constructor(private readonly log: DeliveryLogService) {}

  @Get()
  @Roles(...CAN.readNotificationDeliveries)
  @ApiOperation({
    summary: 'List notification deliveries: who was told what, when, through which channel',
    description: 'Every user’s notifications; a webhook’s URL shows only its origin.',
  })
  @ApiOkResponse({
    type: DeliveryPage,
    description: 'Every notification through every channel with its delivery status, newest first',
  })
  list(@Query() q: DeliveryQuery) {
    return this.log.deliveries(q);
  }
}

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notification-webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: RoleWebhooksService) {}

  @Get()
  @Roles(...CAN.manageNotificationWebhooks)
  @ApiOperation({ summary: 'List the role webhooks' })
  @ApiOkResponse({ type: WebhookPage })
  list() {
    return this.webhooks.list();
  }

  @Put(':role')
  @Roles(...CAN.manageNotificationWebhooks)
  @ApiOperation({ summary: 'Set a role’s webhook' })
  @ApiParam({ name: 'role', enum: WEBHOOK_ROLES })
  @ApiOkResponse({
    type: WebhookView,
    description: 'Creates or replaces the role’s webhook; the role’s escalation alerts are posted to it as JSON',
  })
  put(@CurrentUser() me: AuthUser, @RoleParam() role: WebhookRole, @Body() dto: PutWebhookDto) {
    return this.webhooks.put(me, role, dto);
  }

  @Delete(':role')
  @HttpCode(204)
  @Roles(...CAN.manageNotificationWebhooks)
  @ApiOperation({ summary: 'Remove a role’s webhook' })
  @ApiParam({ name: 'role', enum: WEBHOOK_ROLES })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ description: 'No webhook for this role' })
  async remove(@CurrentUser() me: AuthUser, @RoleParam() role: WebhookRole): Promise<void> {
    await this.webhooks.remove(me, role);
  }
}
