/**
 * @module
 * Gauges over the open contacts, computed on scrape from the `contact` projection (its open rows only, which
 * the partial index `contact_open_board` covers) and cached briefly, so however often Prometheus (or several)
 * scrapes, the database runs the query at most once per `cacheMs`:
 * - `press_liaison_contacts_open{kind, status}`;
 * - `press_liaison_contacts_overdue{kind}`: open with `due_at` before now;
 * - `press_liaison_contacts_escalated{kind, level}`: open with an escalation level above 0.
 *
 * Labels are vocabulary only (kinds, statuses, levels): no person, agency or contact ever becomes a label.
 * A failed query keeps the last values and counts `press_liaison_contact_gauges_failures_total`, so the
 * scrape (and the HTTP metrics in it) still succeeds.
 */
import { Counter, Gauge, type Registry } from 'prom-client';
import type { Orm } from '../../db/orm.ts';
import { logLine } from '../../logging/redact.ts';

interface Row {
  kind: string;
  status: string;
  level: number;
  open: number;
  overdue: number;
}

export interface ContactGaugesOptions {
  orm: Orm;
  now?: (() => number) | undefined;
  /** How long one computation serves scrapes (default 10 s). */
  cacheMs?: number | undefined;
}

/** One grouped pass over the open rows: counts by kind, status and escalation level. */
async function countOpenContacts(orm: Orm, now: Date): Promise<Row[]> {
  return orm.em.fork().execute<Row[]>(
    `select kind, status, escalation_level as level, count(*)::int as open,
       (count(*) filter (where due_at < ?))::int as overdue
     from contact where open
     group by kind, status, escalation_level`,
    [now],
  );
}

/** Sets every series from `values`; series seen before but absent now go to 0 rather than vanish. */
function setAll<L extends string>(
  gauge: Gauge<L>,
  values: Map<string, { labels: Record<L, string>; value: number }>,
  seen: Map<string, Record<L, string>>,
): void {
  for (const [key, labels] of seen) if (!values.has(key)) gauge.set(labels, 0);
  for (const [key, { labels, value }] of values) {
    seen.set(key, labels);
    gauge.set(labels, value);
  }
}

function sumBy<L extends string>(
  rows: Row[],
  labelsOf: (row: Row) => Record<L, string>,
  valueOf: (row: Row) => number,
) {
  const sums = new Map<string, { labels: Record<L, string>; value: number }>();
  for (const row of rows) {
    const labels = labelsOf(row);
    const key = JSON.stringify(labels);
    const entry = sums.get(key) ?? { labels, value: 0 };
    entry.value += valueOf(row);
    sums.set(key, entry);
  }
  return sums;
}

export function registerContactGauges(registry: Registry, options: ContactGaugesOptions): void {
  const now = options.now ?? Date.now;
  const cacheMs = options.cacheMs ?? 10_000;
  const open = new Gauge({
    name: 'press_liaison_contacts_open',
    help: 'Open contacts (not in a terminal status), by kind and status.',
    labelNames: ['kind', 'status'] as const,
    registers: [registry],
    collect: fresh,
  });
  const overdue = new Gauge({
    name: 'press_liaison_contacts_overdue',
    help: 'Open contacts whose due date has passed, by kind.',
    labelNames: ['kind'] as const,
    registers: [registry],
    collect: fresh,
  });
  const escalated = new Gauge({
    name: 'press_liaison_contacts_escalated',
    help: 'Open contacts with an escalation level above 0, by kind and level.',
    labelNames: ['kind', 'level'] as const,
    registers: [registry],
    collect: fresh,
  });
  const failures = new Counter({
    name: 'press_liaison_contact_gauges_failures_total',
    help: 'Scrapes whose contact-gauge query failed (the gauges kept their previous values).',
    registers: [registry],
  });
  const seen = {
    open: new Map<string, Record<'kind' | 'status', string>>(),
    overdue: new Map<string, Record<'kind', string>>(),
    escalated: new Map<string, Record<'kind' | 'level', string>>(),
  };

  let computedAt = -Infinity;
  let pending: Promise<void> | undefined;
  async function refresh(): Promise<void> {
    try {
      const rows = await countOpenContacts(options.orm, new Date(now()));
      setAll(
        open,
        sumBy(
          rows,
          (r) => ({ kind: r.kind, status: r.status }),
          (r) => r.open,
        ),
        seen.open,
      );
      setAll(
        overdue,
        sumBy(
          rows,
          (r) => ({ kind: r.kind }),
          (r) => r.overdue,
        ),
        seen.overdue,
      );
      const escalatedRows = rows.filter((r) => r.level > 0);
      setAll(
        escalated,
        sumBy(
          escalatedRows,
          (r) => ({ kind: r.kind, level: String(r.level) }),
          (r) => r.open,
        ),
        seen.escalated,
      );
      computedAt = performance.now();
    } catch (error) {
      failures.inc();
      logLine('warn', 'contact gauges: query failed', {
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  /**
   * prom-client awaits each gauge's `collect` before serialising it: the three share one computation per
   * `cacheMs`, and concurrent scrapes share the one in flight.
   */
  async function fresh(): Promise<void> {
    if (performance.now() - computedAt < cacheMs) return;
    pending ??= refresh().finally(() => (pending = undefined));
    await pending;
  }
}
