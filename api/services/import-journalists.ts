/**
 * @module
 * Journalist rows of an import: matched by `Id`, else by press card number (unique), checked (card expiry,
 * e-mail, unique card and login), and written with their resident-reporter registration when the row names
 * a province. Registrations are added or re-dated, never removed. A province's administrator changes only
 * the journalists of their province (`db/repositories/journalists.ts`), though they may register anyone as
 * a resident reporter of it. Also the rows of an export, scoped the same way (issue 6, defect 10).
 */
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../domain/actor.ts';
import { ForbiddenError } from '../../domain/errors.ts';
import {
  administers,
  isCentralAdmin,
  journalistScope,
  type JournalistScope,
} from '../../domain/registry/permissions.ts';
import type { LocalDate } from '../../domain/calendar/index.ts';
import {
  exportColumns,
  headerOf,
  missingForCreate,
  type CellError,
  type HeaderMap,
  type JournalistColumn,
  type ParsedRow,
  type RowErrorCode,
  type RowErrorParams,
} from '../../domain/registry/import-rows.ts';
import { foldForSearch } from '../../domain/text/fold.ts';
import { Agency, Journalist, ResidentRegistration } from '../../db/entities/index.ts';
import type { Em } from '../../db/orm.ts';
import { findJournalistIds } from '../../db/repositories/journalists.ts';
import type { Plan, RowOutcome } from './imports.ts';

type Row = ParsedRow<JournalistColumn>;
const FIELDS = [
  'fullName',
  'pressOrganisation',
  'pressCardNumber',
  'pressCardExpiresOn',
  'email',
  'phone',
  'sub',
] as const;
type Fields = Record<(typeof FIELDS)[number], string | null>;
const present = (values: (string | null | undefined)[]) => [
  ...new Set(values.filter((v): v is string => !!v)),
];

export async function planJournalists(
  em: Em,
  actor: Actor,
  map: HeaderMap,
  rows: Row[],
  today: LocalDate,
): Promise<Plan> {
  const v = rows.map((r) => r.values);
  const stored = await em.find(Journalist, {
    $or: [
      { id: { $in: present(v.map((x) => x.id)) } },
      { pressCardNumber: { $in: present(v.map((x) => x.pressCardNumber)) } },
      { sub: { $in: present(v.map((x) => x.sub)) } },
    ],
  });
  const byId = new Map(stored.map((j) => [j.id, j]));
  const owners = { pressCardNumber: new Map<string, string>(), sub: new Map<string, string>() };
  for (const j of stored) {
    owners.pressCardNumber.set(j.pressCardNumber, j.id);
    if (j.sub) owners.sub.set(j.sub, j.id);
  }
  const registrations = await em.find(ResidentRegistration, { journalistId: { $in: [...byId.keys()] } });
  const mayChange = new Set(
    await findJournalistIds(em, { scope: journalistScope(actor), ids: [...byId.keys()] }),
  );
  const provinces = new Set(
    (
      await em.find(Agency, {
        id: { $in: present(v.map((x) => x.residentProvinceId)) },
        level: 'province',
        kind: 'provincial_peoples_committee',
      })
    ).map((a) => a.id),
  );
  const missing = missingForCreate(map);
  const claimed = {
    id: new Map<string, number>(),
    pressCardNumber: new Map<string, number>(),
    sub: new Map<string, number>(),
  };
  const outcomes: RowOutcome[] = [];
  const writes: Plan['writes'] = [];

  for (const r of rows) {
    const errors: CellError[] = [...r.errors];
    const at = (key: string, code: RowErrorCode, message: string, params?: RowErrorParams) =>
      errors.push({ column: headerOf(map, key), message, code, ...(params ? { params } : {}) });
    const x = r.values;
    const existingId = x.id
      ? byId.has(x.id)
        ? x.id
        : undefined
      : owners.pressCardNumber.get(x.pressCardNumber ?? '');
    const existing = existingId ? byId.get(existingId) : undefined;
    const id = existing?.id ?? x.id ?? `j-${randomUUID()}`;
    if (!existing) for (const d of missing) at(d.key, 'needed_for_create', 'needed to create a new entry');
    for (const key of ['id', 'pressCardNumber', 'sub'] as const) {
      const value = key === 'id' ? id : x[key];
      if (!value) continue;
      const owner = key === 'id' ? undefined : owners[key].get(value);
      const first = claimed[key].get(value);
      if (owner && owner !== id)
        at(key, 'already_taken', `already belongs to journalist ${owner}`, { journalistId: owner });
      else if (first !== undefined)
        at(key, 'duplicate_in_file', `the same value is already on row ${first}`, { row: first });
      else claimed[key].set(value, r.row);
    }
    const expiry = x.pressCardExpiresOn;
    if (expiry && expiry < today && expiry !== existing?.pressCardExpiresOn)
      at('pressCardExpiresOn', 'card_expired', `the press card expired on ${expiry}`, { date: expiry });
    const before = Object.fromEntries(
      FIELDS.map((k) => [k, existing ? (existing[k] ?? null) : null]),
    ) as Fields;
    const changed = FIELDS.filter((k) => k in x && x[k] !== before[k]);
    if (existing && changed.length && !mayChange.has(existing.id))
      at(
        x.id ? 'id' : 'pressCardNumber',
        'not_your_journalist',
        `journalist ${existing.id} is not one of your province's`,
        { journalistId: existing.id },
      );
    const after: Fields = { ...before, ...Object.fromEntries(changed.map((k) => [k, x[k] ?? null])) };

    const province = x.residentProvinceId;
    let registration: { id?: number; validFrom: string; validTo: string } | undefined;
    if (province) {
      const [from, to] = [x.residentFrom, x.residentTo];
      if (!provinces.has(province))
        at('residentProvinceId', 'unknown_province', `no province '${province}'`, { provinceId: province });
      if (!from) at('residentFrom', 'needed_with_province', 'needed with a resident province');
      if (!to) at('residentTo', 'needed_with_province', 'needed with a resident province');
      else if (from && to < from)
        at('residentTo', 'registration_ends_before_start', 'the registration ends before it starts');
      const current = registrations.find((g) => g.journalistId === id && g.provinceId === province);
      if (from && to && (current?.validFrom !== from || current.validTo !== to)) {
        registration = { ...(current ? { id: current.id } : {}), validFrom: from, validTo: to };
        if (!administers(actor, { id: province, provinceId: province }))
          at(
            'residentProvinceId',
            'province_not_allowed',
            `you may register resident reporters only in ${actor.provinceId ?? 'your province'}`,
            actor.provinceId ? { provinceId: actor.provinceId } : undefined,
          );
      }
    } else if (x.residentFrom || x.residentTo)
      at('residentProvinceId', 'province_needed', 'name the province of the registration');

    const action = errors.length
      ? 'error'
      : !existing
        ? 'create'
        : changed.length || registration
          ? 'update'
          : 'unchanged';
    const outcome: RowOutcome = { row: r.row, action, ...(existing || x.id ? { id } : {}) };
    if (errors.length) outcome.errors = errors;
    if (action === 'update')
      outcome.changes = [...changed, ...(registration ? ['residentProvinceId'] : [])].map((k) =>
        headerOf(map, k),
      );
    outcomes.push(outcome);
    if (action !== 'create' && action !== 'update') continue;
    const searchText = foldForSearch(`${after.fullName} ${after.pressOrganisation} ${after.pressCardNumber}`);
    writes.push({
      outcome,
      order: 0,
      run: async (tx, now) => {
        if (!existing) {
          await tx.insert(Journalist, {
            id,
            ...after,
            fullName: after.fullName!,
            pressOrganisation: after.pressOrganisation!,
            pressCardNumber: after.pressCardNumber!,
            pressCardExpiresOn: after.pressCardExpiresOn!,
            searchText,
            createdAt: now,
          });
        } else if (changed.length) await tx.nativeUpdate(Journalist, { id }, { ...after, searchText });
        if (registration?.id)
          await tx.nativeUpdate(ResidentRegistration, { id: registration.id }, registration);
        else if (registration && province)
          await tx.insert(ResidentRegistration, {
            journalistId: id,
            provinceId: province,
            ...registration,
            createdAt: now,
          });
        return id;
      },
    });
  }
  return { outcomes, writes };
}

