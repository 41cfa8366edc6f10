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
      ['Young people', false],
      ['Requests', false],
      ['Notifications', false],
    ]);
    expect(
      presentNavigation(user('housing_officer'), '/placement-requests/queue').map((i) => [i.text, i.active]),
    ).toEqual([
      ['Home', false],
      ['Young people', false],
      ['Requests', true],
      ['Vacancies', false],
      ['Providers', false],
      ['Beds', false],
      ['Notifications', false],
    ]);
    expect(presentNavigation(user('housing_officer'), '/vacancies').map((i) => [i.text, i.active])).toEqual([
      ['Home', false],
      ['Young people', false],
      ['Requests', false],
      ['Vacancies', true],
      ['Providers', false],
      ['Beds', false],
      ['Notifications', false],
    ]);
    expect(presentNavigation(user('housing_officer'), '/beds/b1').map((i) => [i.text, i.active])).toEqual([
      ['Home', false],
      ['Young people', false],
      ['Requests', false],
      ['Vacancies', false],
      ['Providers', false],
      ['Beds', true],
      ['Notifications', false],
    ]);
    expect(presentNavigation(user('admin'), '/admin/queues').map((i) => [i.text, i.active])).toEqual([
      ['Home', false],
      ['Requests', false],
      ['Providers', false],
      ['Beds', false],
      ['Queues', true],
      ['Notifications', false],
    ]);
    expect(presentNavigation(user('pa'), '/young-people/new').map((i) => [i.text, i.active])).toEqual([
      ['Home', false],
      ['Young people', true],
      ['Notifications', false],
    ]);
    expect(presentNavigation(undefined, '/')).toEqual([]);
  });

  it('counts the unread notifications in the navigation, and says nothing of none', () => {
    const texts = (unread: number) => presentNavigation(user('pa'), '/notifications', unread).map((i) => i.text);
    expect(texts(3)).toEqual(['Home', 'Young people', 'Notifications (3)']);
    expect(texts(0)).toEqual(['Home', 'Young people', 'Notifications']);
    expect(presentNavigation(user('pa'), '/notifications', 1).at(-1)).toEqual({
      href: '/notifications',
      text: 'Notifications (1)',
      active: true,
    });
  });
});
