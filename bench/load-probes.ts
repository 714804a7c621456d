/**
 * @module
 * What the `load` group looks at besides latency, to hint where the time goes: CPU seconds of the bench
 * process (clients, and any part running in it), of the parts' own processes and of the Temporal dev server,
 * the bench process's event-loop delay, and the events one workflow's history holds.
 */
import { readFile } from 'node:fs/promises';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { WorkflowHandle } from '@temporalio/client';
import proto from '@temporalio/proto';

/** Linux clock ticks per second (`getconf CLK_TCK`), the unit of /proc/<pid>/stat times. */
const CLOCK_TICKS = 100;

/** CPU seconds (user + system) of process `pid` from /proc; NaN where there is no /proc. */
async function processCpuSeconds(pid: number): Promise<number> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name; utime and stime are the 14th and 15th fields.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}

export interface CpuReading {
  /** CPU seconds of this process over the span (all threads: clients, and the parts running in it). */
  benchCpuS: number;
  /** CPU seconds of the parts' own processes (API, worker) over the span. */
  partsCpuS: number;
  /** CPU seconds of the Temporal dev server over the span. */
  temporalCpuS: number;
  /** 99th percentile of this process's event-loop delay, ms. */
  loopDelayP99Ms: number;
}

export interface CpuMeter {
  /** Counts a part's process from now on (one that started after the meter). */
  add(pid: number): Promise<void>;
  /** Ends the span and reads the totals. */
  stop(): Promise<CpuReading>;
}

/** Starts measuring this process, the dev server and the given parts' processes. */
export async function startCpuMeter(devServerPid: number, partPids: number[] = []): Promise<CpuMeter> {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const cpu0 = process.cpuUsage();
  const temporal0 = await processCpuSeconds(devServerPid);
  const parts = new Map<number, number>();
  const add = async (pid: number) => void parts.set(pid, await processCpuSeconds(pid));
  for (const pid of partPids) await add(pid);
  return {
    add,
    async stop() {
      const cpu = process.cpuUsage(cpu0);
      loop.disable();
      let partsCpuS = 0;
      for (const [pid, start] of parts) partsCpuS += (await processCpuSeconds(pid)) - start;
      return {
        benchCpuS: (cpu.user + cpu.system) / 1e6,
        partsCpuS,
        temporalCpuS: (await processCpuSeconds(devServerPid)) - temporal0,
        loopDelayP99Ms: loop.percentile(99) / 1e6,
      };
    },
  };
}

/** Counts a workflow's history events by type (`workflow_task_completed`, `activity_task_scheduled`…). */
export async function historyEventCounts(handle: WorkflowHandle): Promise<Record<string, number>> {
  const history = await handle.fetchHistory();
  const counts: Record<string, number> = {};
  for (const event of history.events ?? []) {
    const type = proto.temporal.api.enums.v1.EventType[event.eventType ?? 0] ?? 'unknown';
    const name = type.replace(/^EVENT_TYPE_/, '').toLowerCase();
    counts[name] = (counts[name] ?? 0) + 1;
  }
  return counts;
}

/** The few history figures that tell a bare Update from a product action. */
export function historyFigures(counts: Record<string, number>): Record<string, number> {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return {
    events: total,
    workflow_tasks: counts.workflow_task_completed ?? 0,
    activities: counts.activity_task_scheduled ?? 0,
    markers: counts.marker_recorded ?? 0,
    timers: counts.timer_started ?? 0,
    updates: counts.workflow_execution_update_accepted ?? 0,
  };
}
