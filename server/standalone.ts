/**
 * @module
 * What `npm run api` and `npm run worker` share: they run as separate processes against a Temporal cluster
 * and one PostgreSQL, so both refuse, with the fix in the message, what only works inside one process
 * (PGlite), a schema that is not migrated (migrations are a deployment step: `npm run db:migrate`), and a
 * namespace without the product's search attributes.
 */
import { Connection } from '@temporalio/client';
import { openOrm, type Orm } from '../db/orm.ts';
import type { Config } from './config.ts';
import { missingSearchAttributes } from './search-attributes.ts';

/** Stops the process with a message an operator can act on. */
export function refuse(lines: string[]): never {
  console.error(lines.join('\n'));
  process.exit(1);
}

/** The Temporal address: `TEMPORAL_ADDRESS`, or a local server on `TEMPORAL_PORT`. */
export function temporalAddress(config: Config): string {
  return config.temporalAddress ?? `127.0.0.1:${config.temporalPort}`;
}

/** PostgreSQL, migrated; otherwise the process stops and says what to run. */
export async function openMigratedDatabase(config: Config, part: string): Promise<Orm> {
  if (!config.databaseUrl)
    refuse([
      `npm run ${part} needs DATABASE_URL (PostgreSQL): the API and worker processes share one database.`,
      'To run everything in one process on embedded defaults (PGlite), use npm start.',
    ]);
  const orm = await openOrm({ databaseUrl: config.databaseUrl });
  const pending = await orm.migrator.getPending();
  if (pending.length > 0) {
    await orm.close();
    refuse([
      `The database has ${pending.length} migration(s) to apply (${pending.map((m) => m.name).join(', ')}).`,
      'Run `npm run db:migrate` (one step of a deployment, before the new processes start).',
    ]);
  }
  return orm;
}

/** The namespace has every search attribute the workflows use; otherwise stop with the commands to add them. */
export async function checkSearchAttributes(config: Config, address: string): Promise<void> {
  const namespace = config.temporalNamespace;
  const connection = await Connection.connect({ address, ...config.temporalConnection });
  try {
    const missing = await missingSearchAttributes(connection, namespace);
    if (missing.length)
      refuse([
        `The Temporal namespace '${namespace}' lacks search attributes: ${missing.map((m) => m.name).join(', ')}.`,
        'Add them (an operator, once per namespace):',
        ...missing.map((m) => `  ${m.command}`),
      ]);
  } finally {
    await connection.close();
  }
}
