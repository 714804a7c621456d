/**
 * Generates a migration from the difference between the entities and the committed snapshot, against a
 * throw-away in-memory PGlite database. Usage: `npm run db:migration:create [-- --initial]`.
 */
import { migrate, openOrm } from '../db/orm.ts';

const orm = await openOrm({});
try {
  const initial = process.argv.includes('--initial');
  if (!initial) await migrate(orm);
  const result = initial ? await orm.migrator.createInitial() : await orm.migrator.create();
  console.log(
    result.fileName ? `Created ${result.fileName}` : 'No changes: the schema matches the entities.',
  );
} finally {
  await orm.close();
}
