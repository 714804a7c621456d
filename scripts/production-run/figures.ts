/**
 * @module
 * The figures of a production-like run: latencies as users waited, throughput, answers by status, and for the
 * chaos run how long clients saw errors after each kill.
 */
import { summary } from '../../bench/stats.ts';
import type { Kill } from './chaos-plan.ts';
import type { AttemptRecord } from './client.ts';
import type { LoadOutcome } from './lifecycles.ts';

export type Figure = [string, string | number];

const RETRYABLE = new Set(['network', '429', '500', '502', '503', '504']);
const ms = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–');
const s = (n: number) => (n / 1000).toFixed(1);

export function latency(samples: number[]): string {
  const x = summary(samples);
  return `${ms(x.p50)} / ${ms(x.p95)} / ${ms(x.p99)} / ${ms(x.max)} (n=${x.n})`;
}

export function statusCounts(attempts: AttemptRecord[]): string {
  const counts = new Map<string, number>();
  for (const a of attempts) counts.set(a.status, (counts.get(a.status) ?? 0) + 1);
  return [...counts]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([status, n]) => `${status}: ${n}`)
    .join(', ');
}

/** Latency, throughput and status figures of the load. */
export function loadFigures(outcome: LoadOutcome, attempts: AttemptRecord[], apis: number): Figure[] {
  const seconds = (outcome.endedAt - outcome.startedAt) / 1000;
  const completed = outcome.lifecycles.filter((l) => l.confirmed.length === 5).length;
  const load = attempts.filter((a) => a.op !== 'check' && a.op !== 'read');
  const requests = outcome.createMs.length + outcome.actionMs.length;
  const perApi = Array.from({ length: apis }, (_, i) => load.filter((a) => a.api === i).length);
  return [
    ['lifecycles completed / intended', `${completed} / ${outcome.lifecycles.length}`],
    ['load duration (s)', s(outcome.endedAt - outcome.startedAt)],
    ['throughput: lifecycles/s', (completed / seconds).toFixed(2)],
    ['throughput: HTTP requests answered 2xx/s', (requests / seconds).toFixed(1)],
    ['create p50 / p95 / p99 / max (ms, retries included)', latency(outcome.createMs)],
    ['actions p50 / p95 / p99 / max (ms, retries included)', latency(outcome.actionMs)],
    ['attempts sent (creates + actions + 409 look-ups)', load.length],
    ['  by answer', statusCounts(load)],
    ['  by API process', perApi.join(' / ')],
    ['retried attempts', load.filter((a) => RETRYABLE.has(a.status)).length],
    ['retried actions answered 409 that had landed', outcome.landedBeforeAnswer],
  ];
}

/**
 * Per kill: when the process was back, and how clients fared from the kill to the next kill (or the end):
 * attempts that needed a retry, the first attempt sent after the kill that succeeded, the last retryable
 * answer (after it, clients saw no more errors).
 */
export function killFigures(kills: Kill[], attempts: AttemptRecord[], endedAt: number): Figure[] {
  return kills.flatMap((kill, i): Figure[] => {
    const until = kills[i + 1]?.at ?? endedAt;
    const inWindow = attempts.filter((a) => a.settledAt >= kill.at && a.settledAt < until);
    const errors = inWindow.filter((a) => RETRYABLE.has(a.status));
    const firstOk = inWindow.find((a) => a.sentAt >= kill.at && /^2/.test(a.status));
    const lastError = errors.at(-1);
    const label = `kill -9 ${kill.name}`;
    return [
      [
        `${label}: at lifecycle / pause before restart (s) / back after (s)`,
        `${kill.atLifecycle}${kill.afterLoad ? ' (AFTER the load)' : ''} / ${s(kill.pauseMs)} / ${kill.readyAt ? s(kill.readyAt - kill.at) : 'NOT BACK'}${kill.restartAttempts > 1 ? ` (${kill.restartAttempts} starts)` : ''}`,
      ],
      [
        `${label}: attempts to retry until the next kill`,
        `${errors.length} (${statusCounts(errors) || 'none'})`,
      ],
      [
        `${label}: first success sent after it (s) / last error (s)`,
        `${firstOk ? s(firstOk.settledAt - kill.at) : '–'} / ${lastError ? s(lastError.settledAt - kill.at) : 'none'}`,
      ],
    ];
  });
}

export function printFigures(title: string, figures: Figure[]): void {
  console.log(`\n${title}`);
  const width = Math.max(...figures.map(([name]) => name.length)) + 2;
  for (const [name, value] of figures) console.log(`  ${name.padEnd(width)} ${value}`);
}
