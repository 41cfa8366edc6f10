import { Injectable } from '@nestjs/common';
import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { AuditService } from '../audit/audit.service';
import { Page, pageOf } from '../../platform/pagination';
import { invalid, FieldError, notFound } from '../../kernel/errors';
import { assertVersion } from '../../platform/database/versioning';
import { CalendarService } from './calendar.service';
import { EscalationPolicy, EscalationPolicyVersion } from './escalation.entities';
import { LadderStep, PolicyAppliesTo, StoredAppliesTo, validateSteps } from '../../kernel/ladder';
import { CreatePolicyDto, PolicyQuery, PolicyView, UpdatePolicyDto } from './policies.dto';

export function toPolicyView(p: EscalationPolicy, v: EscalationPolicyVersion): PolicyView {
  return {
    id: p.id,
    key: p.key ?? null,
    name: v.name,
    version: v.version,
    active: v.active,
    appliesTo: cleanAppliesTo(v.appliesTo),
    steps: v.steps.map((s) => ({
      after: s.after,
      role: s.role,
      ...(s.repeatEvery ? { repeatEvery: s.repeatEvery } : {}),
    })),
    versionId: v.id,
    updatedAt: v.createdAt.toISOString(),
  };
}

function cleanAppliesTo(a: StoredAppliesTo): PolicyAppliesTo {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(a ?? {})) if (v !== undefined && v !== null) out[k] = v;
  return out;
}

/** Escalation policies: local policy as data. Every edit is a new immutable version. */
@Injectable()
export class PoliciesService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
    private readonly calendars: CalendarService,
  ) {}

  private async validate(appliesTo: StoredAppliesTo, steps: LadderStep[], em?: EntityManager): Promise<void> {
    const errors: FieldError[] = [];
    if (appliesTo.minAge != null && appliesTo.maxAge != null && appliesTo.minAge > appliesTo.maxAge) {
      errors.push({ field: 'appliesTo.maxAge', message: 'maxAge must not be below minAge' });
    }
    errors.push(...validateSteps(steps, await this.calendars.calendar(em)));
    if (errors.length) throw invalid(errors);
  }

  async list(q: PolicyQuery): Promise<Page<PolicyView>> {
    const { limit, offset } = pageOf(q);
    const rows = await this.em.execute<{ id: string }[]>(
      `select p.id from escalation_policy p join escalation_policy_version v on v.policy_id = p.id and v.version = p.current_version
        where (?::boolean is null or v.active = ?::boolean) order by v.name, p.id`,
      [q.active === undefined ? null : q.active === 'true', q.active === undefined ? null : q.active === 'true'],
    );
    const ids = rows.slice(offset, offset + limit).map((r) => r.id);
    const items: PolicyView[] = [];
    for (const id of ids) items.push(await this.get(id));
    return { items, total: rows.length };
  }

  async get(id: string): Promise<PolicyView> {
    const p = await this.em.findOne(EscalationPolicy, { id });
    if (!p) throw notFound('Escalation policy', id);
    const v = await this.em.findOneOrFail(EscalationPolicyVersion, { policyId: id, version: p.currentVersion });
    return toPolicyView(p, v);
  }

  async versions(id: string): Promise<PolicyView[]> {
    const p = await this.em.findOne(EscalationPolicy, { id });
    if (!p) throw notFound('Escalation policy', id);
    const vs = await this.em.find(EscalationPolicyVersion, { policyId: id }, { orderBy: { version: 'desc' } });
    return vs.map((v) => toPolicyView(p, v));
  }

  async create(dto: CreatePolicyDto, actorId: string): Promise<PolicyView> {
    const appliesTo = cleanAppliesTo({ ...dto.appliesTo });
    const steps = dto.steps.map((s) => ({ after: s.after, role: s.role, repeatEvery: s.repeatEvery ?? null }));
    await this.validate(appliesTo, steps);
    return this.em.transactional(async (em) => {
      const p = em.create(EscalationPolicy, { key: null, currentVersion: 1 });
      await em.persist(p).flush(); // the version's foreign key needs the policy row first
      const v = em.create(EscalationPolicyVersion, {
        policyId: p.id,
        version: 1,
        name: dto.name,
        active: dto.active ?? true,
        appliesTo,
        steps,
        createdByUserId: actorId,
      });
      await em.persist(v).flush();
      this.audit.record(em, {
        actorUserId: actorId,
        action: 'escalation_policy.created',
        entity: 'EscalationPolicy',
        entityId: p.id,
        changes: { version: 1, name: v.name, active: v.active, appliesTo, steps },
      });
      return toPolicyView(p, v);
    });
  }

  /** A PATCH writes a new version; stays whose clocks already started keep the version they have. */
  async update(id: string, dto: UpdatePolicyDto, actorId: string): Promise<PolicyView> {
    return this.em.transactional(async (em) => {
      const p = await em.findOne(EscalationPolicy, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!p) throw notFound('Escalation policy', id);
      assertVersion('escalation policy', p.currentVersion, dto.version);
      const current = await em.findOneOrFail(EscalationPolicyVersion, { policyId: id, version: p.currentVersion });
      const appliesTo = dto.appliesTo ? cleanAppliesTo({ ...dto.appliesTo }) : current.appliesTo;
      const steps = dto.steps
        ? dto.steps.map((s) => ({ after: s.after, role: s.role, repeatEvery: s.repeatEvery ?? null }))
        : current.steps;
      await this.validate(appliesTo, steps, em);
      const next = em.create(EscalationPolicyVersion, {
        policyId: id,
        version: current.version + 1,
        name: dto.name ?? current.name,
        active: dto.active ?? current.active,
        appliesTo,
        steps,
        createdByUserId: actorId,
      });
      p.currentVersion = next.version;
      em.persist(next);
      await em.flush();
      const changes: Record<string, unknown> = { version: { from: current.version, to: next.version } };
      if (next.name !== current.name) changes.name = { from: current.name, to: next.name };
      if (next.active !== current.active) changes.active = { from: current.active, to: next.active };
      if (JSON.stringify(appliesTo) !== JSON.stringify(current.appliesTo))
        changes.appliesTo = { from: current.appliesTo, to: appliesTo };
      if (JSON.stringify(steps) !== JSON.stringify(current.steps)) changes.steps = { from: current.steps, to: steps };
      this.audit.record(em, {
        actorUserId: actorId,
        action: 'escalation_policy.updated',
        entity: 'EscalationPolicy',
        entityId: id,
        changes,
      });
      return toPolicyView(p, next);
    });
  }

  /** The versions in force now: the current version of every active policy. */
  async inForce(em: EntityManager): Promise<EscalationPolicyVersion[]> {
    const rows = await em.execute(
      `select v.* from escalation_policy_version v
         join escalation_policy p on p.id = v.policy_id and p.current_version = v.version
        where v.active order by v.policy_id`,
    );
    return rows.map((r) => em.map(EscalationPolicyVersion, r));
  }
}
