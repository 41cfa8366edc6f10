import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { checkYoungPerson } from '../../kernel/care-leavers';
import { ageOn, londonDate } from '../../kernel/dates';
import { conflict, DomainError, FieldError, forbidden, invalid, invalidField, notFound } from '../../kernel/errors';
import { parseSearch, possiblySamePerson } from '../../kernel/people-search';
import { canSee, caseloadOf, type AuthUser } from '../../kernel/roles';
import { CLOCK, Clock } from '../../platform/clock';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { applyPatch, assertVersion } from '../../platform/database/versioning';
import { pageOf } from '../../platform/pagination';
import { AreasService } from '../areas/areas.service';
import { AuditService, diff } from '../audit/audit.service';
import { UsersRepository } from '../users/users.repository';
import {
  CreateYoungPersonDto,
  UpdateYoungPersonDto,
  YoungPersonPage,
  YoungPersonQuery,
  YoungPersonView,
} from './young-people.dto';
import { YoungPeopleRepository } from './young-people.repository';
import { YoungPerson } from './young-person.entity';

const normaliseAreas = (areas: string[] | undefined) => [
  ...new Set((areas ?? []).map((a) => a.trim()).filter(Boolean)),
];
const normaliseRisks = (risks: string[] | undefined) => [...new Set(risks ?? [])].sort();

/** The audited shape (personal data stays in the audit table, which only admins and senior managers read). */
const snapshot = (y: YoungPerson) => ({
  reference: y.reference,
  firstName: y.firstName,
  lastName: y.lastName,
  dateOfBirth: y.dateOfBirth,
  gender: y.gender,
  legalStatus: y.legalStatus,
  uasc: y.uasc,
  paUserId: y.paUserId,
  homeArea: y.homeArea ?? null,
  areasToAvoid: y.areasToAvoid,
  needsServiceLevelRank: y.needsServiceLevelRank ?? null,
  stepFreeNeeded: y.stepFreeNeeded,
  hasPet: y.hasPet,
  pregnantOrParent: y.pregnantOrParent,
  risks: y.risks,
});

/** A new record from the body: defaults filled in, areas and risks normalised. */
function newYoungPerson(dto: CreateYoungPersonDto, reference: string, paUserId: string) {
  return {
    reference,
    firstName: dto.firstName,
    lastName: dto.lastName,
    dateOfBirth: dto.dateOfBirth,
    gender: dto.gender,
    legalStatus: dto.legalStatus,
    uasc: dto.uasc ?? false,
    paUserId,
    homeArea: dto.homeArea ?? null,
    areasToAvoid: normaliseAreas(dto.areasToAvoid),
    needsServiceLevelRank: dto.needsServiceLevelRank ?? null,
    stepFreeNeeded: dto.stepFreeNeeded ?? false,
    hasPet: dto.hasPet ?? false,
    pregnantOrParent: dto.pregnantOrParent ?? false,
    risks: normaliseRisks(dto.risks),
  };
}

