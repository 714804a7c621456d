/**
 * @module
 * One production-like run, shared by `npm run load` and `npm run chaos`: the topology (started, or attached to),
 * the users, the load, in chaos mode the kills and restarts, then the checks and the figures. Exits 1 on any
 * failed check. Settings: LOAD_LIFECYCLES (200), LOAD_CONCURRENCY (16), LOAD_GIVE_UP_S (180: how long a client
 * keeps retrying one request), LOAD_KEEP=1 (leave the topology running after the run until Ctrl-C, to look at
 * it or attach a second load), LOAD_API_URLS + LOAD_TEMPORAL_ADDRESS (attach instead of starting; load only).
 */
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { TEMPORAL_SERVER_VERSION } from '../temporal-server/binaries.ts';
import { startChaos, type ChaosRun } from './chaos-plan.ts';
import { checkRun } from './checks.ts';
import { LoadClient } from './client.ts';
import { killFigures, loadFigures, printFigures, type Figure } from './figures.ts';
import { driveLifecycles, prepareUsers } from './lifecycles.ts';
import { attachedTopology, startTopology, type Topology } from './topology.ts';

const say = (message: string) => console.log(`• ${message}`);

function whole(name: string, fallback: number, min: number, max: number): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new Error(`${name} must be a whole number from ${min} to ${max}, got '${value}'.`);
  return n;
}

/** Resolves on Ctrl-C or SIGTERM. */
const interrupted = () =>
  new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });

async function readiness(apis: string[]): Promise<number[]> {
  return Promise.all(
    apis.map((api) =>
      fetch(`${api}/readyz`, { signal: AbortSignal.timeout(10_000) }).then(
        (r) => r.status,
        () => 0,
      ),
    ),
  );
}

