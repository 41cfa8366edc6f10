/**
 * Demo young people (fictional: names are generic and combined at random) and where they are
 * living, recorded through the service's own code paths so clocks, escalation steps and audit
 * events are exactly what the running service would have produced. Idempotent by reference: a
 * young person already present is left alone, and stays are only recorded for new ones. Who they
 * are and whose caseload they are on: `demo-people-data.ts`.
 */
import type { INestApplicationContext } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { User } from '../../features/users/user.entity';
import { CLOCK, type Clock } from '../../platform/clock';
import { ContactsService } from '../../features/contacts/contacts.service';
import { PlacementsService } from '../../features/placements/placements.service';
import { StaysService } from '../../features/stays/stays.service';
import { YoungPeopleService } from '../../features/young-people/young-people.service';
import { YoungPerson } from '../../features/young-people/young-person.entity';
import { prng, seedOf } from './stable-id';
import { DEMO_PEOPLE } from './demo-people-data';
import { type AuthUser } from '../../kernel/roles';
import { londonDate } from '../../kernel/dates';
import { birthdayAt, collectionYear, type ActivCode } from '../../kernel/ssda903';
import type { AccommodationCode } from '../../kernel/accommodation';

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

function dobFor(age: number, now: Date, rand: () => number): string {
  const d = new Date(now.getTime());
  d.setUTCFullYear(d.getUTCFullYear() - age);
  d.setUTCDate(d.getUTCDate() - 20 - Math.floor(rand() * 300));
  return d.toISOString().slice(0, 10);
}

/** The allocated PA as a signed-in user, or null when they are missing, inactive or no longer a PA. */
async function activePa(em: EntityManager, email: string): Promise<AuthUser | null> {
  const u = await em.findOne(User, { email });
  if (!u || !u.active || u.role !== 'pa') return null;
  return { id: u.id, email: u.email, name: u.name, role: u.role, area: u.area ?? null };
}

const ACTIVITIES: ActivCode[] = ['F2', 'F5', 'P5', 'F1', 'F4', 'P2', 'G5'];
const SETTLED: AccommodationCode[] = ['D', 'E', 'K', 'U'];

/**
 * The 17th–21st birthdays the SSDA903 care-leaver return asks about for this collection year and
 * the one before (both the return being prepared and the last one sent), up to today.
 */
export function reportableBirthdays(dateOfBirth: string, now: Date): { age: number; birthday: string }[] {
  const today = londonDate(now);
  const cy = collectionYear(Number(today.slice(0, 4)) - (today.slice(5) < '04-01' ? 1 : 0));
  const from = collectionYear(cy.year - 1).start;
  return [17, 18, 19, 20, 21]
    .map((age) => ({ age, birthday: birthdayAt(dateOfBirth, age) }))
    .filter((b) => b.birthday >= from && b.birthday <= today);
}

export interface PeopleSummary {
  created: number;
  existing: number;
  /** Not recorded: their PA has been deactivated or given another role since the demo was seeded. */
  skipped: number;
}

/** Each young person is recorded by their own PA (as a PA would: their caseload, their stay, their request). */
export async function seedDemoPeople(app: INestApplicationContext): Promise<PeopleSummary> {
  const em = app.get(EntityManager).fork();
  const now = app.get<Clock>(CLOCK).now();
  const people = app.get(YoungPeopleService);
  const stays = app.get(StaysService);
  const placements = app.get(PlacementsService);
  const contacts = app.get(ContactsService);
  const pas = new Map<string, AuthUser | null>();
  const summary: PeopleSummary = { created: 0, existing: 0, skipped: 0 };
  for (const d of DEMO_PEOPLE) {
    if (await em.count(YoungPerson, { reference: d.ref })) {
      summary.existing++;
      continue;
    }
    if (!pas.has(d.pa)) pas.set(d.pa, await activePa(em, d.pa));
    const pa = pas.get(d.pa);
    if (!pa) {
      summary.skipped++;
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
      // Names and birthdays are drawn at random, so two demo people may share them: they are different people.
      confirmedNotDuplicate: true,
    });
    summary.created++;
    // Around each birthday the SSDA903 return reports on: where they lived (a settled place, until the
    // current stay) and a keeping-in-touch contact on the day, so every demo young person in the
    // cohort has a complete OC3 row and none lands in the return's exceptions.
    const birthdays = reportableBirthdays(person.dateOfBirth, now);
    if (birthdays.length) {
      const history = prng(seedOf(`${d.ref}-history`));
      const startedAt = new Date(Date.parse(`${birthdays[0].birthday}T12:00:00Z`) - 14 * 86400_000);
      const until = new Date(now.getTime() - (d.stay?.hoursAgo ?? 1) * 3600_000);
      // The current stay may already cover the later birthdays; the earlier ones get the settled place before it.
      if (startedAt.getTime() < until.getTime())
        await stays.record(pa, {
          youngPersonId: person.id,
          // A foyer under 18 or former foster carers at 17 cannot be reported (DfE rules 347, 3001): semi-independent then.
          accommodationCode: birthdays[0].age < 18 ? 'D' : SETTLED[Math.floor(history() * SETTLED.length)],
          description: 'Earlier placement (demo history)',
          startedAt: startedAt.toISOString(),
          endedAt: until.toISOString(),
          endReason: 'Moved on',
        });
      for (const b of birthdays) {
        // CL-DEMO-004 had lost touch around their 21st birthday: reported NO, activity not known (0).
        const lostTouch = d.ref === 'CL-DEMO-004';
        await contacts.record(pa, person.id, {
          contactedAt: `${b.birthday}T12:00:00Z`,
          method: history() < 0.5 ? 'in_person' : 'phone',
          inTouch: lostTouch ? 'NO' : 'YES',
          ...(lostTouch ? {} : { activity: ACTIVITIES[Math.floor(history() * ACTIVITIES.length)] }),
          notes: `Birthday catch-up (${b.age})`,
        });
      }
    }
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
  return summary;
}
