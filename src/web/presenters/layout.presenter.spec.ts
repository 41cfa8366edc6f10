import type { AuthUser } from '../../kernel/roles';
import { presentNavigation, presentSignedIn } from './layout.presenter';

const user = (role: AuthUser['role']): AuthUser => ({ id: 'u', email: 'e', name: 'Sam Lee', role, area: null });

describe('the header', () => {
  it('names who is signed in and their role as people say it', () => {
    expect(presentSignedIn(user('head_of_service'))).toEqual({ name: 'Sam Lee', role: 'Head of service' });
  });

  it('offers each role only the pages it may open, the current one marked', () => {
    expect(presentNavigation(user('director'), '/').map((i) => [i.text, i.active])).toEqual([
      ['Home', true],
      ['Requests', false],
    ]);
    expect(
      presentNavigation(user('housing_officer'), '/placement-requests/queue').map((i) => [i.text, i.active]),
    ).toEqual([
      ['Home', false],
      ['Requests', true],
      ['Vacancies', false],
      ['Providers', false],
      ['Beds', false],
    ]);
    expect(presentNavigation(user('pa'), '/').map((i) => i.text)).toEqual(['Home']);
    expect(presentNavigation(user('admin'), '/admin/queues').map((i) => [i.text, i.active])).toEqual([
      ['Home', false],
      ['Requests', false],
      ['Providers', false],
      ['Beds', false],
      ['Queues', true],
    ]);
    expect(presentNavigation(user('housing_officer'), '/vacancies').map((i) => [i.text, i.active])).toEqual([
      ['Home', false],
      ['Requests', false],
      ['Vacancies', true],
      ['Providers', false],
      ['Beds', false],
    ]);
    expect(presentNavigation(user('housing_officer'), '/beds/b1').map((i) => [i.text, i.active])).toEqual([
      ['Home', false],
      ['Requests', false],
      ['Vacancies', false],
      ['Providers', false],
      ['Beds', true],
    ]);
    expect(presentNavigation(user('pa'), '/').map((i) => i.text)).toEqual(['Home']);
    expect(presentNavigation(undefined, '/')).toEqual([]);
  });
});
