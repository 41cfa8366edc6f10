import { ROLES } from '../../../src/kernel/roles';
import { dayFromToday, makeBed, makeLevel, makePerson, makeProvider, makeRequest } from '../fixtures';
import { PASSWORD, TEST_AREAS, type Harness } from '../harness';
import type { Pools } from './plausible';

/**
 * A small county for the fuzz to aim at: a record of every kind a write endpoint's path names,
 * in the states that let a valid body succeed (open requests, live holds, open stays, open
 * escalation steps, unread inbox entries, closure days, webhooks), and spare users to edit, so
 * the role users' own accounts are never the target.
 */
export async function buildWorld(h: Harness, fireDueSteps: () => Promise<unknown>): Promise<Pools> {
  const ok = <T>(what: string, res: { status: number; body: T }): T => {
    if (res.status >= 300) throw new Error(`world: ${what}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const level = await makeLevel(h);
  const emergency = await makeLevel(h, { rank: 1, emergency: true });
  const providers = [await makeProvider(h), await makeProvider(h, { area: 'Nantwich' })];
  const beds: string[] = [];
  for (let i = 0; i < 10; i++) beds.push((await makeBed(h, providers[i % 2].id, [level, emergency][i % 2].id)).id);
  const people: string[] = [];
  for (const age of [17, 17, 18, 19, 20, 21, 22, 24]) people.push((await makePerson(h, { age })).id);

  // Three requests with a hold each, three without.
  const requests: string[] = [];
  for (const p of people.slice(0, 6)) requests.push((await makeRequest(h, p)).id);
  const holds: string[] = [];
  for (const [i, r] of requests.slice(0, 3).entries()) {
    holds.push(
      ok('hold', await h.as('housing_officer').post(`/placement-requests/${r}/holds`).send({ bedId: beds[i] })).id,
    );
  }
  const stays: string[] = [];
  // A 17-year-old and an adult in a hotel start the shipped escalation ladders; the others are settled.
  for (const [i, code] of ['W', 'W', 'D', 'D', 'B'].entries()) {
    const body = { youngPersonId: people[[0, 4, 5, 6, 7][i]], accommodationCode: code };
    stays.push(ok('stay', await h.as('pa').post('/stays').send(body)).id);
  }
  await fireDueSteps();

  const escalations = ok('escalations', await h.as('director').get('/escalations?limit=500')).items as { id: string }[];
  const notifications: string[] = [];
  for (const role of ROLES) {
    const inbox = ok('inbox', await h.as(role).get('/me/notifications?limit=500')).items as { id: string }[];
    notifications.push(...inbox.map((n) => n.id));
  }
  const policies = ok('policies', await h.as('admin').get('/escalation-policies')).items as { id: string }[];
  const closureDays = [dayFromToday(40), dayFromToday(41), dayFromToday(365)];
  for (const date of closureDays)
    ok('closure day', await h.as('admin').post('/closure-days').send({ date, reason: 'Closed' }));
  for (const role of ['team_manager', 'director']) {
    ok(
      'webhook',
      await h.as('admin').put(`/notification-webhooks/${role}`).send({ url: 'https://93.184.216.34/hook' }),
    );
  }
  const users: string[] = [];
  const emails: string[] = ROLES.map((r) => h.users[r].email);
  for (const role of ['pa', 'team_manager', 'housing_officer']) {
    const email = `spare.${role}@test.invalid`;
    const body = { email, name: `Spare ${role}`, role, password: PASSWORD };
    users.push(ok('user', await h.as('admin').post('/users').send(body)).id);
    emails.push(email);
  }
  return {
    records: {
      users,
      'service-levels': [level.id, emergency.id],
      providers: providers.map((p) => p.id),
      beds,
      'young-people': people,
      'placement-requests': requests,
      holds,
      stays,
      'escalation-policies': policies.map((p) => p.id),
      escalations: escalations.map((e) => e.id),
      notifications,
      'closure-days': closureDays,
    },
    areas: TEST_AREAS,
    emails,
    password: PASSWORD,
    paUserId: h.users.pa.id,
  };
}
