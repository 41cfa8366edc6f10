import { CAN, MANAGERS, ROLE_NAMES, type AuthUser } from '../../kernel/roles';

export interface SignedIn {
  name: string;
  role: string;
}

/** Who is signed in, as the header shows them. */
export const presentSignedIn = (user: AuthUser): SignedIn => ({ name: user.name, role: ROLE_NAMES[user.role] });

export interface NavItem {
  href: string;
  text: string;
  active: boolean;
}

/**
 * The service navigation for a role: only the pages it may open; the current one marked;
 * notifications with the number unread.
 */
export function presentNavigation(user: AuthUser | undefined, path: string, unread = 0): NavItem[] {
  if (!user) return [];
  const items: { href: string; text: string; roles: readonly string[] }[] = [
    { href: '/', text: 'Home', roles: Object.keys(ROLE_NAMES) },
    { href: '/young-people', text: 'Young people', roles: ['pa', 'housing_officer', ...MANAGERS] },
    { href: '/placement-requests/queue', text: 'Requests', roles: CAN.readRequestQueue },
    { href: '/vacancies', text: 'Vacancies', roles: ['housing_officer'] },
    { href: '/providers', text: 'Providers', roles: CAN.writeInventory },
    { href: '/beds', text: 'Beds', roles: CAN.writeInventory },
    { href: '/admin/queues', text: 'Queues', roles: CAN.operate },
    {
      href: '/notifications',
      text: unread > 0 ? `Notifications (${unread})` : 'Notifications',
      roles: Object.keys(ROLE_NAMES),
    },
  ];
  return items
    .filter((i) => i.roles.includes(user.role))
    .map((i) => ({
      href: i.href,
      text: i.text,
      active: i.href === '/' ? path === '/' : path === i.href || path.startsWith(`${i.href}/`),
    }));
}
