import type { TimelineEntry, TimelineNotification } from '../../features/reports/timeline.dto';
import type { TimelineSubject, TimelineView } from '../../features/reports/timeline';
import {
  byline,
  entryHtml,
  entryTitle,
  legalStatusText,
  presentTimeline,
  stayTags,
  subjectRows,
  timelineHref,
  timelineItem,
  timelinePagination,
} from './timeline.presenter';

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

const alex = (over: Partial<TimelineSubject> = {}): TimelineSubject => ({
  id: 'yp-1',
  reference: 'CL-0001',
  firstName: 'Alex',
  lastName: 'Taylor',
  age: 21,
  legalStatus: 'former_relevant',
  uasc: false,
  homeArea: 'Crewe',
  paName: 'Pat Adviser',
  current: {
    stayId: 's1',
    accommodationCode: 'W',
    ssda903: 'W2',
    suitable: false,
    emergency: false,
    description: 'Travelodge Crewe',
    bedLabel: null,
    providerName: null,
    area: null,
    startedAt: '2026-11-02T17:05:00.000Z',
  },
  ...over,
});

const pa = { userId: 'u-pa', name: 'Pat Adviser', role: 'pa' };
const director = { userId: 'u-d', name: 'Dana Director', role: 'director' };

const entry = (over: Partial<TimelineEntry>): TimelineEntry => ({
  at: '2026-11-02T17:05:00.000Z',
  kind: 'stay.started',
  summary: 'summary',
  actor: null,
  ...over,
});

const told = (over: Partial<TimelineNotification>): TimelineNotification => ({
  channel: 'email',
  recipientUserId: 'u-d',
  recipientName: 'Dana Director',
  recipientRole: 'director',
  status: 'sent',
  sentAt: '2026-11-09T10:00:00.000Z',
  attempts: 1,
  readAt: null,
  ...over,
});

const rowsText = (y: TimelineSubject) =>
  subjectRows(y).map((r) => `${r.key.text}: ${r.value.text ?? text(r.value.html ?? '')}`);

describe('who the timeline is about', () => {
  it('says the reference, age, legal status, home area, PA and where they are now with its tags, in UK time', () => {
    expect(rowsText(alex())).toEqual([
      'Reference: CL-0001',
      'Age: 21',
      'Legal status: Former relevant (18–25)',
      'Home area: Crewe',
      'Personal adviser: Pat Adviser',
      'Where now: Bed and breakfast / hotel (W2) Unsuitable Emergency Travelodge Crewe',
      // 17:05 UTC in November is 17:05 in London; in summer it is an hour later.
      'There since: Mon 2 Nov 2026, 17:05',
    ]);
    const summer = alex({ current: { ...alex().current!, startedAt: '2026-07-01T09:30:00.000Z' } });
    expect(rowsText(summer)).toContain('There since: Wed 1 Jul 2026, 10:30');
  });

  it('says when nothing is known: no open stay, no PA, no home area; and an unaccompanied asylum-seeker', () => {
    const rows = rowsText(alex({ current: null, paName: null, homeArea: null, uasc: true, legalStatus: 'relevant' }));
    expect(rows).toContain('Where now: No stay recorded as open');
    expect(rows).toContain('Personal adviser: Not known');
    expect(rows).toContain('Home area: Not recorded');
    expect(rows).toContain('Legal status: Relevant (16–17, left care); unaccompanied asylum-seeking child');
    expect(rows.some((r) => r.startsWith('There since'))).toBe(false);
  });

  it('escapes what people typed', () => {
    const y = alex({ current: { ...alex().current!, description: '<script>x</script>' } });
    const where = subjectRows(y).find((r) => r.key.text === 'Where now')!;
    expect(where.value.html).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(where.value.html).not.toContain('<script>');
  });

  it('names a legal status it does not know in words', () => {
    expect(legalStatusText('something_else')).toBe('Something else');
  });
});