/**
 * Which journalists `actor` exports: their scope, narrowed to `provinceId` when asked (central
 * administrators may ask for any province, others only for their own).
 */
export function journalistExportScope(actor: Actor, provinceId: string | undefined): JournalistScope {
  const scope = journalistScope(actor);
  if (!provinceId) return scope;
  if (isCentralAdmin(actor) || (scope.kind === 'province' && scope.provinceId === provinceId))
    return { kind: 'province', provinceId };
  throw ForbiddenError.because('outside_your_province', 'You export only your own province’s journalists.');
}

/** The rows of a journalist export: those in `scope`; one registration each (in its province if any). */
export async function journalistExport(
  em: Em,
  lang: 'vi' | 'en',
  scope: JournalistScope,
): Promise<{ headers: string[]; rows: (string | null)[][]; dateColumns: number[] }> {
  const columns = exportColumns('journalists', lang);
  const preferProvince = scope.kind === 'province' ? scope.provinceId : undefined;
  // Everyone for a central administrator without an id list; otherwise the province's journalists.
  const ids = scope.kind === 'all' ? undefined : await findJournalistIds(em, { scope });
  const journalists = await em.find(Journalist, ids ? { id: { $in: ids } } : {}, {
    orderBy: { fullName: 'asc', id: 'asc' },
  });
  const registrations = new Map<string, { provinceId: string; validFrom: string; validTo: string }[]>();
  for (const g of await em.find(ResidentRegistration, ids ? { journalistId: { $in: ids } } : {}, {
    orderBy: { validTo: 'desc' },
  }))
    registrations.set(g.journalistId, [...(registrations.get(g.journalistId) ?? []), g]);
  return {
    headers: columns.map((c) => c.header),
    dateColumns: columns.flatMap((c, i) => (c.isDate ? [i] : [])),
    rows: journalists.map((j) => {
      const own = registrations.get(j.id) ?? [];
      const g = own.find((x) => x.provinceId === preferProvince) ?? own[0];
      const record: Record<string, string | null> = {
        ...j,
        email: j.email ?? null,
        phone: j.phone ?? null,
        sub: j.sub ?? null,
        residentProvinceId: g?.provinceId ?? null,
        residentFrom: g?.validFrom ?? null,
        residentTo: g?.validTo ?? null,
      } as never;
      return columns.map((c) => c.format(record[c.key]));
    }),
  };
}
