import { escalationMessage } from './escalation-message';
import { byChannel, escalationRows, userRows, type EscalationAlert } from './notification-rows';

const alert: EscalationAlert = {
  escalationId: 'e1',
  youngPersonId: 'y1',
  reference: 'CL-1001',
  initials: 'A.T.',
  accommodationCode: 'W',
  accommodationLabel: 'Bed and breakfast / hotel',
  ageYears: 19,
  recordedLate: false,
  clockStartedAt: new Date('2026-11-02T10:00:00Z'),
  elapsedText: '26 hours (1 working day)',
  step: 2,
  role: 'service_manager',
  dueAt: new Date('2026-11-03T10:00:00Z'),
  firedAt: new Date('2026-11-03T12:00:00Z'),
  recipients: [
    { userId: 'u1', email: ' sm@test.invalid ', role: 'service_manager' },
    { userId: 'u2', email: '', role: 'pa' },
    { userId: 'u1', email: 'sm@test.invalid', role: 'service_manager' },
  ],
};
const msg = escalationMessage(alert, 'https://care-leavers.test');

describe('escalationRows', () => {
  it('writes an inbox entry per recipient, an e-mail where there is an address, and a post per webhook, each keyed once', () => {
    const rows = escalationRows(alert, msg, [{ role: 'service_manager', url: 'https://hooks.test/sm' }]);
    expect(rows.map((r) => [r.channel, r.recipientUserId, r.recipientRole, r.target, r.dedupeKey])).toEqual([
      ['in_app', 'u1', 'service_manager', null, 'esc:e1:in_app:u1'],
      ['email', 'u1', 'service_manager', 'sm@test.invalid', 'esc:e1:email:u1'],
      ['in_app', 'u2', 'pa', null, 'esc:e1:in_app:u2'],
      ['webhook', null, 'service_manager', 'https://hooks.test/sm', 'esc:e1:webhook:service_manager'],
    ]);
    for (const r of rows) {
      expect(r).toMatchObject({ escalationId: 'e1', youngPersonId: 'y1', kind: 'escalation', subject: msg.subject });
      expect(r.body).toBe(r.channel === 'webhook' ? JSON.stringify(msg.webhook) : msg.text);
    }
  });
});

describe('userRows', () => {
  it('writes each channel asked for once, and e-mail only with an address', () => {
    const n = {
      dedupeKey: 'ack:e1:u2',
      userId: 'u2',
      kind: 'escalation.acknowledged',
      subject: 'S',
      body: 'B',
      link: null,
    };
    expect(userRows({ ...n, channels: ['in_app', 'in_app', 'email'] }).map((r) => r.dedupeKey)).toEqual([
      'ack:e1:u2:in_app',
    ]);
    expect(
      userRows({ ...n, email: 'pa@test.invalid', channels: ['email', 'in_app'] }).map((r) => [r.channel, r.target]),
    ).toEqual([
      ['email', 'pa@test.invalid'],
      ['in_app', null],
    ]);
  });
});

describe('byChannel', () => {
  it('names users for the inbox and e-mail, and roles for webhooks', () => {
    expect(
      byChannel([
        { id: '1', channel: 'in_app', recipient_user_id: 'u1', recipient_role: 'pa' },
        { id: '2', channel: 'email', recipient_user_id: 'u1', recipient_role: 'pa' },
        { id: '3', channel: 'webhook', recipient_user_id: null, recipient_role: 'director' },
      ]),
    ).toEqual({ in_app: ['u1'], email: ['u1'], webhook: ['director'] });
  });
});
