import { NotificationsService, type UserNotification } from '../../../src/features/notifications/notifications.service';
import { InboxService } from '../../../src/features/notifications/inbox.service';
import { UnitOfWork } from '../../../src/platform/database/unit-of-work';
import { Integration } from '../../support/integration';

let it_: Integration;
beforeAll(async () => (it_ = await Integration.start()));
afterAll(() => it_?.stop());

const count = async (sql: string, params: unknown[]) =>
  Number((await it_.db.query<{ n: string }>(`select count(*) as n from ${sql}`, params)).rows[0].n);

describe('NotificationsService and NotificationsRepository against PostgreSQL', () => {
  it('writes a notification with the same dedupe key once, however often and however concurrently it is sent', async () => {
    const pa = await it_.user('pa');
    const message = (): UserNotification => ({
      dedupeKey: `test:${pa.id}`,
      userId: pa.id,
      kind: 'test',
      subject: 'Step 1 acknowledged',
      body: 'Review by Friday',
      link: null,
      channels: ['in_app'],
    });
    const send = () => it_.get(UnitOfWork).run((em) => it_.get(NotificationsService).notifyUser(em, message()));

    await send();
    await Promise.all([send(), send()]);
    await send();

    expect(await count(`notification where dedupe_key = $1`, [`test:${pa.id}:in_app`])).toBe(1);
    expect(await count(`notification where recipient_user_id = $1`, [pa.id])).toBe(1);
    expect(
      await count(
        `audit_event where action = 'notification.queued' and changes->>'kind' = 'test' and changes->'recipients'->'in_app' ? $1`,
        [pa.id],
      ),
    ).toBe(1);
    const inbox = await it_.get(InboxService).inbox(pa, {});
    expect(inbox).toMatchObject({ total: 1, unread: 1, items: [{ subject: 'Step 1 acknowledged', readAt: null }] });
  });

  it('marks an inbox entry read once, and answers another user’s entry as not found, writing nothing', async () => {
    const pa = await it_.user('pa');
    const other = await it_.user('pa');
    await it_.get(UnitOfWork).run((em) =>
      it_.get(NotificationsService).notifyUser(em, {
        dedupeKey: `read:${pa.id}`,
        userId: pa.id,
        kind: 'test',
        subject: 'Hello',
        body: 'Hello',
        link: null,
        channels: ['in_app'],
      }),
    );
    const [entry] = (await it_.get(InboxService).inbox(pa, {})).items;
    const inbox = it_.get(InboxService);

    await expect(inbox.markRead(other, entry.id)).rejects.toMatchObject({ kind: 'not_found' });
    expect(await count(`audit_event where action = 'notification.read' and actor_user_id = $1`, [other.id])).toBe(0);

    const read = await inbox.markRead(pa, entry.id);
    it_.clock.advance(60_000);
    expect(await inbox.markRead(pa, entry.id)).toEqual(read);
    expect(await count(`audit_event where action = 'notification.read' and actor_user_id = $1`, [pa.id])).toBe(1);
  });
});
