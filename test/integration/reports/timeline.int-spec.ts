import { TimelineService } from '../../../src/features/reports/timeline.service';
import type { AuthUser } from '../../../src/kernel/roles';
import { Integration } from '../../support/integration';
import { County } from './county';

let it_: Integration;
let pa: AuthUser;
let youngPersonId: string;

beforeAll(async () => {
  it_ = await Integration.start();
  const county = new County(it_);
  pa = await it_.user('pa', { name: 'Pat Adviser' });
  youngPersonId = await county.person(pa.id, '2006-05-01', 'CL-TL1');
  const hotel = await county.stay(youngPersonId, {
    code: 'W',
    suitable: false,
    startedAt: '2026-10-20T21:00:00Z',
    endedAt: '2026-10-23T12:00:00Z',
    recordedBy: pa.id,
  });
  await county.firedStep(hotel, youngPersonId, '2026-10-21T09:00:00Z');
  await county.request(youngPersonId, pa.id, '2026-10-21T10:00:00Z', { placedAt: '2026-10-23T12:00:00Z' });
  await county.stay(youngPersonId, { code: 'D', suitable: true, startedAt: '2026-10-23T12:00:00Z', recordedBy: pa.id });
});
afterAll(() => it_?.stop());

describe('a young person’s timeline', () => {
  it('is not found for a PA who does not hold the young person, as for one who does not exist', async () => {
    const other = await it_.user('pa');
    const timelines = it_.get(TimelineService);
    await expect(timelines.timeline(other, youngPersonId, {})).rejects.toMatchObject({ kind: 'not_found' });
    await expect(timelines.timeline(pa, crypto.randomUUID(), {})).rejects.toMatchObject({ kind: 'not_found' });
  });

  it('gives the young person’s own PA every event, oldest first, with who did it', async () => {
    const page = await it_.get(TimelineService).timeline(pa, youngPersonId, {});
    expect(page.youngPerson).toEqual({ id: youngPersonId, reference: 'CL-TL1' });
    expect(page.items.map((e) => [e.at, e.kind])).toEqual([
      ['2026-10-20T21:00:00.000Z', 'stay.started'],
      ['2026-10-21T09:00:00.000Z', 'escalation.fired'],
      ['2026-10-21T10:00:00.000Z', 'request.raised'],
      ['2026-10-23T12:00:00.000Z', 'request.placed'],
      ['2026-10-23T12:00:00.000Z', 'stay.ended'],
      ['2026-10-23T12:00:00.000Z', 'stay.started'],
    ]);
    expect(page.total).toBe(6);
    expect(page.items[0].actor).toEqual({ userId: pa.id, name: 'Pat Adviser', role: 'pa' });
    expect(page.items[1].actor).toBeNull();
  });

  it('pages a manager through the same entries without losing or repeating one', async () => {
    const manager = await it_.user('service_manager');
    const timelines = it_.get(TimelineService);
    const whole = await timelines.timeline(manager, youngPersonId, {});
    const pages = [];
    for (let offset = 0; offset < whole.total; offset += 4)
      pages.push(...(await timelines.timeline(manager, youngPersonId, { limit: 4, offset })).items);
    expect(pages).toEqual(whole.items);
  });
});
