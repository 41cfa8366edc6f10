import { MikroORM } from '@mikro-orm/postgresql';
import { currentDefault, DEFAULT_POLICIES } from '../../../src/kernel/default-policies';
import { PoliciesService } from '../../../src/features/escalations/policies.service';
import { ormConfig } from '../../../src/platform/database/mikro-orm.config';
import { Integration } from '../../support/integration';

let it_: Integration;
beforeAll(async () => (it_ = await Integration.start()));
afterAll(() => it_?.stop());

const V2 = 'Migration20261129130000_DefaultPoliciesV2';
const under18 = DEFAULT_POLICIES.find((p) => p.key === 'under-18-unsuitable')!;

/** Runs the migrator on the test database (down or up), as `npm run db:migrate` would. */
async function migrate(direction: 'up' | 'down'): Promise<void> {
  const orm = await MikroORM.init(ormConfig(it_.databaseUrl, { poolMax: 2 }));
  try {
    if (direction === 'down') await orm.migrator.down({ migrations: [V2] });
    else await orm.migrator.up();
  } finally {
    await orm.close(true);
  }
}

async function versionRows() {
  const rows = await it_.db.query(
    `select p.id, p.key, p.current_version, v.id as version_id, v.version, v.name, v.active, v.applies_to, v.steps,
            v.max_review_after, v.created_by_user_id
       from escalation_policy p join escalation_policy_version v on v.policy_id = p.id order by p.key, v.version`,
  );
  return rows.rows as Record<string, unknown>[];
}

/** What DEFAULT_POLICIES says the database holds: every version shipped, the last current. */
function expectedRows(versionsOf: (key: string) => number = () => Infinity) {
  return [...DEFAULT_POLICIES]
    .sort((a, b) => (a.key < b.key ? -1 : 1))
    .flatMap((p) => {
      const shipped = p.versions.slice(0, versionsOf(p.key));
      return shipped.map((v) => ({
        id: p.id,
        key: p.key,
        current_version: shipped.length,
        version_id: v.id,
        version: v.version,
        name: v.name,
        active: true,
        applies_to: v.appliesTo,
        steps: v.steps,
        max_review_after: v.maxReviewAfter,
        created_by_user_id: null,
      }));
    });
}

describe('a freshly migrated database', () => {
  it('holds exactly DEFAULT_POLICIES: every shipped version with its ids, active, authored by nobody, the last current', async () => {
    expect(await versionRows()).toEqual(expectedRows());
  });

  it('answers the current default of each policy, review bound included', async () => {
    const policies = it_.get(PoliciesService);
    for (const p of DEFAULT_POLICIES) {
      const view = await policies.get(p.id);
      const v = currentDefault(p);
      expect(view).toMatchObject({ key: p.key, version: v.version, versionId: v.id, maxReviewAfter: v.maxReviewAfter });
      expect(view.steps).toEqual(v.steps);
    }
  });
});

describe('a database from before version 2 (the 16-17 ladder at version 1, as shipped)', () => {
  it('is left at version 1 when the migration is taken back out', async () => {
    await migrate('down');
    expect(await versionRows()).toEqual(expectedRows(() => 1));
  });

  it('gets version 2 of the 16-17 ladder: every manager on entry and daily, review within a working day', async () => {
    await migrate('up');
    expect(await versionRows()).toEqual(expectedRows());
    const view = await it_.get(PoliciesService).get(under18.id);
    expect(view).toMatchObject({ version: 2, maxReviewAfter: 'P1WD' });
    expect(view.steps.map((s) => [s.role, s.repeatEvery ?? null])).toEqual([
      ['team_manager', 'P1D'],
      ['service_manager', 'P1D'],
      ['head_of_service', 'P1D'],
      ['director', 'P1D'],
      ['pa', null],
    ]);
  });
});

describe('a council that already edited the 16-17 policy', () => {
  it('keeps its own version: the shipped version 2 is not written and nothing of the policy changes', async () => {
    await migrate('down');
    const admin = await it_.user('admin');
    const own = await it_
      .get(PoliciesService)
      .update(under18.id, { name: 'Our 16-17 ladder', steps: [{ after: 'PT0S', role: 'director' }] }, admin.id);
    expect(own.version).toBe(2);
    const before = await versionRows();

    await migrate('up');

    expect(await versionRows()).toEqual(before);
    const view = await it_.get(PoliciesService).get(under18.id);
    expect(view).toMatchObject({ version: 2, versionId: own.versionId, name: 'Our 16-17 ladder' });
    const shipped = await it_.db.query(`select 1 from escalation_policy_version where id = $1`, [
      currentDefault(under18).id,
    ]);
    expect(shipped.rowCount).toBe(0);
  });
});
