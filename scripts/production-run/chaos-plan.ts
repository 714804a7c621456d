/**
 * @module
 * The chaos of `npm run chaos`: during the load, `kill -9` one worker, one API process and the Temporal server,
 * one after the other at random points of the load (by the share of lifecycles started), each started again
 * after a random pause of a few seconds, as an orchestrator would restart a crashed process.
 */
import { randomBetween } from '../crash-test-load.ts';
import type { Slot } from './topology.ts';

export interface Kill {
  target: 'worker' | 'api' | 'temporal';
  name: string;
  pid: number;
  /** performance.now() of the kill, and of the restarted process being ready. */
  at: number;
  readyAt?: number;
  /** The pause before the restart, ms. */
  pauseMs: number;
  /** Lifecycles started when it was killed. */
  atLifecycle: number;
  /** The load had already finished: it was not a kill during the load. */
  afterLoad: boolean;
}

/** Where each kill falls, as a share of the lifecycles started: staggered, so each recovery can be seen alone. */
const WINDOWS: Record<Kill['target'], [number, number]> = {
  worker: [0.12, 0.25],
  api: [0.35, 0.48],
  temporal: [0.6, 0.72],
};
const PAUSE_MS: [number, number] = [2_000, 6_000];

export interface ChaosRun {
  kills: Kill[];
  /** Resolves once every kill has happened and every process is back. */
  done: Promise<void>;
}

/**
 * Starts the chaos. `started()` is how many of `total` lifecycles have started; `loadDone()` whether the load
 * has finished (a kill that comes too late is still made, and flagged).
 */
export function startChaos(options: {
  slots: { temporal: Slot; workers: Slot[]; apis: Slot[] };
  total: number;
  started: () => number;
  loadDone: () => boolean;
  log: (message: string) => void;
}): ChaosRun {
  const { slots, log } = options;
  const pick = <T>(list: T[]) => list[randomBetween(0, list.length - 1)]!;
  const plan: { target: Kill['target']; slot: Slot; atLifecycle: number }[] = (
    Object.entries(WINDOWS) as [Kill['target'], [number, number]][]
  ).map(([target, [from, to]]) => ({
    target,
    slot: target === 'worker' ? pick(slots.workers) : target === 'api' ? pick(slots.apis) : slots.temporal,
    atLifecycle: randomBetween(Math.ceil(from * options.total), Math.floor(to * options.total)),
  }));
  log(`Chaos plan: ${plan.map((p) => `kill -9 ${p.slot.name} at lifecycle ${p.atLifecycle}`).join(', ')}.`);
  const kills: Kill[] = [];
  const done = (async () => {
    for (const step of plan) {
      while (options.started() < step.atLifecycle && !options.loadDone())
        await new Promise((r) => setTimeout(r, 50));
      const victim = step.slot.current();
      const kill: Kill = {
        target: step.target,
        name: step.slot.name,
        pid: victim.pid,
        at: performance.now(),
        pauseMs: randomBetween(...PAUSE_MS),
        atLifecycle: options.started(),
        afterLoad: options.loadDone(),
      };
      kills.push(kill);
      await victim.kill9();
      log(
        `  kill -9 ${kill.name} (pid ${kill.pid}) at lifecycle ${kill.atLifecycle}; restart in ${kill.pauseMs} ms`,
      );
      await new Promise((r) => setTimeout(r, kill.pauseMs));
      const restarted = await step.slot.restart();
      kill.readyAt = performance.now();
      log(
        `  ${kill.name} back (pid ${restarted.pid}), ${((kill.readyAt - kill.at) / 1000).toFixed(1)} s after the kill`,
      );
    }
  })();
  return { kills, done };
}
