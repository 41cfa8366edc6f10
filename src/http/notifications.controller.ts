import { Body, Controller, Delete, Get, HttpCode, Param, PipeTransform, Post, Put, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
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
import { NotificationsAdminService } from '../features/notifications/inbox.service';

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
  constructor(private readonly notifications: NotificationsAdminService) {}

  @Get()
  @ApiOkResponse({ type: InboxPage, description: 'The caller’s in-app inbox, newest first' })
  list(@CurrentUser() me: AuthUser, @Query() q: InboxQuery) {
    return this.notifications.inbox(me, q);
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOkResponse({ type: InboxItemView })
  @ApiNotFoundResponse({ description: 'No such entry in the caller’s inbox' })
  read(@CurrentUser() me: AuthUser, @UuidParam() id: string) {
    return this.notifications.markRead(me, id);
  }
}

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notification-deliveries')
export class DeliveriesController {
  constructor(private readonly notifications: NotificationsAdminService) {}

  @Get()
  @Roles(...CAN.readNotificationDeliveries)
  @ApiOkResponse({
    type: DeliveryPage,
    description: 'Every notification through every channel with its delivery status, newest first',
  })
  list(@Query() q: DeliveryQuery) {
    return this.notifications.deliveries(q);
  }
}

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notification-webhooks')
export class WebhooksController {
  constructor(private readonly notifications: NotificationsAdminService) {}

  @Get()
  @Roles(...CAN.manageNotificationWebhooks)
  @ApiOkResponse({ type: WebhookPage })
  list() {
    return this.notifications.webhooks();
  }

  @Put(':role')
  @Roles(...CAN.manageNotificationWebhooks)
  @ApiParam({ name: 'role', enum: WEBHOOK_ROLES })
  @ApiOkResponse({
    type: WebhookView,
    description: 'Creates or replaces the role’s webhook; the role’s escalation alerts are posted to it as JSON',
  })
  put(@CurrentUser() me: AuthUser, @RoleParam() role: WebhookRole, @Body() dto: PutWebhookDto) {
    return this.notifications.putWebhook(me, role, dto);
  }

  @Delete(':role')
  @HttpCode(204)
  @Roles(...CAN.manageNotificationWebhooks)
  @ApiParam({ name: 'role', enum: WEBHOOK_ROLES })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ description: 'No webhook for this role' })
  async remove(@CurrentUser() me: AuthUser, @RoleParam() role: WebhookRole): Promise<void> {
    await this.notifications.deleteWebhook(me, role);
  }
}
