/**
 * `npm run crash-test`: durability across crashes, measured. Starts the product as `npm start` does
 * (`node server/main.ts`, its own Temporal dev server, loopback ports, a fresh data folder) on PGlite, or on
 * a scratch database it creates (and drops) on the PostgreSQL server named by `DATABASE_URL`. It registers
 * a few more resident reporters through the API, sends CRASH_TEST_CREATES (200) creates at once, each with
 * its own Idempotency-Key, `kill -9`s the node process at a random point of that load, restarts it, sends
 * the creates whose answer was lost again (same keys) and `kill -9`s it again at a random point of those,
 * restarts it, and retries until every create has its answer. Then it checks that every intended contact
 * exists exactly once, each key names one contact, and every workflow runs with nothing failing, stops the
 * product with SIGINT, and prints the figures. Exits 1 if any check fails.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openOrm } from '../db/orm.ts';
import { portOpen } from '../server/temporal-dev-server.ts';
import { checkContacts, checkWorkflows } from './crash-test-checks.ts';
import {
  intents,
  randomBetween,
  registerReporters,
  wave,
  type Intent,
  type WaveResult,
} from './crash-test-load.ts';
import {
  devToken,
  freePort,
  startProduct,
  stopLeftoverDevServer,
  type ProductProcess,
  type ProductSettings,
} from './product-process.ts';

const CREATES = Number(process.env.CRASH_TEST_CREATES ?? '200');
// Ten reporters, twenty creates each: every attempt, retries included, stays under the per-user create limit.
const EXTRA_REPORTERS = 9;
const run = randomBytes(3).toString('hex');
const say = (message: string) => console.log(`• ${message}`);

/** The kill point of each crash is random: after some created answers, or some seconds into the load. */
const KILL_AFTER_MS: [number, number] = [2_000, 8_000];

interface Crash {
  wave: WaveResult;
  /** kill -9 → the restarted product printed its banner. */
  recoverMs: number;
  /** The restart found the old dev server still running and stopped it. */
  reclaimed: boolean;
}

