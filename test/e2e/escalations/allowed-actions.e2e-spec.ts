import type { Role } from '../../../src/kernel/roles';
import { ManualClock } from '../../../src/platform/clock';
import { TimerRegistry } from '../../../src/platform/queue/timer-registry';
import { makePerson } from '../../support/fixtures';
import { expectProblem, Harness } from '../../support/harness';

/**
 * Escalation steps carry the caller's `allowedActions` (api.md, casework additions): `acknowledge`,
 * allowed or not and why. What the list and the step offer is what `POST /escalations/:id/acknowledge`
 * then does: 200 when allowed; when not, 403 (the role) or 409 (the step's state) with the same
 * reason in its problem details.
 */

// Monday 7 December 2026, 10:00 in London: a review by today is within any policy's bound.
const clock = new ManualClock(new Date('2026-12-07T10:00:00Z'));
const REVIEW_BY = '2026-12-07';
let h: Harness;

interface Action {
  action: string;
  allowed: boolean;
  reason?: string;
}
interface Esc {
  id: string;
  stayId: string;
  role: string;
  status: string;
  allowedActions: Action[];
}

const sweep = () => h.app.get(TimerRegistry).sweep();

/** A 21-year-old in a hotel from now, the ladder's first steps fired: their steps by role. */
async function hotelClock(): Promise<{ stayId: string; steps: Record<string, Esc> }> {
  const person = await makePerson(h, { dateOfBirth: '2005-03-01' });
  const stay = await h.as('pa').post('/stays').send({ youngPersonId: person.id, accommodationCode: 'W' });
  expect(stay.status).toBe(201);
  await sweep();
  return { stayId: stay.body.id, steps: await stepsOf(stay.body.id) };
}

async function stepsOf(stayId: string): Promise<Record<string, Esc>> {
  const rows = (await h.as('director').get(`/escalations?stayId=${stayId}`)).body.items as Esc[];
  return Object.fromEntries(rows.map((r) => [r.role, r]));
}

/**
 * What `role` is offered on a step (the step itself and its row in the list agree), then what
 * acknowledging it answers: 200 when offered, else the refusal with the offered reason.
 */
async function offeredThenDone(role: Role, step: Esc): Promise<{ offered: Action; status: number; body: Esc }> {
  const one = await h.as(role).get(`/escalations/${step.id}`);
  expect(one.status).toBe(200);
  const list = await h.as(role).get(`/escalations?stayId=${step.stayId}`);
  expect(list.status).toBe(200);
  const row = (list.body.items as Esc[]).find((r) => r.id === step.id);
  expect(row?.allowedActions).toEqual(one.body.allowedActions);
  const actions = one.body.allowedActions as Action[];
  expect(actions.map((a) => a.action)).toEqual(['acknowledge']);
  const offered = actions[0];

  const res = await h
    .as(role)
    .post(`/escalations/${step.id}/acknowledge`)
    .send({ actionPlan: 'Supported lodgings referral', reviewBy: REVIEW_BY });
  if (offered.allowed) {
    expect(offered.reason).toBeUndefined();
    expect(res.status).toBe(200);
  } else {
    expect([403, 409]).toContain(res.status);
    expectProblem(res, res.status);
    expect(res.body.detail).toBe(offered.reason);
  }
  return { offered, status: res.status, body: res.body as Esc };
}

beforeAll(async () => {
  h = await Harness.start({ clock, env: { RECONCILE_EVERY: 'PT1H', DIGEST_AT: 'off' } });
  // One ladder of our own (the shipped ones retired): the PA and the director at once, the team manager in an hour.
  const shipped = (await h.as('admin').get('/escalation-policies')).body.items as { id: string }[];
  for (const p of shipped)
    expect((await h.as('admin').patch(`/escalation-policies/${p.id}`).send({ active: false })).status).toBe(200);
  const policy = await h
    .as('admin')
    .post('/escalation-policies')
    .send({
      name: 'Test: allowed actions',
      appliesTo: { minAge: 18, accommodationCodes: ['W'], unsuitableOnly: true },
      steps: [
        { after: 'PT0S', role: 'pa' },
        { after: 'PT0S', role: 'director' },
        { after: 'PT1H', role: 'team_manager' },
      ],
    });
  expect(policy.status).toBe(201);
});
afterAll(async () => {
  await h?.stop();
});