describe('an entry', () => {
  it('says when (UK time), what happened and who did it by name, or that the service did', () => {
    const item = timelineItem(entry({ kind: 'stay.started', actor: pa, accommodationCode: 'W', ssda903: 'W2' }));
    expect(item.label.text).toBe('Stay started');
    expect(item.byline.text).toBe('Pat Adviser (Personal adviser)');
    expect(item.datetime).toEqual({ timestamp: '2026-11-02T17:05:00.000Z', type: 'datetime' });
    expect(byline(entry({ actor: null }))).toBe('the service (automatically)');
  });

  it('tags a stay unsuitable or suitable, and emergency when the stay or its kind is one', () => {
    expect(stayTags({ accommodationCode: 'W', suitable: false }).map((t) => t.text)).toEqual([
      'Unsuitable',
      'Emergency',
    ]);
    expect(stayTags({ accommodationCode: 'D', suitable: true }).map((t) => t.text)).toEqual(['Suitable']);
    expect(stayTags({ accommodationCode: 'D', suitable: true, emergency: true }).map((t) => t.text)).toEqual([
      'Suitable',
      'Emergency',
    ]);
  });

  it('tells a stay recorded late, and why a stay ended', () => {
    const late = entry({
      kind: 'stay.started',
      accommodationCode: 'D',
      suitable: true,
      ssda903: 'D1',
      bedLabel: 'Room 1',
      providerName: 'Crewe Foyer',
      recordedAt: '2026-11-03T09:00:00.000Z',
    });
    expect(text(entryHtml(late).html)).toBe(
      'Semi-independent, transitional accommodation (D1) Suitable Room 1, Crewe Foyer Recorded later, on Tue 3 Nov 2026, 09:00',
    );
    const onTime = entry({ ...late, recordedAt: late.at });
    expect(text(entryHtml(onTime).html)).not.toContain('Recorded later');
    const ended = entry({ kind: 'stay.ended', accommodationCode: 'W', ssda903: 'W2', endReason: 'moved on' });
    expect(text(entryHtml(ended).html)).toContain('Reason: moved on');
  });

  it('tells a request, a hold with its expiry in UK time, and a withdrawal', () => {
    expect(text(entryHtml(entry({ kind: 'request.raised', urgency: 'emergency', neededBy: '2026-11-03' })).html)).toBe(
      'Emergency request, needed by 3 November 2026',
    );
    const held = entry({
      kind: 'hold.created',
      bedLabel: 'Room 1',
      providerName: 'Crewe Foyer',
      area: 'Crewe',
      expiresAt: '2026-11-03T17:05:00.000Z',
    });
    expect(text(entryHtml(held).html)).toBe('Room 1, Crewe Foyer, Crewe, held until Tue 3 Nov 2026, 17:05');
    expect(entryTitle(held)).toBe('Bed held');
    expect(text(entryHtml(entry({ kind: 'request.withdrawn', reason: 'Went home' })).html)).toBe('Reason: Went home');
  });

  it('tells a step fired: to whom, the policy, each person told by each channel, how it went, and links the alert', () => {
    const fired = entry({
      kind: 'escalation.fired',
      escalationId: 'e-5',
      step: 5,
      occurrence: 0,
      role: 'director',
      policyName: '18+ in hotel',
      policyVersion: 2,
      notifications: [
        told({ channel: 'email' }),
        told({ channel: 'in_app', readAt: '2026-11-09T10:30:00.000Z' }),
        told({ channel: 'webhook', recipientUserId: null, recipientName: null, status: 'failed', sentAt: null }),
      ],
    });
    expect(entryTitle(fired)).toBe('Escalation step 5 fired to the director');
    expect(entryTitle({ ...fired, occurrence: 2 })).toBe('Escalation step 5 (repeat 2) fired to the director');
    const html = entryHtml(fired).html;
    expect(text(html)).toBe(
      'Policy: 18+ in hotel (version 2). 3 messages, 2 delivered. Not all delivered Who was told: ' +
        'Dana Director , Director Email: sent Mon 9 Nov 2026, 10:00 In this service: read Mon 9 Nov 2026, 10:30 ' +
        'Teams or Slack channel for directors Teams or Slack channel: failed, not delivered ' +
        'See this alert (step 5)',
    );
    expect(html).toContain('href="/escalations/e-5"');
    expect(text(entryHtml({ ...fired, notifications: [] }).html)).toContain('Who was told: no one');
  });

  it('tells an acknowledgement: by whom, the action plan as written, the review date, and who was told of it', () => {
    const ack = entry({
      kind: 'escalation.acknowledged',
      actor: director,
      step: 5,
      actionPlan: 'Panel <Thursday>\nthen supported lodgings',
      reviewBy: '2026-11-13',
      notifications: [told({ recipientUserId: 'u-pa', recipientName: 'Pat Adviser', recipientRole: 'pa' })],
    });
    expect(entryTitle(ack)).toBe('Escalation step 5 acknowledged');
    expect(byline(ack)).toBe('Dana Director (Director)');
    const html = entryHtml(ack).html;
    expect(html).toContain('Panel &lt;Thursday&gt;\nthen supported lodgings');
    expect(html).toContain('app-preserve-lines');
    expect(text(html)).toContain('Review by 13 November 2026');
    expect(text(html)).toContain('Told of the acknowledgement: Pat Adviser , Personal adviser Email: sent');
  });

  it('tells the clock starting and stopping in counts', () => {
    expect(text(entryHtml(entry({ kind: 'escalation.clock_started', policies: [{}, {}] })).html)).toBe(
      '2 escalation policies in force',
    );
    expect(text(entryHtml(entry({ kind: 'escalation.clock_stopped', closed: 1, cancelled: 3 })).html)).toBe(
      '1 fired step closed, 3 pending steps cancelled',
    );
  });
});

