/**
 * The demo county: a fictional Cheshire East-like council with an Oxfordshire-style nine-level
 * accommodation pathway, thirteen providers, about 220 beds, the managed list of areas (every town
 * it names) and a realistic org chart: PAs under three team managers, a service manager, a head of
 * service and a director, plus a housing officer and an administrator (`demo-org.ts`).
 *
 * `buildDemoCounty(now)` is pure (no database, no Math.random): the same `now` always gives the
 * same data, and everything but the dates does not depend on `now` at all. Ids are version-5 UUIDs
 * derived from natural keys, so a re-run finds its own rows again.
 *
 * `seedDemoCounty(em)` inserts what is missing and never deletes anything: a re-run leaves every
 * existing row as it is, including the live state of the beds it created (a bed someone has since
 * filled or taken out of service keeps that status), any edits made through the API, and users'
 * passwords. The price of that choice: changing the data below does not change rows already
 * seeded; reset the database to see the new version.
 *
 * One exception, a fill-in: a demo user whose line manager is empty gets the demo's manager
 * (`seed.updated` in the audit trail). Demo databases seeded before users had managers would
 * otherwise keep an org chart in which no escalation can follow line management. It never
 * overwrites: a user who has a manager keeps theirs, a user whose manager anyone has ever changed
 * through the service (an audit event with a `managerId` change) is left alone even when that
 * change cleared it, and a fill-in that would make a loop is skipped.
 *
 * All names, addresses, Ofsted URNs, e-mail addresses and telephone numbers are fictional
 * (e-mail on example.org / .invalid, telephone numbers in Ofcom's 01632 960xxx drama range).
 */
import { EntityManager, type QueryResult } from '@mikro-orm/postgresql';
import { DateTime } from 'luxon';
import { AuditEvent } from '../../features/audit/audit-event.entity';
import { hashPassword } from '../../features/users/password';
import type { Role } from '../../kernel/roles';
import { User } from '../../features/users/user.entity';
import { Area } from '../../features/areas/area.entity';
import { AreasRepository, normaliseArea } from '../../features/areas/areas.repository';
import { pgArray } from '../../platform/database/sql';
import type { UnitOfWork } from '../../platform/database/unit-of-work';
import { Bed, Provider, ServiceLevel } from '../../features/inventory/inventory.entities';
import { prng, seedOf, stableId } from './stable-id';
import { DEMO_AREAS, DEMO_USERS } from './demo-org';
import { type AccommodationCode } from '../../kernel/accommodation';
import { type BedGender, type BedStatus, type OfstedCategory } from '../../kernel/inventory';

/** The one password every demo user gets. Development only: never seed a real deployment. */
export const DEMO_PASSWORD = 'demo-password-2026';

/** The audit action written for each record the seed creates. */
export const SEED_AUDIT_ACTION = 'seed.created';

/** The audit action written when the seed fills in an existing demo user's empty line manager. */
export const SEED_FILL_IN_ACTION = 'seed.updated';

// ---------------------------------------------------------------------------------------------
// Data shapes (what ends up in the tables, minus version and timestamps)
// ---------------------------------------------------------------------------------------------

export interface SeedServiceLevel {
  id: string;
  code: string;
  name: string;
  rank: number;
  minAge: number;
  maxAge: number;
  supportHoursMin: number;
  supportHoursMax: number;
  emergency: boolean;
  accommodationCode: AccommodationCode;
  suitable: boolean;
}

export interface SeedProvider {
  id: string;
  /** Natural key the id is derived from. */
  key: string;
  name: string;
  area: string;
  ofstedUrn: string | null;
  ofstedCategory: OfstedCategory | null;
  email: string | null;
  phone: string | null;
  vacanciesConfirmedAt: Date | null;
}

export interface SeedBed {
  id: string;
  providerId: string;
  serviceLevelId: string;
  label: string;
  status: BedStatus;
  minAge: number;
  maxAge: number;
  gender: BedGender;
  stepFree: boolean;
  petsAllowed: boolean;
  acceptsFireRisk: boolean;
  acceptsSexualHarmRisk: boolean;
  uascSpecialist: boolean;
  under18Only: boolean;
  over18Only: boolean;
  outOfServiceReason: string | null;
  /** `YYYY-MM-DD` (Europe/London): the expected return of an out-of-service bed. */
  availableFrom: string | null;
}

export interface SeedUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  area: string | null;
  /** The seed's id of the user this one reports to (null: the director). */
  managerId: string | null;
}

export interface SeedArea {
  id: string;
  name: string;
}

export interface DemoCounty {
  areas: SeedArea[];
  serviceLevels: SeedServiceLevel[];
  providers: SeedProvider[];
  beds: SeedBed[];
  users: SeedUser[];
}

