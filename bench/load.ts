/**
 * @module
 * The `load` bench group (issue 9): the product through its public HTTP API as real clients, beside a bare
 * Temporal Update workflow on the same dev server in the same run, and the ratios between them. Each
 * database gets a fresh dev server: the bare baseline runs first, then the product. Prints; never fails on a
 * missed goal (these are budgets to report).
 */
import { availableParallelism, loadavg } from 'node:os';
import { DEFAULT_LIMITS, type Rate, type RequestLimits } from '../api/middleware/rate-limit.ts';
import { createScratchDatabase } from '../db/scratch-database.ts';
import { seedDemoData } from '../db/seeders/demo.ts';
import { startDevServer } from '../server/temporal-dev-server.ts';
import { findTemporalCli } from '../server/temporal-binary.ts';
import {
  BARE_OPERATIONS,
  runBareUpdates,
  type BareOfferedResult,
  type BareUpdateResult,
} from './bare-update.ts';
import {
  driveProduct,
  driveProductAtRate,
  PRODUCT_OPERATIONS,
  type ProductOfferedResult,
  startProduct,
  startProductProcesses,
  type ProductLoadResult,
} from './load-product.ts';
import { historyFigures, startCpuMeter, type CpuReading } from './load-probes.ts';
import { report, type OfferedLoad, type summary } from './stats.ts';
import { freePort } from '../scripts/product-process.ts';

/**
 * Raised for the bench: 32 clients acting as four users would hit the per-user, per-address and
 * contact-creation defaults within seconds (429s that measure the limiter, not the service). The limiters
 * still run on every request; only their ceilings move.
 */
const LOAD_LIMITS: Partial<RequestLimits> = {
  requestsPerUser: { limit: 1_000_000, windowSeconds: 60 },
  requestsPerAddress: { limit: 1_000_000, windowSeconds: 60 },
  contactCreatesPerUser: { limit: 1_000_000, windowSeconds: 60 },
};

export interface LoadOptions {
  /** `BENCH_DB`: `pglite`, `postgresql`, `both`; unset: PostgreSQL when `databaseUrl` is set, else PGlite. */
  databases: string | undefined;
  databaseUrl: string | undefined;
  lifecycles: number;
  concurrency: number;
  /** `BENCH_PARTS=inprocess`: the product and the bare worker in the bench process, as before the split. */
  inProcess: boolean;
  /**
   * `BENCH_OFFERED_RATE` (lifecycles per second; 0 skips it): after the clients, both run again at this fixed
   * rate, below either one's saturation, so the latencies compare the work of one request rather than the
   * length of a queue.
   */
  offered: OfferedLoad | undefined;
}

/** The database URLs to run against (`undefined` is PGlite), from `BENCH_DB` and `DATABASE_URL`. */
function databaseUrls(options: LoadOptions): (string | undefined)[] {
  const needUrl = () => {
    if (!options.databaseUrl) throw new Error('BENCH_DB=postgresql/both needs DATABASE_URL.');
    return options.databaseUrl;
  };
  switch (options.databases) {
    case 'pglite':
      return [undefined];
    case 'postgresql':
      return [needUrl()];
    case 'both':
      return [needUrl(), undefined];
    case undefined:
    case '':
      return [options.databaseUrl];
    default:
      throw new Error(`BENCH_DB=${options.databases}: expected pglite, postgresql or both.`);
  }
}

const rate = (r: Rate | false) => (r ? `${r.limit}/${r.windowSeconds}s` : 'off');

function printLimits(): void {
  const changed = Object.keys(LOAD_LIMITS) as (keyof typeof LOAD_LIMITS)[];
  console.log(
    `load: rate limits RAISED for this bench: ${changed
      .map(
        (k) =>
          `${k} ${rate(LOAD_LIMITS[k] as Rate)} (product default ${rate(DEFAULT_LIMITS[k] as Rate | false)})`,
      )
      .join(
        ', ',
      )}; others at their defaults (devTokensPerAddress ${rate(DEFAULT_LIMITS.devTokensPerAddress)}).`,
  );
}

