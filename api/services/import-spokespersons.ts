/**
 * @module
 * Spokesperson rows of an import: each row is matched to an entry (by `Id`, else by agency, name, role
 * type and term start), checked against the Decree 09/2017 rules with the whole file applied (an authorized
 * person may name a head created a few rows above), and turned into a create or an update through the
 * repository, so every write lands in the change feed. Also the rows of an export.
 */
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../domain/actor.ts';
import { InvalidInputError } from '../../domain/errors.ts';
import {
  exportColumns,
  headerOf,
  missingForCreate,
  type CellError,
  type HeaderMap,
  type ParsedRow,
  type RowErrorCode,
  type RowErrorParams,
  type SpokespersonColumn,
} from '../../domain/registry/import-rows.ts';
import { mayManageSpokespersons } from '../../domain/registry/permissions.ts';
import { assertValidSpokesperson, type SpokespersonRecord } from '../../domain/registry/spokesperson.ts';
import { foldForSearch } from '../../domain/text/fold.ts';
import { Agency, Spokesperson } from '../../db/entities/index.ts';
import type { Em } from '../../db/orm.ts';
import {
  createSpokesperson,
  toRecord,
  updateSpokesperson,
  type SpokespersonRow,
} from '../../db/repositories/spokespersons.ts';
import type { Plan, RowOutcome } from './imports.ts';

type Row = ParsedRow<SpokespersonColumn>;
type Fields = Omit<SpokespersonRecord, 'id' | 'agencyId'>;
const naturalKey = (r: Pick<SpokespersonRecord, 'agencyId' | 'fullName' | 'roleType' | 'termStart'>) =>
  `${r.agencyId}|${foldForSearch(r.fullName)}|${r.roleType}|${r.termStart}`;
const EMPTY: Omit<SpokespersonRecord, 'id'> = {
  agencyId: '',
  fullName: '',
  roleType: 'spokesperson',
  title: '',
  phone: null,
  email: null,
  termStart: '',
  termEnd: null,
  authorizedCase: null,
  delegatedById: null,
  documentNumber: null,
  documentDate: null,
  documentUrl: null,
  topics: null,
};