// ---------------------------------------------------------------------------------------------
// Service levels: the Oxfordshire-style pathway (rank 1 = most support / most urgent)
// ---------------------------------------------------------------------------------------------

type LevelSpec = Omit<SeedServiceLevel, 'id'>;

const LEVELS: LevelSpec[] = [
  // V (emergency accommodation) is never for under-18s and defaults to unsuitable.
  {
    code: 'L1-EMERGENCY',
    name: 'Emergency / crash bed',
    rank: 1,
    minAge: 18,
    maxAge: 25,
    supportHoursMin: 19,
    supportHoursMax: 24,
    emergency: true,
    accommodationCode: 'V',
    suitable: false,
  },
  // Short assessment stays (days to a few weeks) in Ofsted-registered supported accommodation: the 16-17 emergency route.
  {
    code: 'L2-ASSESSMENT',
    name: 'Assessment bed',
    rank: 2,
    minAge: 16,
    maxAge: 21,
    supportHoursMin: 97,
    supportHoursMax: 167,
    emergency: true,
    accommodationCode: 'D',
    suitable: true,
  },
  {
    code: 'L3-STAFFED-24H',
    name: '24-hour staffed shared house (max 4 young people)',
    rank: 3,
    minAge: 16,
    maxAge: 21,
    supportHoursMin: 168,
    supportHoursMax: 168,
    emergency: false,
    accommodationCode: 'D',
    suitable: true,
  },
  {
    code: 'L4-HIGH-SHARED',
    name: 'High support shared housing',
    rank: 4,
    minAge: 16,
    maxAge: 21,
    supportHoursMin: 73,
    supportHoursMax: 96,
    emergency: false,
    accommodationCode: 'D',
    suitable: true,
  },
  {
    code: 'L5-HIGH-SELF-CONTAINED',
    name: 'High support self-contained flat',
    rank: 5,
    minAge: 16,
    maxAge: 21,
    supportHoursMin: 49,
    supportHoursMax: 72,
    emergency: false,
    accommodationCode: 'D',
    suitable: true,
  },
  {
    code: 'L6-MEDIUM',
    name: 'Medium support (shared or self-contained)',
    rank: 6,
    minAge: 16,
    maxAge: 24,
    supportHoursMin: 25,
    supportHoursMax: 48,
    emergency: false,
    accommodationCode: 'D',
    suitable: true,
  },
  {
    code: 'L7-LOW',
    name: 'Low support',
    rank: 7,
    minAge: 16,
    maxAge: 25,
    supportHoursMin: 13,
    supportHoursMax: 18,
    emergency: false,
    accommodationCode: 'D',
    suitable: true,
  },
  {
    code: 'L8-SUPPORTED-LODGINGS',
    name: 'Supported lodgings',
    rank: 8,
    minAge: 16,
    maxAge: 21,
    supportHoursMin: 7,
    supportHoursMax: 12,
    emergency: false,
    accommodationCode: 'E',
    suitable: true,
  },
  {
    code: 'L9-MOVE-ON',
    name: 'Move-on flat with floating support',
    rank: 9,
    minAge: 18,
    maxAge: 25,
    supportHoursMin: 1,
    supportHoursMax: 6,
    emergency: false,
    accommodationCode: 'U',
    suitable: true,
  },
  // Not a pathway step: the spot-purchased hotel / B&B rooms the protocol exists to get people out of.
  {
    code: 'HOTEL-BB-SPOT',
    name: 'Hotel / B&B spot purchase (not on the pathway)',
    rank: 10,
    minAge: 18,
    maxAge: 25,
    supportHoursMin: 0,
    supportHoursMax: 0,
    emergency: true,
    accommodationCode: 'W',
    suitable: false,
  },
];

type LevelCode = (typeof LEVELS)[number]['code'];

/** How likely a bed at each level is to carry each feature (per bed, seeded). */
interface Odds {
  stepFree: number;
  pets: number;
  fireRisk: number;
  sexualHarmRisk: number;
  occupied: number;
  outOfService: number;
}

