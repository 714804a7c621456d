/**
 * @module
 * The API's Prometheus metrics, served at `/metrics` (api/routes/metrics.ts): Node process metrics
 * (`process_*`, `nodejs_*`), HTTP requests by route pattern (./http.ts) and open-contact gauges computed on
 * scrape (./business.ts). Each app owns its registry, so several apps in one process (tests) never collide.
 * The worker's Temporal SDK metrics are served apart, by the worker process (`WORKER_METRICS_ADDRESS`).
 *
 * @example
 * ```ts
 * const metrics = createApiMetrics({ orm });
 * app.use('*', metrics.countRequests);
 * app.route('/', metricsRoutes({ registry: metrics.registry, trustProxy: 0 }));
 * ```
 */
import type { MiddlewareHandler } from 'hono';
import { collectDefaultMetrics, Registry } from 'prom-client';
import type { Orm } from '../../db/orm.ts';
import { registerContactGauges } from './business.ts';
import { countRequests } from './http.ts';

/** Prefix of every metric of ours (the process metrics keep their standard names). */
export const METRIC_PREFIX = 'press_liaison_';

export interface ApiMetricsOptions {
  orm: Orm;
  /** Clock for "overdue now" (epoch ms); `Date.now` by default. */
  now?: (() => number) | undefined;
  /** How long one computation of the contact gauges serves scrapes (default 10 s; 0 in tests). */
  cacheMs?: number | undefined;
}

export interface ApiMetrics {
  registry: Registry;
  /** Hono middleware counting and timing every request; mount it first. */
  countRequests: MiddlewareHandler;
}

export function createApiMetrics(options: ApiMetricsOptions): ApiMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  registerContactGauges(registry, options);
  return { registry, countRequests: countRequests(registry) };
}
