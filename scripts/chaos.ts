/**
 * `npm run chaos`: `npm run load`'s topology and load, and during it `kill -9` of a worker, an API process and
 * the Temporal server, each restarted after a few seconds; clients retry on the other API. Then: every intended
 * contact exactly once, every answered step in its timeline once, workflows and projection agreeing, nothing
 * failed. Exits 1 on any failed check. See scripts/production-run/run.ts for the settings.
 */
import { runProduction } from './production-run/run.ts';

process.exitCode = (await runProduction('chaos')) ? 0 : 1;