@Injectable()
export class YoungPeopleService {
  constructor(
    private readonly people: YoungPeopleRepository,
    private readonly users: UsersRepository,
    private readonly areas: AreasService,
    private readonly audit: AuditService,
    private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  today(): string {
    return londonDate(this.clock.now());
  }

  view(y: YoungPerson): YoungPersonView {
    return { id: y.id, ...snapshot(y), age: ageOn(y.dateOfBirth, this.today()), version: y.version };
  }

  /**
   * The young person if this user may see them (caseload scoping); otherwise not found, as
   * `missing` says (a stay, a request, an escalation about someone the PA may not see is itself
   * "not found", so a PA is not told others exist). Reads in the current unit of work, which is
   * the transaction of the `em` a caller inside `UnitOfWork.run` passes.
   */
  async findVisible(
    _em: EntityManager,
    user: AuthUser,
    id: string,
    opts: { lock?: boolean; missing?: () => DomainError } = {},
  ): Promise<YoungPerson> {
    const y = await this.people.findById(id, opts.lock);
    if (!y || !canSee(user, y)) throw opts.missing?.() ?? notFound('Young person', id);
    return y;
  }

  async list(user: AuthUser, q: YoungPersonQuery): Promise<YoungPersonPage> {
    const { limit, offset } = pageOf(q);
    const caseload = caseloadOf(user);
    if (caseload && q.paUserId && q.paUserId !== caseload) return { items: [], total: 0 };
    const search = parseSearch(q.q);
    if (search === 'invalid_date') throw invalidField('q', 'looks like a date of birth but is not a real date');
    const filter = { paUserId: caseload ?? q.paUserId, reference: q.reference, search };
    const [rows, total] = await this.people.page(filter, limit, offset);
    return { items: rows.map((y) => this.view(y)), total };
  }

  async get(user: AuthUser, id: string): Promise<YoungPersonView> {
    return this.view(await this.findVisible(this.uow.em, user, id));
  }

  async create(user: AuthUser, dto: CreateYoungPersonDto): Promise<YoungPersonView> {
    const paUserId = dto.paUserId ?? caseloadOf(user);
    if (!paUserId)
      throw invalid(
        [{ field: 'paUserId', message: 'every young person needs an allocated PA' }],
        'paUserId: every young person needs an allocated PA',
      );
    this.validate({ dateOfBirth: dto.dateOfBirth, legalStatus: dto.legalStatus, uasc: dto.uasc ?? false });
    return this.uow.run(async (em) => {
      await this.checkPa(user, paUserId);
      const areas = await this.areas.canonical({
        homeArea: dto.homeArea ?? null,
        areasToAvoid: dto.areasToAvoid ?? [],
      });
      dto = { ...dto, homeArea: areas.homeArea as string | null, areasToAvoid: areas.areasToAvoid as string[] };
      if (dto.reference) await this.checkReferenceFree(user, dto.reference);
      const duplicates = await this.checkNotDuplicate(user, dto);
      const reference = dto.reference || (await this.people.nextReference());
      const y = await this.people.insert(newYoungPerson(dto, reference, paUserId));
      this.audit.record(em, {
        actorUserId: user.id,
        action: 'young_person.created',
        entity: 'YoungPerson',
        entityId: y.id,
        changes: snapshot(y),
      });
      if (duplicates.length) {
        this.audit.record(em, {
          actorUserId: user.id,
          action: 'young_person.duplicate_confirmed',
          entity: 'YoungPerson',
          entityId: y.id,
          changes: { confirmedNotDuplicate: true, possibleDuplicateIds: duplicates.map((d) => d.id) },
        });
      }
      return this.view(y);
    });
  }

  async update(user: AuthUser, id: string, dto: UpdateYoungPersonDto): Promise<YoungPersonView> {
    return this.uow.run(async (em) => {
      const y = await this.findVisible(em, user, id, { lock: true });
      assertVersion('young person', y.version, dto.version);
      const before = snapshot(y);
      if (dto.reference !== undefined && dto.reference !== y.reference)
        await this.checkReferenceFree(user, dto.reference);
      if (dto.paUserId !== undefined && dto.paUserId !== y.paUserId) await this.checkPa(user, dto.paUserId);
      dto = {
        ...dto,
        ...(await this.areas.canonical({ homeArea: dto.homeArea, areasToAvoid: dto.areasToAvoid })),
      } as UpdateYoungPersonDto;
      applyPatch(y, {
        ...dto,
        areasToAvoid: dto.areasToAvoid && normaliseAreas(dto.areasToAvoid),
        risks: dto.risks && normaliseRisks(dto.risks),
      });
      this.validate(y);
      const changes = diff(before, snapshot(y));
      if (Object.keys(changes).length) {
        await this.people.flush();
        this.audit.record(em, {
          actorUserId: user.id,
          action: 'young_person.updated',
          entity: 'YoungPerson',
          entityId: y.id,
          changes,
        });
      }
      return this.view(y);
    });
  }

  private validate(p: { dateOfBirth: string; legalStatus: YoungPerson['legalStatus']; uasc: boolean }): void {
    const errors: FieldError[] = checkYoungPerson(p, this.today());
    if (errors.length) throw invalid(errors);
  }

  /**
   * References are unique across the council. A clash says the same to everyone, so a PA cannot
   * learn that someone on another caseload holds it; only a caller who may see that record is
   * told which one it is.
   */
  private async checkReferenceFree(user: AuthUser, reference: string): Promise<void> {
    const holder = await this.people.referenceHolder(reference);
    if (!holder) return;
    throw conflict(
      `The reference ${reference} is not available: choose another, or leave it out and one will be assigned`,
      'reference_unavailable',
      canSee(user, holder) ? { youngPersonId: holder.id } : {},
    );
  }

  /**
   * A new record whose first name, last name (case and spaces ignored) and date of birth match an
   * existing one is refused as a possible duplicate unless the body says `confirmedNotDuplicate`;
   * returns the matches it was confirmed over (for the audit trail).
   *
   * What the refusal tells: the records the caller may see, by id, reference and name, so they can
   * open the one they meant. A PA is not told who is on another caseload: a match outside theirs is
   * refused the same way (same status and code, so they do not record a second file for someone
   * already known) but the problem details name nobody and say only that a possible duplicate
   * exists that they cannot see (`undisclosedMatches: true`), with whom to ask. That much is
   * unavoidable, since the point is to stop the second record, and it tells no more than that
   * someone of that name and birthday is known to the council.
   */
  private async checkNotDuplicate(user: AuthUser, dto: CreateYoungPersonDto): Promise<YoungPerson[]> {
    const matches = (await this.people.bornOn(dto.dateOfBirth)).filter((y) => possiblySamePerson(y, dto));
    if (!matches.length || dto.confirmedNotDuplicate === true) return matches;
    const visible = matches.filter((y) => canSee(user, y));
    const undisclosed = visible.length < matches.length;
    throw conflict(
      visible.length
        ? `A young person with this name and date of birth is already recorded (${visible.map((y) => y.reference).join(', ')}): open that record, or send confirmedNotDuplicate: true if this is someone else`
        : 'A young person with this name and date of birth may already be recorded on another caseload: check with a team manager or the placements team, or send confirmedNotDuplicate: true if this is someone else',
      'possible_duplicate',
      {
        duplicates: visible.map((y) => ({
          id: y.id,
          reference: y.reference,
          firstName: y.firstName,
          lastName: y.lastName,
          dateOfBirth: y.dateOfBirth,
        })),
        undisclosedMatches: undisclosed,
      },
    );
  }

  /** A PA allocates to their own caseload only; whoever is allocated must be an active PA. */
  private async checkPa(user: AuthUser, paUserId: string): Promise<void> {
    if (!canSee(user, { paUserId })) throw forbidden('A PA records young people on their own caseload only');
    if (!(await this.users.isActivePa(paUserId))) {
      throw invalid(
        [{ field: 'paUserId', message: 'must be an active Personal Adviser' }],
        'paUserId: must be an active Personal Adviser',
      );
    }
  }
}