describe('allowedActions on escalation steps', () => {
  it('offers the director their open step, and acknowledging it succeeds; the answer then offers it no more', async () => {
    const { steps } = await hotelClock();
    expect(steps.director.status).toBe('open');
    const { offered, status, body } = await offeredThenDone('director', steps.director);
    expect(offered).toEqual({ action: 'acknowledge', allowed: true });
    expect(status).toBe(200);
    expect(body.status).toBe('acknowledged');
    expect(body.allowedActions).toEqual([
      { action: 'acknowledge', allowed: false, reason: 'This step is already acknowledged' },
    ]);
  });

  it('refuses a team manager the director’s step, saying why, and acknowledging it answers 403 with that reason', async () => {
    const { steps } = await hotelClock();
    const { offered, status } = await offeredThenDone('team_manager', steps.director);
    expect(offered.allowed).toBe(false);
    expect(offered.reason).toBe('This step is addressed to the director. Only the director can acknowledge it.');
    expect(status).toBe(403);
    expect((await stepsOf(steps.director.stayId)).director.status).toBe('open');
  });

  it('offers the PA the step addressed to them about their own young person, and acknowledging it succeeds', async () => {
    const { steps } = await hotelClock();
    const { offered, status } = await offeredThenDone('pa', steps.pa);
    expect(offered).toEqual({ action: 'acknowledge', allowed: true });
    expect(status).toBe(200);
  });

  it('refuses a housing officer the PA’s step (403) and the director a step not fired yet (409)', async () => {
    const { steps } = await hotelClock();
    const officer = await offeredThenDone('housing_officer', steps.pa);
    expect(officer.offered.allowed).toBe(false);
    expect(officer.status).toBe(403);
    expect(steps.team_manager.status).toBe('scheduled');
    const early = await offeredThenDone('director', steps.team_manager);
    expect(early.offered).toEqual({ action: 'acknowledge', allowed: false, reason: 'This step has not fired yet' });
    expect(early.status).toBe(409);
  });

  it('refuses an acknowledged step with 409, but the role first: someone junior is told 403', async () => {
    const { steps } = await hotelClock();
    expect((await offeredThenDone('director', steps.director)).status).toBe(200);
    const [acknowledged] = Object.values(await stepsOf(steps.director.stayId)).filter((s) => s.role === 'director');
    const again = await offeredThenDone('director', acknowledged);
    expect(again.offered.reason).toBe('This step is already acknowledged');
    expect(again.status).toBe(409);
    const junior = await offeredThenDone('service_manager', acknowledged);
    expect(junior.offered.reason).toContain('addressed to the director');
    expect(junior.status).toBe(403);
  });

  it('refuses the steps of a clock that stopped (closed and cancelled) with 409', async () => {
    const { stayId, steps } = await hotelClock();
    expect((await h.as('pa').post(`/stays/${stayId}/end`).send({ reason: 'Moved to supported lodgings' })).status).toBe(
      200,
    );
    const stopped = await stepsOf(stayId);
    expect([stopped.director.status, stopped.pa.status, stopped.team_manager.status]).toEqual([
      'closed',
      'closed',
      'cancelled',
    ]);
    const closed = await offeredThenDone('director', stopped.director);
    expect(closed.offered).toEqual({ action: 'acknowledge', allowed: false, reason: 'This step is already closed' });
    expect(closed.status).toBe(409);
    const mine = await offeredThenDone('pa', stopped.pa);
    expect(mine.offered.reason).toBe('This step is already closed');
    expect(mine.status).toBe(409);
    const cancelled = await offeredThenDone('director', stopped.team_manager);
    expect(cancelled.offered.reason).toBe('This step is already cancelled');
    expect(cancelled.status).toBe(409);
    expect(steps.team_manager.id).toBe(stopped.team_manager.id);
  });
});
