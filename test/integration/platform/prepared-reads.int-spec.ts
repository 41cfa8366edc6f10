import { MikroORM } from '@mikro-orm/postgresql';
import { executePrepared, statementName } from '../../../src/platform/database/sql';
import { UnitOfWork } from '../../../src/platform/database/unit-of-work';
import { Integration } from '../../support/integration';

/**
 * The pages' hot reads and the firing path's statements run as named prepared statements
 * (`executePrepared`): they must answer what the same read as text answers, be prepared once per
 * connection and reused after, inside a unit of work too, and there see that transaction's own
 * uncommitted writes.
 */
describe('prepared reads (executePrepared)', () => {
  let env: Integration;
  let uow: UnitOfWork;

  beforeAll(async () => {
    env = await Integration.start();
    uow = env.get(UnitOfWork);
  });
  afterAll(() => env.stop());

  const READ = `select id, name, role, created_at, active from app_user where role = $1 order by name`;

  it('answers the same rows, with the same types, as the read sent as text', async () => {
    await env.user('director', { name: 'Dee Director' });
    await env.user('pa', { name: 'Pat Adviser' });
    const prepared = await executePrepared<Record<string, unknown>>(uow.em, READ, ['director']);
    const asText = await uow.em.execute<Record<string, unknown>[]>(
      `select id, name, role, created_at, active from app_user where role = ? order by name`,
      ['director'],
    );
    expect(prepared).toEqual(asText);
    expect(prepared).toHaveLength(1);
    // The pool's type parsers are MikroORM's either way: instants as PostgreSQL's text, booleans as booleans.
    expect(typeof prepared[0].created_at).toBe(typeof asText[0].created_at);
    expect(new Date(prepared[0].created_at as string).getTime()).not.toBeNaN();
    expect(prepared[0].active).toBe(true);
  });

  it('prepares the statement once on a connection and reuses it, with new values each time', async () => {
    const name = statementName(READ)!;
    expect(statementName(READ)).toBe(name);
    expect(statementName(READ + ' ')).not.toBe(name);
    await executePrepared(uow.em, READ, ['pa']);
    const again = await executePrepared<{ name: string }>(uow.em, READ, ['pa']);
    expect(again.map((r) => r.name)).toEqual(['Pat Adviser']);
    // Every pooled connection that ran it holds it under that one name, parsed by PostgreSQL once.
    const pool = await env.get(MikroORM).em.getConnection().getNativeClient();
    const client = await pool.connect();
    try {
      await client.query({ name, text: READ, values: ['director'] });
      const { rows } = await client.query<{ n: number }>(
        `select count(*)::int as n from pg_prepared_statements where name = $1`,
        [name],
      );
      expect(rows[0].n).toBe(1);
    } finally {
      client.release();
    }
  });

  it("inside a unit of work is prepared on the transaction's own connection, and reused by the next transaction", async () => {
    const read = `select id from app_user where role = $1 and active order by id`;
    const name = statementName(read)!;
    const prepared = `select count(*)::int as n from pg_prepared_statements where name = ?`;
    for (let i = 0; i < 2; i++) {
      await uow.run(async (em) => {
        await executePrepared(uow.em, read, ['director']);
        // The same session (the transaction's connection) now holds it under its name.
        const [{ n }] = await em.execute<{ n: number }[]>(prepared, [name]);
        expect(n).toBe(1);
      });
    }
    // A text that never went through executePrepared is sent as it is, in a transaction too.
    await uow.run(async (em) => {
      await em.execute(`select id from app_user where role = 'pa'`);
      const [{ n }] = await em.execute<{ n: number }[]>(
        `select count(*)::int as n from pg_prepared_statements where statement like '%role = ''pa''%'`,
      );
      expect(n).toBe(0);
    });
  });

  it("inside a unit of work reads that transaction's own uncommitted writes, and nothing of a rolled-back one survives", async () => {
    const id = crypto.randomUUID();
    await expect(
      uow.run(async (em) => {
        await em.execute(
          `insert into app_user (id, email, name, role, active, password_hash, created_at, updated_at)
           values (?, ?, 'Tess Manager', 'team_manager', true, 'not-a-hash', now(), now())`,
          [id, `tm.${id.slice(0, 8)}@test.invalid`],
        );
        const inside = await executePrepared<{ id: string }>(uow.em, READ, ['team_manager']);
        expect(inside.map((r) => r.id)).toEqual([id]);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await executePrepared(uow.em, READ, ['team_manager'])).toEqual([]);
  });
});