/** A database of its own on the PostgreSQL server of `url`; the product migrates and seeds it. */
async function scratchDatabase(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `pl_crash_${run}`;
  const admin = await openOrm({ databaseUrl: url });
  await admin.em.fork().execute(`create database "${name}"`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  return {
    url: target.toString(),
    async drop() {
      await admin.em.fork().execute(`drop database if exists "${name}" with (force)`);
      await admin.close();
    },
  };
}

const sum = (waves: WaveResult[], field: 'created' | 'unavailable' | 'limited') =>
  waves.reduce((n, w) => n + w[field], 0);

const unanswered = (all: Intent[], failed: Set<string>) =>
  all.filter((i) => !i.answeredId && !failed.has(i.key));

async function main(): Promise<boolean> {
  const started = Date.now();
  const scratch = process.env.DATABASE_URL ? await scratchDatabase(process.env.DATABASE_URL) : undefined;
  const settings: ProductSettings = {
    dataDir: await mkdtemp(path.join(tmpdir(), 'pl-crash-')),
    port: await freePort(),
    temporalPort: await freePort(),
    temporalUiPort: await freePort(),
    databaseUrl: scratch?.url,
  };
  let product: ProductProcess | undefined;
  /** What each product process printed, kept for the log of a failed run. */
  const outputs: string[] = [];
  try {
    say(`Starting the product on ${scratch ? `PostgreSQL (scratch database)` : 'PGlite'}…`);
    const firstStart = Date.now();
    product = await startProduct(settings);
    const startMs = Date.now() - firstStart;
    const reporters = ['pv-nguyen-van-an', ...(await registerReporters(product.api, run, EXTRA_REPORTERS))];
    const tokens = new Map<string, string>();
    for (const sub of reporters) tokens.set(sub, await devToken(product.api, sub, ['journalist']));
    const all = intents(reporters, CREATES, run);
    const failed = new Set<string>();
    const crashes: Crash[] = [];

    const failures: string[] = [];
    const noteFailures = (result: WaveResult) => {
      failures.push(...result.failures);
      result.failures.forEach((f) => failed.add(f.split(':')[0]!));
    };
    for (let n = 1; n <= 2; n++) {
      const batch = unanswered(all, failed);
      const victim: ProductProcess = product;
      const killPoint = {
        // Between a tenth and two thirds of this wave's creates answered, or 2–8 s in, whichever comes first.
        afterCreated: randomBetween(
          Math.max(1, Math.floor(batch.length / 10)),
          Math.floor((batch.length * 2) / 3),
        ),
        afterMs: randomBetween(...KILL_AFTER_MS),
        kill: () => victim.kill9().finally(() => outputs.push(victim.output())),
      };
      say(
        `Crash ${n}: ${batch.length} creates at once; kill -9 after ${killPoint.afterCreated} created or ${killPoint.afterMs} ms…`,
      );
      const result = await wave(product.api, tokens, batch, killPoint);
      noteFailures(result);
      product = await startProduct(settings);
      const recoverMs = Date.now() - result.killedAt!;
      const reclaimed = product.output().includes('left running by an earlier start');
      crashes.push({ wave: result, recoverMs, reclaimed });
      say(
        `  killed ${result.killedAfterMs} ms in with ${result.sent - result.settledBeforeKill!} in flight; answered ${result.created}, lost ${result.lost}, 503 ${result.unavailable}, 429 ${result.limited}; back in ${recoverMs} ms`,
      );
    }

    const retries: WaveResult[] = [];
    for (let round = 1; unanswered(all, failed).length && round <= 5; round++) {
      const batch = unanswered(all, failed);
      say(`Retry round ${round}: ${batch.length} creates with their original keys…`);
      const result = await wave(product.api, tokens, batch);
      noteFailures(result);
      retries.push(result);
      say(`  answered ${result.created}, 503 ${result.unavailable}, 429 ${result.limited}`);
      if (unanswered(all, failed).length) await new Promise((resolve) => setTimeout(resolve, 2_000));
    }

    say('Checking contacts through the API and workflows through Temporal…');
    const contacts = await checkContacts(product.api, tokens, all);
    const workflows = await checkWorkflows(`127.0.0.1:${settings.temporalPort}`, all);
    const ready = (await fetch(`${product.api}/readyz`)).status;
    const stop = await product.stop('SIGINT');
    outputs.push(product.output());
    product = undefined;
    const devServerGone =
      !(await portOpen(settings.temporalPort)) && !(await portOpen(settings.temporalUiPort));

    const answeredFirstTime = all.filter((i) => i.attempts === 1 && i.answeredId).length;
    const retried = all.filter((i) => i.attempts > 1);
    const openedByLostAttempt = retried.filter((i) => i.submittedAt! < i.lastSentAt!).length;
    const figures: [string, string | number][] = [
      ['database', scratch ? 'PostgreSQL 15 (scratch database)' : 'PGlite'],
      ['creates intended (distinct Idempotency-Keys)', CREATES],
      ['reporters', reporters.length],
      ['requests sent in all', all.reduce((n, i) => n + i.attempts, 0)],
      ['first start (s)', (startMs / 1000).toFixed(1)],
      ...crashes.flatMap((c, i): [string, string | number][] => [
        [`crash ${i + 1}: creates sent at once`, c.wave.sent],
        [
          `crash ${i + 1}: kill -9 at (s) / created by then / in flight`,
          `${(c.wave.killedAfterMs! / 1000).toFixed(1)} / ${c.wave.createdBeforeKill} / ${c.wave.sent - c.wave.settledBeforeKill!}`,
        ],
        [
          `crash ${i + 1}: answered 201 / no answer / 503 / 429`,
          `${c.wave.created} / ${c.wave.lost} / ${c.wave.unavailable} / ${c.wave.limited}`,
        ],
        [`crash ${i + 1}: time to recover (s)`, (c.recoverMs / 1000).toFixed(1)],
        [
          `crash ${i + 1}: old dev server had to be reclaimed`,
          c.reclaimed ? 'yes' : 'no (it died with node)',
        ],
      ]),
      ['retry rounds after the second restart', retries.length],
      [
        'retries: answered 201 / 503 / 429',
        `${sum(retries, 'created')} / ${sum(retries, 'unavailable')} / ${sum(retries, 'limited')}`,
      ],
      ['answered at the first attempt', answeredFirstTime],
      ['creates retried with the same key', retried.length],
      ['  of which the lost attempt had already opened the contact', openedByLostAttempt],
      ['other error answers', failed.size],
      ['contacts listed', contacts.listed],
      ['lost (intended, not found)', contacts.missing.length],
      ['duplicates', contacts.duplicates.length],
      ['unexpected or mismatched', contacts.unexpected.length + contacts.mismatched.length],
      ['workflow executions / running', `${workflows.executions} / ${workflows.running}`],
      ['extra runs', workflows.extraRuns.length],
      ['unhealthy workflows', workflows.unhealthy.length],
      ['/readyz before stopping', ready],
      ['SIGINT exit code, dev server gone', `${stop.code}, ${devServerGone ? 'yes' : 'NO'}`],
      ['total time (s)', ((Date.now() - started) / 1000).toFixed(1)],
    ];
    console.log('\nCrash test figures');
    for (const [name, value] of figures) console.log(`  ${name.padEnd(58)} ${value}`);
    const problems = [
      ...failures.map((f) => `error answer: ${f}`),
      ...contacts.missing.map((id) => `lost: ${id}`),
      ...contacts.duplicates.map((id) => `duplicate: ${id}`),
      ...contacts.unexpected.map((id) => `unexpected: ${id}`),
      ...contacts.mismatched.map((m) => `mismatched: ${m}`),
      ...workflows.extraRuns.map((id) => `extra run: ${id}`),
      ...workflows.unhealthy.map((id) => `unhealthy workflow: ${id}`),
      ...(contacts.listed === CREATES ? [] : [`listed ${contacts.listed} contacts, expected ${CREATES}`]),
      ...(workflows.running === CREATES
        ? []
        : [`${workflows.running} workflows running, expected ${CREATES}`]),
      ...(ready === 200 ? [] : [`/readyz answered ${ready}`]),
      ...(stop.code === 0 && devServerGone ? [] : ['the product did not stop cleanly on SIGINT']),
    ];
    console.log(
      problems.length ? `\nFAILED:\n  ${problems.slice(0, 50).join('\n  ')}` : '\nAll checks passed.',
    );
    if (problems.length) {
      const log = path.join(tmpdir(), `crash-test-${run}.log`);
      await writeFile(log, outputs.map((o, n) => `=== product process ${n + 1}\n${o}`).join('\n'));
      console.log(`What the product printed: ${log}`);
    }
    return problems.length === 0;
  } finally {
    // A failed run leaves nothing behind: no product, no dev server, no data folder, no database.
    await product?.kill9();
    await stopLeftoverDevServer(settings.dataDir);
    await rm(settings.dataDir, { recursive: true, force: true });
    await scratch?.drop();
  }
}

process.exitCode = (await main()) ? 0 : 1;
