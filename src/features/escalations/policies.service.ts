import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { Page, pageOf } from '../../platform/pagination';
import { invalid, notFound } from '../../kernel/errors';
import { APP_CONFIG, type AppConfig } from '../../platform/config/config';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { assertVersion } from '../../platform/database/versioning';
import { CalendarService } from './calendar.service';
import { EscalationPolicy, EscalationPolicyVersion } from './escalation.entities';
import type { LadderStep, PolicyAppliesTo, StoredAppliesTo } from '../../kernel/ladder';
import {
  DEFAULT_MAX_REVIEW_AFTER,
  samePolicyContent,
  validatePolicyContent,
  type PolicyContent,
} from '../../kernel/policy-input';
import { CreatePolicyDto, PolicyQuery, PolicyView, StepDto, UpdatePolicyDto } from './policies.dto';
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
    maxReviewAfter: v.maxReviewAfter,
    versionId: v.id,
    updatedAt: v.createdAt.toISOString(),
  };
}

function cleanAppliesTo(a: StoredAppliesTo): PolicyAppliesTo {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(a ?? {})) if (v !== undefined && v !== null) out[k] = v;
  return out;
}

/** The DTO's appliesTo as a plain object (class-transformer gives a class instance; an array stays one, to be refused). */
const plainAppliesTo = (a: unknown): unknown =>
  Array.isArray(a) || a === null ? a : cleanAppliesTo({ ...(a as object) });
const definedOnly = <T extends object>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
const plainSteps = (steps: StepDto[]): LadderStep[] =>
  steps.map((s) => ({ after: s.after, role: s.role, repeatEvery: s.repeatEvery ?? null }));

/** Escalation policies: local policy as data. Every edit is a new immutable version. */
@Injectable()
export class PoliciesService {
  constructor(
    private readonly policies: PoliciesRepository,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly calendars: CalendarService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Refuses (400, naming each field) content that may not be written; bounded work for any input. */
  private async validate(content: Partial<PolicyContent>): Promise<void> {
    const errors = validatePolicyContent(content, await this.calendars.calendar(), {
      minRepeatEveryMs: this.config.minRepeatEveryMs,
    });
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
    const content: PolicyContent = {
      name: dto.name,
      active: dto.active ?? true,
      appliesTo: plainAppliesTo(dto.appliesTo) as PolicyAppliesTo,
      steps: plainSteps(dto.steps),
      maxReviewAfter: dto.maxReviewAfter ?? DEFAULT_MAX_REVIEW_AFTER,
    };
    await this.validate(content);
    return this.uow.run(async (em) => {
      const p = await this.policies.insertPolicy();
      const v = this.policies.addVersion({ policyId: p.id, version: 1, ...content, createdByUserId: actorId });
      await this.policies.flush();
      const { appliesTo, steps, maxReviewAfter } = content;
      this.audit.record(em, {
        actorUserId: actorId,
        action: 'escalation_policy.created',
        entity: 'EscalationPolicy',
        entityId: p.id,
        changes: { version: 1, name: v.name, active: v.active, appliesTo, steps, maxReviewAfter },
      });
      return toPolicyView(p, v);
    });
  }

  /**
   * A PATCH writes a new version; stays whose clocks already started keep the version they have.
   * A PATCH that changes nothing writes nothing and answers the current version.
   */
  async update(id: string, dto: UpdatePolicyDto, actorId: string): Promise<PolicyView> {
    return this.uow.run(async (em) => {
      const p = await this.policies.findPolicy(id, true);
      if (!p) throw notFound('Escalation policy', id);
      assertVersion('escalation policy', p.currentVersion, dto.version);
      const current = await this.policies.findVersion(id, p.currentVersion);
      const sent: Partial<PolicyContent> = {
        name: dto.name,
        active: dto.active,
        appliesTo: dto.appliesTo === undefined ? undefined : (plainAppliesTo(dto.appliesTo) as PolicyAppliesTo),
        steps: dto.steps && plainSteps(dto.steps),
        maxReviewAfter: dto.maxReviewAfter,
      };
      await this.validate(sent);
      const was: PolicyContent = {
        name: current.name,
        active: current.active,
        appliesTo: cleanAppliesTo(current.appliesTo),
        steps: current.steps,
        maxReviewAfter: current.maxReviewAfter,
      };
      const content: PolicyContent = { ...was, ...definedOnly(sent) };
      if (samePolicyContent(content, was)) return toPolicyView(p, current);
      const next = this.policies.addVersion({
        policyId: id,
        version: current.version + 1,
        ...content,
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

type Audited = Pick<EscalationPolicyVersion, 'version' | 'name' | 'active' | 'appliesTo' | 'steps' | 'maxReviewAfter'>;

/** The audit of a new version: its number, and every field that differs from the version before. */
export function versionChanges(current: Audited, next: Audited): Record<string, unknown> {
  const changes: Record<string, unknown> = { version: { from: current.version, to: next.version } };
  if (next.name !== current.name) changes.name = { from: current.name, to: next.name };
  if (next.active !== current.active) changes.active = { from: current.active, to: next.active };
  if (JSON.stringify(next.appliesTo) !== JSON.stringify(current.appliesTo))
    changes.appliesTo = { from: current.appliesTo, to: next.appliesTo };
  if (JSON.stringify(next.steps) !== JSON.stringify(current.steps))
    changes.steps = { from: current.steps, to: next.steps };
  if (next.maxReviewAfter !== current.maxReviewAfter)
    changes.maxReviewAfter = { from: current.maxReviewAfter, to: next.maxReviewAfter };
  return changes;
}
