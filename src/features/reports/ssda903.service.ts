import { Inject, Injectable } from '@nestjs/common';
import { londonDate } from '../../kernel/dates';
import type { AuthUser } from '../../kernel/roles';
import { birthdayWindow, collectionYear, collectionYearOn, contactWindow } from '../../kernel/ssda903';
import { CLOCK, Clock } from '../../platform/clock';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { YoungPeopleService } from '../young-people/young-people.service';
import {
  buildExtract,
  careLeaversInScope,
  contactsByPerson,
  exceptionsReport,
  extractCsv,
  personReturn,
  staysByPerson,
  workingCsv,
  type PersonReturn,
  type Ssda903Result,
} from './ssda903';
import { Ssda903ExceptionsReport } from './ssda903.dto';
import { Ssda903Queries } from './ssda903.queries';

/**
 * The SSDA903 care-leaver extract (OC3) for a collection year, read from the young_person and stay
 * tables and the keeping-in-touch contacts the rest of the service writes. Rows that cannot be filled are not guessed: they are
 * exceptions, reported separately.
 */
@Injectable()
export class Ssda903Service {
  constructor(
    private readonly queries: Ssda903Queries,
    private readonly people: YoungPeopleService,
    private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * What the next return (the collection year today is in) will say about one young person, read
   * as `build` reads everyone: the same stay and contact windows, the same row rules. Scoped as
   * the young person's record is (a PA: their own caseload; not found otherwise).
   */
  async nextReturnFor(user: AuthUser, youngPersonId: string): Promise<PersonReturn> {
    const y = await this.people.findVisible(this.uow.em, user, youngPersonId);
    const today = londonDate(this.clock.now());
    const cy = collectionYearOn(today);
    const ids = [y.id];
    const stays = await this.queries.staysOverlapping(ids, birthdayWindow(cy.start).from, birthdayWindow(cy.end).until);
    const contacts = await this.queries.contactsBetween(ids, contactWindow(cy.start).from, contactWindow(cy.end).until);
    const person = { id: y.id, reference: y.reference, date_of_birth: y.dateOfBirth, legal_status: y.legalStatus };
    return personReturn(
      person,
      cy,
      staysByPerson(stays).get(y.id) ?? [],
      today,
      contactsByPerson(contacts).get(y.id) ?? [],
    );
  }

  async build(year: number): Promise<Ssda903Result> {
    const cy = collectionYear(year);
    const today = londonDate(this.clock.now());
    const people = await this.queries.peopleBornBetween(`${year - 22}-01-01`, `${year + 1 - 17}-12-31`);
    const scope = careLeaversInScope(people, cy);
    const stays = await this.queries.staysOverlapping(
      scope.candidates.map((c) => c.p.id),
      birthdayWindow(cy.start).from,
      birthdayWindow(cy.end).until,
    );
    const contacts = await this.queries.contactsBetween(
      scope.candidates.map((c) => c.p.id),
      contactWindow(cy.start).from,
      contactWindow(cy.end).until,
    );
    return buildExtract(cy, scope, staysByPerson(stays), today, contactsByPerson(contacts));
  }

  async csv(year: number): Promise<{ filename: string; body: string }> {
    return extractCsv(await this.build(year));
  }

  async working(year: number): Promise<{ filename: string; body: string }> {
    return workingCsv(await this.build(year));
  }

  async exceptions(year: number): Promise<Ssda903ExceptionsReport> {
    return exceptionsReport(await this.build(year), this.clock.now());
  }
}
