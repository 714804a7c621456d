/**
 * @module
 * The Temporal server's two PostgreSQL databases (history and visibility), made fresh for a run: dropped,
 * created, and their schemas set up and brought to this server version's latest by the server's own SQL tool
 * (`temporal-sql-tool`), from the versioned schemas embedded in it (the same files as the module's
 * `schema/postgresql/v12/{temporal,visibility}/versioned`).
 */
import { execFile } from 'node:child_process';
import { openOrm } from '../../db/orm.ts';
import type { ServerLayout } from './config.ts';

/** Runs the SQL tool with the connection flags for `database`; throws with its output when it fails. */
function sqlTool(tool: string, layout: ServerLayout, database: string, args: string[]): Promise<string> {
  const { host, port, user, password } = layout.postgres;
  const connection = [
    '--endpoint',
    host,
    '--port',
    String(port),
    '--user',
    user,
    '--password',
    password,
    '--plugin',
    'postgres12',
    '--database',
    database,
  ];
  return new Promise((resolve, reject) =>
    execFile(tool, [...connection, ...args], { timeout: 120_000 }, (error, stdout, stderr) => {
      const output = `${stdout}${stderr}`;
      if (error)
        reject(new Error(`temporal-sql-tool ${args[0]} (${database}) failed: ${error.message}\n${output}`));
      else resolve(output);
    }),
  );
}

/**
 * Drops both databases. With `force`, because a server a killed run left behind may still hold connections
 * (the SQL tool's own drop would wait on them), so this goes through the admin connection instead.
 */
export async function dropServerDatabases(adminUrl: string, layout: ServerLayout): Promise<void> {
  const admin = await openOrm({ databaseUrl: adminUrl });
  try {
    for (const name of Object.values(layout.databases))
      await admin.em.fork().execute(`drop database if exists "${name}" with (force)`);
  } finally {
    await admin.close();
  }
}

/** Fresh databases with the latest schema of this server version. */
export async function prepareServerDatabases(
  sqlToolPath: string,
  adminUrl: string,
  layout: ServerLayout,
): Promise<void> {
  await dropServerDatabases(adminUrl, layout);
  const schemas = [
    [layout.databases.default, 'postgresql/v12/temporal'],
    [layout.databases.visibility, 'postgresql/v12/visibility'],
  ] as const;
  for (const [database, schemaName] of schemas) {
    await sqlTool(sqlToolPath, layout, database, ['create-database', '--defaultdb', 'postgres']);
    // Version 0.0 lays down the versioning tables; update-schema then applies every versioned step in order.
    await sqlTool(sqlToolPath, layout, database, ['setup-schema', '--version', '0.0']);
    await sqlTool(sqlToolPath, layout, database, ['update-schema', '--schema-name', schemaName]);
  }
}
