/**
 * @module
 * Agency responsiveness (SPEC.md C4), as figures per agency and clock: on-time rate, median and 90th
 * percentile of working days taken. Who may read them, and when an agency has too few contacts in the period
 * for its rates to mean anything (they are then suppressed, not shown as 0 % or 100 %).
 */
import type { ClockName } from '../vocabulary.ts';

/** Below this many contacts received in the period, an agency's rates are suppressed. */
export const DEFAULT_MINIMUM_N = 5;

/** The clocks statistics report on, never mixed: each has its own rates and working days. */
export const REPORTED_CLOCKS = [
  'first_response',
  'answer',
  'record_result',
] as const satisfies readonly ClockName[];
export type ReportedClock = (typeof REPORTED_CLOCKS)[number];

export type PerClock = Record<ReportedClock, number | null>;

/** One agency's raw counts, as the database aggregates them. */
export interface AgencyCounts {
  agencyId: string;
  received: number;
  /** Per clock: stopped clocks, those met, and the working-day percentiles of those stopped. */
  clocks: Partial<
    Record<ReportedClock, { stopped: number; met: number; median: number | null; p90: number | null }>
  >;
  openNow: number;
  overdueNow: number;
  remindersReceived: number;
}

export interface AgencyResponsiveness {
  agencyId: string;
  received: number;
  onTimeRate: PerClock;
  medianWorkingDays: PerClock;
  p90WorkingDays: PerClock;
  openNow: number;
  overdueNow: number;
  remindersReceived: number;
  /** True when fewer than the minimum were received: rates and working days are left out. */
  suppressed: boolean;
}

const perClock = (f: (clock: ReportedClock) => number | null): PerClock =>
  Object.fromEntries(REPORTED_CLOCKS.map((c) => [c, f(c)])) as PerClock;

/** The figures of one agency; the rates are suppressed below `minimumN` contacts received. */
export function responsiveness(counts: AgencyCounts, minimumN = DEFAULT_MINIMUM_N): AgencyResponsiveness {
  const suppressed = counts.received < minimumN;
  const of = (f: (c: NonNullable<AgencyCounts['clocks'][ReportedClock]>) => number | null) =>
    perClock((clock) => {
      const c = counts.clocks[clock];
      return suppressed || !c || c.stopped === 0 ? null : f(c);
    });
  return {
    agencyId: counts.agencyId,
    received: counts.received,
    onTimeRate: of((c) => c.met / c.stopped),
    medianWorkingDays: of((c) => c.median),
    p90WorkingDays: of((c) => c.p90),
    openNow: counts.openNow,
    overdueNow: counts.overdueNow,
    remindersReceived: counts.remindersReceived,
    suppressed,
  };
}