export async function benchLoad(options: LoadOptions): Promise<void> {
  printLimits();
  const binary = await findTemporalCli();
  for (const url of databaseUrls(options)) {
    const temporal = await startDevServer({ binary, port: await freePort() });
    const db = await createScratchDatabase(url, 'pl_bench_load');
    const label = `load (${db.kind})`;
    try {
      await seedDemoData(db.orm.em.fork());
      // In the bench process (BENCH_PARTS=inprocess, the arrangement before the split), the product's worker
      // starts first: it installs the SDK runtime (logger) the bare worker then shares.
      const product = options.inProcess
        ? await startProduct({ address: temporal.address, orm: db.orm, limits: LOAD_LIMITS })
        : await startProductProcesses({
            address: temporal.address,
            databaseUrl: db.url,
            limits: LOAD_LIMITS,
          });
      console.log(`${label}: the product runs as ${product.arrangement}`);
      try {
        const warmup = 8;
        // Other processes on the machine skew every figure here; the load average says how much.
        report(`${label}: machine before`, { cpus: availableParallelism(), loadavg_1m: loadavg()[0]! });
        const bare = await runBareUpdates({
          address: temporal.address,
          ...sizes(options),
          warmup,
          inProcess: options.inProcess,
          meter: await startCpuMeter(temporal.pid),
          offered: options.offered,
        });
        printBare(label, options.concurrency, bare, bare.cpu);
        const productCpu = await startCpuMeter(temporal.pid, product.pids);
        const result = await driveProduct(product.apiBase, { ...sizes(options), warmup });
        const cpu = await productCpu.stop();
        const history = result.lastCompletedId ? await product.history(result.lastCompletedId) : {};
        printProduct(label, options.concurrency, result, cpu, history);
        printRatios(label, bare, result);
        printCpuBound(
          label,
          { cpu: bare.cpu, lifecycles: bare.lifecycles },
          { cpu, lifecycles: result.completed },
        );
        if (options.offered && bare.offered) {
          const offered = await driveProductAtRate(product.apiBase, options.offered);
          printOffered(label, options.offered, bare.offered, offered);
        }
        report(`${label}: machine after`, { loadavg_1m: loadavg()[0]! });
      } finally {
        await product.close();
      }
    } finally {
      await db.drop();
      await temporal.stop();
    }
  }
}

const sizes = (o: LoadOptions) => ({ lifecycles: o.lifecycles, concurrency: o.concurrency });

function printBare(label: string, c: number, bare: BareUpdateResult, cpu: CpuReading): void {
  report(`${label}: bare update-with-start, ${c} concurrent`, {
    n: bare.start.n,
    p50_ms: bare.start.p50,
    p95_ms: bare.start.p95,
    p99_ms: bare.start.p99,
  });
  report(`${label}: bare Update, ${c} concurrent`, {
    n: bare.update.n,
    p50_ms: bare.update.p50,
    p95_ms: bare.update.p95,
    p99_ms: bare.update.p99,
  });
  report(`${label}: bare throughput`, {
    lifecycles: bare.lifecycles,
    seconds: bare.seconds,
    updates_per_s: bare.updatesPerS,
    ceiling_lifecycles_per_s: bare.updatesPerS / BARE_OPERATIONS,
    errors: Object.values(bare.errors).reduce((a, b) => a + b, 0),
  });
  printCost(`${label}: bare cost`, cpu, bare.lifecycles, bare.history);
  for (const [name, count] of Object.entries(bare.errors))
    console.log(`${label}: bare error ${name} × ${count}`);
}

function printProduct(
  label: string,
  c: number,
  result: ProductLoadResult,
  cpu: CpuReading,
  history: Record<string, number>,
): void {
  report(`${label}: create (HTTP), ${c} concurrent`, {
    n: result.create.n,
    p50_ms: result.create.p50,
    p95_ms: result.create.p95,
    p99_ms: result.create.p99,
  });
  report(`${label}: actions (HTTP), ${c} concurrent`, {
    n: result.action.n,
    p50_ms: result.action.p50,
    p95_ms: result.action.p95,
    p99_ms: result.action.p99,
  });
  report(`${label}: product throughput`, {
    lifecycles: result.lifecycles,
    completed: result.completed,
    seconds: result.seconds,
    lifecycles_per_s: result.completed / result.seconds,
  });
  const byStatus = Object.fromEntries(Object.entries(result.statuses).sort(([a], [b]) => a.localeCompare(b)));
  report(`${label}: answers by status`, byStatus);
  for (const [status, example] of Object.entries(result.examples))
    console.log(`${label}: first ${status}: ${example}`);
  printCost(`${label}: product cost`, cpu, result.completed, history);
}

function printCost(name: string, cpu: CpuReading, lifecycles: number, history: Record<string, number>): void {
  report(name, {
    bench_cpu_ms_per_lifecycle: (cpu.benchCpuS * 1000) / lifecycles,
    parts_cpu_ms_per_lifecycle: (cpu.partsCpuS * 1000) / lifecycles,
    temporal_cpu_ms_per_lifecycle: (cpu.temporalCpuS * 1000) / lifecycles,
    loop_delay_p99_ms: cpu.loopDelayP99Ms,
    ...Object.fromEntries(Object.entries(historyFigures(history)).map(([k, v]) => [`history_${k}`, v])),
  });
}

/** CPU milliseconds per lifecycle of every process the bench measures, and of the Temporal server alone. */
function cpuPerLifecycle({ cpu, lifecycles }: { cpu: CpuReading; lifecycles: number }) {
  const ms = (seconds: number) => (seconds * 1000) / lifecycles;
  return {
    total: ms(cpu.benchCpuS + cpu.partsCpuS + cpu.temporalCpuS),
    ourParts: ms(cpu.partsCpuS),
    outsideOurParts: ms(cpu.benchCpuS + cpu.temporalCpuS),
  };
}

