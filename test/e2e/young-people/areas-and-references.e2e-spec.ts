import { makePerson } from '../../support/fixtures';
import { expectProblem, Harness, PASSWORD } from '../../support/harness';

/** Areas come from the managed list; a reference clash tells a PA nothing about another caseload. */
let h: Harness;
beforeAll(async () => (h = await Harness.start()));
afterAll(() => h?.stop());

describe('areas from the managed list', () => {
  it('keeps the list’s spelling and refuses an area not on it, for young people, providers, requests and users', async () => {
    const person = await makePerson(h, { homeArea: ' crewe ', areasToAvoid: ['NANTWICH', 'nantwich'] });
    const read = await h.as('pa').get(`/young-people/${person.id}`);
    expect(read.body).toMatchObject({ homeArea: 'Crewe', areasToAvoid: ['Nantwich'] });
    const bad = await h.expectNoWrites(['young_person'], () =>
      h.as('pa').post('/young-people').send({
        firstName: 'Sam',
        lastName: 'Nowhere',
        dateOfBirth: '2006-01-01',
        gender: 'female',
        legalStatus: 'former_relevant',
        homeArea: 'Atlantis',
      }),
    );
    expectProblem(bad, 400, ['homeArea']);
    expectProblem(
      await h.expectNoWrites(['provider'], () =>
        h.as('housing_officer').post('/providers').send({ name: 'Nowhere House', area: 'Atlantis' }),
      ),
      400,
      ['area'],
    );
    expectProblem(
      await h.expectNoWrites(['placement_request'], () =>
        h
          .as('pa')
          .post('/placement-requests')
          .send({
            youngPersonId: person.id,
            urgency: 'planned',
            neededBy: '2026-12-20',
            preferredAreas: ['Crewe', 'Atlantis'],
          }),
      ),
      400,
      ['preferredAreas'],
    );
    expectProblem(
      await h.expectNoWrites(['app_user'], () =>
        h
          .as('admin')
          .post('/users')
          .send({ email: 'lost@test.invalid', name: 'Lost', role: 'pa', password: PASSWORD, area: 'Atlantis' }),
      ),
      400,
      ['area'],
    );
    const areas = await h.as('pa').get('/areas');
    expect(areas.body.items.map((a: { name: string }) => a.name)).toContain('Crewe');
    expectProblem(await h.as('pa').post('/areas').send({ name: 'Atlantis' }), 403);
    expectProblem(await h.as('admin').post('/areas').send({ name: ' crewe ' }), 409);
  });
});

describe('reference clashes', () => {
  it('answer the same to a PA whether or not the holder is on their caseload, naming only a record they may see', async () => {
    const other = await h
      .as('admin')
      .post('/users')
      .send({ email: 'other.pa@test.invalid', name: 'Other PA', role: 'pa', password: PASSWORD });
    const theirs = await makePerson(h, { reference: 'CL-THEIRS-1', paUserId: other.body.id }, 'admin');
    const mine = await makePerson(h, { reference: 'CL-MINE-1' });
    const body = (reference: string) => ({
      firstName: 'Pat',
      lastName: 'Clash',
      dateOfBirth: '2006-02-02',
      gender: 'male',
      legalStatus: 'former_relevant',
      reference,
    });
    const clashTheirs = await h.as('pa').post('/young-people').send(body('CL-THEIRS-1'));
    const clashMine = await h.as('pa').post('/young-people').send(body('CL-MINE-1'));
    expectProblem(clashTheirs, 409);
    expectProblem(clashMine, 409);
    expect(clashTheirs.body.code).toBe('reference_unavailable');
    expect(clashTheirs.body.detail.replace('THEIRS', 'X')).toBe(clashMine.body.detail.replace('MINE', 'X'));
    expect(clashTheirs.body).not.toHaveProperty('youngPersonId');
    expect(JSON.stringify(clashTheirs.body)).not.toContain(theirs.id);
    expect(clashMine.body.youngPersonId).toBe(mine.id);
  });
});
