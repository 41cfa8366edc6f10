import { DEFAULT_POLICIES } from '../../../src/kernel/default-policies';
import { Integration } from '../../support/integration';

let it_: Integration;
beforeAll(async () => (it_ = await Integration.start()));
afterAll(() => it_?.stop());

describe('a freshly migrated database', () => {
  it('holds exactly DEFAULT_POLICIES: each policy and its version 1, active, with their shipped ids', async () => {
    const rows = await it_.db.query(
      `select p.id, p.key, p.current_version, v.id as version_id, v.version, v.name, v.active, v.applies_to, v.steps, v.created_by_user_id
         from escalation_policy p join escalation_policy_version v on v.policy_id = p.id order by p.key`,
    );
    const expected = [...DEFAULT_POLICIES]
      .sort((a, b) => (a.key < b.key ? -1 : 1))
      .map((p) => ({
        id: p.id,
        key: p.key,
        current_version: 1,
        version_id: p.versionId,
        version: 1,
        name: p.name,
        active: true,
        applies_to: p.appliesTo,
        steps: p.steps,
        created_by_user_id: null,
      }));
    expect(rows.rows).toEqual(expected);
  });
});