/**
 * What the CPU allows. With 32 clients both runs keep the machine's cores busy, so throughput is inversely
 * proportional to the CPU a lifecycle costs (PostgreSQL's own CPU is not counted). From this run's readings:
 * the ratio the CPU predicts, the ratio the product would reach if our processes cost nothing (only the
 * Temporal server's and the clients' share of a lifecycle left), and how many milliseconds our processes may
 * spend per lifecycle for the throughput goal — a bound on the goal itself, not a measurement of a change.
 */
function printCpuBound(
  label: string,
  bare: { cpu: CpuReading; lifecycles: number },
  product: { cpu: CpuReading; lifecycles: number },
): void {
  const b = cpuPerLifecycle(bare);
  const p = cpuPerLifecycle(product);
  report(`${label}: what the CPU allows`, {
    bare_total_cpu_ms: b.total,
    product_total_cpu_ms: p.total,
    predicted_ratio: b.total / p.total,
    ratio_if_our_parts_were_free: b.total / p.outsideOurParts,
    our_parts_budget_for_0_7_ms: b.total / 0.7 - p.outsideOurParts,
    our_parts_cpu_ms: p.ourParts,
  });
}

function printRatios(label: string, bare: BareUpdateResult, result: ProductLoadResult): void {
  const fiveXx = fiveXxOf(result.statuses);
  const ceiling = bare.updatesPerS / BARE_OPERATIONS;
  const perS = result.completed / result.seconds;
  const ratios: [string, number, string, Record<string, number>][] = [
    [
      'create p99 / bare p99',
      result.create.p99 / bare.start.p99,
      '≤ 2',
      {
        create_p99_ms: result.create.p99,
        bare_start_p99_ms: bare.start.p99,
        vs_bare_update_p99: result.create.p99 / bare.update.p99,
      },
    ],
    [
      'action p99 / bare p99',
      result.action.p99 / bare.update.p99,
      '≤ 1.5',
      { action_p99_ms: result.action.p99, bare_update_p99_ms: bare.update.p99 },
    ],
    [
      'lifecycles/s / bare ceiling',
      perS / ceiling,
      '≥ 0.7',
      { lifecycles_per_s: perS, ceiling_per_s: ceiling, operations: PRODUCT_OPERATIONS },
    ],
  ];
  for (const [name, x, goal, detail] of ratios) {
    const met = goal.startsWith('≥') ? x >= Number(goal.slice(2)) : x <= Number(goal.slice(2));
    report(`${label}: ${name}`, { x, met: met ? 'yes' : 'NO', ...detail }, `goal ${goal}`);
  }
  report(`${label}: 5xx`, { n: fiveXx, met: fiveXx === 0 ? 'yes' : 'NO' }, 'goal 0');
}

/**
 * The fixed-rate phase: each side at the same offered load, well under what either can carry, so a request
 * waits for little but its own work. The ratios are the issue's latency goals measured there.
 */
function printOffered(
  label: string,
  offered: OfferedLoad,
  bare: BareOfferedResult,
  product: ProductOfferedResult,
): void {
  const at = `at ${offered.perSecond} lifecycles/s`;
  report(`${label}: bare ${at}`, {
    n: offered.lifecycles,
    start_p50_ms: bare.start.p50,
    start_p99_ms: bare.start.p99,
    update_p50_ms: bare.update.p50,
    update_p99_ms: bare.update.p99,
    errors: Object.values(bare.errors).reduce((a, b) => a + b, 0),
    max_start_lag_ms: bare.maxStartLagMs,
  });
  report(`${label}: product ${at}`, {
    n: offered.lifecycles,
    completed: product.completed,
    create_p50_ms: product.create.p50,
    create_p99_ms: product.create.p99,
    action_p50_ms: product.action.p50,
    action_p99_ms: product.action.p99,
    '5xx': fiveXxOf(product.statuses),
    max_start_lag_ms: product.maxStartLagMs,
  });
  for (const [status, example] of Object.entries(product.examples))
    console.log(`${label}: ${at}, first ${status}: ${example}`);
  const ratios: [string, Summary, Summary, number][] = [
    ['create p99 / bare p99', product.create, bare.start, 2],
    ['action p99 / bare p99', product.action, bare.update, 1.5],
  ];
  for (const [name, ours, theirs, goal] of ratios) {
    const x = ours.p99 / theirs.p99;
    report(
      `${label}: ${at}, ${name}`,
      { x, met: x <= goal ? 'yes' : 'NO', p50_x: ours.p50 / theirs.p50 },
      `issue 9's goal ≤ ${goal}, here below saturation`,
    );
  }
}

type Summary = ReturnType<typeof summary>;

/** Answers with a 5xx status, from counts by status. */
function fiveXxOf(statuses: Record<string, number>): number {
  return Object.entries(statuses)
    .filter(([status]) => status.startsWith('5'))
    .reduce((sum, [, count]) => sum + count, 0);
}
