import type { InboxItemView } from '../../features/notifications/notifications.dto';
import { notificationHref, presentNotifications, readNotificationsPage } from './notifications.presenter';

const item = (i: number, over: Partial<InboxItemView> = {}): InboxItemView => ({
  id: `n${i}`,
  kind: 'escalation',
  subject: `Subject ${i}`,
  body: `Body ${i}`,
  link: `https://care-leavers.example/escalations/e${i}`,
  escalationId: `e${i}`,
  youngPersonId: null,
  createdAt: '2026-11-27T16:00:00Z',
  readAt: null,
  ...over,
});

describe('the notifications page', () => {
  it('links each notification on this host, and drops anything that is not a page address', () => {
    expect(notificationHref('https://care-leavers.example/escalations/e1?x=1#a')).toBe('/escalations/e1?x=1#a');
    expect(notificationHref('/placement-requests/queue')).toBe('/placement-requests/queue');
    expect(notificationHref('//evil.example/x')).toBeNull();
    expect(notificationHref('javascript:alert(1)')).toBeNull();
    expect(notificationHref(null)).toBeNull();
  });

  it('tags the unread ones with a mark-as-read form, and says how many are unread', () => {
    const view = presentNotifications(
      { items: [item(1), item(2, { readAt: '2026-11-27T17:00:00Z', link: null })], total: 2, unread: 1 },
      1,
    );
    expect(view.summary).toBe('You have 1 unread notification.');
    expect(view.lines[0]).toEqual({
      id: 'n1',
      subject: 'Subject 1',
      body: 'Body 1',
      href: '/escalations/e1',
      received: 'Fri 27 Nov 2026, 16:00',
      unread: true,
      readAt: '',
      markReadAction: '/notifications/n1/read',
    });
    expect(view.lines[1]).toMatchObject({ unread: false, href: null, readAt: 'Fri 27 Nov 2026, 17:00' });
    expect(presentNotifications({ items: [], total: 0, unread: 0 }, 1).summary).toBe('You have no notifications.');
  });

  it('pages 25 at a time, keeping the page when marking read', () => {
    expect(readNotificationsPage({ page: '3' })).toBe(3);
    expect(readNotificationsPage({ page: 'x' })).toBe(1);
    const view = presentNotifications({ items: [item(1)], total: 60, unread: 60 }, 2);
    expect(view.lines[0].markReadAction).toBe('/notifications/n1/read?page=2');
    expect(view.pagination?.items.filter((i) => 'number' in i).map((i) => ('number' in i ? i.number : 0))).toEqual([
      1, 2, 3,
    ]);
  });
});
