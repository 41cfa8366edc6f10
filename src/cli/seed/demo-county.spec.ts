import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { currentDefault, DEFAULT_POLICIES } from '../../kernel/default-policies';
import { MANAGER_LADDER, ROLES, type Role } from '../../kernel/roles';
import { coverage, OrgChart, routeStep, type OrgPerson } from '../../kernel/routing';
import { DEMO_PEOPLE } from './demo-people-data';
import { DEMO_AREAS, DEMO_USERS, TEAM_PATCHES } from './demo-org';
import { buildDemoCounty, DEMO_PASSWORD, SEED_STEPS, seedAreas, seedInventory, seedUsers } from './demo-county';
import { prng, stableId, uuidV5 } from './stable-id';
import { ACCOMMODATION_CODES } from '../../kernel/accommodation';
import { BED_GENDERS, OFSTED_CATEGORIES } from '../../kernel/inventory';

const NOW = new Date('2026-11-23T10:00:00Z');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const WEEK_MS = 7 * 24 * 3_600_000;

describe('stable ids', () => {
  it('are RFC 4122 version-5 UUIDs (known test vector)', () => {
    // uuid5(NAMESPACE_DNS, 'www.example.com') from Python's uuid module.
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
    expect(stableId('provider:ymca-crewe')).toBe(stableId('provider:ymca-crewe'));
    expect(stableId('a')).not.toBe(stableId('b'));
  });

  it('the PRNG repeats itself for a seed', () => {
    const a = prng(42);
    const b = prng(42);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe('demo county data', () => {
  const county = buildDemoCounty(NOW);
  const levels = new Map(county.serviceLevels.map((s) => [s.id, s]));
  const providers = new Map(county.providers.map((p) => [p.id, p]));

  it('is deterministic: two generations are equal, and only dates depend on now', () => {
    expect(buildDemoCounty(new Date(NOW))).toEqual(county);
    const later = buildDemoCounty(new Date(NOW.getTime() + 3 * 86_400_000));
    const strip = (c: typeof county) => ({
      ...c,
      providers: c.providers.map((p) => ({ ...p, vacanciesConfirmedAt: null })),
      beds: c.beds.map((b) => ({ ...b, availableFrom: null })),
    });
    expect(strip(later)).toEqual(strip(county));
  });

  it('has the nine pathway levels ranked 1..9 (plus the hotel, off the pathway)', () => {
    const pathway = county.serviceLevels.filter((s) => s.rank <= 9);
    expect(pathway.map((s) => s.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const bands = ['1-6', '7-12', '13-18', '19-24', '25-48', '49-72', '73-96', '97-167', '168-168'];
    for (const s of pathway) expect(bands).toContain(`${s.supportHoursMin}-${s.supportHoursMax}`);
    for (const s of county.serviceLevels) {
      expect(ACCOMMODATION_CODES).toContain(s.accommodationCode);
      expect(s.minAge).toBeGreaterThanOrEqual(16);
      expect(s.maxAge).toBeLessThanOrEqual(25);
      expect(s.minAge).toBeLessThanOrEqual(s.maxAge);
      expect(s.code).toMatch(/^[A-Za-z0-9_.-]{1,40}$/);
      // V, W and S default to unsuitable, and are never for under-18s.
      if (['V', 'W', 'S'].includes(s.accommodationCode)) {
        expect(s.suitable).toBe(false);
        expect(s.minAge).toBeGreaterThanOrEqual(18);
      }
    }
    expect(county.serviceLevels.find((s) => s.rank === 1)).toMatchObject({
      accommodationCode: 'V',
      emergency: true,
      suitable: false,
    });
    expect(county.serviceLevels.find((s) => s.rank === 3)).toMatchObject({
      supportHoursMin: 168,
      supportHoursMax: 168,
    });
    expect(county.serviceLevels.find((s) => s.rank === 10)).toMatchObject({
      accommodationCode: 'W',
      emergency: true,
      suitable: false,
      minAge: 18,
      maxAge: 25,
    });
  });

  it('has about 220 beds and about a dozen providers across the county, 2-3 of them stale', () => {
    expect(county.beds.length).toBeGreaterThanOrEqual(200);
    expect(county.beds.length).toBeLessThanOrEqual(240);
    expect(county.providers.length).toBeGreaterThanOrEqual(10);
    expect(county.providers.length).toBeLessThanOrEqual(15);
    expect(new Set(county.providers.map((p) => p.area))).toEqual(
      new Set(['Crewe', 'Macclesfield', 'Congleton', 'Nantwich', 'Wilmslow', 'Sandbach', 'Alsager', 'Knutsford']),
    );
    const stale = county.providers.filter(
      (p) => !p.vacanciesConfirmedAt || NOW.getTime() - p.vacanciesConfirmedAt.getTime() > WEEK_MS,
    );
    expect(stale.length).toBeGreaterThanOrEqual(2);
    expect(stale.length).toBeLessThanOrEqual(3);
    for (const p of county.providers) {
      expect(p.email).toMatch(/@([a-z0-9-]+\.)*(example\.org|[a-z0-9-]+\.invalid)$/);
      expect(p.phone).toMatch(/^[0-9 +()-]{6,40}$/);
    }
  });

  it('YMCA Crewe has two catered 16-17 emergency rooms, Ofsted registered', () => {
    const ymca = county.providers.find((p) => p.name === 'YMCA Crewe')!;
    expect(ymca.area).toBe('Crewe');
    expect(ymca.ofstedUrn).toMatch(/^[0-9]{6,20}$/);
    expect(OFSTED_CATEGORIES).toContain(ymca.ofstedCategory);
    const emergency = county.beds.filter((b) => b.providerId === ymca.id && levels.get(b.serviceLevelId)!.emergency);
    expect(emergency).toHaveLength(2);
    for (const b of emergency) {
      expect(b).toMatchObject({ minAge: 16, maxAge: 17, under18Only: true, over18Only: false });
      expect(b.label).toMatch(/catered/);
      // An emergency route a 16-17 year old may use: not V/W/T, suitable.
      expect(levels.get(b.serviceLevelId)).toMatchObject({ accommodationCode: 'D', suitable: true });
    }
  });

  it('every bed fits its level and its provider, and none is held', () => {
    for (const b of county.beds) {
      const level = levels.get(b.serviceLevelId);
      const provider = providers.get(b.providerId);
      expect(level).toBeDefined();
      expect(provider).toBeDefined();
      expect(b.minAge).toBeGreaterThanOrEqual(level!.minAge);
      expect(b.maxAge).toBeLessThanOrEqual(level!.maxAge);
      expect(b.minAge).toBeLessThanOrEqual(b.maxAge);
      expect(b.status).not.toBe('held');
      expect(['available', 'occupied', 'out_of_service']).toContain(b.status);
      expect(BED_GENDERS).toContain(b.gender);
      expect(b.under18Only && b.over18Only).toBe(false);
      if (b.under18Only) expect(b.maxAge).toBeLessThanOrEqual(17);
      if (b.over18Only) expect(b.minAge).toBeGreaterThanOrEqual(18);
      // 16-17 year olds only in Ofsted-registered accommodation.
      if (b.minAge < 18) expect(provider!.ofstedUrn && provider!.ofstedCategory).toBeTruthy();
      if (b.status === 'out_of_service') {
        expect(b.outOfServiceReason).toBeTruthy();
        expect(b.availableFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(b.availableFrom! > '2026-11-23').toBe(true);
      } else {
        expect(b.outOfServiceReason).toBeNull();
        expect(b.availableFrom).toBeNull();
      }
      expect(b.label.length).toBeLessThanOrEqual(200);
    }
  });

  it('has mostly occupied or available beds, a few out of service, and varied restrictions', () => {
    const by = (f: (b: (typeof county.beds)[number]) => boolean) => county.beds.filter(f).length;
    const n = county.beds.length;
    expect(by((b) => b.status === 'occupied') + by((b) => b.status === 'available')).toBeGreaterThan(0.85 * n);
    expect(by((b) => b.status === 'available')).toBeGreaterThan(0.1 * n);
    expect(by((b) => b.status === 'out_of_service')).toBeGreaterThanOrEqual(3);
    for (const flag of [
      'stepFree',
      'petsAllowed',
      'acceptsFireRisk',
      'acceptsSexualHarmRisk',
      'uascSpecialist',
      'under18Only',
      'over18Only',
    ] as const) {
      expect(by((b) => b[flag])).toBeGreaterThan(0);
      expect(by((b) => b[flag])).toBeLessThan(n);
    }
    expect(by((b) => b.gender === 'female')).toBeGreaterThan(0);
    expect(by((b) => b.gender === 'male')).toBeGreaterThan(0);
    // Every pathway level has some beds.
    for (const s of county.serviceLevels) expect(by((b) => b.serviceLevelId === s.id)).toBeGreaterThan(0);
  });

  it('ids are valid UUIDs and unique across everything', () => {
    const ids = [...county.areas, ...county.serviceLevels, ...county.providers, ...county.beds, ...county.users].map(
      (r) => r.id,
    );
    for (const id of ids) expect(id).toMatch(UUID);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(county.serviceLevels.map((s) => s.code)).size).toBe(county.serviceLevels.length);
    expect(new Set(county.providers.map((p) => `${p.name.toLowerCase()}|${p.area.toLowerCase()}`)).size).toBe(
      county.providers.length,
    );
  });

  it('has every role, on demo.invalid addresses, the original sign-ins among them, and a 12+ character password', () => {
    expect(new Set(county.users.map((u) => u.role))).toEqual(new Set(ROLES));
    for (const u of county.users) expect(u.email).toMatch(/^[a-z.]+@demo\.invalid$/);
    expect(new Set(county.users.map((u) => u.email)).size).toBe(county.users.length);
    const byEmail = new Map(county.users.map((u) => [u.email, u]));
    for (const [email, role] of [
      ['admin@demo.invalid', 'admin'],
      ['housing.officer@demo.invalid', 'housing_officer'],
      ['pa@demo.invalid', 'pa'],
      ['team.manager@demo.invalid', 'team_manager'],
      ['service.manager@demo.invalid', 'service_manager'],
      ['head.of.service@demo.invalid', 'head_of_service'],
      ['director@demo.invalid', 'director'],
    ] as const)
      expect(byEmail.get(email)?.role).toBe(role);
    expect(byEmail.get('pa@demo.invalid')).toMatchObject({ area: 'Crewe' });
    expect(DEMO_PASSWORD.length).toBeGreaterThanOrEqual(12);
  });

  it('runs areas, then users, then inventory', () => {
    expect(SEED_STEPS).toEqual([seedAreas, seedUsers, seedInventory]);
  });
});

describe('the demo org chart', () => {
  const county = buildDemoCounty(NOW);
  const byId = new Map(county.users.map((u) => [u.id, u]));
  const byEmail = new Map(county.users.map((u) => [u.email, u]));
  const people = (over: Partial<OrgPerson> & { id: string } = { id: '' }) =>
    county.users.map((u): OrgPerson => ({ ...u, active: true, ...(u.id === over.id ? over : {}) }));
  const chart = new OrgChart(people());
  const director = county.users.find((u) => u.role === 'director')!;
  const teamOf = new Map(DEMO_USERS.map((u) => [byEmail.get(u.email)!.id, u.team]));
  const paOf = (ref: string) => byEmail.get(DEMO_PEOPLE.find((p) => p.ref === ref)!.pa)!;

  it('gives every user but the director a manager listed before them, with no loops, every chain ending at the director', () => {
    expect(county.users.filter((u) => u.role === 'director')).toHaveLength(1);
    expect(director.managerId).toBeNull();
    const seen = new Set<string>();
    for (const u of county.users) {
      if (u !== director) {
        expect(u.managerId).not.toBeNull();
        expect(seen.has(u.managerId!)).toBe(true); // the seed inserts managers first
      }
      seen.add(u.id);
      const chain = chart.chainAbove(u.id);
      expect(chain.map((p) => p.id)).not.toContain(u.id);
      expect(new Set(chain.map((p) => p.id)).size).toBe(chain.length);
      if (u !== director) expect(chain.at(-1)!.id).toBe(director.id);
    }
  });

  it('is a realistic leaving-care service: PAs under team managers, under one service manager, head of service and director', () => {
    const roleOf = (id: string | null) => (id ? byId.get(id)!.role : null);
    const pas = county.users.filter((u) => u.role === 'pa');
    const teamManagers = county.users.filter((u) => u.role === 'team_manager');
    expect(pas.length).toBeGreaterThanOrEqual(4);
    expect(teamManagers.length).toBeGreaterThanOrEqual(2);
    for (const pa of pas) expect(roleOf(pa.managerId)).toBe('team_manager');
    for (const tm of teamManagers) expect(roleOf(tm.managerId)).toBe('service_manager');
    for (const u of county.users.filter((x) => x.role === 'service_manager')) {
      expect(roleOf(u.managerId)).toBe('head_of_service');
      expect(u.area).toBeNull();
    }
    for (const u of county.users.filter((x) => x.role === 'head_of_service')) {
      expect(roleOf(u.managerId)).toBe('director');
      expect(u.area).toBeNull();
    }
    expect(director.area).toBeNull();
    // Every team manager has PAs, and every team a young person.
    for (const tm of teamManagers) expect(pas.some((pa) => pa.managerId === tm.id)).toBe(true);
    const teamsWithPeople = new Set(DEMO_PEOPLE.map((p) => teamOf.get(paOf(p.ref).id)));
    expect(teamsWithPeople).toEqual(new Set(Object.keys(TEAM_PATCHES)));
  });

  it('names only areas on its managed list, and the list is every town the demo names', () => {
    const named = new Set<string>([
      ...county.users.flatMap((u) => (u.area ? [u.area] : [])),
      ...county.providers.map((p) => p.area),
      ...DEMO_PEOPLE.map((p) => p.homeArea),
      'Knutsford', // some young people avoid it
      ...Object.values(TEAM_PATCHES).flatMap((t) => (t === 'council-wide' ? [] : t)),
    ]);
    expect(new Set(county.areas.map((a) => a.name))).toEqual(named);
    // The locality patches cover every town between them, each town once.
    const patched = Object.values(TEAM_PATCHES).flatMap((t) => (t === 'council-wide' ? [] : t));
    expect(patched.sort()).toEqual([...DEMO_AREAS].sort());
  });

  it('allocates sixteen young people to PAs, one of them from a town outside their PA team’s patch', () => {
    expect(DEMO_PEOPLE).toHaveLength(16);
    expect(new Set(DEMO_PEOPLE.map((p) => p.ref)).size).toBe(16);
    for (const p of DEMO_PEOPLE) expect(byEmail.get(p.pa)?.role).toBe('pa');
    const outside = DEMO_PEOPLE.filter((p) => {
      const patch = TEAM_PATCHES[teamOf.get(paOf(p.ref).id)!];
      return patch !== 'council-wide' && !patch.includes(p.homeArea);
    });
    expect(outside.map((p) => p.ref)).toContain('CL-DEMO-008');
    expect(DEMO_PEOPLE.find((p) => p.ref === 'CL-DEMO-008')).toMatchObject({ homeArea: 'Sandbach' });
    expect(teamOf.get(paOf('CL-DEMO-008').id)).toBe('north');
  });

  // Every default ladder's steps, and every rung of the ladder besides (policies are edited).
  const roles = [
    ...new Set<Role>([
      ...DEFAULT_POLICIES.flatMap((p) => currentDefault(p).steps.map((s) => s.role as Role)),
      ...MANAGER_LADDER,
    ]),
  ];

  it('routes every step of every ladder, for every demo young person, up their own PA’s line: nobody unrouted, no fallback', () => {
    for (const p of DEMO_PEOPLE) {
      const pa = paOf(p.ref);
      const line = chart.chainAbove(pa.id).map((u) => u.id);
      for (const role of roles) {
        const route = routeStep(chart, { role, paUserId: pa.id, homeArea: p.homeArea });
        expect(route.unrouted).toBe(false);
        const responsible = route.recipients.filter((r) => r.via !== 'allocated_pa');
        expect(route.recipients).toContainEqual({ userId: pa.id, role: 'pa', via: 'allocated_pa' });
        if (role === 'pa') {
          expect(route.recipients).toEqual([{ userId: pa.id, role: 'pa', via: 'allocated_pa' }]);
        } else {
          expect(responsible).toHaveLength(1);
          expect(responsible[0]).toMatchObject({ role, via: 'line_manager' });
          expect(line).toContain(responsible[0].userId);
        }
      }
    }
  });

  it('sends the Sandbach young person whose PA is in the North team to the North team manager, not by area', () => {
    const route = routeStep(chart, { role: 'team_manager', paUserId: paOf('CL-DEMO-008').id, homeArea: 'Sandbach' });
    expect(route.recipients[0]).toEqual({
      userId: byEmail.get('team.manager.north@demo.invalid')!.id,
      role: 'team_manager',
      via: 'line_manager',
    });
  });

  it('has no coverage gap: with a hole in a PA’s line, every town still reaches every rung of the ladder', () => {
    const cells = coverage(chart, DEMO_AREAS);
    expect(cells.filter((c) => c.gap)).toEqual([]);
  });

  it('still reaches someone responsible for every step when any one person but the director is away', () => {
    for (const away of county.users.filter((u) => u.role !== 'director')) {
      const withOneAway = new OrgChart(people({ id: away.id, active: false }));
      for (const p of DEMO_PEOPLE) {
        for (const role of roles) {
          const route = routeStep(withOneAway, { role, paUserId: paOf(p.ref).id, homeArea: p.homeArea });
          expect(route.unrouted).toBe(false);
          // The PA's own step is the PA's (or, with the PA away, their manager's); others never only the PA.
          const responsible = route.recipients.filter((r) => role === 'pa' || r.via !== 'allocated_pa');
          expect(responsible.filter((r) => r.userId !== away.id)).not.toEqual([]);
        }
      }
    }
  });
});

describe('the README', () => {
  const readme = readFileSync(join(__dirname, '../../../README.md'), 'utf8');
  const rows = new Map(
    readme
      .split('\n')
      .filter((line) => line.startsWith('| `') && line.includes('@demo.invalid`'))
      .map((line) => line.split('|').map((cell) => cell.trim()))
      .map((cells) => [cells[1].replace(/`/g, ''), cells] as const),
  );
  const nameOf = new Map(DEMO_USERS.map((u) => [u.email, u.name]));

  it('lists every demo sign-in with its name, role, area and manager, as seeded', () => {
    expect(new Set(rows.keys())).toEqual(new Set(DEMO_USERS.map((u) => u.email)));
    for (const u of DEMO_USERS) {
      const [, , name, role, , area, reportsTo] = rows.get(u.email)!;
      expect({ email: u.email, name, role: role.split(' ')[0], area, reportsTo }).toEqual({
        email: u.email,
        name: u.name,
        role: u.role,
        area: u.area ?? '',
        reportsTo: u.managerEmail ? nameOf.get(u.managerEmail) : '—',
      });
    }
  });
});
