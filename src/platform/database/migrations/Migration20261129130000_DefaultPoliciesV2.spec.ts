import { DEFAULT_POLICIES, DEFAULT_POLICY_ID_NAMESPACE } from '../../../kernel/default-policies';
import { uuidV5 } from '../../uuid';
import {
  Migration20261129130000_DefaultPoliciesV2,
  shipDefaultVersion,
} from './Migration20261129130000_DefaultPoliciesV2';

/** The statements this migration ships with: changing version 2 in DEFAULT_POLICIES must fail here. */
const SHIPPED_UP = [
  `insert into "escalation_policy_version" ("id", "policy_id", "version", "name", "active", "applies_to", "steps", "max_review_after", "created_at", "created_by_user_id") select '5adcf78d-49a1-583f-a151-ca4c61fbfe4e', p."id", 2, '16-17 in unsuitable accommodation', true, '{"minAge": 16, "maxAge": 17, "unsuitableOnly": true}', '[{"after": "PT0S", "role": "team_manager", "repeatEvery": "P1D"}, {"after": "PT0S", "role": "service_manager", "repeatEvery": "P1D"}, {"after": "PT0S", "role": "head_of_service", "repeatEvery": "P1D"}, {"after": "PT0S", "role": "director", "repeatEvery": "P1D"}, {"after": "PT0S", "role": "pa"}]', 'P1WD', now(), null from "escalation_policy" p join "escalation_policy_version" v on v."policy_id" = p."id" and v."version" = p."current_version" where p."id" = 'd84e0d5b-58a2-5709-a7d4-3efd10121815' and p."key" = 'under-18-unsuitable' and p."current_version" = 1 and v."id" = '718f8d54-e0cb-5778-a084-f79c590135a8' and v."created_by_user_id" is null;`,
  `update "escalation_policy" set "current_version" = 2, "updated_at" = now() where "id" = 'd84e0d5b-58a2-5709-a7d4-3efd10121815' and "current_version" = 1 and exists (select 1 from "escalation_policy_version" where "id" = '5adcf78d-49a1-583f-a151-ca4c61fbfe4e');`,
];

function queries(direction: 'up' | 'down'): string[] {
  const migration = new Migration20261129130000_DefaultPoliciesV2(null as never, null as never);
  void migration[direction]();
  return migration.getQueries() as string[];
}

describe('the default policies version 2 migration', () => {
  it('ships exactly version 2 of the 16-17 ladder, only over version 1 as shipped', () => {
    expect(queries('up')).toEqual(SHIPPED_UP);
  });

  it('ships no new version of the 18+ and parent policies', () => {
    const keys = DEFAULT_POLICIES.filter((p) => p.versions.length > 1).map((p) => p.key);
    expect(keys).toEqual(['under-18-unsuitable']);
  });

  it('goes down by taking version 2 back out only where nothing started on it', () => {
    const [back, remove] = queries('down');
    expect(back).toMatch(
      /set "current_version" = 1,.* "current_version" = 2 .* not exists \(select 1 from "escalation"/,
    );
    expect(remove).toMatch(/^delete from "escalation_policy_version" where "id" = '5adcf78d-/);
  });

  it('names every version from 2 on with a version-5 UUID of its key and number, in the recorded namespace', () => {
    expect(DEFAULT_POLICY_ID_NAMESPACE).toBe(
      uuidV5('6ba7b811-9dad-11d1-80b4-00c04fd430c8', 'https://care-leavers.invalid/default-escalation-policies'),
    );
    for (const p of DEFAULT_POLICIES)
      for (const v of p.versions.slice(1))
        expect(v.id).toBe(uuidV5(DEFAULT_POLICY_ID_NAMESPACE, `${p.key}@${v.version}`));
  });

  it('refuses to ship a version that has no shipped version before it', () => {
    const [p] = DEFAULT_POLICIES;
    expect(() => shipDefaultVersion(p, 2)).toThrow(/no version 2/);
    expect(() => shipDefaultVersion(p, 1)).toThrow(/no version 1/);
  });
});
