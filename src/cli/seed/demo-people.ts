/**
 * Demo young people (fictional: names are generic and combined at random) and where they are
 * living, recorded through the service's own code paths so clocks, escalation steps and audit
 * events are exactly what the running service would have produced. Idempotent by reference: a
 * young person already present is left alone, and stays are only recorded for new ones.
 */
import type { INestApplicationContext } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { User } from '../../features/users/user.entity';
import { CLOCK, type Clock } from '../../platform/clock';
import { PlacementsService } from '../../features/placements/placements.service';
import { StaysService } from '../../features/stays/stays.service';
import { YoungPeopleService } from '../../features/young-people/young-people.service';
import { YoungPerson } from '../../features/young-people/young-person.entity';
import { prng, seedOf } from './stable-id';
import { type AccommodationCode } from '../../kernel/accommodation';
import { type AuthUser } from '../../kernel/roles';

const FIRST = [
  'Alex',
  'Sam',
  'Jordan',
  'Casey',
  'Riley',
  'Morgan',
  'Taylor',
  'Jamie',
  'Charlie',
  'Robin',
  'Kai',
  'Drew',
  'Ellis',
  'Frankie',
  'Harley',
  'Jesse',
];
const LAST = [
  'Smith',
  'Jones',
  'Brown',
  'Wilson',
  'Evans',
  'Walker',
  'Wright',
  'Green',
  'Hall',
  'Wood',
  'Clarke',
  'Hughes',
  'Turner',
  'Hill',
];

interface DemoStay {
  code: AccommodationCode;
  description: string;
  hoursAgo: number;
}

interface DemoPerson {
  ref: string;
  age: number;
  legalStatus: 'relevant' | 'former_relevant' | 'qualifying';
  uasc?: boolean;
  homeArea: string;
  pregnantOrParent?: boolean;
  risks?: string[];
  stay?: DemoStay;
  request?: boolean;
}

/** Who is where: a handful in hotels and night shelters (the live list), the rest settled. */
const PEOPLE: DemoPerson[] = [
  {
    ref: 'CL-DEMO-001',
    age: 19,
    legalStatus: 'former_relevant',
    homeArea: 'Crewe',
    stay: { code: 'W', description: 'Travelodge, Crewe', hoursAgo: 3 },
    request: true,
  },
  {
    ref: 'CL-DEMO-002',
    age: 20,
    legalStatus: 'former_relevant',
    homeArea: 'Crewe',
    stay: { code: 'W', description: 'Premier Inn, Crewe', hoursAgo: 30 },
    request: true,
  },
  {
    ref: 'CL-DEMO-003',
    age: 18,
    legalStatus: 'former_relevant',
    homeArea: 'Macclesfield',
    stay: { code: 'W', description: 'Guest house, Macclesfield', hoursAgo: 80 },
    request: true,
  },
  {
    ref: 'CL-DEMO-004',
    age: 22,
    legalStatus: 'former_relevant',
    homeArea: 'Nantwich',
    risks: ['substances'],
    stay: { code: 'W', description: 'Hotel, Nantwich', hoursAgo: 200 },
  },
  {
    ref: 'CL-DEMO-005',
    age: 17,
    legalStatus: 'relevant',
    homeArea: 'Crewe',
    risks: ['exploitation', 'missing'],
    stay: { code: 'W', description: 'Hotel, Crewe (out of hours)', hoursAgo: 6 },
    request: true,
  },
  {
    ref: 'CL-DEMO-006',
    age: 21,
    legalStatus: 'former_relevant',
    homeArea: 'Congleton',
    stay: { code: 'V', description: 'Direct-access hostel, Macclesfield', hoursAgo: 20 },
  },
  {
    ref: 'CL-DEMO-007',
    age: 23,
    legalStatus: 'former_relevant',
    homeArea: 'Crewe',
    stay: { code: 'S', description: 'Sofa-surfing', hoursAgo: 50 },
  },
  {
    ref: 'CL-DEMO-008',
    age: 19,
    legalStatus: 'former_relevant',
    homeArea: 'Sandbach',
    pregnantOrParent: true,
    stay: { code: 'W', description: 'B&B, Sandbach', hoursAgo: 24 * 33 },
  },
  {
    ref: 'CL-DEMO-009',
    age: 18,
    legalStatus: 'former_relevant',
    homeArea: 'Crewe',
    stay: { code: 'D', description: 'YMCA Crewe', hoursAgo: 24 * 40 },
  },
  {
    ref: 'CL-DEMO-010',
    age: 20,
    legalStatus: 'former_relevant',
    homeArea: 'Macclesfield',
    stay: { code: 'E', description: 'Supported lodgings', hoursAgo: 24 * 120 },
  },
  {
    ref: 'CL-DEMO-011',
    age: 21,
    legalStatus: 'former_relevant',
    homeArea: 'Wilmslow',
    stay: { code: 'U', description: 'Own tenancy', hoursAgo: 24 * 300 },
  },
  {
    ref: 'CL-DEMO-012',
    age: 19,
    legalStatus: 'former_relevant',
    homeArea: 'Crewe',
    stay: { code: 'Z', description: 'Staying Put with former foster carers', hoursAgo: 24 * 400 },
  },
  {
    ref: 'CL-DEMO-013',
    age: 17,
    legalStatus: 'relevant',
    uasc: true,
    homeArea: 'Crewe',
    stay: { code: 'D', description: 'UASC supported accommodation', hoursAgo: 24 * 60 },
  },
  {
    ref: 'CL-DEMO-014',
    age: 16,
    legalStatus: 'relevant',
    homeArea: 'Alsager',
    stay: { code: 'B', description: 'With an aunt', hoursAgo: 24 * 90 },
  },
  {
    ref: 'CL-DEMO-015',
    age: 24,
    legalStatus: 'former_relevant',
    homeArea: 'Knutsford',
    stay: { code: 'X', description: 'HMP Styal', hoursAgo: 24 * 10 },
  },
  {
    ref: 'CL-DEMO-016',
    age: 20,
    legalStatus: 'qualifying',
    homeArea: 'Crewe',
    stay: { code: 'U', description: 'University halls', hoursAgo: 24 * 70 },
  },
];

