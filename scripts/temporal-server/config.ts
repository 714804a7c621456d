/**
 * @module
 * The Temporal server's configuration for the production-like run, written under `.tmp`: one cluster of all four
 * services in one process, every port on 127.0.0.1 and chosen free, PostgreSQL (`postgres12` plugin) for both
 * the default and the visibility store. Modelled on the module's `config/development-postgres12.yaml`, without
 * archival, metrics and pprof listeners (nothing here reads them, and each would be one more open port).
 *
 * YAML is a superset of JSON, so the file is JSON under a comment: no YAML writer needed, nothing to escape.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isLoopbackHost } from '../../server/config.ts';
import { createServer } from 'node:net';

const SERVICES = ['frontend', 'history', 'matching', 'worker'] as const;
type Service = (typeof SERVICES)[number];

export interface PostgresTarget {
  host: string;
  port: number;
  user: string;
  password: string;
}

export interface ServerLayout {
  /** `--root`: the config folder (`config/`) lives below it. */
  root: string;
  /** `--env`: the config file is `config/<env>.yaml`. */
  env: string;
  /** gRPC and membership (ringpop) port of each service. */
  ports: Record<Service, { grpc: number; membership: number }>;
  databases: { default: string; visibility: string };
  postgres: PostgresTarget;
  /** The frontend, where clients connect: `127.0.0.1:<port>`. */
  address: string;
}

/** Host, port and credentials of a `postgres://` URL; refuses anything but this machine. */
export function postgresTarget(databaseUrl: string): PostgresTarget {
  const url = new URL(databaseUrl);
  if (!isLoopbackHost(url.hostname))
    throw new Error(
      `DATABASE_URL names ${url.hostname}: the production-like run only uses a PostgreSQL on this machine (loopback).`,
    );
  return {
    host: url.hostname === 'localhost' ? '127.0.0.1' : url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username || 'postgres'),
    password: decodeURIComponent(url.password),
  };
}

/** Whether `port` can be bound on 127.0.0.1 right now. */
function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * A free loopback port below 32768. The SQL stores keep each host's membership port in a SMALLINT column
 * (`cluster_membership.rpc_port`), so the kernel's ephemeral ports (32768 and up) make the server fail at start.
 */
async function lowFreePort(taken: Set<number>): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (!taken.has(port) && (await bindable(port))) {
      taken.add(port);
      return port;
    }
  }
  throw new Error('No free loopback port between 20000 and 32000 for the Temporal server.');
}

/** Free loopback ports for every service (chosen once; a restarted server reuses them, as a real host would). */
export async function planLayout(options: {
  root: string;
  databases: ServerLayout['databases'];
  postgres: PostgresTarget;
}): Promise<ServerLayout> {
  const ports = {} as ServerLayout['ports'];
  const taken = new Set<number>();
  for (const service of SERVICES)
    ports[service] = { grpc: await lowFreePort(taken), membership: await lowFreePort(taken) };
  return { ...options, env: 'press-liaison', ports, address: `127.0.0.1:${ports.frontend.grpc}` };
}

function datastore(layout: ServerLayout, database: string, maxConns: number) {
  const { host, port, user, password } = layout.postgres;
  return {
    sql: {
      pluginName: 'postgres12',
      databaseName: database,
      connectAddr: `${host}:${port}`,
      connectProtocol: 'tcp',
      user,
      password,
      maxConns,
      maxIdleConns: maxConns,
      maxConnLifetime: '1h',
    },
  };
}

/** The static configuration (`config/<env>.yaml`). */
export function serverConfig(layout: ServerLayout, dynamicConfigFile: string) {
  return {
    log: { stdout: true, level: 'warn' },
    persistence: {
      defaultStore: 'postgres-default',
      visibilityStore: 'postgres-visibility',
      // Four shards: enough to spread work over the history service, few for a two-core machine.
      numHistoryShards: 4,
      datastores: {
        'postgres-default': datastore(layout, layout.databases.default, 20),
        'postgres-visibility': datastore(layout, layout.databases.visibility, 10),
      },
    },
    global: { membership: { maxJoinDuration: '30s', broadcastAddress: '127.0.0.1' } },
    services: Object.fromEntries(
      SERVICES.map((service) => [
        service,
        {
          rpc: {
            grpcPort: layout.ports[service].grpc,
            membershipPort: layout.ports[service].membership,
            bindOnLocalHost: true,
          },
        },
      ]),
    ),
    clusterMetadata: {
      enableGlobalNamespace: false,
      failoverVersionIncrement: 10,
      masterClusterName: 'active',
      currentClusterName: 'active',
      clusterInformation: {
        active: { enabled: true, initialFailoverVersion: 1, rpcName: 'frontend', rpcAddress: layout.address },
      },
    },
    dcRedirectionPolicy: { policy: 'noop' },
    archival: { history: { state: 'disabled' }, visibility: { state: 'disabled' } },
    namespaceDefaults: { archival: { history: { state: 'disabled' }, visibility: { state: 'disabled' } } },
    dynamicConfigClient: { filepath: dynamicConfigFile, pollInterval: '10s' },
  };
}

/**
 * Dynamic configuration: what the product relies on (Update-with-Start, i.e. `ExecuteMultiOperation`, and
 * Updates) said explicitly rather than left to this version's defaults, and the two settings the dev server
 * changes for a single host (a smaller history cache, a visibility rate of 100/s instead of 10/s), so figures
 * compare with the dev server's.
 */
export function dynamicConfig() {
  const one = (value: unknown) => [{ value, constraints: {} }];
  return {
    'frontend.enableExecuteMultiOperation': one(true),
    'frontend.enableUpdateWorkflowExecution': one(true),
    'history.hostLevelCacheMaxSize': one(8192),
    'frontend.namespaceRPS.visibility': one(100),
    'limit.maxIDLength': one(255),
    // Nexus needs the frontend's HTTP port, which this config leaves closed; say so instead of a warning at start.
    'system.enableNexus': one(false),
  };
}

/** Writes both files under `layout.root`; returns the static config's path. */
export async function writeServerConfig(layout: ServerLayout): Promise<string> {
  const configDir = path.join(layout.root, 'config');
  await mkdir(configDir, { recursive: true });
  const dynamicFile = path.join(layout.root, 'dynamicconfig.yaml');
  const header = '# Written by scripts/temporal-server (npm run load / chaos); JSON is valid YAML.\n';
  await writeFile(dynamicFile, header + JSON.stringify(dynamicConfig(), null, 2) + '\n');
  const file = path.join(configDir, `${layout.env}.yaml`);
  await writeFile(file, header + JSON.stringify(serverConfig(layout, dynamicFile), null, 2) + '\n');
  return file;
}
