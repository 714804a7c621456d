/**
 * @module
 * HTTP metrics by route *pattern* (`/api/v1/contacts/:id/actions/:action`), never the raw URL, so ids never
 * become labels and the number of series stays bounded by the routes the app declares:
 * - `press_liaison_http_requests_total{method, route, status}`: 5xx answers are `status=~"5.."`;
 * - `press_liaison_http_request_duration_seconds{method, route}`: time to the response (for the event stream,
 *   to its headers).
 */
import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import { Counter, Histogram, type Registry } from 'prom-client';

/** Label of a request that matched no route (a 404): one series, whatever the URL. */
export const UNMATCHED_ROUTE = 'unmatched';

/** Methods we serve; anything else is counted as `other`, so a client cannot invent label values. */
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * The route pattern that answered: the handler's path, or when a middleware answered first (401, 429, CORS
 * preflight) the pattern of the route the request was headed for; a request that matched no route at all is
 * {@link UNMATCHED_ROUTE}, unless a middleware served it (static files: its pattern, such as `/widgets/*`).
 */
export function routeLabel(c: Context): string {
  const routes = matchedRoutes(c);
  // `app.use` registers middleware for every method ('ALL'); routes carry their own method.
  const isRoute = (i: number) => routes[i] !== undefined && routes[i].method !== 'ALL';
  const answered = c.req.routeIndex;
  if (isRoute(answered)) return routes[answered]!.path;
  for (let i = answered + 1; i < routes.length; i++) if (isRoute(i)) return routes[i]!.path;
  if (c.res.status === 404) return UNMATCHED_ROUTE;
  return routes[answered]?.path ?? UNMATCHED_ROUTE;
}

export function countRequests(registry: Registry): MiddlewareHandler {
  const requests = new Counter({
    name: 'press_liaison_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'press_liaison_http_request_duration_seconds',
    help: 'Time from request to response (headers, for streams), by method and route pattern.',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return async function countRequests(c, next) {
    const started = performance.now();
    try {
      await next();
    } finally {
      // Errors reach here already answered by `onError` (Hono's compose), so `c.res` holds the real status.
      const method = METHODS.has(c.req.method) ? c.req.method : 'other';
      const route = routeLabel(c);
      requests.inc({ method, route, status: String(c.res.status) });
      duration.observe({ method, route }, (performance.now() - started) / 1000);
    }
  };
}