function dobFor(age: number, now: Date, rand: () => number): string {
  const d = new Date(now.getTime());
  d.setUTCFullYear(d.getUTCFullYear() - age);
  d.setUTCDate(d.getUTCDate() - 20 - Math.floor(rand() * 300));
  return d.toISOString().slice(0, 10);
}

async function actor(em: EntityManager, email: string): Promise<AuthUser> {
  const u = await em.findOneOrFail(User, { email });
  return { id: u.id, email: u.email, name: u.name, role: u.role, area: u.area ?? null };
}

export async function seedDemoPeople(app: INestApplicationContext): Promise<{ created: number; existing: number }> {
  const em = app.get(EntityManager).fork();
  const now = app.get<Clock>(CLOCK).now();
  const people = app.get(YoungPeopleService);
  const stays = app.get(StaysService);
  const placements = app.get(PlacementsService);
  const pa = await actor(em, 'pa@demo.invalid');
  let created = 0;
  let existing = 0;
  for (const d of PEOPLE) {
    if (await em.count(YoungPerson, { reference: d.ref })) {
      existing++;
      continue;
    }
    const rand = prng(seedOf(d.ref));
    const person = await people.create(pa, {
      reference: d.ref,
      firstName: FIRST[Math.floor(rand() * FIRST.length)],
      lastName: LAST[Math.floor(rand() * LAST.length)],
      dateOfBirth: dobFor(d.age, now, rand),
      gender: rand() < 0.5 ? 'female' : 'male',
      legalStatus: d.legalStatus,
      uasc: d.uasc ?? false,
      homeArea: d.homeArea,
      areasToAvoid: rand() < 0.3 ? ['Knutsford'] : [],
      needsServiceLevelRank: 3 + Math.floor(rand() * 5),
      pregnantOrParent: d.pregnantOrParent ?? false,
      risks: (d.risks ?? []) as never,
    });
    created++;
    if (d.stay) {
      await stays.record(pa, {
        youngPersonId: person.id,
        accommodationCode: d.stay.code,
        description: d.stay.description,
        startedAt: new Date(now.getTime() - d.stay.hoursAgo * 3600_000).toISOString(),
      });
    }
    if (d.request) {
      await placements.create(pa, {
        youngPersonId: person.id,
        urgency: 'emergency',
        neededBy: now.toISOString().slice(0, 10),
        preferredAreas: [d.homeArea],
        notes: 'Demo request',
      });
    }
  }
  return { created, existing };
}
