import { expectProblem, Harness } from '../../support/harness';

/** MIN_REPEAT_EVERY is lowered only for drills and tests: the minimum follows it, and still holds. */
describe('escalation policies with MIN_REPEAT_EVERY lowered for a drill', () => {
  let h: Harness;
  beforeAll(async () => (h = await Harness.start({ env: { MIN_REPEAT_EVERY: 'PT1S' } })));
  afterAll(() => h?.stop());

  const post = (repeatEvery: string) =>
    h
      .as('admin')
      .post('/escalation-policies')
      .send({
        name: `Drill ${repeatEvery}`,
        active: false,
        appliesTo: { minAge: 18, accommodationCodes: ['K'] },
        steps: [{ after: 'PT0S', role: 'team_manager', repeatEvery }],
      });

  it('accepts a repeat as short as the configured minimum', async () => {
    expect((await post('PT1S')).status).toBe(201);
    expect((await post('PT2S')).status).toBe(201);
  });

  it('refuses a repeat shorter than it, naming the minimum, and writes nothing', async () => {
    const res = await h.expectNoWrites(['escalation_policy', 'escalation_policy_version'], () => post('PT0.001S'));
    expectProblem(res, 400, ['steps.0.repeatEvery']);
    expect(res.body.errors[0].message).toMatch(/at least PT1S/);
  });
});
