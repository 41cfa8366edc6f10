import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { Page, pageOf } from '../../platform/pagination';
import { invalid, FieldError, notFound } from '../../kernel/errors';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { assertVersion } from '../../platform/database/versioning';
import { CalendarService } from './calendar.service';
import { EscalationPolicy, EscalationPolicyVersion } from './escalation.entities';
import { LadderStep, PolicyAppliesTo, StoredAppliesTo, validateSteps } from '../../kernel/ladder';
import { CreatePolicyDto, PolicyQuery, PolicyView, UpdatePolicyDto } from './policies.dto';
import { PoliciesRepository } from './policies.repository';

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
    private readonly policies: PoliciesRepository,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly calendars: CalendarService,
  ) {}

  private async validate(appliesTo: StoredAppliesTo, steps: LadderStep[]): Promise<void> {
    const errors: FieldError[] = [];
    if (appliesTo.minAge != null && appliesTo.maxAge != null && appliesTo.minAge > appliesTo.maxAge) {
      errors.push({ field: 'appliesTo.maxAge', message: 'maxAge must not be below minAge' });
    }
    errors.push(...validateSteps(steps, await this.calendars.calendar()));
    if (errors.length) throw invalid(errors);
  }

  async list(q: PolicyQuery): Promise<Page<PolicyView>> {
    const { limit, offset } = pageOf(q);
    const ids = await this.policies.currentIds(q.active === undefined ? null : q.active === 'true');
    const items: PolicyView[] = [];
    for (const id of ids.slice(offset, offset + limit)) items.push(await this.get(id));
    return { items, total: ids.length };
  }

  async get(id: string): Promise<PolicyView> {
    const p = await this.policies.findPolicy(id);
    if (!p) throw notFound('Escalation policy', id);
    return toPolicyView(p, await this.policies.findVersion(id, p.currentVersion));
  }

  async versions(id: string): Promise<PolicyView[]> {
    const p = await this.policies.findPolicy(id);
    if (!p) throw notFound('Escalation policy', id);
    const vs = await this.policies.versionsOf(id);
    return vs.map((v) => toPolicyView(p, v));
  }

  async create(dto: CreatePolicyDto, actorId: string): Promise<PolicyView> {
    const appliesTo = cleanAppliesTo({ ...dto.appliesTo });
    const steps = dto.steps.map((s) => ({ after: s.after, role: s.role, repeatEvery: s.repeatEvery ?? null }));
    await this.validate(appliesTo, steps);
    return this.uow.run(async (em) => {
      const p = await this.policies.insertPolicy();
      const v = this.policies.addVersion({
        policyId: p.id,
        version: 1,
        name: dto.name,
        active: dto.active ?? true,
        appliesTo,
        steps,
        createdByUserId: actorId,
      });
      await this.policies.flush();
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
    return this.uow.run(async (em) => {
      const p = await this.policies.findPolicy(id, true);
      if (!p) throw notFound('Escalation policy', id);
      assertVersion('escalation policy', p.currentVersion, dto.version);
      const current = await this.policies.findVersion(id, p.currentVersion);
      const appliesTo = dto.appliesTo ? cleanAppliesTo({ ...dto.appliesTo }) : current.appliesTo;
      const steps = dto.steps
        ? dto.steps.map((s) => ({ after: s.after, role: s.role, repeatEvery: s.repeatEvery ?? null }))
        : current.steps;
      await this.validate(appliesTo, steps);
      const next = this.policies.addVersion({
        policyId: id,
        version: current.version + 1,
        name: dto.name ?? current.name,
        active: dto.active ?? current.active,
        appliesTo,
        steps,
        createdByUserId: actorId,
      });
      p.currentVersion = next.version;
      await this.policies.flush();
      this.audit.record(em, {
        actorUserId: actorId,
        action: 'escalation_policy.updated',
        entity: 'EscalationPolicy',
        entityId: id,
        changes: versionChanges(current, next),
      });
      return toPolicyView(p, next);
    });
  }
}

/** The audit of a new version: its number, and every field that differs from the version before. */
export function versionChanges(
  current: Pick<EscalationPolicyVersion, 'version' | 'name' | 'active' | 'appliesTo' | 'steps'>,
  next: Pick<EscalationPolicyVersion, 'version' | 'name' | 'active' | 'appliesTo' | 'steps'>,
): Record<string, unknown> {
  const changes: Record<string, unknown> = { version: { from: current.version, to: next.version } };
  if (next.name !== current.name) changes.name = { from: current.name, to: next.name };
  if (next.active !== current.active) changes.active = { from: current.active, to: next.active };
  if (JSON.stringify(next.appliesTo) !== JSON.stringify(current.appliesTo))
    changes.appliesTo = { from: current.appliesTo, to: next.appliesTo };
  if (JSON.stringify(next.steps) !== JSON.stringify(current.steps))
    changes.steps = { from: current.steps, to: next.steps };
  return changes;
}
