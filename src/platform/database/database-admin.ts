import { Client } from 'pg';

/** Connects to the server's maintenance database (`postgres`) next to the one in `databaseUrl`. */
function maintenanceUrl(databaseUrl: string): { url: string; name: string } {
  const u = new URL(databaseUrl);
  const name = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (!name) throw new Error('DATABASE_URL must name a database');
  u.pathname = '/postgres';
  return { url: u.toString(), name };
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Creates the database named in `databaseUrl` when it does not exist yet (a newcomer's first run). */
export async function ensureDatabase(databaseUrl: string): Promise<boolean> {
  const { url, name } = maintenanceUrl(databaseUrl);
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount) return false;
    await client.query(`create database ${quoteIdent(name)}`);
    return true;
  } finally {
    await client.end();
  }
}

/** Drops a database this process created (tests and benchmarks only). */
export async function dropDatabase(databaseUrl: string): Promise<void> {
  const { url, name } = maintenanceUrl(databaseUrl);
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`drop database if exists ${quoteIdent(name)} with (force)`);
  } finally {
    await client.end();
  }
}
