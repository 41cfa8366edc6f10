import { makeBed, makeLevel, makePerson, makeProvider, makeRequest } from '../../support/fixtures';
import { Harness, PASSWORD } from '../../support/harness';
import { textOf, WebClient } from '../../support/web-client';

/**
 * A PA reads the matches of a placement request about their own caseload, read-only: another PA's
 * request is not found (404), and holding a bed stays with the placements team (403). The young
 * person's page shows the best few under the open request, with where and how well each fits,
 * never who lives there.
 */
let h: Harness;
let requestId: string;
let person: { id: string; reference: string };
let bedId: string;
let otherToken: string;

beforeAll(async () => {
  h = await Harness.start();
  const level = await makeLevel(h, { name: 'Supported flat' });
  const provider = await makeProvider(h, { name: 'Crewe Foyer Trust', area: 'Crewe' });
  bedId = (await makeBed(h, provider.id, level.id, { label: 'Room 7' })).id;
  person = await makePerson(h, { firstName: 'Ria', lastName: 'Patel' });
  requestId = (await makeRequest(h, person.id)).id;
  const other = await h
    .as('admin')
    .post('/users')
    .send({ email: 'other.pa@test.invalid', name: 'Other PA', role: 'pa', password: PASSWORD });
  expect(other.status).toBe(201);
  otherToken = await h.login('other.pa@test.invalid');
});
afterAll(async () => {
  await h?.stop();
});

describe('matches for a PA', () => {
  it('lets the PA read the matches of their own young person’s request', async () => {
    const res = await h.as('pa').get(`/placement-requests/${requestId}/matches`);
    expect(res.status).toBe(200);
    expect(res.body.candidates.map((c: { bedId: string }) => c.bedId)).toContain(bedId);
  });

  it('answers another PA’s request with 404, not telling them it exists', async () => {
    const res = await h.withToken(otherToken).get(`/placement-requests/${requestId}/matches`);
    expect(res.status).toBe(404);
  });

  it('still refuses a PA a hold (403), writing nothing', async () => {
    const res = await h.expectNoWrites(['hold', 'bed'], () =>
      h.as('pa').post(`/placement-requests/${requestId}/holds`).send({ bedId }),
    );
    expect(res.status).toBe(403);
  });

  it('shows the best matches on the young person’s page, read-only', async () => {
    const web = new WebClient(h.app);
    expect((await web.signIn(h.users.pa.email, PASSWORD)).status).toBe(303);
    const res = await web.get(`/young-people/${person.id}`);
    expect(res.status).toBe(200);
    const t = textOf(res.text);
    expect(t).toContain('Best matches today (read-only)');
    expect(t).toMatch(/1 Crewe Foyer Trust Room 7 Supported flat Crewe \d+/);
    expect(t).toContain('A housing officer places from these.');
    expect(res.text).not.toMatch(/action="[^"]*holds/);
  });
});
