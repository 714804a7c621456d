/**
 * @module
 * Liveness (`/healthz`: the process answers) and readiness (`/readyz`: database and Temporal reachable).
 * Mounted twice with the same handlers: under `/api/v1`, and at the root where probes and load balancers
 * expect them.
 */
import type { AppDeps } from '../context.ts';
import { router } from '../context.ts';

export function healthRoutes(deps: Pick<AppDeps, 'orm' | 'temporalReady'>) {
  return router()
    .get('/healthz', (c) => c.json({ status: 'ok' }))
    .get('/readyz', async (c) => {
      const checks = { database: false, temporal: false };
      try {
        await deps.orm.em.fork().execute('select 1');
        checks.database = true;
      } catch {
        // reported below
      }
      checks.temporal = await deps.temporalReady().catch(() => false);
      const ready = checks.database && checks.temporal;
      return c.json({ status: ready ? 'ready' : 'not_ready', checks }, ready ? 200 : 503);
    });
}