describe('the page', () => {
  const view = (total: number, shown: number): TimelineView => ({
    youngPerson: alex(),
    items: Array.from({ length: shown }, () => entry({ actor: pa, accommodationCode: 'W' })),
    total,
  });

  it('names the young person in the title, says what is shown, oldest first, and pages 100 at a time', () => {
    const page = presentTimeline(view(234, 100), 2, '2026-11-09T10:00:00Z');
    expect(page.pageTitle).toBe('Timeline for Alex Taylor (CL-0001)');
    expect(page.showing).toBe('Showing 101 to 200 of 234 entries, oldest first.');
    expect(page.items).toHaveLength(100);
    expect(page.asOf).toBe('Mon 9 Nov 2026, 10:00');
    expect(page.pagination).toEqual({
      previous: { href: '/young-people/yp-1/timeline' },
      next: { href: '/young-people/yp-1/timeline?page=3' },
      items: [
        { number: 1, href: '/young-people/yp-1/timeline', current: false },
        { number: 2, href: '/young-people/yp-1/timeline?page=2', current: true },
        { number: 3, href: '/young-people/yp-1/timeline?page=3', current: false },
      ],
    });
  });

  it('has no pagination on one page, and says when nothing has been recorded', () => {
    expect(presentTimeline(view(3, 3), 1, '2026-11-09T10:00:00Z').pagination).toBeNull();
    const empty = presentTimeline(view(0, 0), 1, '2026-11-09T10:00:00Z');
    expect(empty.showing).toBe('');
    expect(empty.empty).toBe('Nothing has been recorded for Alex Taylor yet.');
  });

  it('pages as GOV.UK does: first, last, the current with its neighbours, ellipses between', () => {
    const p = timelinePagination('yp-1', 5, 9)!;
    expect(p.items.map((i) => ('ellipsis' in i ? '…' : i.number))).toEqual([1, '…', 4, 5, 6, '…', 9]);
    expect(timelinePagination('yp-1', 9, 9)!.next).toBeUndefined();
    expect(timelineHref('a b', 2)).toBe('/young-people/a%20b/timeline?page=2');
  });
});