const LEVEL_ODDS: Record<LevelCode, Odds> = {
  'L1-EMERGENCY': { stepFree: 0.2, pets: 0.1, fireRisk: 0, sexualHarmRisk: 0, occupied: 0.7, outOfService: 0.05 },
  'L2-ASSESSMENT': { stepFree: 0.2, pets: 0, fireRisk: 0.1, sexualHarmRisk: 0.1, occupied: 0.65, outOfService: 0.05 },
  'L3-STAFFED-24H': {
    stepFree: 0.15,
    pets: 0,
    fireRisk: 0.35,
    sexualHarmRisk: 0.25,
    occupied: 0.78,
    outOfService: 0.06,
  },
  'L4-HIGH-SHARED': { stepFree: 0.1, pets: 0, fireRisk: 0.15, sexualHarmRisk: 0.1, occupied: 0.76, outOfService: 0.06 },
  'L5-HIGH-SELF-CONTAINED': {
    stepFree: 0.3,
    pets: 0.1,
    fireRisk: 0.1,
    sexualHarmRisk: 0.2,
    occupied: 0.75,
    outOfService: 0.06,
  },
  'L6-MEDIUM': { stepFree: 0.15, pets: 0.05, fireRisk: 0.05, sexualHarmRisk: 0.05, occupied: 0.76, outOfService: 0.06 },
  'L7-LOW': { stepFree: 0.1, pets: 0.1, fireRisk: 0.05, sexualHarmRisk: 0.05, occupied: 0.76, outOfService: 0.05 },
  'L8-SUPPORTED-LODGINGS': {
    stepFree: 0.15,
    pets: 0.2,
    fireRisk: 0,
    sexualHarmRisk: 0,
    occupied: 0.7,
    outOfService: 0.08,
  },
  'L9-MOVE-ON': { stepFree: 0.25, pets: 0.3, fireRisk: 0.05, sexualHarmRisk: 0.05, occupied: 0.78, outOfService: 0.06 },
  'HOTEL-BB-SPOT': { stepFree: 0.5, pets: 0, fireRisk: 0, sexualHarmRisk: 0, occupied: 0, outOfService: 0 },
};

const OUT_OF_SERVICE_REASONS = [
  'Redecoration after damage',
  'Boiler repair awaited',
  'Fire door replacement',
  'Damp and mould treatment',
  'Void works before re-let',
  'Leak in shared bathroom',
  'Electrical safety inspection remedials',
];
const LODGINGS_OUT_OF_SERVICE_REASONS = [
  'Host on leave',
  'Host annual review in progress',
  'Host family circumstances',
];

// ---------------------------------------------------------------------------------------------
// Providers and their beds
// ---------------------------------------------------------------------------------------------

interface BlockSpec {
  level: LevelCode;
  /** One bed per label; labels are unique within a provider (they key the bed's id). */
  labels: string[];
  /** Narrower than the level's range where the provider says so. */
  ages?: [number, number];
  /** A fixed gender restriction for the whole block, or the share of beds for young women only. */
  gender?: BedGender;
  femaleShare?: number;
  uasc?: boolean;
  /** Fixed statuses by position (instead of seeded ones). */
  statuses?: BedStatus[];
  stepFree?: boolean[];
  odds?: Partial<Odds>;
}

interface ProviderSpec {
  key: string;
  name: string;
  area: string;
  ofsted?: { urn: string; category: OfstedCategory };
  email: string;
  phone: string;
  /** Hours before the seed ran that the provider last confirmed its vacancies; null = never. */
  confirmedHoursAgo: number | null;
  blocks: BlockSpec[];
}

