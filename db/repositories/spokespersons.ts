/**
 * @module
 * Writing spokespersons: every create, update and end of term is stored together with its entry in the
 * change feed, in one transaction. Feed ids are taken under a transaction-scoped advisory lock, so they
 * become visible in id order and a reader following the cursor never skips or repeats a change.
 */
import { randomUUID } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
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
  // Locked and fresh, not as the caller's entity manager last saw it: a concurrent edit of the same entry
  // waits here until this one commits, then fails the version check below (unlocked, both passed it and the
  // later silently overwrote the earlier). The feed lock first: an import holding it goes on to lock rows,
  // and taking the two in the other order here could deadlock with it.
  await lockFeed(em);
  const row = (await em.findOne(
    Spokesperson,
    { id },
    { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
  )) as SpokespersonRow | null;
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

export type BulkSpokespersonWrite =
  | { kind: 'create'; record: SpokespersonRecord }
  | { kind: 'update'; id: string; changes: Partial<Omit<SpokespersonRecord, 'id' | 'agencyId'>> };

const COLUMNS = [
  'id',
  'agency_id',
  'province_id',
  'full_name',
  'role_type',
  'title',
  'phone',
  'email',
  'term_start',
  'term_end',
  'authorized_case',
  'delegated_by_id',
  'document_number',
  'document_date',
  'document_url',
  'topics',
  'last_confirmed_at',
  'version',
  'search_text',
  'created_at',
  'updated_at',
] as const;
const CHUNK = 400;

/**
 * Many writes in one go, for imports: multi-row inserts and `update … from (values …)` instead of the unit
 * of work per row, and the feed entries appended in the given order under one lock. The caller has already
 * validated every record against the domain rules (the import's dry-run plan does), with the whole batch
 * applied; call inside a transaction. Returns the written ids in order.
 */
export async function bulkWriteSpokespersons(
  em: Em,
  writes: readonly BulkSpokespersonWrite[],
  actor: Actor,
  now: Date,
  onProgress?: (written: number) => Promise<void>,
): Promise<string[]> {
  // The feed lock first, as a single edit takes it (`updateSpokesperson`): taken after the rows' locks, an import
  // and an edit of one of its entries could each wait for the other (a deadlock, refused as a 500). Held from
  // here, the versions read below are the ones committed, and no edit slips in before the rows are written.
  await lockFeed(em);
  const updateIds = writes.flatMap((w) => (w.kind === 'update' ? [w.id] : []));
  const existing = new Map<string, SpokespersonRecord & { provinceId: string | null; version: number }>();
  for (let i = 0; i < updateIds.length; i += CHUNK) {
    const rows = (await em.find(
      Spokesperson,
      { id: { $in: updateIds.slice(i, i + CHUNK) } },
      { refresh: true },
    )) as SpokespersonRow[];
    for (const r of rows) existing.set(r.id, toRecord(r));
  }
  const agencyIds = [
    ...new Set([
      ...writes.flatMap((w) => (w.kind === 'create' ? [w.record.agencyId] : [])),
      ...[...existing.values()].map((r) => r.agencyId),
    ]),
  ];
  const agencies = new Map<string, { name: string; provinceId: string | null }>();
  for (let i = 0; i < agencyIds.length; i += CHUNK) {
    for (const a of await em.find(Agency, { id: { $in: agencyIds.slice(i, i + CHUNK) } })) {
      agencies.set(a.id, { name: a.name, provinceId: a.provinceId ?? null });
    }
  }
  // The final state of every written entry, in write order (an entry written twice keeps its last state).
  const finals: {
    type: ChangeType;
    record: SpokespersonRecord;
    provinceId: string | null;
    version: number;
    isNew: boolean;
  }[] = [];
  for (const w of writes) {
    if (w.kind === 'create') {
      const agency = agencies.get(w.record.agencyId);
      if (!agency) throw NotFoundError.of('Agency', w.record.agencyId);
      finals.push({
        type: 'created',
        record: w.record,
        provinceId: agency.provinceId,
        version: 1,
        isNew: true,
      });
    } else {
      const before = existing.get(w.id);
      if (!before) throw NotFoundError.of('Spokesperson', w.id);
      const next = { ...before, ...w.changes };
      const endsTerm =
        w.changes.termEnd !== undefined && w.changes.termEnd !== null && before.termEnd === null;
      const version = before.version + 1;
      existing.set(w.id, { ...next, version });
      finals.push({
        type: endsTerm ? 'term_ended' : 'updated',
        record: next,
        provinceId: before.provinceId,
        version,
        isNew: false,
      });
    }
  }
  const values = (f: (typeof finals)[number]) => {
    const r = f.record;
    const agencyName = agencies.get(r.agencyId)?.name ?? '';
    return [
      r.id,
      r.agencyId,
      f.provinceId,
      r.fullName,
      r.roleType,
      r.title,
      r.phone,
      r.email,
      r.termStart,
      r.termEnd,
      r.authorizedCase,
      r.delegatedById,
      r.documentNumber,
      r.documentDate,
      r.documentUrl,
      r.topics,
      now,
      f.version,
      searchTextOf(r, agencyName),
      now,
      now,
    ];
  };
  const rowSql = `(${COLUMNS.map(() => '?').join(', ')})`;
  const creates = finals.filter((f) => f.isNew);
  for (let i = 0; i < creates.length; i += CHUNK) {
    const chunk = creates.slice(i, i + CHUNK);
    await em.execute(
      `insert into spokesperson (${COLUMNS.join(', ')}) values ${chunk.map(() => rowSql).join(', ')}`,
      chunk.flatMap(values),
    );
    await onProgress?.(i + chunk.length);
  }
  const updates = [...new Map(finals.filter((f) => !f.isNew).map((f) => [f.record.id, f])).values()];
  const set = COLUMNS.filter((c) => c !== 'id' && c !== 'agency_id' && c !== 'created_at')
    .map((c) => `${c} = v.${c}`)
    .join(', ');
  for (let i = 0; i < updates.length; i += CHUNK) {
    const chunk = updates.slice(i, i + CHUNK);
    // Typed casts on the first row of the VALUES list give every column its type.
    const typed = `(${COLUMNS.map((c) => `?::${c === 'version' ? 'int' : c.endsWith('_at') ? 'timestamptz' : 'text'}`).join(', ')})`;
    await em.execute(
      `update spokesperson as s set ${set} from (values ${chunk.map((_, k) => (k === 0 ? typed : rowSql)).join(', ')}) as v(${COLUMNS.join(', ')}) where s.id = v.id`,
      chunk.flatMap(values),
    );
    await onProgress?.(creates.length + i + chunk.length);
  }
  await lockFeed(em);
  for (let i = 0; i < finals.length; i += CHUNK) {
    const chunk = finals.slice(i, i + CHUNK);
    await em.execute(
      `insert into spokesperson_change (spokesperson_id, agency_id, province_id, change_type, version, at, actor_sub, snapshot)
       values ${chunk.map(() => '(?, ?, ?, ?, ?, ?, ?, ?::jsonb)').join(', ')}`,
      chunk.flatMap((f) => [
        f.record.id,
        f.record.agencyId,
        f.provinceId,
        f.type,
        f.version,
        now,
        actor.sub,
        JSON.stringify({
          ...f.record,
          provinceId: f.provinceId,
          version: f.version,
          lastConfirmedAt: now.toISOString(),
        }),
      ]),
    );
  }
  return finals.map((f) => f.record.id);
}
