import { escalationMessage, maskUrl, oneLine, safeErrorText } from './escalation-message';

const input = {
  escalationId: '5b7f2a43-6a0e-4a44-9a1c-1d7d6f3f2d10',
  reference: 'CL-1001',
  initials: 'A.T.',
  accommodationCode: 'W',
  accommodationLabel: 'Bed and breakfast / hotel',
  ageYears: 19,
  recordedLate: false,
  clockStartedAt: new Date('2026-12-03T14:00:00Z'),
  elapsedText: '26 hours (1 working day)',
  step: 2,
  role: 'service_manager',
  dueAt: new Date('2026-12-04T14:00:00Z'),
  firedAt: new Date('2026-12-04T16:00:00Z'),
};

describe('escalationMessage', () => {
  const msg = escalationMessage(input, 'https://care.example/');

  it('names the step, role, reference, initials, place and time in the subject', () => {
    expect(msg.subject).toBe('Escalation step 2 (service manager): CL-1001 A.T. in B&B / hotel for 26 hours');
  });

  it('links to the escalation', () => {
    expect(msg.link).toBe('https://care.example/escalations/5b7f2a43-6a0e-4a44-9a1c-1d7d6f3f2d10');
    expect(msg.text).toContain(msg.link);
  });

  it('says where, since when, for how long, and when the step fell due, in UK time', () => {
    expect(msg.text).toContain('Where: W – Bed and breakfast / hotel\n');
    expect(msg.text).toContain('since Thu 3 Dec 2026, 14:00 (UK time): 26 hours (1 working day).');
    expect(msg.text).toContain(
      'fell due Fri 4 Dec 2026, 14:00 (UK time) and was raised Fri 4 Dec 2026, 16:00 (UK time)',
    );
  });

  it('says an under-18 is under 18 in the subject and the text', () => {
    const young = escalationMessage({ ...input, ageYears: 17 }, 'https://care.example');
    expect(young.subject).toBe(
      'UNDER 18: Escalation step 2 (service manager): CL-1001 A.T. in B&B / hotel for 26 hours',
    );
    expect(young.text).toContain('aged 17: UNDER 18');
    expect(young.webhook.text.startsWith('UNDER 18:')).toBe(true);
  });

  it('says a stay was recorded late, and when the step had fallen due', () => {
    const late = escalationMessage({ ...input, recordedLate: true }, 'https://care.example');
    expect(late.subject.startsWith('Recorded late: Escalation step 2')).toBe(true);
    expect(late.text).toContain(
      'This stay was recorded late, after this step fell due (Fri 4 Dec 2026, 14:00 (UK time))',
    );
    expect(escalationMessage({ ...input, recordedLate: true, ageYears: 16 }, 'x').subject).toMatch(
      /^UNDER 18, recorded late: /,
    );
  });

  it('carries no free text about the young person: only the reference, initials, the code and its label', () => {
    const keys = Object.keys(input).sort();
    expect(keys).not.toContain('description');
    expect(msg.text).not.toMatch(/Travelodge/);
  });

  it('gives a webhook payload with exactly the agreed fields', () => {
    expect(msg.webhook).toEqual({
      text: `${msg.subject}. Review: ${msg.link}`,
      reference: 'CL-1001',
      initials: 'A.T.',
      step: 2,
      role: 'service_manager',
      dueAt: '2026-12-04T14:00:00.000Z',
      firedAt: '2026-12-04T16:00:00.000Z',
      link: msg.link,
    });
  });

  it('keeps line breaks out of the subject (no header injection) and falls back to the label for other codes', () => {
    const m = escalationMessage(
      {
        ...input,
        reference: 'CL-1\r\nBcc: x@y',
        accommodationCode: 'Y',
        accommodationLabel: 'Other',
      },
      'https://c.example',
    );
    expect(m.subject).not.toMatch(/[\r\n]/);
    expect(m.subject).toContain('in Other for 26 hours');
    expect(m.text).toContain('Where: Y – Other\n');
  });
});

describe('safeErrorText', () => {
  it('cuts credentials, secret URLs and line breaks out of an error', () => {
    const e = new Error(
      'connect failed smtp://user:hunter2@mail.example:587\nat https://hooks.example.com/services/T0/B0/secret',
    );
    const text = safeErrorText(e, []);
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('secret');
    expect(text).not.toContain('\n');
    expect(text).toContain('https://hooks.example.com/[redacted]');
  });

  it('redacts the given secrets and bounds the length', () => {
    expect(safeErrorText(new Error('bad token abc123'), ['abc123'])).toBe('bad token [redacted]');
    expect(safeErrorText(new Error('x'.repeat(2000))).length).toBeLessThanOrEqual(500);
  });

  it('keeps an error code', () => {
    expect(safeErrorText(Object.assign(new Error('Message failed'), { code: 'EMESSAGE' }))).toBe(
      'EMESSAGE: Message failed',
    );
  });
});

describe('maskUrl and oneLine', () => {
  it('shows only the origin of a webhook URL', () => {
    expect(maskUrl('https://hooks.slack.com/services/T/B/X')).toBe('https://hooks.slack.com/…');
    expect(maskUrl(null)).toBeNull();
  });

  it('squashes whitespace and control characters', () => {
    expect(oneLine(' a\r\n\tb  c ')).toBe('a b c');
    expect(oneLine('abcdef', 4)).toBe('abc…');
  });
});
