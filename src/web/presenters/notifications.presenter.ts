import type { InboxPage } from '../../features/notifications/notifications.dto';
import { paginate, type PaginationView } from './pagination';
import { ukDateTime } from './format';

export const NOTIFICATIONS_PATH = '/notifications';
export const NOTIFICATIONS_PER_PAGE = 25;

/** The page number in the address: a whole number from 1, else the first page. */
export function readNotificationsPage(query: Record<string, unknown>): number {
  const raw = typeof query.page === 'string' ? query.page : '';
  return /^[1-9]\d{0,5}$/.test(raw) ? Number(raw) : 1;
}

export const notificationsHref = (page: number) =>
  page > 1 ? `${NOTIFICATIONS_PATH}?page=${page}` : NOTIFICATIONS_PATH;

/**
 * Where a notification's link goes, as a path in this service: the service writes its links as
 * absolute addresses (PUBLIC_BASE_URL) for e-mail; on the page they stay on this host. Anything
 * that is not an address of a page (no link, not http(s)) is no link.
 */
export function notificationHref(link: string | null): string | null {
  if (!link) return null;
  if (link.startsWith('/') && !link.startsWith('//')) return link;
  try {
    const url = new URL(link);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return null;
  }
}

export interface NotificationLine {
  id: string;
  subject: string;
  body: string;
  href: string | null;
  received: string;
  unread: boolean;
  readAt: string;
  markReadAction: string;
}

export interface NotificationsView {
  lines: NotificationLine[];
  summary: string;
  pagination: PaginationView | null;
}

/** One page of the user's inbox, newest first as the service answers it. */
export function presentNotifications(inbox: InboxPage, page: number): NotificationsView {
  const pages = Math.max(1, Math.ceil(inbox.total / NOTIFICATIONS_PER_PAGE));
  const lines = inbox.items.map((n) => ({
    id: n.id,
    subject: n.subject,
    body: n.body,
    href: notificationHref(n.link),
    received: ukDateTime(n.createdAt),
    unread: n.readAt === null,
    readAt: ukDateTime(n.readAt),
    markReadAction: `${NOTIFICATIONS_PATH}/${encodeURIComponent(n.id)}/read${page > 1 ? `?page=${page}` : ''}`,
  }));
  const summary =
    inbox.total === 0
      ? 'You have no notifications.'
      : inbox.unread === 0
        ? 'You have read all your notifications.'
        : `You have ${inbox.unread} unread notification${inbox.unread === 1 ? '' : 's'}.`;
  const pagination = paginate(page, pages, notificationsHref);
  return { lines, summary, pagination };
}
