import { AuditService } from '../../../src/features/audit/audit.service';
import { UnitOfWork } from '../../../src/platform/database/unit-of-work';
import { Integration } from '../../support/integration';

let it_: Integration;
beforeAll(async () => (it_ = await Integration.start()));
afterAll(() => it_?.stop());

const rowsOf = async (entityId: string) =>
  (
    await it_.db.query(`select action, actor_user_id, at, changes from audit_event where entity_id = $1 order by id`, [
      entityId,
    ])
  ).rows;

describe('AuditService and AuditRepository against PostgreSQL', () => {
  it('bulk-writes every event exactly, quotes, backslashes, braces, commas, nulls and unicode included', async () => {
    const tricky = {
      text: 'a "quoted", {braced} \\ back\\slash \' single',
      list: [1, null, 'x,y'],
      nested: { ok: true },
      emoji: 'Crewe – café ✓',
      nul: null,
    };
    const id = crypto.randomUUID();
    await it_.get(UnitOfWork).run((tx) =>
      it_.get(AuditService).recordMany(tx, [
        { actorUserId: null, action: 'test.one', entity: 'Stay', entityId: id, changes: tricky },
        { actorUserId: null, action: 'test.two', entity: 'Stay', entityId: id, changes: {} },
      ]),
    );
    const rows = (await rowsOf(id)).map(({ action, actor_user_id, changes }) => ({ action, actor_user_id, changes }));
    expect(rows).toEqual([
      { action: 'test.one', actor_user_id: null, changes: tricky },
      { action: 'test.two', actor_user_id: null, changes: {} },
    ]);
  });

  it('bulk-writes each event’s own time (else the clock’s), its actor, and undefined as null', async () => {
    const actor = await it_.user('admin');
    const id = crypto.randomUUID();
    const earlier = new Date('2026-10-01T08:00:00Z');
    await it_.get(UnitOfWork).run((tx) =>
      it_.get(AuditService).recordMany(tx, [
        {
          actorUserId: actor.id,
          action: 'test.at',
          entity: 'Stay',
          entityId: id,
          changes: { gone: undefined },
          at: earlier,
        },
        { actorUserId: actor.id, action: 'test.now', entity: 'Stay', entityId: id, changes: { n: 1 } },
      ]),
    );
    expect(await rowsOf(id)).toEqual([
      { action: 'test.at', actor_user_id: actor.id, at: earlier, changes: { gone: null } },
      { action: 'test.now', actor_user_id: actor.id, at: it_.clock.now(), changes: { n: 1 } },
    ]);
  });

  it('writes nothing when the bulk list is empty, and nothing when the transaction rolls back', async () => {
    const id = crypto.randomUUID();
    const audit = it_.get(AuditService);
    await it_.get(UnitOfWork).run((tx) => audit.recordMany(tx, []));
    await expect(
      it_.get(UnitOfWork).run(async (tx) => {
        audit.record(tx, { actorUserId: null, action: 'test.one', entity: 'Stay', entityId: id, changes: {} });
        await audit.recordMany(tx, [
          { actorUserId: null, action: 'test.many', entity: 'Stay', entityId: id, changes: {} },
        ]);
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await rowsOf(id)).toEqual([]);
  });

  it('lists the trail newest first, filtered by entity, entity id and actor', async () => {
    const actor = await it_.user('admin');
    const id = crypto.randomUUID();
    const audit = it_.get(AuditService);
    await it_.get(UnitOfWork).run((tx) => {
      for (const action of ['test.first', 'test.second', 'test.third'])
        audit.record(tx, { actorUserId: actor.id, action, entity: 'Bed', entityId: id, changes: { action } });
      audit.record(tx, { actorUserId: null, action: 'test.system', entity: 'Bed', entityId: id, changes: {} });
    });
    const page = await audit.list({ entity: 'Bed', entityId: id, actorUserId: actor.id, limit: 2 });
    expect(page.total).toBe(3);
    expect(page.items.map((e) => e.action)).toEqual(['test.third', 'test.second']);
    expect(page.items[0]).toMatchObject({
      entity: 'Bed',
      entityId: id,
      actorUserId: actor.id,
      changes: { action: 'test.third' },
    });
    expect((await audit.list({ entity: 'Stay', entityId: id })).total).toBe(0);
  });
});
