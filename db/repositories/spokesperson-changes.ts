/**
 * @module
 * Reading the spokesperson change feed in order. Ids are assigned under an advisory lock at write time
 * (see spokespersons.ts), so `id > cursor` never skips a change that commits later.
 */
import type { Em } from '../orm.ts';

export interface FeedChange {
  id: number;
  changeType: 'created' | 'updated' | 'term_ended';
  spokespersonId: string;
  agencyId: string;
  provinceId: string | null;
  version: number;
  at: string;
  snapshot: unknown;
}

interface Row {
  id: string | number;
  change_type: FeedChange['changeType'];
  spokesperson_id: string;
  agency_id: string;
  province_id: string | null;
  version: number;
  at: Date | string;
  snapshot: unknown;
}

/** Changes after `afterId`, oldest first; `provinceId` limits them to one province (undefined: all). */
export async function readChanges(
  em: Em,
  afterId: number,
  limit: number,
  provinceId?: string | null,
): Promise<FeedChange[]> {
  const params: unknown[] = [afterId];
  let scope = '';
  if (provinceId !== undefined && provinceId !== null) {
    scope = 'and province_id = ?';
    params.push(provinceId);
  }
  const rows = await em.execute<Row[]>(
    `select id, change_type, spokesperson_id, agency_id, province_id, version, at, snapshot
     from spokesperson_change where id > ? ${scope} order by id limit ?`,
    [...params, limit],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    changeType: r.change_type,
    spokespersonId: r.spokesperson_id,
    agencyId: r.agency_id,
    provinceId: r.province_id,
    version: r.version,
    at: new Date(r.at).toISOString(),
    snapshot: typeof r.snapshot === 'string' ? (JSON.parse(r.snapshot) as unknown) : r.snapshot,
  }));
}
