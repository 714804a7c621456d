/**
 * @module
 * The chaos of `npm run chaos`: during the load, `kill -9` one worker, one API process and the Temporal server,
 * at staggered random points of the load (by the share of lifecycles started), each started again after a
 * random pause of a few seconds, as an orchestrator would restart a crashed process.
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
  /** Starts it took to come back (a process that needs the Temporal server fails while that is down). */
  restartAttempts: number;
}

/**
 * Starts the slot again until it is up, as an orchestrator's restart policy does: a worker or an API started
 * while the Temporal server is down exits (it cannot check the namespace) and is started again.
 */
async function restartUntilUp(slot: Slot, kill: Kill, log: (message: string) => void) {
  for (;;) {
    kill.restartAttempts += 1;
    try {
      return await slot.restart();
    } catch (error) {
      if (kill.restartAttempts >= 10) throw error;
      const first = (error instanceof Error ? error.message : String(error)).split('\n')[0];
      log(`  ${slot.name} did not come back (${first}); starting it again in 3 s`);
      await new Promise((r) => setTimeout(r, 3_000));
    }
  }
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
  /** In the order they happened (each is added at its kill). */
  const kills: Kill[] = [];
  // Each kill on its own schedule: a slow restart (a worker bundles its workflow code first) does not push the
  // next kill past the load.
  const done = Promise.all(
    plan.map(async (step) => {
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
        restartAttempts: 0,
      };
      kills.push(kill);
      await victim.kill9();
      log(
        `  kill -9 ${kill.name} (pid ${kill.pid}) at lifecycle ${kill.atLifecycle}; restart in ${kill.pauseMs} ms`,
      );
      await new Promise((r) => setTimeout(r, kill.pauseMs));
      const restarted = await restartUntilUp(step.slot, kill, log);
      kill.readyAt = performance.now();
      log(
        `  ${kill.name} back (pid ${restarted.pid}), ${((kill.readyAt - kill.at) / 1000).toFixed(1)} s after the kill`,
      );
    }),
  ).then(() => undefined);
  return { kills, done };
}
