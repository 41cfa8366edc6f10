import { Migration } from '@mikro-orm/migrations';
import { DEFAULT_POLICIES, type DefaultPolicy } from '../../../kernel/default-policies';
import { json, text } from './Migration20261123054700_Escalations';

/**
 * The statements that ship version `version` (2 or later) of a default policy: the version's row,
 * then the policy's `current_version` moved to it, both only where the database still holds the
 * version before it exactly as shipped (the policy's current version, with the shipped id and no
 * author). A policy a council has edited (a PATCH made a version with an author) is the council's
 * own: it keeps it, and the shipped version is not written.
 */
export function shipDefaultVersion(p: DefaultPolicy, version: number): string[] {
  const v = p.versions.find((x) => x.version === version);
  const before = p.versions.find((x) => x.version === version - 1);
  if (!v || !before || version < 2) throw new Error(`${p.key}: no version ${version} after a shipped one`);
  return [
    `insert into "escalation_policy_version" ("id", "policy_id", "version", "name", "active", "applies_to", "steps", "max_review_after", "created_at", "created_by_user_id") select ${text(v.id)}, p."id", ${version}, ${text(v.name)}, true, ${text(json(v.appliesTo))}, ${text(json(v.steps))}, ${text(v.maxReviewAfter)}, now(), null from "escalation_policy" p join "escalation_policy_version" v on v."policy_id" = p."id" and v."version" = p."current_version" where p."id" = ${text(p.id)} and p."key" = ${text(p.key)} and p."current_version" = ${before.version} and v."id" = ${text(before.id)} and v."created_by_user_id" is null;`,
    `update "escalation_policy" set "current_version" = ${version}, "updated_at" = now() where "id" = ${text(p.id)} and "current_version" = ${before.version} and exists (select 1 from "escalation_policy_version" where "id" = ${text(v.id)});`,
  ];
}

/**
 * Takes a shipped version back out where nothing depends on it: the policy returns to the version
 * before only while the shipped one is still current and no clock has started on it.
 */
export function unshipDefaultVersion(p: DefaultPolicy, version: number): string[] {
  const v = p.versions.find((x) => x.version === version)!;
  return [
    `update "escalation_policy" set "current_version" = ${version - 1}, "updated_at" = now() where "id" = ${text(p.id)} and "current_version" = ${version} and exists (select 1 from "escalation_policy_version" where "id" = ${text(v.id)} and "version" = ${version}) and not exists (select 1 from "escalation" where "policy_version_id" = ${text(v.id)});`,
    `delete from "escalation_policy_version" where "id" = ${text(v.id)} and exists (select 1 from "escalation_policy" where "id" = ${text(p.id)} and "current_version" = ${version - 1});`,
  ];
}

/** The default policies that have a version 2 (today: the 16-17 ladder). */
const withVersion2 = () => DEFAULT_POLICIES.filter((p) => p.versions.some((v) => v.version === 2));

/**
 * Version 2 of the default policies (issue 9): the 16-17 ladder reaches team manager, service
 * manager, head of service and director on entry, each repeating daily until the young person
 * moves, plus the PA on entry; its acknowledgements are reviewed within a working day (P1WD).
 *
 * Shipped only where the database still has the policy at version 1 as shipped (current version 1,
 * version 1 authored by nobody). A council that already edited the policy keeps its own ladder:
 * nothing of it is touched, and it can adopt the new ladder with a PATCH. Running clocks keep the
 * version they started with, as after any edit. The 18+ and parent policies get no new version:
 * their review bound is the column's default, P5WD.
 */
export class Migration20261129130000_DefaultPoliciesV2 extends Migration {
  override name = 'Migration20261129130000_DefaultPoliciesV2';

  override up(): void | Promise<void> {
    for (const p of withVersion2()) for (const sql of shipDefaultVersion(p, 2)) this.addSql(sql);
  }

  override down(): void | Promise<void> {
    for (const p of withVersion2()) for (const sql of unshipDefaultVersion(p, 2)) this.addSql(sql);
  }
}