const rooms = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix} ${i + 1}`);
/** A staffed shared house holds at most four young people. */
const house = (name: string) => rooms(`${name}, room`, 4);

const PROVIDERS: ProviderSpec[] = [
  {
    key: 'ymca-crewe',
    name: 'YMCA Crewe',
    area: 'Crewe',
    ofsted: { urn: '2790101', category: 'shared_housing' },
    email: 'placements@ymca-crewe.example.org',
    phone: '01632 960101',
    confirmedHoursAgo: 3,
    blocks: [
      // The 16-17 emergency provision: two catered rooms, shared kitchen and bathroom, a few days while assessed.
      {
        level: 'L2-ASSESSMENT',
        labels: ['Emergency room 1 (16-17, catered)', 'Emergency room 2 (16-17, catered)'],
        ages: [16, 17],
        statuses: ['occupied', 'available'],
        stepFree: [false, false],
      },
      { level: 'L3-STAFFED-24H', labels: house('Gresty House'), ages: [16, 17] },
      { level: 'L3-STAFFED-24H', labels: house('Mill Street House'), ages: [18, 21] },
      { level: 'L4-HIGH-SHARED', labels: rooms('Hightown, room', 14), ages: [16, 21] },
      { level: 'L6-MEDIUM', labels: rooms('Edleston Road, flat', 10), ages: [17, 24] },
    ],
  },
  {
    key: 'council-emergency-bed',
    name: 'Council Emergency Bed',
    area: 'Crewe',
    email: 'emergency.bed@council.example.org',
    phone: '01632 960102',
    confirmedHoursAgo: 1,
    blocks: [
      {
        level: 'L1-EMERGENCY',
        labels: ['Emergency Bed', 'Emergency Bed (second room)'],
        statuses: ['occupied', 'available'],
        stepFree: [true, false],
      },
    ],
  },
  {
    key: 'ymca-macclesfield',
    name: 'YMCA Macclesfield',
    area: 'Macclesfield',
    ofsted: { urn: '2790102', category: 'shared_housing' },
    email: 'housing@ymca-macclesfield.example.org',
    phone: '01632 960103',
    confirmedHoursAgo: 20,
    blocks: [
      { level: 'L2-ASSESSMENT', labels: rooms('Assessment room', 3) },
      { level: 'L4-HIGH-SHARED', labels: rooms('Roe Street, room', 14) },
      { level: 'L6-MEDIUM', labels: rooms('Park Lane, flat', 12), ages: [18, 24] },
    ],
  },
  {
    key: 'macclesfield-direct-access',
    name: 'Macclesfield Direct Access Hostel',
    area: 'Macclesfield',
    email: 'duty@macc-direct-access.example.org',
    phone: '01632 960104',
    confirmedHoursAgo: 30,
    blocks: [
      { level: 'L1-EMERGENCY', labels: rooms('Crash bed', 6) },
      { level: 'L1-EMERGENCY', labels: rooms('Women-only crash bed', 2), gender: 'female' },
    ],
  },
  {
    key: 'weaver-house',
    name: "Weaver House Young People's Service",
    area: 'Nantwich',
    ofsted: { urn: '2790103', category: 'shared_housing' },
    email: 'referrals@weaver-house.example.org',
    phone: '01632 960105',
    confirmedHoursAgo: 50,
    blocks: [
      { level: 'L2-ASSESSMENT', labels: rooms('Assessment flat', 2), ages: [16, 17] },
      { level: 'L3-STAFFED-24H', labels: house('Welsh Row House'), gender: 'female' },
      { level: 'L3-STAFFED-24H', labels: house('Beam Street House'), odds: { fireRisk: 0.75, sexualHarmRisk: 0.5 } },
      { level: 'L3-STAFFED-24H', labels: house('Pillory Street House'), gender: 'male' },
    ],
  },
  {
    key: 'dane-valley',
    name: 'Dane Valley Youth Housing',
    area: 'Congleton',
    ofsted: { urn: '2790104', category: 'single_occupancy' },
    email: 'voids@dane-valley.example.org',
    phone: '01632 960106',
    confirmedHoursAgo: 6,
    blocks: [
      { level: 'L5-HIGH-SELF-CONTAINED', labels: rooms('Mountbatten Court, flat', 18) },
      { level: 'L6-MEDIUM', labels: rooms('Bridge Street, flat', 6), ages: [17, 21] },
    ],
  },
  {
    key: 'wheelock',
    name: 'Wheelock Lead Tenancies',
    area: 'Sandbach',
    ofsted: { urn: '2790105', category: 'lead_tenancy' },
    email: 'tenancies@wheelock.example.org',
    phone: '01632 960107',
    confirmedHoursAgo: 70,
    blocks: [
      { level: 'L7-LOW', labels: rooms('Elworth, room', 12), ages: [16, 21] },
      { level: 'L6-MEDIUM', labels: rooms('Hind Heath, room', 4), ages: [16, 21] },
    ],
  },
  {
    // The 16-18 offer, including unaccompanied asylum-seeking young people.
    key: 'forge-house',
    name: 'Forge House 16-18 Service (UASC)',
    area: 'Crewe',
    ofsted: { urn: '2790106', category: 'shared_housing' },
    email: 'uasc@forge-house.example.org',
    phone: '01632 960108',
    confirmedHoursAgo: 26,
    blocks: [
      { level: 'L3-STAFFED-24H', labels: house('Forge House'), ages: [16, 18], gender: 'male', uasc: true },
      { level: 'L3-STAFFED-24H', labels: house('Nantwich Road House'), ages: [16, 18], gender: 'male', uasc: true },
      { level: 'L4-HIGH-SHARED', labels: rooms('Forge House annexe, room', 8), ages: [16, 18], uasc: true },
    ],
  },
  {
    key: 'lodgings-south',
    name: 'Supported Lodgings Scheme (South)',
    area: 'Nantwich',
    ofsted: { urn: '2790107', category: 'supported_lodgings' },
    email: 'lodgings.south@council.example.org',
    phone: '01632 960109',
    confirmedHoursAgo: 40,
    blocks: [
      {
        level: 'L8-SUPPORTED-LODGINGS',
        femaleShare: 0.3,
        labels: [
          'Nantwich',
          'Crewe',
          'Sandbach',
          'Alsager',
          'Nantwich',
          'Crewe',
          'Wistaston',
          'Audlem',
          'Crewe',
          'Nantwich',
          'Haslington',
          'Sandbach',
          'Crewe',
          'Willaston',
          'Alsager',
          'Nantwich',
          'Crewe',
          'Wybunbury',
        ].map((town, i) => `Host ${String(i + 1).padStart(2, '0')} (${town})`),
      },
    ],
  },
  {
    key: 'lodgings-north',
    name: 'Supported Lodgings Scheme (North)',
    area: 'Wilmslow',
    ofsted: { urn: '2790108', category: 'supported_lodgings' },
    email: 'lodgings.north@council.example.org',
    phone: '01632 960110',
    confirmedHoursAgo: 9 * 24 + 5, // stale
    blocks: [
      {
        level: 'L8-SUPPORTED-LODGINGS',
        femaleShare: 0.3,
        labels: [
          'Wilmslow',
          'Knutsford',
          'Macclesfield',
          'Wilmslow',
          'Handforth',
          'Poynton',
          'Macclesfield',
          'Wilmslow',
          'Alderley Edge',
          'Knutsford',
        ].map((town, i) => `Host ${String(i + 1).padStart(2, '0')} (${town})`),
      },
    ],
  },
  {
    key: 'sandstone-ha',
    name: 'Sandstone Housing Association',
    area: 'Alsager',
    email: 'youngpeople@sandstone-ha.example.org',
    phone: '01632 960111',
    confirmedHoursAgo: 12,
    blocks: [
      { level: 'L9-MOVE-ON', labels: rooms('Crewe Road, flat', 16) },
      { level: 'L7-LOW', labels: rooms('Station Road shared house, room', 8) },
    ],
  },
  {
    key: 'tatton-hp',
    name: 'Tatton Housing Partnership',
    area: 'Knutsford',
    email: 'lettings@tatton-hp.example.org',
    phone: '01632 960112',
    confirmedHoursAgo: 13 * 24, // stale
    blocks: [
      { level: 'L9-MOVE-ON', labels: rooms('King Street, flat', 14) },
      { level: 'L6-MEDIUM', labels: rooms('Mobberley Road, room', 6) },
    ],
  },
  {
    key: 'crewe-station-hotel',
    name: 'Crewe Station Hotel (spot purchase)',
    area: 'Crewe',
    email: 'reservations@crewe-station-hotel.example.org',
    phone: '01632 960113',
    confirmedHoursAgo: null, // never: stale
    blocks: [{ level: 'HOTEL-BB-SPOT', labels: rooms('Room', 4) }],
  },
];

// ---------------------------------------------------------------------------------------------
// Generation (pure)
// ---------------------------------------------------------------------------------------------

const levelId = (code: string) => stableId(`service-level:${code}`);
const providerId = (key: string) => stableId(`provider:${key}`);
const bedId = (providerKey: string, label: string) => stableId(`bed:${providerKey}:${label}`);
const userId = (email: string) => stableId(`user:${email.toLowerCase()}`);
const areaId = (name: string) => stableId(`area:${name.trim().toLowerCase()}`);

/** A calendar date in England, `days` after `now`. */
const londonDate = (now: Date, days: number) =>
  DateTime.fromJSDate(now, { zone: 'Europe/London' }).plus({ days }).toISODate()!;

export function buildDemoCounty(now: Date): DemoCounty {
  const serviceLevels = LEVELS.map((l) => ({ id: levelId(l.code), ...l }));
  const levelByCode = new Map(LEVELS.map((l) => [l.code, l]));

  const providers: SeedProvider[] = [];
  const beds: SeedBed[] = [];
  for (const p of PROVIDERS) {
    const pid = providerId(p.key);
    providers.push({
      id: pid,
      key: p.key,
      name: p.name,
      area: p.area,
      ofstedUrn: p.ofsted?.urn ?? null,
      ofstedCategory: p.ofsted?.category ?? null,
      email: p.email,
      phone: p.phone,
      vacanciesConfirmedAt:
        p.confirmedHoursAgo === null ? null : new Date(now.getTime() - p.confirmedHoursAgo * 3_600_000),
    });
    for (const block of p.blocks) {
      const level = levelByCode.get(block.level)!;
      const odds = { ...LEVEL_ODDS[block.level], ...block.odds };
      // 16-17 year olds may only live in Ofsted-registered accommodation: no registration, 18+ only.
      const minAge = Math.max(level.minAge, block.ages?.[0] ?? level.minAge, p.ofsted ? 16 : 18);
      const maxAge = Math.min(level.maxAge, block.ages?.[1] ?? level.maxAge);
      if (minAge > maxAge) throw new Error(`demo county: empty age range for ${p.key} / ${block.level}`);
      block.labels.forEach((label, i) => {
        // One generator per bed, keyed by the bed: adding a bed elsewhere never reshuffles this one.
        const rnd = prng(seedOf(`demo-county:${p.key}:${label}`));
        const draw = (chance: number) => rnd() < chance;
        const statusRoll = rnd();
        const status: BedStatus =
          block.statuses?.[i] ??
          (statusRoll < odds.outOfService
            ? 'out_of_service'
            : statusRoll < odds.outOfService + odds.occupied
              ? 'occupied'
              : 'available');
        const stepFree = block.stepFree?.[i] ?? draw(odds.stepFree);
        const petsAllowed = draw(odds.pets);
        const acceptsFireRisk = draw(odds.fireRisk);
        const acceptsSexualHarmRisk = draw(odds.sexualHarmRisk);
        const gender: BedGender = block.gender ?? (draw(block.femaleShare ?? 0) ? 'female' : 'any');
        const reasons =
          block.level === 'L8-SUPPORTED-LODGINGS' ? LODGINGS_OUT_OF_SERVICE_REASONS : OUT_OF_SERVICE_REASONS;
        const reason = reasons[Math.floor(rnd() * reasons.length)];
        const returnInDays = 3 + Math.floor(rnd() * 26);
        beds.push({
          id: bedId(p.key, label),
          providerId: pid,
          serviceLevelId: levelId(level.code),
          label,
          status,
          minAge,
          maxAge,
          gender,
          stepFree,
          petsAllowed,
          acceptsFireRisk,
          acceptsSexualHarmRisk,
          uascSpecialist: block.uasc ?? false,
          under18Only: maxAge <= 17,
          over18Only: minAge >= 18,
          outOfServiceReason: status === 'out_of_service' ? reason : null,
          availableFrom: status === 'out_of_service' ? londonDate(now, returnInDays) : null,
        });
      });
    }
  }

  const users = DEMO_USERS.map(({ email, name, role, area, managerEmail }) => ({
    id: userId(email),
    email,
    name,
    role,
    area,
    managerId: managerEmail ? userId(managerEmail) : null,
  }));
  const areas = DEMO_AREAS.map((name) => ({ id: areaId(name), name }));
  return { areas, serviceLevels, providers, beds, users };
}

// ---------------------------------------------------------------------------------------------
// Seeding (insert what is missing; never delete; fill in empty line managers only)
// ---------------------------------------------------------------------------------------------

export interface SeedOptions {
  /** "Now" for vacancy confirmations, return dates and audit times (default: the real time). */
  now?: Date;
  /** Password for users the seed creates (default DEMO_PASSWORD). */
  password?: string;
}

export interface SeedCount {
  /** Inserted by this run. */
  created: number;
  /** Already there (by id or by natural key): left exactly as found. */
  existing: number;
  /** Not inserted because something a user made is in the way (see seedInventory). */
  skipped: number;
}

export interface ManagerFillIns {
  /** Existing demo users with no line manager who were given the demo's. */
  filledIn: number;
  /** Existing demo users with no line manager left so: someone changed it, the manager is missing, or it would loop. */
  leftAlone: number;
}

export type SeedSummary = Record<'areas' | 'serviceLevels' | 'providers' | 'beds' | 'users', SeedCount> & {
  managers: ManagerFillIns;
  auditEvents: number;
};

export interface SeedContext {
  em: EntityManager;
  now: Date;
  password: string;
  data: DemoCounty;
  summary: SeedSummary;
  /** An area's spelling on the managed list (an admin's "CREWE" if they added it first); set by seedAreas. */
  areaName(name: string): string;
  /** One `seed.created` audit event for a record this run inserted. */
  created(entity: string, entityId: string, changes: Record<string, unknown>): void;
  /** One `seed.updated` audit event for a field this run filled in. */
  updated(entity: string, entityId: string, changes: Record<string, { from: unknown; to: unknown }>): void;
}

export type SeedStep = (ctx: SeedContext) => Promise<void>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const count = (): SeedCount => ({ created: 0, existing: 0, skipped: 0 });

/** The areas repository, working in the seed's transaction (it reads nothing of its unit of work but `em`). */
const areasIn = (em: EntityManager) => new AreasRepository({ em } as UnitOfWork);

/**
 * The managed list of areas: every town the demo names. An area already on the list (in any case,
 * with stray spaces) is kept with its spelling, and the demo's users and providers use that spelling.
 * Takes the same lock as adding an area through the API, so the two cannot both add one name.
 */
export const seedAreas: SeedStep = async (ctx) => {
  const { em, data, summary } = ctx;
  const areas = areasIn(em);
  await areas.lockNames();
  const known = await areas.byNames(data.areas.map((a) => a.name));
  const spelling = new Map<string, string>();
  for (const a of data.areas) {
    const found = known.get(normaliseArea(a.name));
    if (found) {
      summary.areas.existing++;
      spelling.set(normaliseArea(a.name), found.name);
      continue;
    }
    em.persist(em.create(Area, { id: a.id, name: a.name, createdAt: ctx.now, createdByUserId: null }));
    ctx.created('Area', a.id, { name: a.name });
    summary.areas.created++;
    spelling.set(normaliseArea(a.name), a.name);
  }
  await em.flush();
  ctx.areaName = (name) => spelling.get(normaliseArea(name)) ?? name;
};

interface UserRow {
  id: string;
  email: string;
  manager_id: string | null;
}

/** Would `userId` reporting to `managerId` close a loop, given who reports to whom now? */
function wouldLoop(managerOf: Map<string, string | null>, userId: string, managerId: string): boolean {
  const seen = new Set<string>();
  for (let at: string | null | undefined = managerId; at; at = managerOf.get(at)) {
    if (at === userId) return true;
    if (seen.has(at)) return false; // a loop already there, above: not ours to close
    seen.add(at);
  }
  return false;
}

/**
 * Users: the org chart, managers first. A missing user is inserted with the demo's line manager;
 * an existing one (same id or same e-mail) keeps everything, password included, and only gets a
 * line manager when it has none (see the file comment for when that fill-in is left out).
 */
export const seedUsers: SeedStep = async (ctx) => {
  const { em, summary } = ctx;
  const rows = await em.execute<UserRow[]>('select id, lower(email) as email, manager_id from app_user');
  const byId = new Map(rows.map((r) => [r.id, r]));
  const byEmail = new Map(rows.map((r) => [r.email, r]));
  const managerOf = new Map(rows.map((r) => [r.id, r.manager_id]));
  // The seed's id of each demo user → the id of their row in this database.
  const actual = new Map<string, string>();
  const fillIns: { row: UserRow; managerSeedId: string }[] = [];
  let passwordHash: string | undefined;
  for (const u of ctx.data.users) {
    const row = byId.get(u.id) ?? byEmail.get(u.email.toLowerCase());
    if (row) {
      summary.users.existing++;
      actual.set(u.id, row.id);
      if (!row.manager_id && u.managerId) fillIns.push({ row, managerSeedId: u.managerId });
      continue;
    }
    const managerId = u.managerId ? (actual.get(u.managerId) ?? null) : null;
    const area = u.area === null ? null : ctx.areaName(u.area);
    passwordHash ??= await hashPassword(ctx.password);
    em.persist(
      em.create(User, {
        id: u.id,
        email: u.email.toLowerCase(),
        name: u.name,
        role: u.role,
        area,
        managerId,
        active: true,
        passwordHash,
      }),
    );
    ctx.created('User', u.id, {
      email: u.email.toLowerCase(),
      name: u.name,
      role: u.role,
      area,
      managerId,
      active: true,
    });
    summary.users.created++;
    actual.set(u.id, u.id);
    managerOf.set(u.id, managerId);
  }
  await em.flush();
  await fillInManagers(ctx, fillIns, actual, managerOf);
};

/** Gives existing demo users with no line manager the demo's, where nobody has decided otherwise. */
async function fillInManagers(
  ctx: SeedContext,
  fillIns: { row: UserRow; managerSeedId: string }[],
  actual: Map<string, string>,
  managerOf: Map<string, string | null>,
): Promise<void> {
  if (!fillIns.length) return;
  const { em, summary } = ctx;
  // Anyone's change of a manager through the service leaves a `managerId: {from, to}` in the trail.
  const decided = await em.execute<{ entity_id: string }[]>(
    `select distinct entity_id from audit_event
      where entity = 'User' and action not like 'seed.%' and changes -> 'managerId' -> 'from' is not null
        and entity_id = any(?::uuid[])`,
    [pgArray(fillIns.map((f) => f.row.id))],
  );
  const leaveAlone = new Set(decided.map((d) => d.entity_id));
  for (const { row, managerSeedId } of fillIns) {
    const managerId = actual.get(managerSeedId);
    if (!managerId || leaveAlone.has(row.id) || wouldLoop(managerOf, row.id, managerId)) {
      summary.managers.leftAlone++;
      continue;
    }
    const changed = await em.execute<QueryResult>(
      'update app_user set manager_id = ?, updated_at = ? where id = ? and manager_id is null',
      [managerId, ctx.now, row.id],
      'run',
    );
    if (!changed.affectedRows) {
      summary.managers.leftAlone++;
      continue;
    }
    managerOf.set(row.id, managerId);
    ctx.updated('User', row.id, { managerId: { from: null, to: managerId } });
    summary.managers.filledIn++;
  }
}

/**
 * Service levels, providers and beds. Matching is by id first, then by natural key:
 * - a level whose code a user has already created is reused as it is (demo beds point at it);
 * - a provider with the same name and area that the seed did not create is left alone, and the
 *   demo beds for it are skipped (the seed does not add beds to someone else's provider);
 * - a bed that exists keeps everything, status included.
 * Beds have plain foreign keys, so parents are flushed before children.
 */
export const seedInventory: SeedStep = async (ctx) => {
  const { em, data, summary } = ctx;

  const levelRows = await em.execute<{ id: string; code: string }[]>('select id, code from service_level');
  const levelIds = new Set(levelRows.map((r) => r.id));
  const levelByCode = new Map(levelRows.map((r) => [r.code, r.id]));
  const levelIdFor = new Map<string, string>();
  for (const s of data.serviceLevels) {
    const { id, ...rest } = s;
    if (levelIds.has(id)) {
      summary.serviceLevels.existing++;
      levelIdFor.set(id, id);
    } else if (levelByCode.has(s.code)) {
      summary.serviceLevels.existing++;
      levelIdFor.set(id, levelByCode.get(s.code)!);
    } else {
      em.persist(em.create(ServiceLevel, { id, ...rest }));
      ctx.created('ServiceLevel', id, rest);
      summary.serviceLevels.created++;
      levelIdFor.set(id, id);
    }
  }

  const providerRows = await em.execute<{ id: string; name: string; area: string }[]>(
    'select id, lower(name) as name, lower(area) as area from provider',
  );
  const providerIds = new Set(providerRows.map((r) => r.id));
  const providerNames = new Set(providerRows.map((r) => `${r.name}\u0000${r.area}`));
  const providersOwned = new Set<string>();
  for (const p of data.providers) {
    const { key: _key, id, ...rest } = p;
    if (providerIds.has(id)) {
      summary.providers.existing++;
      providersOwned.add(id);
    } else if (providerNames.has(`${p.name.toLowerCase()}\u0000${p.area.toLowerCase()}`)) {
      summary.providers.existing++;
    } else {
      const row = { ...rest, area: ctx.areaName(rest.area) };
      em.persist(em.create(Provider, { id, ...row }));
      ctx.created('Provider', id, { ...row, vacanciesConfirmedAt: iso(row.vacanciesConfirmedAt) });
      summary.providers.created++;
      providersOwned.add(id);
    }
  }
  await em.flush();

  const bedRows = await em.find(Bed, { id: { $in: data.beds.map((b) => b.id) } }, { fields: ['id'] });
  const bedIds = new Set(bedRows.map((r) => r.id));
  for (const b of data.beds) {
    if (bedIds.has(b.id)) {
      summary.beds.existing++;
    } else if (!providersOwned.has(b.providerId)) {
      summary.beds.skipped++;
    } else {
      const { id, ...rest } = b;
      const row = { ...rest, serviceLevelId: levelIdFor.get(b.serviceLevelId)! };
      em.persist(em.create(Bed, { id, ...row }));
      ctx.created('Bed', id, row);
      summary.beds.created++;
    }
  }
  await em.flush();
};

/**
 * The steps, in order: areas first (users and providers name them), then users (managers before
 * the people who report to them), then inventory. Young people follow in `demo-people.ts`, through
 * the service's own code.
 */
export const SEED_STEPS: readonly SeedStep[] = [seedAreas, seedUsers, seedInventory];

/**
 * Loads the demo county into the database behind `em`, in one transaction, safe to run again
 * (and safe to run twice at once: a transaction-scoped advisory lock serialises runs).
 */
export async function seedDemoCounty(em: EntityManager, opts: SeedOptions = {}): Promise<SeedSummary> {
  const now = opts.now ?? new Date();
  const data = buildDemoCounty(now);
  return em.transactional(async (tx) => {
    await tx.execute(`select pg_advisory_xact_lock(hashtext('seed-demo-county'))`);
    const summary: SeedSummary = {
      areas: count(),
      serviceLevels: count(),
      providers: count(),
      beds: count(),
      users: count(),
      managers: { filledIn: 0, leftAlone: 0 },
      auditEvents: 0,
    };
    const audit = (action: string, entity: string, entityId: string, changes: Record<string, unknown>) => {
      tx.persist(
        tx.create(AuditEvent, {
          id: crypto.randomUUID(),
          at: now,
          actorUserId: null,
          action,
          entity,
          entityId,
          changes: JSON.parse(JSON.stringify(changes)) as Record<string, unknown>,
        }),
      );
      summary.auditEvents++;
    };
    const ctx: SeedContext = {
      em: tx,
      now,
      password: opts.password ?? DEMO_PASSWORD,
      data,
      summary,
      areaName: (name) => name,
      created: (entity, entityId, changes) => audit(SEED_AUDIT_ACTION, entity, entityId, changes),
      updated: (entity, entityId, changes) => audit(SEED_FILL_IN_ACTION, entity, entityId, changes),
    };
    for (const step of SEED_STEPS) await step(ctx);
    await tx.flush();
    return summary;
  });
}
