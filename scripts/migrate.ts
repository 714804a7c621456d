/**
 * `npm run db:migrate`: applies pending migrations (and the one-off data backfills that go with them) to
 * `DATABASE_URL`, or to the PGlite database under the data folder. A deployment step, run once before new API
 * and worker processes start; `npm start` does it by itself.
 */
import path from 'node:path';
import { migrate, openOrm } from '../db/orm.ts';
import { backfillSearchText } from '../db/repositories/search-text.ts';
import { loadConfig } from '../server/config.ts';

const config = loadConfig();
const orm = await openOrm({
  databaseUrl: config.databaseUrl,
  pgliteDir: path.join(config.dataDir, 'pglite'),
});
try {
  const pending = await orm.migrator.getPending();
  await migrate(orm);
  await backfillSearchText(orm.em.fork());
  console.log(
    pending.length
      ? `Applied ${pending.length} migration(s): ${pending.map((m) => m.name).join(', ')}.`
      : 'The database is up to date.',
  );
} finally {
  await orm.close();
}
