/**
 * @module
 * `GET /metrics`: the API's Prometheus metrics in the text exposition format, at the root (outside `/api/v1`
 * and its OpenAPI document), for loopback clients or holders of the metrics token (api/metrics/access.ts).
 */
import { Hono } from 'hono';
import type { Registry } from 'prom-client';
import { metricsAccess, type MetricsAccessOptions } from '../metrics/access.ts';

export function metricsRoutes(options: MetricsAccessOptions & { registry: Registry }) {
  const { registry } = options;
  return new Hono().get('/metrics', metricsAccess(options), async (c) => {
    const body = await registry.metrics();
    return c.body(body, 200, { 'content-type': registry.contentType, 'cache-control': 'no-store' });
  });
}