export async function runProduction(mode: 'load' | 'chaos'): Promise<boolean> {
  const lifecycles = whole('LOAD_LIFECYCLES', 200, 1, 100_000);
  const concurrency = whole('LOAD_CONCURRENCY', 16, 1, 1_000);
  const giveUpMs = whole('LOAD_GIVE_UP_S', 180, 1, 3_600) * 1000;
  const keep = process.env.LOAD_KEEP === '1';
  const run = randomBytes(3).toString('hex');
  const began = performance.now();

  const attached = attachedTopology(process.env);
  if (attached && mode === 'chaos')
    throw new Error('npm run chaos kills and restarts processes, so it starts its own: unset LOAD_API_URLS.');
  const databaseUrl = process.env.DATABASE_URL;
  if (!attached && !databaseUrl)
    throw new Error(
      'DATABASE_URL must name a PostgreSQL on this machine (e.g. postgres://postgres:postgres@127.0.0.1:5432/postgres): ' +
        'the run creates its databases there and drops them at the end.',
    );
  let topology: Topology | undefined;
  let passed = false;
  // Ctrl-C during the run: stop everything we started and drop the databases, then leave.
  void interrupted().then(async (signal) => {
    say(`${signal}: stopping the topology…`);
    await topology?.close({ keepLogs: true });
    process.exit(130);
  });
  try {
    topology =
      attached ?? (await startTopology({ databaseUrl: databaseUrl!, workers: 2, apis: 2, log: say }));
    const startupS = (performance.now() - began) / 1000;
    say(
      `Users: ${Math.ceil(lifecycles / 20)} new reporters and the agency's clerk, officer and spokesperson…`,
    );
    const { reporters, tokens } = await prepareUsers(topology.apis[0]!, run, lifecycles);
    // Visibility's clock is the server's, on this same machine: a second's margin is plenty.
    const since = new Date(Date.now() - 1_000);
    const client = new LoadClient(topology.apis, { giveUpAfterMs: giveUpMs });

    let started = 0;
    let loadDone = false;
    let chaos: ChaosRun | undefined;
    if (mode === 'chaos') {
      if (!topology.owned) throw new Error('chaos needs a topology of its own');
      chaos = startChaos({
        slots: topology.owned,
        total: lifecycles,
        started: () => started,
        loadDone: () => loadDone,
        log: say,
      });
    }
    say(
      `Load: ${lifecycles} lifecycles, ${concurrency} at a time, round robin over ${topology.apis.length} APIs…`,
    );
    const outcome = await driveLifecycles({
      client,
      tokens,
      reporters,
      run,
      count: lifecycles,
      concurrency,
      onStart: (n) => (started = n),
    });
    loadDone = true;
    const chaosError = await chaos?.done.then(
      () => undefined,
      (error: unknown) => String(error),
    );
    say('Checking contacts (projection), workflows (Temporal) and their agreement…');
    const checks = await checkRun({ topology, client, tokens, lifecycles: outcome.lifecycles, since });
    const ready = await readiness(topology.apis);

    const unexpected5xx = client.attempts.filter((a) => /^5/.test(a.status) && a.status !== '503');
    const figures: Figure[] = [
      [
        'topology',
        topology.owned
          ? `Temporal server ${TEMPORAL_SERVER_VERSION} on PostgreSQL, 2 workers, 2 APIs, payload encryption on`
          : `attached: ${topology.apis.join(', ')}`,
      ],
      ...(topology.owned ? ([['start-up (s)', startupS.toFixed(1)]] as Figure[]) : []),
      ['concurrency (clients)', concurrency],
      // Other work on the machine shares its cores with every process here: say how busy it was.
      ['machine: cores / load average (1 min) at the end', `${cpus().length} / ${loadavg()[0]!.toFixed(1)}`],
      ...loadFigures(outcome, client.attempts, topology.apis.length),
      ...(chaos ? killFigures(chaos.kills, client.attempts, outcome.endedAt) : []),
      [
        'contacts listed / lost / duplicated',
        `${checks.contacts.listed} / ${checks.contacts.missing.length} / ${checks.contacts.duplicates.length}`,
      ],
      ['workflow executions by status', JSON.stringify(checks.workflows.statuses)],
      [
        'workflows extra runs / unhealthy',
        `${checks.workflows.extraRuns.length} / ${checks.workflows.unhealthy.length}`,
      ],
      [
        'workflow state = projection (compared / timeline problems / disagreements)',
        `${checks.agreement.compared} / ${checks.agreement.timeline.length} / ${checks.agreement.disagreements.length}`,
      ],
      ['/readyz of each API after the run', ready.join(' / ')],
      ['total time (s)', ((performance.now() - began) / 1000).toFixed(1)],
    ];
    printFigures(mode === 'chaos' ? 'Chaos run figures' : 'Load figures', figures);
    const problems = [
      ...checks.problems,
      ...unexpected5xx.map((a) => `${a.op} answered ${a.status} (API ${a.api + 1})`),
      ...(chaosError ? [`chaos: ${chaosError}`] : []),
      ...(chaos?.kills
        .filter((k) => k.afterLoad)
        .map((k) => `${k.name} was killed after the load had ended`) ?? []),
      ...(chaos && chaos.kills.length < 3 ? ['not every kill happened'] : []),
      ...ready.filter((r) => r !== 200).map((r) => `an API's /readyz answered ${r}`),
    ];
    console.log(
      problems.length ? `\nFAILED:\n  ${problems.slice(0, 60).join('\n  ')}` : '\nAll checks passed.',
    );
    if (problems.length > 60) console.log(`  … and ${problems.length - 60} more`);
    passed = problems.length === 0;

    if (keep && topology.owned) {
      console.log(
        [
          '\nLOAD_KEEP=1: the topology keeps running until Ctrl-C. Attach another load with:',
          `  LOAD_API_URLS=${topology.apis.join(',')} LOAD_TEMPORAL_ADDRESS=${topology.temporalAddress} PAYLOAD_KEYS='${topology.env.PAYLOAD_KEYS}' npm run load`,
          `Logs: ${topology.owned.logDir}`,
        ].join('\n'),
      );
      await new Promise(() => undefined); // the Ctrl-C handler above stops everything
    }
    return passed;
  } finally {
    if (topology?.owned) {
      if (!passed) say(`Logs kept: ${topology.owned.logDir}`);
      await topology.close({ keepLogs: !passed });
    }
  }
}
