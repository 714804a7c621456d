/**
 * @module
 * Writing spokespersons: every create, update and end of term is stored together with its entry in the
 * change feed, in one transaction. Feed ids are taken under a transaction-scoped advisory lock, so they
 * become visible in id order and a reader following the cursor never skips or repeats a change.
 */
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../domain/actor.ts';
import { NotFoundError, ConflictError } from '../../domain/errors.ts';
import { assertValidSpokesperson, type SpokespersonRecord } from '../../domain/registry/spokesperson.ts';
import { foldForSearch } from '../../domain/text/fold.ts';
import { Agency, Spokesperson, SpokespersonChange, SpokespersonConfirmation } from '../entities/index.ts';
import type { Em } from '../orm.ts';

/** Arbitrary constant naming the feed's advisory lock. */
const FEED_LOCK = 74_310_001;

export type SpokespersonInput = Omit<SpokespersonRecord, 'id'> & { id?: string | undefined };
export type SpokespersonRow = SpokespersonRecord & {
  provinceId: string | null;
  version: number;
  lastConfirmedAt: Date;
  createdAt: Date;
  updatedAt: Date;
};
type ChangeType = 'created' | 'updated' | 'term_ended';

function searchTextOf(
  r: Pick<SpokespersonRecord, 'fullName' | 'title' | 'topics'>,
  agencyName: string,
): string {
  return foldForSearch(`${r.fullName} ${r.title} ${r.topics ?? ''} ${agencyName}`);
}

export function toRecord(
  row: SpokespersonRow,
): SpokespersonRecord & { provinceId: string | null; version: number; lastConfirmedAt: string } {
  return {
    id: row.id,
    agencyId: row.agencyId,
    provinceId: row.provinceId,
    fullName: row.fullName,
    roleType: row.roleType,
    title: row.title,
    phone: row.phone,
    email: row.email,
    termStart: row.termStart,
    termEnd: row.termEnd,
    authorizedCase: row.authorizedCase,
    delegatedById: row.delegatedById,
    documentNumber: row.documentNumber,
    documentDate: row.documentDate,
    documentUrl: row.documentUrl,
    topics: row.topics,
    version: row.version,
    lastConfirmedAt: new Date(row.lastConfirmedAt).toISOString(),
  };
}

/** Transactions (entity-manager forks) that already hold the feed lock: it lasts until they commit. */
const feedLocked = new WeakSet<Em>();

async function lockFeed(em: Em): Promise<void> {
  if (feedLocked.has(em)) return;
  await em.execute('select pg_advisory_xact_lock(?)', [FEED_LOCK]);
  feedLocked.add(em);
}

/** Adds the change-feed entry for `row`; the caller's single flush writes the row and its entry together. */
async function appendChange(
  em: Em,
  type: ChangeType,
  row: SpokespersonRow,
  actor: Actor,
  at: Date,
): Promise<void> {
  await lockFeed(em);
  em.create(SpokespersonChange, {
    spokespersonId: row.id,
    agencyId: row.agencyId,
    provinceId: row.provinceId,
    changeType: type,
    version: row.version,
    at,
    actorSub: actor.sub,
    snapshot: toRecord(row),
  });
  await em.flush();
}

async function delegatorOf(em: Em, record: SpokespersonRecord) {
  return record.delegatedById ? await em.findOne(Spokesperson, { id: record.delegatedById }) : undefined;
}

/** Creates a spokesperson. Call inside a transaction (`em.transactional`). */
export async function createSpokesperson(
  em: Em,
  input: SpokespersonInput,
  actor: Actor,
  now = new Date(),
): Promise<SpokespersonRow> {
  const agency = await em.findOne(Agency, { id: input.agencyId });
  if (!agency) throw NotFoundError.of('Agency', input.agencyId);
  const record: SpokespersonRecord = { ...input, id: input.id ?? `sp-${randomUUID()}` };
  if (await em.findOne(Spokesperson, { id: record.id }))
    throw ConflictError.alreadyExists('Spokesperson', record.id);
  assertValidSpokesperson(record, (await delegatorOf(em, record)) ?? null);
  const row = em.create(Spokesperson, {
    ...record,
    provinceId: agency.provinceId ?? null,
    lastConfirmedAt: now,
    version: 1,
    searchText: searchTextOf(record, agency.name),
    createdAt: now,
    updatedAt: now,
  });
  await appendChange(em, 'created', row as SpokespersonRow, actor, now);
  return row as SpokespersonRow;
}

/**
 * Changes a spokesperson. `expectedVersion`, when given, must match (optimistic concurrency: two admins
 * editing the same entry do not overwrite each other silently).
 */
export async function updateSpokesperson(
  em: Em,
  id: string,
  changes: Partial<Omit<SpokespersonRecord, 'id' | 'agencyId'>>,
  actor: Actor,
  options: { expectedVersion?: number | undefined; now?: Date } = {},
): Promise<SpokespersonRow> {
  const now = options.now ?? new Date();
  const row = (await em.findOne(Spokesperson, { id })) as SpokespersonRow | null;
  if (!row) throw NotFoundError.of('Spokesperson', id);
  if (options.expectedVersion !== undefined && options.expectedVersion !== row.version) {
    throw new ConflictError(
      'version_conflict',
      'Someone changed this entry meanwhile; reload it and try again.',
      {
        currentVersion: row.version,
      },
    );
  }
  const next: SpokespersonRecord = { ...toRecord(row), ...changes };
  assertValidSpokesperson(next, (await delegatorOf(em, next)) ?? null);
  const agency = await em.findOneOrFail(Agency, { id: row.agencyId });
  const endsTerm = changes.termEnd !== undefined && changes.termEnd !== null && row.termEnd === null;
  Object.assign(row, {
    ...changes,
    version: row.version + 1,
    updatedAt: now,
    lastConfirmedAt: now,
    searchText: searchTextOf(next, agency.name),
  });
  await appendChange(em, endsTerm ? 'term_ended' : 'updated', row, actor, now);
  return row;
}

/** Records that the agency re-confirmed the entry is current (not a change: the feed is not touched). */
export async function confirmSpokesperson(
  em: Em,
  id: string,
  actor: Actor,
  note: string | null,
  now = new Date(),
): Promise<SpokespersonRow> {
  const row = (await em.findOne(Spokesperson, { id })) as SpokespersonRow | null;
  if (!row) throw NotFoundError.of('Spokesperson', id);
  row.lastConfirmedAt = now;
  em.create(SpokespersonConfirmation, { spokespersonId: id, at: now, actorSub: actor.sub, note });
  await em.flush();
  return row;
}
