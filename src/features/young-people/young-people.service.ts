import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { AuditService, diff } from '../audit/audit.service';
import { User } from '../users/user.entity';
import { CLOCK, Clock } from '../../platform/clock';
import { londonDate, ageOn } from '../../kernel/dates';
import { pageOf } from '../../platform/pagination';
import { conflict, DomainError, FieldError, forbidden, invalid, notFound } from '../../kernel/errors';
import { applyPatch, assertVersion } from '../../platform/database/versioning';
import { checkYoungPerson } from '../../kernel/care-leavers';
import {
  CreateYoungPersonDto,
  UpdateYoungPersonDto,
  YoungPersonPage,
  YoungPersonQuery,
  YoungPersonView,
} from './young-people.dto';
import { YoungPerson } from './young-person.entity';
import { canSee, type AuthUser } from '../../kernel/roles';

const normaliseAreas = (areas: string[] | undefined) => [
  ...new Set((areas ?? []).map((a) => a.trim()).filter(Boolean)),
];

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

@Injectable()
export class YoungPeopleService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
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
   * "not found", so a PA is not told others exist).
   */
  async findVisible(
    em: EntityManager,
    user: AuthUser,
    id: string,
    opts: { lock?: boolean; missing?: () => DomainError } = {},
  ): Promise<YoungPerson> {
    const y = await em.findOne(YoungPerson, { id }, opts.lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {});
    if (!y || !canSee(user, y)) throw opts.missing?.() ?? notFound('Young person', id);
    return y;
  }

  async list(user: AuthUser, q: YoungPersonQuery): Promise<YoungPersonPage> {
    const { limit, offset } = pageOf(q);
    const where: Record<string, unknown> = { paUserId: q.paUserId, reference: q.reference };
    if (user.role === 'pa') where.paUserId = user.id;
    if (user.role === 'pa' && q.paUserId && q.paUserId !== user.id) return { items: [], total: 0 };
    const [rows, total] = await this.em.findAndCount(YoungPerson, where, {
      orderBy: { lastName: 'asc', firstName: 'asc', id: 'asc' },
      limit,
      offset,
    });
    return { items: rows.map((y) => this.view(y)), total };
  }

  async get(user: AuthUser, id: string): Promise<YoungPersonView> {
    return this.view(await this.findVisible(this.em, user, id));
  }

  private validate(p: { dateOfBirth: string; legalStatus: YoungPerson['legalStatus']; uasc: boolean }): void {
    const errors: FieldError[] = checkYoungPerson(p, this.today());
    if (errors.length) throw invalid(errors);
  }

  private async checkPa(em: EntityManager, user: AuthUser, paUserId: string): Promise<void> {
    if (user.role === 'pa' && paUserId !== user.id)
      throw forbidden('A PA records young people on their own caseload only');
    const pa = await em.findOne(User, { id: paUserId }, { fields: ['id', 'role', 'active'] });
    if (!pa || pa.role !== 'pa' || !pa.active) {
      throw invalid(
        [{ field: 'paUserId', message: 'must be an active Personal Adviser' }],
        'paUserId: must be an active Personal Adviser',
      );
    }
  }

  async create(user: AuthUser, dto: CreateYoungPersonDto): Promise<YoungPersonView> {
    const paUserId = dto.paUserId ?? (user.role === 'pa' ? user.id : undefined);
    if (!paUserId)
      throw invalid(
        [{ field: 'paUserId', message: 'every young person needs an allocated PA' }],
        'paUserId: every young person needs an allocated PA',
      );
    this.validate({ dateOfBirth: dto.dateOfBirth, legalStatus: dto.legalStatus, uasc: dto.uasc ?? false });
    return this.em.transactional(async (em) => {
      await this.checkPa(em, user, paUserId);
      let reference = dto.reference;
      if (reference) {
        if (await em.count(YoungPerson, { reference })) throw conflict(`The reference ${reference} is already in use`);
      } else {
        const [{ n }] = await em.execute<{ n: string }[]>(`select nextval('young_person_reference_seq') as n`);
        reference = `CL-${n}`;
      }
      const y = em.create(YoungPerson, {
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
        risks: [...new Set(dto.risks ?? [])].sort(),
      });
      em.persist(y);
      await em.flush();
      this.audit.record(em, {
        actorUserId: user.id,
        action: 'young_person.created',
        entity: 'YoungPerson',
        entityId: y.id,
        changes: snapshot(y),
      });
      return this.view(y);
    });
  }

  async update(user: AuthUser, id: string, dto: UpdateYoungPersonDto): Promise<YoungPersonView> {
    return this.em.transactional(async (em) => {
      const y = await this.findVisible(em, user, id, { lock: true });
      assertVersion('young person', y.version, dto.version);
      const before = snapshot(y);
      if (
        dto.reference !== undefined &&
        dto.reference !== y.reference &&
        (await em.count(YoungPerson, { reference: dto.reference }))
      ) {
        throw conflict(`The reference ${dto.reference} is already in use`);
      }
      if (dto.paUserId !== undefined && dto.paUserId !== y.paUserId) await this.checkPa(em, user, dto.paUserId);
      applyPatch(y, {
        ...dto,
        areasToAvoid: dto.areasToAvoid && normaliseAreas(dto.areasToAvoid),
        risks: dto.risks && [...new Set(dto.risks)].sort(),
      });
      this.validate(y);
      const changes = diff(before, snapshot(y));
      if (Object.keys(changes).length) {
        await em.flush();
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
}
