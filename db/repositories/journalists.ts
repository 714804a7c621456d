/**
 * @module
 * Journalists as a province sees them, and their press-card verification history.
 *
 * "A province's journalists" (the scope of its supervisors, administrators and agency users; issue 6,
 * defect 10) are those the province itself has dealt with:
 * - journalists with a resident-reporter registration in the province (any dates: the province recorded
 *   it), and
 * - journalists with at least one press contact with one of the province's agencies (the contact already
 *   holds their name; the supervisor may need to reach them).
 * Working for a press organisation that has a representative office in the province does not count: a
 * national paper's office would otherwise put all its reporters in every such province. Central
 * administrators see every journalist. This SQL is the only definition of the rule; `journalistScope` in
 * `domain/registry/permissions.ts` decides which scope an actor has.
 */
import type { JournalistScope } from '../../domain/registry/permissions.ts';
import { currentVerification, type VerificationRecord } from '../../domain/registry/verification.ts';
import { escapeLikePattern, foldForSearch } from '../../domain/text/fold.ts';
import { JournalistVerification } from '../entities/index.ts';
import type { Em } from '../orm.ts';

/** `where` condition (on journalist alias `j`) and its parameters for an actor's scope. */
export function scopeCondition(scope: JournalistScope): { sql: string; params: unknown[] } {
  switch (scope.kind) {
    case 'all':
      return { sql: 'true', params: [] };
    case 'none':
      return { sql: 'false', params: [] };
    case 'province':
      return {
        sql: `(exists (select 1 from resident_registration r where r.journalist_id = j.id and r.province_id = ?)
          or (j.sub is not null and exists (select 1 from contact c where c.journalist_sub = j.sub and c.province_id = ?)))`,
        params: [scope.provinceId, scope.provinceId],
      };
  }
}

export interface JournalistQuery {
  scope: JournalistScope;
  /** Words that must all appear (diacritics and case ignored). */
  q?: string | undefined;
  /** Only journalists with a resident registration in this province. */
  residentIn?: string | undefined;
  /** Only these ids. */
  ids?: readonly string[] | undefined;
  limit?: number | undefined;
}

/** Ids of the journalists in scope that match, ordered by name. */
export async function findJournalistIds(em: Em, query: JournalistQuery): Promise<string[]> {
  const scope = scopeCondition(query.scope);
  const where = [scope.sql];
  const params: unknown[] = [...scope.params];
  const words = foldForSearch(query.q ?? '')
    .split(' ')
    .filter(Boolean)
    .slice(0, 8);
  for (const w of words) {
    where.push(`j.search_text like ? escape '\\'`);
    params.push(`%${escapeLikePattern(w)}%`);
  }
  if (query.residentIn) {
    where.push(
      'exists (select 1 from resident_registration g where g.journalist_id = j.id and g.province_id = ?)',
    );
    params.push(query.residentIn);
  }
  if (query.ids) {
    if (query.ids.length === 0) return [];
    where.push(`j.id in (${query.ids.map(() => '?').join(', ')})`);
    params.push(...query.ids);
  }
  const limit = query.limit !== undefined ? 'limit ?' : '';
  if (query.limit !== undefined) params.push(query.limit);
  const rows = await em.execute<{ id: string }[]>(
    `select j.id from journalist j where ${where.join(' and ')} order by j.full_name, j.id ${limit}`,
    params,
  );
  return rows.map((r) => r.id);
}

/** Whether the journalist `id` is in the scope (false also when there is no such journalist). */
export async function isJournalistInScope(em: Em, scope: JournalistScope, id: string): Promise<boolean> {
  return (await findJournalistIds(em, { scope, ids: [id] })).length === 1;
}

/** The journalist's verifications, oldest first, and the current one (the latest). */
export async function verificationHistory(
  em: Em,
  journalistId: string,
): Promise<{ history: VerificationRecord[]; current: VerificationRecord | null }> {
  const rows = await em.find(
    JournalistVerification,
    { journalistId },
    { orderBy: { verifiedAt: 'asc', id: 'asc' } },
  );
  const history = rows.map((r): VerificationRecord => ({
    id: r.id,
    journalistId: r.journalistId,
    result: r.result,
    method: r.method,
    documentUrl: r.documentUrl ?? null,
    note: r.note ?? null,
    provinceId: r.provinceId ?? null,
    agencyId: r.agencyId ?? null,
    verifiedBy: r.verifiedBy,
    verifiedByName: r.verifiedByName,
    verifiedAt: new Date(r.verifiedAt).getTime(),
  }));
  return { history, current: currentVerification(history) };
}
