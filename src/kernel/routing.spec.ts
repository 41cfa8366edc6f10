import fc from 'fast-check';
import { MANAGER_LADDER, ROLES, type Role } from './roles';
import { coverage, OrgChart, type OrgPerson, routeStep } from './routing';

const person = (id: string, role: Role, over: Partial<OrgPerson> = {}): OrgPerson => ({
  id,
  role,
  area: null,
  managerId: null,
  active: true,
  ...over,
});

/** A small council: Crewe team under a service manager, one head of service, one director. */
function council(over: Partial<Record<string, Partial<OrgPerson>>> = {}) {
  const people = [
    person('dir', 'director'),
    person('hos', 'head_of_service', { managerId: 'dir' }),
    person('sm', 'service_manager', { area: 'Crewe', managerId: 'hos' }),
    person('tm', 'team_manager', { area: 'Crewe', managerId: 'sm' }),
    person('tm-mac', 'team_manager', { area: 'Macclesfield', managerId: 'sm' }),
    person('pa', 'pa', { area: 'Crewe', managerId: 'tm' }),
  ].map((p) => ({ ...p, ...over[p.id] }));
  return new OrgChart(people);
}

describe('routeStep', () => {
  it('reaches the PA’s own team manager first, whatever the young person’s home area', () => {
    const route = routeStep(council(), { role: 'team_manager', paUserId: 'pa', homeArea: 'Macclesfield' });
    expect(route).toEqual({
      unrouted: false,
      recipients: [
        { userId: 'tm', role: 'team_manager', via: 'line_manager' },
        { userId: 'pa', role: 'pa', via: 'allocated_pa' },
      ],
    });
  });

  it('passes over an inactive manager in the chain and then finds the role in the home area', () => {
    const route = routeStep(council({ tm: { active: false } }), {
      role: 'team_manager',
      paUserId: 'pa',
      homeArea: ' macclesfield ',
    });
    expect(route.recipients[0]).toEqual({ userId: 'tm-mac', role: 'team_manager', via: 'area' });
  });

  it('falls back to council-wide holders, then to the next more senior role', () => {
    const noChain = council({ pa: { managerId: null } });
    expect(routeStep(noChain, { role: 'service_manager', paUserId: 'pa', homeArea: 'Nantwich' }).recipients[0]).toEqual(
      {
        userId: 'hos',
        role: 'head_of_service',
        via: 'senior_fallback',
      },
    );
    expect(routeStep(noChain, { role: 'head_of_service', paUserId: 'pa', homeArea: 'Nantwich' }).recipients[0]).toEqual(
      {
        userId: 'hos',
        role: 'head_of_service',
        via: 'council_wide',
      },
    );
  });

  it('is unrouted when nobody at or above the role can be found, even though the PA is told', () => {
    const chart = new OrgChart([person('pa', 'pa')]);
    expect(routeStep(chart, { role: 'director', paUserId: 'pa', homeArea: 'Crewe' })).toEqual({
      unrouted: true,
      recipients: [{ userId: 'pa', role: 'pa', via: 'allocated_pa' }],
    });
  });

  it('sends a PA step to the PA, or to the PA’s manager when the PA has left', () => {
    expect(routeStep(council(), { role: 'pa', paUserId: 'pa', homeArea: null }).recipients).toEqual([
      { userId: 'pa', role: 'pa', via: 'allocated_pa' },
    ]);
    expect(
      routeStep(council({ pa: { active: false } }), { role: 'pa', paUserId: 'pa', homeArea: null }).recipients,
    ).toEqual([{ userId: 'tm', role: 'team_manager', via: 'line_manager' }]);
  });

  it('survives a management cycle in bad data', () => {
    const chart = council({ dir: { managerId: 'tm' }, tm: { active: false }, sm: { active: false } });
    expect(routeStep(chart, { role: 'team_manager', paUserId: 'pa', homeArea: null }).unrouted).toBe(false);
  });
});

describe('routing, over every generated org chart', () => {
  const areas = ['Crewe', 'Macclesfield', 'Nantwich'];
  const arbPeople = fc
    .array(
      fc.record({
        role: fc.constantFrom<Role>(...ROLES),
        area: fc.option(fc.constantFrom(...areas), { nil: null }),
        manager: fc.option(fc.nat(30), { nil: null }),
        active: fc.boolean(),
      }),
      { minLength: 1, maxLength: 30 },
    )
    .map((rows) =>
      rows.map((r, i) =>
        person(`u${i}`, r.role, {
          area: r.area,
          active: r.active,
          managerId: r.manager === null ? null : `u${r.manager}`,
        }),
      ),
    );
  const arbStep = fc.record({
    role: fc.constantFrom<Role>(...MANAGER_LADDER, 'pa'),
    pa: fc.nat(30),
    homeArea: fc.option(fc.constantFrom(...areas, 'Sandbach'), { nil: null }),
  });

  it('reaches someone responsible or is unrouted: never only the PA, never an inactive person', () => {
    fc.assert(
      fc.property(arbPeople, arbStep, (people, s) => {
        const chart = new OrgChart(people);
        const route = routeStep(chart, { role: s.role, paUserId: `u${s.pa}`, homeArea: s.homeArea });
        const responsible = route.recipients.filter((r) => r.via !== 'allocated_pa');
        expect(route.unrouted).toBe(responsible.length === 0 && !(s.role === 'pa' && route.recipients.length));
        for (const r of route.recipients) expect(chart.person(r.userId)?.active).toBe(true);
        if (s.role !== 'pa') {
          const rank = MANAGER_LADDER.indexOf(s.role as (typeof MANAGER_LADDER)[number]);
          for (const r of responsible) {
            expect(MANAGER_LADDER.indexOf(r.role as (typeof MANAGER_LADDER)[number])).toBeGreaterThanOrEqual(rank);
          }
        }
        // Reachable: active, at or above the step's rung, and in the PA's chain, the home area, or council-wide.
        const chain = new Set(chart.chainAbove(`u${s.pa}`).map((p) => p.id));
        const home = (s.homeArea ?? '').toLowerCase();
        const anyHolder = people.some(
          (p) =>
            p.active &&
            (MANAGER_LADDER as readonly string[]).includes(p.role) &&
            MANAGER_LADDER.indexOf(p.role as never) >= MANAGER_LADDER.indexOf(s.role as never) &&
            (chain.has(p.id) || p.area === null || (home !== '' && p.area.toLowerCase() === home)),
        );
        if (s.role !== 'pa') expect(route.unrouted).toBe(!anyHolder);
      }),
    );
  });

  it('shows a coverage gap exactly where an area’s step would fall back or reach nobody', () => {
    fc.assert(
      fc.property(arbPeople, (people) => {
        const chart = new OrgChart(people);
        for (const cell of coverage(chart, areas)) {
          const route = routeStep(chart, { role: cell.role, paUserId: null, homeArea: cell.area });
          const responsible = route.recipients.filter((r) => r.via !== 'allocated_pa');
          expect(cell.recipients).toEqual(responsible);
          expect(cell.gap).toBe(responsible.length === 0 || responsible[0].via === 'senior_fallback');
        }
      }),
    );
  });
});
