import { Get, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { InboxService } from '../../features/notifications/inbox.service';
import { UuidParam } from '../../platform/http/params';
import { Pages, type PageRequest } from '../page.guard';
import {
  notificationsHref,
  NOTIFICATIONS_PER_PAGE,
  presentNotifications,
  readNotificationsPage,
} from '../presenters/notifications.presenter';

/**
 * The signed-in user's in-app notifications (`/notifications`, everyone): newest first, unread
 * ones tagged, each with its link and a "Mark as read" button (a form post, CSRF-checked) through
 * the same inbox service as `POST /me/notifications/:id/read`.
 */
@Pages('notifications')
export class NotificationsPage {
  constructor(private readonly inbox: InboxService) {}

  @Get()
  async show(@Req() req: PageRequest, @Res() res: Response, @Query() query: Record<string, unknown>): Promise<void> {
    const user = req.user!;
    let page = readNotificationsPage(query);
    let inbox = await this.inbox.inbox(user, {
      limit: NOTIFICATIONS_PER_PAGE,
      offset: (page - 1) * NOTIFICATIONS_PER_PAGE,
    });
    const last = Math.max(1, Math.ceil(inbox.total / NOTIFICATIONS_PER_PAGE));
    if (page > last) {
      page = last;
      inbox = await this.inbox.inbox(user, {
        limit: NOTIFICATIONS_PER_PAGE,
        offset: (page - 1) * NOTIFICATIONS_PER_PAGE,
      });
    }
    res.render('notifications/inbox', {
      pageTitle: 'Notifications',
      ...presentNotifications(inbox, page),
      success: query.read === '1' ? 'Notification marked as read' : undefined,
    });
  }

  /** Marks one of the user's own notifications read (another's is the 404 page), then back to the list (303). */
  @Post(':id/read')
  async markRead(
    @Req() req: PageRequest,
    @Res() res: Response,
    @UuidParam() id: string,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    await this.inbox.markRead(req.user!, id);
    const back = notificationsHref(readNotificationsPage(query));
    res.redirect(303, `${back}${back.includes('?') ? '&' : '?'}read=1`);
  }
}
