import { UnitOfWork } from '../../../src/platform/database/unit-of-work';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import type { Role } from '../../../src/kernel/roles';
import {
  deliveryJobId,
  EscalationAlert,
  NOTIFICATIONS_QUEUE,
  NotificationsService,
} from '../../../src/features/notifications/notifications.service';
import { TimerRegistry } from '../../../src/platform/queue/timer-registry';
import { expectProblem, Harness } from '../../support/harness';
import { sleep } from '../../support/fixtures';
import { TestSmtpServer } from '../../support/smtp';
import { TestWebhookReceiver } from '../../support/webhook';

const FIRST = 'Zebedee';
const LAST = 'Quixotic';
const DOB = '2005-03-04';
interface Row {
  id: string;
  channel: string;
  status: string;
  attempts: number;
  last_error: string | null;
  target: string | null;
  recipient_user_id: string | null;
  recipient_role: string | null;
  sent_at: Date | null;
}

describe('notifications', () => {
  let h: Harness;
  let smtp: TestSmtpServer;
  let hooks: TestWebhookReceiver;
  let policyId: string;
  let versionId: string;
  let seq = 0;

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    hooks = await TestWebhookReceiver.start();
    h = await Harness.start({
      env: {
        SMTP_URL: smtp.url,
        NOTIFY_BACKOFF: 'PT0.2S',
        NOTIFY_ATTEMPTS: '3',
        // The local receiver is on loopback, which no webhook may reach outside the tests.
        NODE_ENV: 'test',
        WEBHOOK_TEST_RECEIVERS: hooks.endpoint,
      },
    });
    policyId = crypto.randomUUID();
    versionId = crypto.randomUUID();
    // Retired, so nothing else in the service starts clocks with it.
    await h.db.query(
      `insert into escalation_policy (id, key, current_version, created_at, updated_at) values ($1, null, 1, now(), now())`,
      [policyId],
    );
    await h.db.query(
      `insert into escalation_policy_version (id, policy_id, version, name, active, applies_to, steps, created_at, created_by_user_id)
       values ($1, $2, 1, 'Notification tests', false, '{}', '[{"after":"PT0S","role":"team_manager"}]', now(), null)`,
      [versionId, policyId],
    );
  });
  afterAll(async () => {
    await h?.stop();
    await smtp?.stop();
    await hooks?.stop();
  });

  /**
   * A young person (with a name, date of birth and risks that must never reach a message), a W stay
   * and one escalation row, straight into the database. The stay is already ended and the row closed
   * so that no other part of the service acts on them.
   */
  async function makeEscalation(role = 'service_manager') {
    seq++;
    const ypId = crypto.randomUUID();
    const stayId = crypto.randomUUID();
    const escalationId = crypto.randomUUID();
    const reference = `CL-${7000 + seq}`;
    await h.db.query(
      `insert into young_person (id, reference, first_name, last_name, date_of_birth, gender, legal_status, uasc, pa_user_id, home_area,
         areas_to_avoid, needs_service_level_rank, step_free_needed, has_pet, pregnant_or_parent, risks, version, created_at, updated_at)
       values ($1, $2, $3, $4, $5, 'female', 'former_relevant', false, $6, 'Crewe', '[]', null, false, false, false, '["self_harm","exploitation"]', 1, now(), now())`,
      [ypId, reference, FIRST, LAST, DOB, h.users.pa.id],
    );
    await h.db.query(
      `insert into stay (id, young_person_id, accommodation_code, suitable, emergency, description, started_at, ended_at, end_reason,
         age_at_start, pregnant_or_parent_at_start, created_at)
       values ($1, $2, 'W', false, true, 'Travelodge Crewe', now() - interval '26 hours', now(), 'Test', 20, false, now())`,
      [stayId, ypId],
    );
    await h.db.query(
      `insert into escalation (id, stay_id, young_person_id, policy_id, policy_version_id, step_index, occurrence, role, due_at, fired_at, status, closed_at, created_at)
       values ($1, $2, $3, $4, $5, $6, 0, $7, now() - interval '2 hours', now(), 'closed', now(), now())`,
      [escalationId, stayId, ypId, policyId, versionId, seq, role],
    );
    return { escalationId, youngPersonId: ypId, reference };
  }

  function recipient(role: Role, email?: string) {
    return { userId: h.users[role].id, email: email ?? h.users[role].email, role };
  }

  function alertFor(
    e: { escalationId: string; youngPersonId: string; reference: string },
    over: Partial<EscalationAlert> = {},
  ): EscalationAlert {
    const now = Date.now();
    return {
      escalationId: e.escalationId,
      youngPersonId: e.youngPersonId,
      reference: e.reference,
      initials: 'Z.Q.',
      accommodationCode: 'W',
      accommodationLabel: 'Bed and breakfast / hotel',
      ageYears: 19,
      recordedLate: false,
      clockStartedAt: new Date(now - 26 * 3600_000),
      elapsedText: '26 hours (1 working day)',
      step: 2,
      role: 'service_manager',
      dueAt: new Date(now - 2 * 3600_000),
      firedAt: new Date(now),
      recipients: [recipient('service_manager'), recipient('pa')],
      ...over,
    };
  }

  /** What the escalation engine does: alert inside its unit of work; delivery is queued once it commits. */
  async function alert(a: EscalationAlert) {
    await h.app.get(UnitOfWork).run((tx) => h.app.get(NotificationsService).alertEscalation(tx, a));
  }

  async function rows(escalationId: string): Promise<Row[]> {
    return (
      await h.db.query(
        `select * from notification where escalation_id = $1 order by channel, recipient_user_id, recipient_role`,
        [escalationId],
      )
    ).rows;
  }

  async function waitFor<T>(
    what: string,
    read: () => Promise<T>,
    done: (v: T) => boolean,
    timeoutMs = 15_000,
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let v = await read();
    while (!done(v)) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
      await sleep(50);
      v = await read();
    }
    return v;
  }

  const settled = (rs: Row[]) => rs.length > 0 && rs.every((r) => r.status === 'sent' || r.status === 'failed');

  it('gives each recipient an inbox entry and an email with the reference, initials and link and nothing else about the young person', async () => {
    const e = await makeEscalation();
    await alert(alertFor(e));
    const link = `https://care-leavers.test/escalations/${e.escalationId}`;

    for (const role of ['service_manager', 'pa'] as Role[]) {
      const inbox = await h.as(role).get('/me/notifications');
      expect(inbox.status).toBe(200);
      const item = inbox.body.items.find((i: { escalationId: string }) => i.escalationId === e.escalationId);
      expect(item).toMatchObject({ kind: 'escalation', link, youngPersonId: e.youngPersonId, readAt: null });
      expect(item.subject).toBe(`Escalation step 2 (service manager): ${e.reference} Z.Q. in B&B / hotel for 26 hours`);
      expect(item.body).toContain(link);
      expect(inbox.body.unread).toBeGreaterThanOrEqual(1);
      expect(inbox.body.total).toBeGreaterThanOrEqual(1);
    }
    const other = await h.as('director').get('/me/notifications');
    expect(other.body.items.filter((i: { escalationId: string }) => i.escalationId === e.escalationId)).toHaveLength(0);

    const rs = await waitFor('emails sent', () => rows(e.escalationId), settled);
    expect(rs.map((r) => [r.channel, r.status])).toEqual([
      ['email', 'sent'],
      ['email', 'sent'],
      ['in_app', 'sent'],
      ['in_app', 'sent'],
    ]);

    for (const role of ['service_manager', 'pa'] as Role[]) {
      const mails = smtp.to(h.users[role].email).filter((m) => m.subject.includes(e.reference));
      expect(mails).toHaveLength(1);
      const m = mails[0];
      expect(m.subject).toContain(`${e.reference} Z.Q.`);
      expect(m.headers.from).toContain('no-reply@care-leavers.invalid');
      expect(m.text).toContain(e.reference);
      expect(m.text).toContain('Z.Q.');
      expect(m.text).toContain(link);
      expect(m.text).toContain('W – Bed and breakfast / hotel');
      expect(m.text).toContain('26 hours (1 working day)');
      expect(m.text).toMatch(/step 2/i);
      // The stay's free-text description never travels: it may hold a name, a date of birth, a risk.
      for (const secret of [
        FIRST,
        LAST,
        DOB,
        '04/03/2005',
        'self_harm',
        'self-harm',
        'exploitation',
        'Crewe,',
        'Travelodge',
      ]) {
        expect(`${m.subject}\n${m.text}`).not.toContain(secret);
      }
    }

    const log = await h.as('director').get(`/notification-deliveries?escalationId=${e.escalationId}`);
    expect(log.status).toBe(200);
    expect(log.body.total).toBe(4);
    expect(log.body.items.filter((i: { channel: string }) => i.channel === 'email')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          recipientUserId: h.users.service_manager.id,
          recipientRole: 'service_manager',
          target: h.users.service_manager.email,
          status: 'sent',
          attempts: 1,
          lastError: null,
          sentAt: expect.any(String),
        }),
        expect.objectContaining({
          recipientUserId: h.users.pa.id,
          recipientRole: 'pa',
          target: h.users.pa.email,
          status: 'sent',
          attempts: 1,
        }),
      ]),
    );

    const audit = await h.as('director').get(`/audit?entityId=${e.escalationId}&limit=50`);
    const queued = audit.body.items.filter((a: { action: string }) => a.action === 'notification.queued');
    expect(queued).toHaveLength(1);
    expect(queued[0].actorUserId).toBeNull();
    expect(queued[0].changes.recipients).toEqual({
      in_app: expect.arrayContaining([h.users.service_manager.id, h.users.pa.id]),
      email: expect.arrayContaining([h.users.service_manager.id, h.users.pa.id]),
      webhook: [],
    });
    expect(JSON.stringify(queued[0].changes)).not.toContain(FIRST);
    const sent = audit.body.items.filter((a: { action: string }) => a.action === 'notification.sent');
    expect(sent).toHaveLength(2);
    expect(sent.map((a: { changes: { channel: string } }) => a.changes.channel)).toEqual(['email', 'email']);
    // The row marked sent and its event are one statement: the event carries the row's attempt count.
    expect(sent.map((a: { changes: { attempts: number } }) => a.changes.attempts)).toEqual([1, 1]);
    expect(sent.every((a: { changes: { sentAt?: string } }) => typeof a.changes.sentAt === 'string')).toBe(true);
  });

  it('notifies once when a step fires twice, even at the same moment', async () => {
    const e = await makeEscalation();
    const a = alertFor(e);
    await Promise.all([alert(a), alert(a)]);
    await alert(a);
    const rs = await waitFor('emails sent', () => rows(e.escalationId), settled);
    expect(rs).toHaveLength(4);
    await h.queueIdle(NOTIFICATIONS_QUEUE);
    for (const role of ['service_manager', 'pa'] as Role[]) {
      expect(smtp.to(h.users[role].email).filter((m) => m.subject.includes(e.reference))).toHaveLength(1);
      const inbox = await h.as(role).get('/me/notifications?limit=500');
      expect(inbox.body.items.filter((i: { escalationId: string }) => i.escalationId === e.escalationId)).toHaveLength(
        1,
      );
    }
    expect(await h.count('audit_event', `entity_id = $1 and action = 'notification.queued'`, [e.escalationId])).toBe(1);
  });

  it('retries a refused email with backoff and records the attempts once it is sent', async () => {
    const e = await makeEscalation();
    const address = `flaky-${e.reference}@test.invalid`;
    smtp.reject(2, { to: address, code: 451 });
    await alert(alertFor(e, { recipients: [recipient('service_manager', address)] }));
    const rs = await waitFor('email sent', () => rows(e.escalationId), settled);
    const email = rs.find((r) => r.channel === 'email')!;
    expect(email).toMatchObject({ status: 'sent', attempts: 3, target: address });
    expect(email.last_error).toMatch(/451/);
    expect(smtp.rejectedFor(address)).toHaveLength(2);
    expect(smtp.to(address)).toHaveLength(1);
    // Exponential backoff from PT0.2S: about 0.2 s, then 0.4 s between attempts.
    const times = [...smtp.rejectedFor(address).map((r) => r.at), smtp.to(address)[0].at];
    expect(times[1] - times[0]).toBeGreaterThanOrEqual(150);
    expect(times[2] - times[1]).toBeGreaterThanOrEqual(300);
  });

  it('marks an email failed after the last attempt and shows it in the delivery log', async () => {
    const e = await makeEscalation();
    const address = `bounce-${e.reference}@test.invalid`;
    smtp.reject(3, { to: address, code: 550 });
    await alert(alertFor(e, { recipients: [recipient('head_of_service', address)] }));
    const rs = await waitFor('email failed', () => rows(e.escalationId), settled);
    const email = rs.find((r) => r.channel === 'email')!;
    expect(email).toMatchObject({ status: 'failed', attempts: 3, sent_at: null });
    expect(email.last_error).toMatch(/550/);
    await h.queueIdle(NOTIFICATIONS_QUEUE);
    expect(smtp.rejectedFor(address)).toHaveLength(3);
    expect(smtp.to(address)).toHaveLength(0);

    const log = await h
      .as('service_manager')
      .get(`/notification-deliveries?escalationId=${e.escalationId}&status=failed&channel=email`);
    expect(log.status).toBe(200);
    expect(log.body).toEqual({
      total: 1,
      items: [
        expect.objectContaining({
          id: email.id,
          escalationId: e.escalationId,
          channel: 'email',
          status: 'failed',
          attempts: 3,
          target: address,
          lastError: expect.stringMatching(/550/),
          sentAt: null,
        }),
      ],
    });
    const audit = await h.as('director').get(`/audit?entityId=${e.escalationId}`);
    const failed = audit.body.items.filter((a: { action: string }) => a.action === 'notification.failed');
    expect(failed).toHaveLength(1);
    expect(failed[0].changes).toMatchObject({ notificationId: email.id, channel: 'email', attempts: 3 });
    // The in-app entry was delivered regardless.
    expect(rs.find((r) => r.channel === 'in_app')!.status).toBe('sent');
  });

  it('posts the alert to the step role’s webhook as JSON, retrying a 5xx', async () => {
    const put = await h
      .as('admin')
      .put('/notification-webhooks/head_of_service')
      .send({ url: hooks.url('/hos/secret-token'), active: true });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({
      role: 'head_of_service',
      url: hooks.url('/hos/secret-token'),
      active: true,
      updatedByUserId: h.users.admin.id,
    });
    // An inactive webhook for another role is never used.
    expect(
      (
        await h
          .as('admin')
          .put('/notification-webhooks/director')
          .send({ url: hooks.url('/director'), active: false })
      ).status,
    ).toBe(200);

    const e = await makeEscalation('head_of_service');
    hooks.failNext(1, 503);
    await alert(alertFor(e, { step: 3, role: 'head_of_service', recipients: [recipient('head_of_service')] }));
    const rs = await waitFor('webhook sent', () => rows(e.escalationId), settled);
    const hook = rs.find((r) => r.channel === 'webhook')!;
    expect(hook).toMatchObject({
      status: 'sent',
      attempts: 2,
      recipient_role: 'head_of_service',
      recipient_user_id: null,
    });
    expect(hook.last_error).toMatch(/503/);
    expect(hook.last_error).not.toContain('secret-token');

    const posts = hooks.at('/hos/secret-token');
    expect(posts).toHaveLength(2);
    expect(posts[1].method).toBe('POST');
    expect(posts[1].headers['content-type']).toMatch(/^application\/json/);
    const body = posts[1].body as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual([
      'dueAt',
      'firedAt',
      'initials',
      'link',
      'reference',
      'role',
      'step',
      'text',
    ]);
    expect(body).toMatchObject({
      reference: e.reference,
      initials: 'Z.Q.',
      step: 3,
      role: 'head_of_service',
      link: `https://care-leavers.test/escalations/${e.escalationId}`,
    });
    expect(new Date(body.dueAt as string).toISOString()).toBe(body.dueAt);
    expect(body.text).toContain(e.reference);
    expect(posts[1].raw).not.toContain(FIRST);
    expect(posts[1].raw).not.toContain(LAST);

    const log = await h.as('admin').get(`/notification-deliveries?escalationId=${e.escalationId}&channel=webhook`);
    expect(log.body.items).toHaveLength(1);
    expect(log.body.items[0].target).toBe(`${hooks.baseUrl}/…`);

    const d = await makeEscalation('director');
    await alert(alertFor(d, { role: 'director', recipients: [recipient('director')] }));
    expect((await rows(d.escalationId)).filter((r) => r.channel === 'webhook')).toHaveLength(0);
    expect(hooks.at('/director')).toHaveLength(0);
  });

  it('re-queues, from the sweep, a pending email whose Redis job was lost, and delivers it once', async () => {
    const e = await makeEscalation();
    const address = `lost-${e.reference}@test.invalid`;
    const queue = h.app.get<Queue>(getQueueToken(NOTIFICATIONS_QUEUE));
    // Nothing is taken off a paused queue: the job waits in Redis until it is deleted below.
    await queue.pause();
    try {
      await alert(alertFor(e, { recipients: [recipient('team_manager', address)] }));
      const email = (await rows(e.escalationId)).find((r) => r.channel === 'email')!;
      expect(email.status).toBe('pending');
      const job = await queue.getJob(deliveryJobId(email.id));
      expect(job).toBeDefined();
      await job!.remove();
      expect(await queue.getJob(deliveryJobId(email.id))).toBeUndefined();
    } finally {
      await queue.resume();
    }
    await h.queueIdle(NOTIFICATIONS_QUEUE);
    const email = (await rows(e.escalationId)).find((r) => r.channel === 'email')!;
    expect(email.status).toBe('pending');
    expect(smtp.to(address)).toHaveLength(0);

    const result = await h.app.get(TimerRegistry).sweep();
    expect(result.notifications).toMatchObject({ undelivered: expect.any(Number) });
    await h.app.get(TimerRegistry).sweep();
    const rs = await waitFor('email sent', () => rows(e.escalationId), settled);
    expect(rs.find((r) => r.channel === 'email')).toMatchObject({ status: 'sent', attempts: 1 });
    await h.app.get(TimerRegistry).sweep();
    await h.queueIdle(NOTIFICATIONS_QUEUE);
    expect(smtp.to(address)).toHaveLength(1);
  });

  it('notifies a single user once per dedupe key through the channels asked for', async () => {
    const svc = h.app.get(NotificationsService);
    const address = 'notify-user@test.invalid';
    const send = async () => {
      await h.app.get(UnitOfWork).run((tx) =>
        svc.notifyUser(tx, {
          dedupeKey: 'review-due:test-1',
          userId: h.users.team_manager.id,
          email: address,
          kind: 'review_due',
          subject: 'Review due: CL-7999 Z.Q.',
          body: 'An action plan review is due today.',
          link: 'https://care-leavers.test/escalations',
          channels: ['in_app', 'email'],
        }),
      );
    };
    await send();
    await send();
    await waitFor(
      'email sent',
      async () => smtp.to(address),
      (m) => m.length > 0,
    );
    await h.queueIdle(NOTIFICATIONS_QUEUE);
    expect(smtp.to(address)).toHaveLength(1);
    expect(smtp.to(address)[0].subject).toBe('Review due: CL-7999 Z.Q.');
    const inbox = await h.as('team_manager').get('/me/notifications?limit=500');
    expect(inbox.body.items.filter((i: { kind: string }) => i.kind === 'review_due')).toHaveLength(1);
  });

  it('filters the inbox by unread and marks an entry read, for its owner only', async () => {
    const e = await makeEscalation();
    await alert(alertFor(e, { recipients: [recipient('service_manager')] }));
    const before = await h.as('service_manager').get('/me/notifications?unread=true&limit=500');
    expect(before.status).toBe(200);
    const item = before.body.items.find((i: { escalationId: string }) => i.escalationId === e.escalationId);
    expect(item).toBeDefined();
    expect(before.body.items.every((i: { readAt: string | null }) => i.readAt === null)).toBe(true);
    const times = before.body.items.map((i: { createdAt: string }) => i.createdAt);
    expect([...times].sort().reverse()).toEqual(times);

    expectProblem(await h.as('director').post(`/me/notifications/${item.id}/read`), 404);
    expectProblem(await h.as('service_manager').post('/me/notifications/not-a-uuid/read'), 400, ['id']);
    expectProblem(await h.as('service_manager').post(`/me/notifications/${crypto.randomUUID()}/read`), 404);

    const read = await h.as('service_manager').post(`/me/notifications/${item.id}/read`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: item.id, readAt: expect.any(String) });
    const again = await h.as('service_manager').post(`/me/notifications/${item.id}/read`);
    expect(again.status).toBe(200);
    expect(again.body.readAt).toBe(read.body.readAt);

    const after = await h.as('service_manager').get('/me/notifications?unread=true&limit=500');
    expect(after.body.items.find((i: { id: string }) => i.id === item.id)).toBeUndefined();
    expect(after.body.unread).toBe(before.body.unread - 1);
    const readOnes = await h.as('service_manager').get('/me/notifications?unread=false');
    expect(readOnes.body.items.map((i: { id: string }) => i.id)).toContain(item.id);
    expect(await h.count('audit_event', `entity_id = $1 and action = 'notification.read'`, [e.escalationId])).toBe(1);

    expectProblem(await h.as('service_manager').get('/me/notifications?unread=maybe'), 400, ['unread']);
    expectProblem(await h.as('service_manager').get('/me/notifications?limit=0'), 400, ['limit']);
  });

  it('lets only admins manage webhooks and only admins and senior managers read the delivery log', async () => {
    expectProblem(await h.as().get('/me/notifications'), 401);
    expectProblem(await h.as().get('/notification-deliveries'), 401);
    expectProblem(await h.as().get('/notification-webhooks'), 401);
    expectProblem(
      await h
        .as()
        .put('/notification-webhooks/pa')
        .send({ url: hooks.url('/x') }),
      401,
    );
    for (const role of ['pa', 'housing_officer', 'team_manager'] as Role[]) {
      expectProblem(await h.as(role).get('/notification-deliveries'), 403);
    }
    for (const role of ['service_manager', 'head_of_service', 'director', 'admin'] as Role[]) {
      expect((await h.as(role).get('/notification-deliveries')).status).toBe(200);
    }
    for (const role of ['pa', 'director', 'service_manager'] as Role[]) {
      expectProblem(await h.as(role).get('/notification-webhooks'), 403);
      expectProblem(
        await h
          .as(role)
          .put('/notification-webhooks/pa')
          .send({ url: hooks.url('/x') }),
        403,
      );
      expectProblem(await h.as(role).delete('/notification-webhooks/pa'), 403);
    }
    expectProblem(await h.as('director').get('/notification-deliveries?status=lost'), 400, ['status']);
    expectProblem(await h.as('director').get('/notification-deliveries?channel=sms'), 400, ['channel']);
    expectProblem(await h.as('director').get('/notification-deliveries?escalationId=nope'), 400, ['escalationId']);
  });

  it('creates, lists, replaces and deletes a role webhook, audited without the secret path', async () => {
    const put = await h
      .as('admin')
      .put('/notification-webhooks/pa')
      .send({ url: hooks.url('/pa/token-123') });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ role: 'pa', active: true });
    const update = await h
      .as('admin')
      .put('/notification-webhooks/pa')
      .send({ url: 'https://hooks.example.com/services/T000/B000/abc', active: false });
    expect(update.status).toBe(200);
    expect(update.body).toMatchObject({
      role: 'pa',
      url: 'https://hooks.example.com/services/T000/B000/abc',
      active: false,
    });
    const list = await h.as('admin').get('/notification-webhooks');
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ role: 'pa', active: false })]));
    expect(list.body.total).toBe(list.body.items.length);
    expect((await h.as('admin').delete('/notification-webhooks/pa')).status).toBe(204);
    expectProblem(await h.as('admin').delete('/notification-webhooks/pa'), 404);
    expect(
      (await h.as('admin').get('/notification-webhooks')).body.items.map((w: { role: string }) => w.role),
    ).not.toContain('pa');

    const audit = await h.as('admin').get('/audit?entity=RoleWebhook&limit=100');
    const actions = audit.body.items
      .filter((a: { changes: { role: string } }) => a.changes.role === 'pa')
      .map((a: { action: string }) => a.action);
    expect([...actions].sort()).toEqual(['role_webhook.created', 'role_webhook.deleted', 'role_webhook.updated']);
    expect(JSON.stringify(audit.body.items)).not.toContain('token-123');
    expect(JSON.stringify(audit.body.items)).not.toContain('B000');
  });

  it('refuses bad input on PUT /notification-webhooks/:role and writes nothing', async () => {
    await h.expectNoWrites(['role_webhook', 'notification'], async () => {
      expectProblem(
        await h
          .as('admin')
          .put('/notification-webhooks/chief_executive')
          .send({ url: hooks.url('/x') }),
        400,
        ['role'],
      );
      expectProblem(
        await h
          .as('admin')
          .put('/notification-webhooks/admin')
          .send({ url: hooks.url('/x') }),
        400,
        ['role'],
      );
      expectProblem(
        await h.as('admin').put('/notification-webhooks/pa').send({ url: 'ftp://files.example.com/x' }),
        400,
        ['url'],
      );
      expectProblem(await h.as('admin').put('/notification-webhooks/pa').send({ url: 'not a url' }), 400, ['url']);
      expectProblem(await h.as('admin').put('/notification-webhooks/pa').send({ url: 'javascript:alert(1)' }), 400, [
        'url',
      ]);
      expectProblem(
        await h
          .as('admin')
          .put('/notification-webhooks/pa')
          .send({ url: `https://example.com/${'a'.repeat(600)}` }),
        400,
        ['url'],
      );
      expectProblem(await h.as('admin').put('/notification-webhooks/pa').send({}), 400, ['url']);
      expectProblem(await h.as('admin').put('/notification-webhooks/pa').send({ url: 42 }), 400, ['url']);
      expectProblem(
        await h
          .as('admin')
          .put('/notification-webhooks/pa')
          .send({ url: hooks.url('/x'), active: 'yes' }),
        400,
        ['active'],
      );
      expectProblem(
        await h
          .as('admin')
          .put('/notification-webhooks/pa')
          .send({ url: hooks.url('/x'), secret: 'x' }),
        400,
        ['secret'],
      );
      expectProblem(
        await h.as('admin').put('/notification-webhooks/pa').set('Content-Type', 'application/json').send('{"url":'),
        400,
      );
      expectProblem(await h.as('admin').delete('/notification-webhooks/nobody'), 400, ['role']);
    });
  });

  it('describes its endpoints in the OpenAPI document', async () => {
    const docs = await h.as().get('/docs-json');
    expect(docs.status).toBe(200);
    const paths = Object.keys(docs.body.paths);
    for (const p of [
      '/me/notifications',
      '/me/notifications/{id}/read',
      '/notification-deliveries',
      '/notification-webhooks',
      '/notification-webhooks/{role}',
    ]) {
      expect(paths).toContain(p);
    }
    expect(Object.keys(docs.body.paths['/notification-webhooks/{role}'])).toEqual(
      expect.arrayContaining(['put', 'delete']),
    );
    expect(docs.body.components.schemas.InboxPage.required).toEqual(
      expect.arrayContaining(['items', 'total', 'unread']),
    );
    expect(docs.body.components.schemas.PutWebhookDto.required).toContain('url');
  });
});
