import { currentDefault, DEFAULT_POLICIES } from '../../../src/kernel/default-policies';
import { expectProblem, Harness } from '../../support/harness';

/** Policy input checked (issue 9): every bad policy is refused with 400 naming the field, and nothing is written. */
describe('escalation policies: input checked', () => {
  let h: Harness;
  let policyId: string;
  const TABLES = ['escalation_policy', 'escalation_policy_version'];
  let n = 0;

  const valid = () => ({
    name: `Policy ${++n}`,
    active: false,
    appliesTo: { minAge: 18, accommodationCodes: ['K'], unsuitableOnly: true },
    steps: [
      { after: 'PT0S', role: 'team_manager' },
      { after: 'P1WD', role: 'service_manager', repeatEvery: 'P1D' },
    ],
  });
  const post = (body: unknown) =>
    h
      .as('admin')
      .post('/escalation-policies')
      .send(body as object);
  const patch = (body: unknown, id = policyId) =>
    h
      .as('admin')
      .patch(`/escalation-policies/${id}`)
      .send(body as object);
  const versions = () => h.count('escalation_policy_version', 'policy_id = $1', [policyId]);

  /** Sends a bad body, expecting 400 naming `fields` and not a row written (policies, versions, audit). */
  async function refused(send: () => Promise<import('supertest').Response>, fields: string[]) {
    const res = await h.expectNoWrites(TABLES, send);
    expectProblem(res, 400, fields);
    return res;
  }

  beforeAll(async () => {
    h = await Harness.start();
    const res = await post(valid());
    expect(res.status).toBe(201);
    policyId = res.body.id;
  });
  afterAll(() => h?.stop());

  describe('appliesTo: an object with known keys only', () => {
    it.each<[string, unknown, string]>([
      ['a list (once stored as {"0": …}, an active policy matching every stay)', [{ minAge: 18 }], 'appliesTo'],
      ['an empty list', [], 'appliesTo'],
      ['numbered keys', { '0': { minAge: 18 } }, 'appliesTo.0'],
      ['an unknown key', { minAge: 18, colour: 'red' }, 'appliesTo.colour'],
      ['a null age', { minAge: null }, 'appliesTo.minAge'],
      ['a null code list', { accommodationCodes: null }, 'appliesTo.accommodationCodes'],
      ['a null flag', { unsuitableOnly: null }, 'appliesTo.unsuitableOnly'],
      ['null', null, 'appliesTo'],
    ])('refuses %s, on POST and PATCH', async (_name, appliesTo, field) => {
      await refused(() => post({ ...valid(), appliesTo }), [field]);
      await refused(() => patch({ appliesTo }), [field]);
    });
  });

  describe('durations bounded', () => {
    it('refuses after P3000000WD at once, before any working-day arithmetic (it once blocked the event loop for 3.9 s)', async () => {
      const t = Date.now();
      await refused(() => post({ ...valid(), steps: [{ after: 'P3000000WD', role: 'director' }] }), ['steps.0.after']);
      await refused(() => patch({ steps: [{ after: 'P3000000WD', role: 'director' }] }), ['steps.0.after']);
      expect(Date.now() - t).toBeLessThan(2000);
    });

    it.each(['P367D', 'P53W', 'P261WD', 'P99999999999999999999D'])(
      'refuses after %s: more than a year',
      async (after) => {
        const res = await refused(() => post({ ...valid(), steps: [{ after, role: 'director' }] }), ['steps.0.after']);
        expect(JSON.stringify(res.body.errors)).toMatch(/at most a year/);
      },
    );

    it.each(['P366D', 'P260WD'])('accepts after %s: a year at most', async (after) => {
      expect((await post({ ...valid(), steps: [{ after, role: 'director' }] })).status).toBe(201);
    });

    it.each(['PT0.001S', 'PT1S', 'PT59M', 'PT0S', 'P3000000WD', 'P367D'])(
      'refuses repeatEvery %s (PT0.001S once sent 316 notifications in 5 s)',
      async (repeatEvery) => {
        const steps = [{ after: 'PT0S', role: 'director', repeatEvery }];
        await refused(() => post({ ...valid(), steps }), ['steps.0.repeatEvery']);
        await refused(() => patch({ steps }), ['steps.0.repeatEvery']);
      },
    );

    it('names the minimum repeat in the refusal', async () => {
      const res = await post({ ...valid(), steps: [{ after: 'PT0S', role: 'director', repeatEvery: 'PT1M' }] });
      expect(res.body.errors).toEqual([
        { field: 'steps.0.repeatEvery', message: expect.stringMatching(/at least PT1H/) },
      ]);
    });

    it.each(['PT1H', 'P1D', 'P1WD'])('accepts repeatEvery %s', async (repeatEvery) => {
      expect((await post({ ...valid(), steps: [{ after: 'PT0S', role: 'director', repeatEvery }] })).status).toBe(201);
    });
  });

  describe('active: a boolean, never null', () => {
    it('refuses active null or as text, on POST and PATCH', async () => {
      for (const active of [null, 'false', 0]) {
        await refused(() => post({ ...valid(), active }), ['active']);
        await refused(() => patch({ active }), ['active']);
      }
    });
  });

  describe('PATCH: null fields refused, nothing changed writes nothing', () => {
    it.each(['name', 'active', 'appliesTo', 'steps', 'maxReviewAfter'])(
      'refuses %s: null (such PATCHes once wrote junk versions)',
      async (field) => {
        await refused(() => patch({ [field]: null }), [field]);
      },
    );

    it('answers a PATCH that changes nothing with the current version, and writes no version and no audit', async () => {
      const current = (await h.as('admin').get(`/escalation-policies/${policyId}`)).body;
      const before = await versions();
      for (const body of [
        {},
        { name: current.name },
        { active: current.active, version: current.version },
        { appliesTo: { unsuitableOnly: true, accommodationCodes: ['K'], minAge: 18 } }, // keys in another order
        { steps: current.steps, maxReviewAfter: current.maxReviewAfter },
      ]) {
        const res = await h.expectNoWrites(TABLES, () => patch(body));
        expect(res.status).toBe(200);
        expect(res.body).toEqual(current);
      }
      expect(await versions()).toBe(before);
    });

    it('writes a new version for a PATCH that changes something', async () => {
      const before = (await h.as('admin').get(`/escalation-policies/${policyId}`)).body;
      const res = await patch({ name: `Renamed ${++n}` });
      expect(res.status).toBe(200);
      expect(res.body.version).toBe(before.version + 1);
    });
  });

  describe('maxReviewAfter: how far ahead a review date may be', () => {
    it('defaults to P5WD and is shown in the policy view', async () => {
      const res = await post(valid());
      expect(res.status).toBe(201);
      expect(res.body.maxReviewAfter).toBe('P5WD');
      expect((await h.as('admin').get(`/escalation-policies/${res.body.id}`)).body.maxReviewAfter).toBe('P5WD');
    });

    it('takes working days or an ISO-8601 duration, and a PATCH makes a new version of it', async () => {
      const res = await post({ ...valid(), maxReviewAfter: 'P1W' });
      expect(res.body.maxReviewAfter).toBe('P1W');
      const changed = await h.as('admin').patch(`/escalation-policies/${res.body.id}`).send({ maxReviewAfter: 'P2WD' });
      expect(changed.body).toMatchObject({ version: 2, maxReviewAfter: 'P2WD' });
      const audit = await h.db.query(
        `select changes from audit_event where action = 'escalation_policy.updated' and entity_id = $1`,
        [res.body.id],
      );
      expect(audit.rows[0].changes.maxReviewAfter).toEqual({ from: 'P1W', to: 'P2WD' });
    });

    it.each(['P0WD', 'PT0S', 'P21WD', 'P5W', 'P29D', 'next week', 5])('refuses %j', async (maxReviewAfter) => {
      await refused(() => post({ ...valid(), maxReviewAfter }), ['maxReviewAfter']);
      await refused(() => patch({ maxReviewAfter }), ['maxReviewAfter']);
    });
  });

  describe('the shipped policies', () => {
    it('are at their current defaults, the 16-17 ladder at version 2 with daily repeats and a one-working-day review bound', async () => {
      const items = (await h.as('admin').get('/escalation-policies?limit=100')).body.items as {
        key: string | null;
        version: number;
        steps: unknown[];
        maxReviewAfter: string;
      }[];
      for (const p of DEFAULT_POLICIES) {
        const v = currentDefault(p);
        expect(items.find((i) => i.key === p.key)).toMatchObject({
          version: v.version,
          steps: v.steps,
          maxReviewAfter: v.maxReviewAfter,
        });
      }
      expect(items.find((i) => i.key === 'under-18-unsuitable')).toMatchObject({ version: 2, maxReviewAfter: 'P1WD' });
    });
  });
});
