/**
 * A fresh, migrated database per test file: a new PostgreSQL database on the server named by
 * `DATABASE_URL` (dropped afterwards), or an in-memory PGlite when it is not set.
 */
import { randomBytes } from 'node:crypto';
import { migrate, openOrm, type Orm } from '../../db/orm.ts';

export interface TestDatabase {
  orm: Orm;
  kind: 'postgresql' | 'pglite';
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const orm = await openOrm({});
    await migrate(orm);
    return { orm, kind: 'pglite', drop: () => orm.close() };
  }
  const name = `pl_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = await openOrm({ databaseUrl: url });
  await admin.em.fork().execute(`create database "${name}"`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const orm = await openOrm({ databaseUrl: target.toString() });
  await migrate(orm);
  return {
    orm,
    kind: 'postgresql',
    async drop() {
      await orm.close();
      await admin.em.fork().execute(`drop database if exists "${name}" with (force)`);
      await admin.close();
    },
  };
}
