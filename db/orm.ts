/**
 * @module
 * Opens the database: PostgreSQL when `databaseUrl` is given, otherwise PGlite (embedded PostgreSQL)
 * persisted in `pgliteDir` (or in memory). Both share one schema and one set of committed migrations.
 */
import { fileURLToPath } from 'node:url';
import { Migrator } from '@mikro-orm/migrations';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { MikroORM as PgliteORM } from '@mikro-orm/pglite';
import { MikroORM as PostgresORM } from '@mikro-orm/postgresql';
import type { EntityManager, MikroORM } from '@mikro-orm/sql';
import { ENTITIES } from './entities/index.ts';

export type Orm = MikroORM;
export type Em = EntityManager;

export interface DatabaseOptions {
  /** `postgres://…`; when absent PGlite is used. */
  databaseUrl?: string | undefined;
  /** PGlite data directory; `memory://` or absent for an in-memory database. */
  pgliteDir?: string | undefined;
  debug?: boolean;
}

const migrationsPath = fileURLToPath(new URL('./migrations', import.meta.url));

function commonOptions(options: DatabaseOptions) {
  return {
    entities: ENTITIES,
    extensions: [Migrator] as (typeof Migrator)[],
    debug: options.debug ?? false,
    // Every request and activity forks its own entity manager; the global one is never used for work.
    allowGlobalContext: false,
    migrations: {
      path: migrationsPath,
      pathTs: migrationsPath,
      glob: '!(*.d).{js,ts}',
      silent: true,
      transactional: true,
      allOrNothing: true,
      snapshot: true,
      snapshotName: '.snapshot-press-liaison',
    },
  };
}

export async function openOrm(options: DatabaseOptions): Promise<Orm> {
  if (options.databaseUrl) {
    return await PostgresORM.init({ ...commonOptions(options), clientUrl: options.databaseUrl });
  }
  const dbName = options.pgliteDir && options.pgliteDir !== 'memory://' ? options.pgliteDir : 'memory://';
  // pg_trgm backs the directory search (trigram indexes), as it does on PostgreSQL.
  return await PgliteORM.init({
    ...commonOptions(options),
    dbName,
    driverOptions: { extensions: { pg_trgm } },
  });
}

/** Applies pending committed migrations. */
export async function migrate(orm: Orm): Promise<void> {
  await orm.migrator.up();
}
