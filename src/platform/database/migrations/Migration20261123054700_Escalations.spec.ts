import { DEFAULT_POLICIES } from '../../../kernel/default-policies';
import { defaultPolicyInserts, Migration20261123054700_Escalations } from './Migration20261123054700_Escalations';

/** The statements this migration shipped with, written by hand before DEFAULT_POLICIES became their source. */
const SHIPPED = [
  `insert into "escalation_policy" ("id", "key", "current_version", "created_at", "updated_at") values ('f614d718-1668-56df-a154-1f2cc1eecb0f', 'adult-emergency-accommodation', 1, now(), now());`,
  `insert into "escalation_policy_version" ("id", "policy_id", "version", "name", "active", "applies_to", "steps", "created_at", "created_by_user_id") values ('6b661674-64bf-539b-a7c4-d4794f07fb33', 'f614d718-1668-56df-a154-1f2cc1eecb0f', 1, '18+ in hotel / B&B / emergency accommodation', true, '{"minAge": 18, "accommodationCodes": ["V", "W", "S"], "unsuitableOnly": true}', '[{"after": "PT0S", "role": "team_manager"}, {"after": "PT0S", "role": "pa"}, {"after": "P1WD", "role": "service_manager"}, {"after": "P2WD", "role": "head_of_service"}, {"after": "P5WD", "role": "director"}, {"after": "P10WD", "role": "head_of_service", "repeatEvery": "P5WD"}]', now(), null);`,
  `insert into "escalation_policy" ("id", "key", "current_version", "created_at", "updated_at") values ('d84e0d5b-58a2-5709-a7d4-3efd10121815', 'under-18-unsuitable', 1, now(), now());`,
  `insert into "escalation_policy_version" ("id", "policy_id", "version", "name", "active", "applies_to", "steps", "created_at", "created_by_user_id") values ('718f8d54-e0cb-5778-a084-f79c590135a8', 'd84e0d5b-58a2-5709-a7d4-3efd10121815', 1, '16-17 in unsuitable accommodation', true, '{"minAge": 16, "maxAge": 17, "unsuitableOnly": true}', '[{"after": "PT0S", "role": "head_of_service"}, {"after": "PT0S", "role": "director"}, {"after": "PT0S", "role": "team_manager"}, {"after": "PT0S", "role": "pa"}]', now(), null);`,
  `insert into "escalation_policy" ("id", "key", "current_version", "created_at", "updated_at") values ('3f37323c-89b2-5e58-a60f-9521db8fc0a0', 'parent-bnb-six-weeks', 1, now(), now());`,
  `insert into "escalation_policy_version" ("id", "policy_id", "version", "name", "active", "applies_to", "steps", "created_at", "created_by_user_id") values ('19067ebe-3a7f-535c-aebf-124abb27e15f', '3f37323c-89b2-5e58-a60f-9521db8fc0a0', 1, 'Pregnant or parent in B&B: 6-week limit', true, '{"accommodationCodes": ["W"], "pregnantOrParent": true}', '[{"after": "PT0S", "role": "team_manager"}, {"after": "P5W", "role": "head_of_service"}, {"after": "P6W", "role": "director"}]', now(), null);`,
];

function migrationSql(): string[] {
  const migration = new Migration20261123054700_Escalations(null as never, null as never);
  void migration.up();
  return migration.getQueries() as string[];
}

/** The values of an `insert … values (…)` statement, unquoted (enough for the literals this migration writes). */
function values(sql: string): string[] {
  const inner = /values \((.*)\);$/.exec(sql)![1];
  return [...inner.matchAll(/'((?:[^']|'')*)'|([^,\s][^,]*)/g)].map((m) => (m[1] ?? m[2]).replace(/''/g, "'"));
}

describe('the escalations migration and DEFAULT_POLICIES', () => {
  it('writes the default policies with exactly the statements it shipped with, so old and new databases are identical', () => {
    const policyInserts = migrationSql().filter((q) => q.startsWith('insert into "escalation_policy'));
    expect(policyInserts).toEqual(SHIPPED);
  });

  it('builds those statements from version 1 of each of DEFAULT_POLICIES: its ids, name, scope and steps, active', () => {
    const sql = defaultPolicyInserts(DEFAULT_POLICIES);
    expect(sql).toHaveLength(2 * DEFAULT_POLICIES.length);
    DEFAULT_POLICIES.forEach((p, i) => {
      const v1 = p.versions[0];
      expect(values(sql[2 * i])).toEqual([p.id, p.key, '1', 'now()', 'now()']);
      const [versionId, policyId, version, name, active, appliesTo, steps, , author] = values(sql[2 * i + 1]);
      expect({ versionId, policyId, version, name, active, author }).toEqual({
        versionId: v1.id,
        policyId: p.id,
        version: '1',
        name: v1.name,
        active: 'true',
        author: 'null',
      });
      expect(JSON.parse(appliesTo)).toEqual(v1.appliesTo);
      expect(JSON.parse(steps)).toEqual(v1.steps);
    });
  });

  it('writes no review bound: version 1s hold the column default P5WD, as DEFAULT_POLICIES says', () => {
    for (const p of DEFAULT_POLICIES) expect(p.versions[0].maxReviewAfter).toBe('P5WD');
    for (const sql of defaultPolicyInserts(DEFAULT_POLICIES)) expect(sql).not.toContain('max_review_after');
  });

  it('refuses a policy whose first listed version is not version 1', () => {
    const [p] = DEFAULT_POLICIES;
    expect(() => defaultPolicyInserts([{ ...p, versions: [{ ...p.versions[0], version: 2 }] }])).toThrow(/version 1/);
  });

  it('follows DEFAULT_POLICIES when they change, quoting what needs quoting', () => {
    const [p] = DEFAULT_POLICIES;
    const changed = [{ ...p, versions: [{ ...p.versions[0], name: "Council's own" }] }];
    const [, version] = defaultPolicyInserts(changed);
    expect(version).toContain(`'Council''s own'`);
    expect(values(version)[3]).toBe("Council's own");
  });

  it('gives every default policy and version its own version-5 UUID', () => {
    const ids = DEFAULT_POLICIES.flatMap((p) => [p.id, ...p.versions.map((v) => v.id)]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(DEFAULT_POLICIES.map((p) => p.key)).size).toBe(DEFAULT_POLICIES.length);
  });
});