export async function planSpokespersons(em: Em, actor: Actor, map: HeaderMap, rows: Row[]): Promise<Plan> {
  const ids = new Set(
    rows.flatMap((r) => [r.values.id, r.values.delegatedById]).filter((v) => !!v) as string[],
  );
  const agencyIds = [...new Set(rows.map((r) => r.values.agencyId).filter((v) => !!v) as string[])];
  const stored = await em.find(Spokesperson, {
    $or: [{ id: { $in: [...ids] } }, { agencyId: { $in: agencyIds } }],
  });
  // The delegators of entries the file updates without naming them.
  const loaded = new Set(stored.map((s) => s.id));
  const delegators = stored.map((s) => s.delegatedById).filter((d): d is string => !!d && !loaded.has(d));
  if (delegators.length)
    stored.push(...(await em.find(Spokesperson, { id: { $in: [...new Set(delegators)] } })));
  const byId = new Map(stored.map((s) => [s.id, toRecord(s as SpokespersonRow)]));
  const byKey = new Map(stored.map((s) => [naturalKey(s), s.id]));
  for (const s of stored) agencyIds.push(s.agencyId);
  const agencies = new Map(
    (await em.find(Agency, { id: { $in: [...new Set(agencyIds)] } })).map((a) => [a.id, a]),
  );
  const missing = missingForCreate(map);
  const claimed = new Map<string, number>();
  const outcomes: RowOutcome[] = [];
  const finals = new Map<string, SpokespersonRecord>();
  const planned: { record: SpokespersonRecord; changes: Partial<Fields> | null }[] = [];

  for (const r of rows) {
    const errors: CellError[] = [...r.errors];
    const at = (key: string, code: RowErrorCode, message: string, params?: RowErrorParams) =>
      errors.push({ column: headerOf(map, key), message, code, ...(params ? { params } : {}) });
    const v = r.values;
    const key =
      v.agencyId && v.fullName && v.roleType && v.termStart
        ? naturalKey({ ...v, roleType: v.roleType as SpokespersonRecord['roleType'] } as SpokespersonRecord)
        : undefined;
    const id = v.id ?? (key ? byKey.get(key) : undefined);
    const existing = id ? byId.get(id) : undefined;
    const claim = id ?? key;
    const first = claim ? claimed.get(claim) : undefined;
    if (first !== undefined)
      at('id', 'duplicate_in_file', `the same entry is already on row ${first}`, { row: first });
    else if (claim) claimed.set(claim, r.row);
    if (existing && v.agencyId && v.agencyId !== existing.agencyId)
      at(
        'agencyId',
        'agency_change',
        'an entry cannot move to another agency: end its term and add a new entry',
      );
    if (!existing) for (const d of missing) at(d.key, 'needed_for_create', 'needed to create a new entry');
    const agencyId = existing?.agencyId ?? v.agencyId;
    const agency = agencyId ? agencies.get(agencyId) : undefined;
    if (agencyId && !agency) at('agencyId', 'unknown_agency', `no agency '${agencyId}'`, { agencyId });
    else if (
      agency &&
      !mayManageSpokespersons(actor, { id: agency.id, provinceId: agency.provinceId ?? null })
    )
      at('agencyId', 'agency_not_allowed', `you may not manage agency ${agency.id}`, { agencyId: agency.id });
    const given = Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'id')) as Partial<Fields>;
    const record = { ...EMPTY, ...existing, ...given, id: id ?? `sp-${randomUUID()}` } as SpokespersonRecord;
    const changes = existing
      ? (Object.fromEntries(
          Object.entries(given).filter(
            ([k, value]) => k !== 'agencyId' && existing[k as keyof Fields] !== value,
          ),
        ) as Partial<Fields>)
      : null;
    finals.set(record.id, record);
    outcomes.push({ row: r.row, action: errors.length ? 'error' : 'create', errors });
    planned.push({ record, changes });
    if (existing || v.id) Object.assign(outcomes.at(-1)!, { id: record.id });
  }
  const writes: Plan['writes'] = [];
  planned.forEach(({ record, changes }, i) => {
    const outcome = outcomes[i]!;
    const delegator = record.delegatedById
      ? (finals.get(record.delegatedById) ?? byId.get(record.delegatedById) ?? null)
      : null;
    try {
      assertValidSpokesperson(record, delegator);
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      const issues = (error.details.issues ?? []) as { path: string; message: string; messageEn: string }[];
      const errors = outcome.errors!;
      // The rule is worded by the domain in both languages: the wording travels as the code's parameters.
      const fresh = issues.map((x) => ({
        column: headerOf(map, x.path),
        message: x.message,
        code: 'spokesperson_rule' as const,
        params: { vi: x.message, en: x.messageEn },
      }));
      // A cell already refused (say, a bad date) is not reported twice.
      errors.push(...fresh.filter((x) => !errors.some((e) => e.column === x.column)));
      if (errors.length) outcome.action = 'error';
    }
    if (outcome.action === 'error') return;
    delete outcome.errors;
    if (changes && !Object.keys(changes).length) outcome.action = 'unchanged';
    else if (changes) {
      outcome.action = 'update';
      outcome.changes = Object.keys(changes).map((k) => headerOf(map, k));
    }
    if (outcome.action === 'unchanged') return;
    // Heads and spokespersons first: an authorized person's delegator must exist when it is written.
    writes.push({
      outcome,
      order: record.roleType === 'authorized' ? 1 : 0,
      run: async (tx, now) => {
        if (changes) return (await updateSpokesperson(tx, record.id, changes, actor, { now })).id;
        return (await createSpokesperson(tx, record, actor, now)).id;
      },
      bulk: changes ? { kind: 'update', id: record.id, changes } : { kind: 'create', record },
    });
  });
  return { outcomes, writes };
}

/** The rows of a spokesperson export in the import's column order. */
export async function spokespersonExport(
  em: Em,
  where: { agencyId?: string; provinceId?: string },
  lang: 'vi' | 'en',
): Promise<{ headers: string[]; rows: (string | null)[][]; dateColumns: number[] }> {
  const columns = exportColumns('spokespersons', lang);
  const order = { head: 0, spokesperson: 1, authorized: 2 };
  // Per agency: heads, spokespersons, then authorized persons (whose delegators are then above them).
  const rows = (await em.find(Spokesperson, where)).sort(
    (a, b) =>
      a.agencyId.localeCompare(b.agencyId) ||
      order[a.roleType] - order[b.roleType] ||
      a.fullName.localeCompare(b.fullName, 'vi') ||
      a.id.localeCompare(b.id),
  );
  return {
    headers: columns.map((c) => c.header),
    rows: rows.map((s) => {
      const record = toRecord(s as SpokespersonRow) as unknown as Record<string, string | null>;
      return columns.map((c) => c.format(record[c.key]));
    }),
    dateColumns: columns.flatMap((c, i) => (c.isDate ? [i] : [])),
  };
}
