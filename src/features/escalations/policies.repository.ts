import { Injectable } from '@nestjs/common';
import { LockMode } from '@mikro-orm/postgresql';
import type { LadderStep, StoredAppliesTo } from '../../kernel/ladder';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { EscalationPolicy, EscalationPolicyVersion } from './escalation.entities';

export interface NewVersion {
  policyId: string;
  version: number;
  name: string;
  active: boolean;
  appliesTo: StoredAppliesTo;
  steps: LadderStep[];
  maxReviewAfter: string;
  createdByUserId: string;
}

/** Every query on escalation policies and their versions. Runs in the caller's unit of work. */
@Injectable()
export class PoliciesRepository {
  constructor(private readonly uow: UnitOfWork) {}

  private get em() {
    return this.uow.em;
  }

  /** Ids of every policy whose current version is active (or not, or either: `active` null), by name. */
  async currentIds(active: boolean | null): Promise<string[]> {
    const rows = await this.em.execute<{ id: string }[]>(
      `select p.id from escalation_policy p join escalation_policy_version v on v.policy_id = p.id and v.version = p.current_version
        where (?::boolean is null or v.active = ?::boolean) order by v.name, p.id`,
      [active, active],
    );
    return rows.map((r) => r.id);
  }

  findPolicy(id: string, lock = false): Promise<EscalationPolicy | null> {
    return this.em.findOne(EscalationPolicy, { id }, lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {});
  }

  findVersion(policyId: string, version: number): Promise<EscalationPolicyVersion> {
    return this.em.findOneOrFail(EscalationPolicyVersion, { policyId, version });
  }

  /** Every version of a policy, newest first. */
  versionsOf(policyId: string): Promise<EscalationPolicyVersion[]> {
    return this.em.find(EscalationPolicyVersion, { policyId }, { orderBy: { version: 'desc' } });
  }

  /** A council's own policy (no key), written at once: its versions' foreign key needs the row. */
  async insertPolicy(): Promise<EscalationPolicy> {
    const em = this.em;
    const p = em.create(EscalationPolicy, { key: null, currentVersion: 1 });
    await em.persist(p).flush();
    return p;
  }

  /** A new immutable version; the caller moves the policy's `currentVersion` to it. */
  addVersion(data: NewVersion): EscalationPolicyVersion {
    const em = this.em;
    const v = em.create(EscalationPolicyVersion, data);
    em.persist(v);
    return v;
  }

  flush(): Promise<void> {
    return this.em.flush();
  }

  /** The versions in force now: the current version of every active policy. */
  async inForce(): Promise<EscalationPolicyVersion[]> {
    const em = this.em;
    const rows = await em.execute(
      `select v.* from escalation_policy_version v
         join escalation_policy p on p.id = v.policy_id and p.current_version = v.version
        where v.active order by v.policy_id`,
    );
    return rows.map((r) => em.map(EscalationPolicyVersion, r));
  }
}
