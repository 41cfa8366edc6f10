/**
 * The demo county's people and places: the managed list of areas and a realistic org chart, the
 * way a leaving-care service is usually organised (domain.md, "Who is told, in practice"):
 *
 *   director of children's services          (council-wide, reports to nobody in the service)
 *   └ head of service                        (council-wide)
 *     ├ service manager                      (council-wide)
 *     │ ├ team manager, South team           (Crewe)        ← PAs in Crewe and Nantwich
 *     │ ├ team manager, North team           (Macclesfield) ← PAs in Macclesfield and Wilmslow
 *     │ ├ team manager, 16+ Pathway team     (council-wide) ← the PA for 16-17s and UASC
 *     │ └ housing officer                    (council-wide)
 *     └ administrator                        (council-wide)
 *
 * Escalations follow this chart first (a young person's PA → the PA's team manager → the service
 * manager → …), so a young person from any town reaches their own PA's team manager. A user has
 * one area, so a locality team's patch of several towns cannot be recorded on its team manager:
 * the patches below are documentation (and what the spec checks the allocations against). Where
 * the chain has a hole, the area rule finds the team manager of the young person's town (Crewe,
 * Macclesfield) and, for every other town, the council-wide team manager of the Pathway team, so
 * the coverage view has no gap in the demo.
 *
 * Pure data; `demo-county.ts` seeds it.
 */
import type { Role } from '../../kernel/roles';

/** Every town the demo names as an area (users, providers, young people's home and avoided areas). */
export const DEMO_AREAS = [
  'Crewe',
  'Macclesfield',
  'Congleton',
  'Nantwich',
  'Wilmslow',
  'Sandbach',
  'Alsager',
  'Knutsford',
] as const;
export type DemoArea = (typeof DEMO_AREAS)[number];

export type DemoTeam = 'north' | 'south' | 'pathway';

/** The towns each locality team covers (the Pathway team covers the whole council). */
export const TEAM_PATCHES: Record<DemoTeam, readonly DemoArea[] | 'council-wide'> = {
  north: ['Macclesfield', 'Wilmslow', 'Knutsford'],
  south: ['Crewe', 'Nantwich', 'Sandbach', 'Alsager', 'Congleton'],
  pathway: 'council-wide',
};

export interface DemoUserSpec {
  email: string;
  name: string;
  role: Role;
  area: DemoArea | null;
  /** The e-mail of the user this one reports to; null only for the director. */
  managerEmail: string | null;
  /** The team a PA or team manager belongs to. */
  team?: DemoTeam;
}

const DIRECTOR = 'director@demo.invalid';
const HEAD = 'head.of.service@demo.invalid';
const SERVICE_MANAGER = 'service.manager@demo.invalid';
const TM_SOUTH = 'team.manager@demo.invalid';
const TM_NORTH = 'team.manager.north@demo.invalid';
const TM_PATHWAY = 'team.manager.pathway@demo.invalid';

/** Managers before the people who report to them (the order the seed inserts them in). */
export const DEMO_USERS: readonly DemoUserSpec[] = [
  { email: DIRECTOR, name: 'David Lomax', role: 'director', area: null, managerEmail: null },
  { email: HEAD, name: 'Rachel Whitworth', role: 'head_of_service', area: null, managerEmail: DIRECTOR },
  { email: SERVICE_MANAGER, name: 'Helen Booth', role: 'service_manager', area: null, managerEmail: HEAD },
  { email: 'admin@demo.invalid', name: 'Priya Shah', role: 'admin', area: null, managerEmail: HEAD },
  {
    email: 'housing.officer@demo.invalid',
    name: 'Tom Hughes',
    role: 'housing_officer',
    area: null,
    managerEmail: SERVICE_MANAGER,
  },
  {
    email: TM_SOUTH,
    name: 'Gareth Jones',
    role: 'team_manager',
    area: 'Crewe',
    managerEmail: SERVICE_MANAGER,
    team: 'south',
  },
  {
    email: TM_NORTH,
    name: 'Joanne Kenyon',
    role: 'team_manager',
    area: 'Macclesfield',
    managerEmail: SERVICE_MANAGER,
    team: 'north',
  },
  {
    email: TM_PATHWAY,
    name: 'Marcus Bennett',
    role: 'team_manager',
    area: null,
    managerEmail: SERVICE_MANAGER,
    team: 'pathway',
  },
  { email: 'pa@demo.invalid', name: 'Amina Okafor', role: 'pa', area: 'Crewe', managerEmail: TM_SOUTH, team: 'south' },
  {
    email: 'pa.south@demo.invalid',
    name: 'Leah Dunn',
    role: 'pa',
    area: 'Nantwich',
    managerEmail: TM_SOUTH,
    team: 'south',
  },
  {
    email: 'pa.north@demo.invalid',
    name: 'Owen Price',
    role: 'pa',
    area: 'Macclesfield',
    managerEmail: TM_NORTH,
    team: 'north',
  },
  {
    email: 'pa.wilmslow@demo.invalid',
    name: 'Fatima Begum',
    role: 'pa',
    area: 'Wilmslow',
    managerEmail: TM_NORTH,
    team: 'north',
  },
  {
    email: 'pa.pathway@demo.invalid',
    name: 'Daniel Mensah',
    role: 'pa',
    area: 'Crewe',
    managerEmail: TM_PATHWAY,
    team: 'pathway',
  },
];
