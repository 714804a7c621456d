/** @module Liveness (`/healthz`: the process answers) and readiness (`/readyz`: database and Temporal reachable). */
import { router } from '../context.ts';

export const healthRoutes = router()
  .get('/healthz', (c) => c.json({ status: 'ok' }))
  .get('/readyz', async (c) => {
    const checks = { database: false, temporal: false };
    try {
      await c.var.em.execute('select 1');
      checks.database = true;
    } catch {
      // reported below
    }
    checks.temporal = await c.var.deps.temporalReady().catch(() => false);
    const ready = checks.database && checks.temporal;
    return c.json({ status: ready ? 'ready' : 'not_ready', checks }, ready ? 200 : 503);
  });
