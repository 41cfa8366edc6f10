import { EntityManager } from '@mikro-orm/postgresql';
import { AuditService } from '../../../src/features/audit/audit.service';
import { Harness } from '../../support/harness';

describe('bulk audit writes', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start({ users: false, env: { WORKERS_ENABLED: 'false' } });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('stores every event exactly, quotes, backslashes, braces, commas, nulls and unicode included', async () => {
    const tricky = {
      text: 'a "quoted", {braced} \\ back\\slash \' single',
      list: [1, null, 'x,y'],
      nested: { ok: true },
      emoji: 'Crewe – café ✓',
      nul: null,
    };
    const id = crypto.randomUUID();
    const em = h.app.get(EntityManager).fork();
    await em.transactional((tx) =>
      h.app.get(AuditService).recordMany(tx, [
        { actorUserId: null, action: 'test.one', entity: 'Stay', entityId: id, changes: tricky },
        { actorUserId: null, action: 'test.two', entity: 'Stay', entityId: id, changes: {} },
      ]),
    );
    const rows = (
      await h.db.query(`select action, actor_user_id, changes from audit_event where entity_id = $1 order by id`, [id])
    ).rows;
    expect(rows).toEqual([
      { action: 'test.one', actor_user_id: null, changes: tricky },
      { action: 'test.two', actor_user_id: null, changes: {} },
    ]);
  });
});
