/**
 * `npm run load`: the production-like topology on this machine — the Temporal server (built from its Go
 * module, not the dev server) on PostgreSQL, two `npm run worker` and two `npm run api` processes — under a
 * bounded HTTP load of real clients on loopback, then the agreement checks. See scripts/production-run/run.ts
 * for the settings and docs/operations.md ("Production-like run") for the figures.
 */
import { runProduction } from './production-run/run.ts';

process.exitCode = (await runProduction('load')) ? 0 : 1;
