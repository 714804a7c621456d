/**
 * @module
 * A throw-away, migrated database for tests and benchmarks: a new PostgreSQL database on the server named by
 * `databaseUrl` (dropped by `drop()`), or an in-memory PGlite when there is none.
 */
import { randomBytes } from 'node:crypto';
import { migrate, openOrm, type Orm } from './orm.ts';

export interface ScratchDatabase {
  orm: Orm;
  kind: 'postgresql' | 'pglite';
  /** The database's URL (PostgreSQL only), for processes of their own. */
  url?: string | undefined;
  drop(): Promise<void>;
}

export async function createScratchDatabase(
  databaseUrl: string | undefined,
  prefix = 'pl_scratch',
  options: { migrate?: boolean } = {},
): Promise<ScratchDatabase> {
  const url = databaseUrl;
  if (!url) {
    const orm = await openOrm({});
    await migrate(orm);
    return { orm, kind: 'pglite', drop: () => orm.close() };
  }
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = await openOrm({ databaseUrl: url });
  await admin.em.fork().execute(`create database "${name}"`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const orm = await openOrm({ databaseUrl: target.toString() });
  if (options.migrate !== false) await migrate(orm);
  return {
    orm,
    kind: 'postgresql',
    url: target.toString(),
    async drop() {
      await orm.close();
      await admin.em.fork().execute(`drop database if exists "${name}" with (force)`);
      await admin.close();
    },
  };
}
