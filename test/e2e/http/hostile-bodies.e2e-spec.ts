import { expectProblem, Harness, PASSWORD } from '../../support/harness';

/** Bodies an attacker sends: nested to exhaust the stack, or of a type the API does not read. */
let h: Harness;
beforeAll(async () => (h = await Harness.start()));
afterAll(() => h?.stop());

const deep = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);

describe('request bodies', () => {
  it('refuses JSON nested 5,000 deep with 400 naming the body, anonymous sign-in included, writing nothing', async () => {
    const signIn = await h.expectNoWrites(['app_user'], () =>
      h.as().post('/auth/login').set('Content-Type', 'application/json').send(deep(5000)),
    );
    expectProblem(signIn, 400, ['body']);
    const bed = await h.expectNoWrites(['bed'], () =>
      h.as('housing_officer').post('/beds').set('Content-Type', 'application/json').send(deep(5000)),
    );
    expectProblem(bed, 400, ['body']);
  });

  it('still takes a sign-in nested as the contract nests it', async () => {
    const res = await h.as().post('/auth/login').send({ email: h.users.pa.email, password: PASSWORD });
    expect(res.status).toBe(200);
  });

  it.each([
    ['text/plain', 'release please'],
    ['application/xml', '<withdraw/>'],
    ['application/x-www-form-urlencoded', 'note=confirmed'],
  ])('answers 415 for a %s body instead of reading it as empty, writing nothing', async (type, body) => {
    const res = await h.expectNoWrites(['provider', 'placement_request', 'hold'], () =>
      h.as('housing_officer').post('/providers').set('Content-Type', type).send(body),
    );
    expectProblem(res, 415);
    expect(res.body.code).toBe('unsupported_media_type');
  });

  it('lets a request with no body through whatever its content type', async () => {
    const res = await h.as('housing_officer').get('/beds').set('Content-Type', 'text/plain');
    expect(res.status).toBe(200);
  });
});
