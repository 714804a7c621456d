/** Percentiles and a one-line report for benchmark samples (milliseconds). */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

export function summary(samples: number[]): {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
} {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? NaN,
  };
}

export function report(name: string, values: Record<string, number | string>, budget?: string): void {
  const parts = Object.entries(values).map(
    ([k, v]) => `${k}=${typeof v === 'number' ? (Number.isInteger(v) ? v : v.toFixed(2)) : v}`,
  );
  console.log(`${name.padEnd(44)} ${parts.join('  ')}${budget ? `   [budget: ${budget}]` : ''}`);
}

/** Runs `task` `total` times with at most `concurrency` in flight; returns each run's duration in ms. */
export async function runConcurrently(
  total: number,
  concurrency: number,
  task: (i: number) => Promise<void>,
): Promise<number[]> {
  const durations: number[] = [];
  let next = 0;
  async function lane(): Promise<void> {
    while (next < total) {
      const i = next++;
      const started = performance.now();
      await task(i);
      durations.push(performance.now() - started);
    }
  }
  await Promise.all(Array.from({ length: concurrency }, lane));
  return durations;
}

/**
 * Starts `task` `total` times at `perSecond`, whatever the earlier runs are doing (an open loop: a slow answer
 * does not hold the next arrival back, as it does with `runConcurrently`'s fixed number of clients). Returns
 * how late the latest start was against its schedule, in ms, so a report can say when the client fell behind.
 */
export async function runAtRate(
  total: number,
  perSecond: number,
  task: (i: number) => Promise<void>,
): Promise<{ maxStartLagMs: number }> {
  const t0 = performance.now();
  const runs: Promise<void>[] = [];
  let maxStartLagMs = 0;
  for (let i = 0; i < total; i++) {
    const due = t0 + (i * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    maxStartLagMs = Math.max(maxStartLagMs, performance.now() - due);
    runs.push(task(i));
  }
  await Promise.all(runs);
  return { maxStartLagMs };
}

/** A fixed offered load: `lifecycles` lifecycles started at `perSecond` (see `runAtRate`). */
export interface OfferedLoad {
  perSecond: number;
  lifecycles: number;
}
