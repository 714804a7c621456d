/**
 * @module
 * The public spokesperson directory and the registry's searches: case- and diacritic-insensitive (text is
 * folded the same way on both sides), every word must match (trigram-indexed), ranked by phrase and position.
 */
import { toLocalDate } from '../../domain/calendar/index.ts';
import { InvalidInputError } from '../../domain/errors.ts';
import { isStale, type SpokespersonRoleType } from '../../domain/registry/spokesperson.ts';
import { escapeLikePattern, foldForSearch } from '../../domain/text/fold.ts';
import type { Em } from '../../db/orm.ts';

/** Default: entries not re-confirmed for this many months are flagged stale and their agency prompted. */
export const STALE_AFTER_MONTHS = 6;

export interface DirectoryQuery {
  q?: string | undefined;
  provinceId?: string | undefined;
  level?: string | undefined;
  agencyId?: string | undefined;
  limit: number;
  cursor?: string | undefined;
  now: number;
  /** Months without re-confirmation after which an entry is flagged stale. */
  staleAfterMonths?: number | undefined;
}

interface DirectoryRow {
  id: string;
  full_name: string;
  role_type: SpokespersonRoleType;
  title: string;
  phone: string | null;
  email: string | null;
  topics: string | null;
  term_start: string;
  term_end: string | null;
  last_confirmed_at: Date | string;
  agency_id: string;
  agency_name: string;
  agency_name_en: string | null;
  agency_level: string;
  agency_kind: string;
  agency_province_id: string | null;
}

/** An opaque cursor: the offset of the next page (rankings change with the query, so keysets do not fit). */
export function decodeOffsetCursor(cursor: string | undefined): number {
  if (!cursor) return 0;
  const offset = Number(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!Number.isInteger(offset) || offset < 0 || offset > 100_000)
    throw InvalidInputError.because('The cursor is not one this API returned.');
  return offset;
}

export const encodeOffsetCursor = (offset: number) => Buffer.from(String(offset)).toString('base64url');

/** `word LIKE` conditions (every word must appear) and the folded query for ranking. */
export function wordConditions(
  column: string,
  q: string | undefined,
): { sql: string[]; params: string[]; folded: string } {
  const folded = q ? foldForSearch(q) : '';
  const words = folded.split(' ').filter(Boolean).slice(0, 8);
  return {
    sql: words.map(() => `${column} like ? escape '\\'`),
    params: words.map((w) => `%${escapeLikePattern(w)}%`),
    folded,
  };
}

export async function searchDirectory(em: Em, query: DirectoryQuery) {
  const today = toLocalDate(query.now);
  const where = ['s.term_start <= ?', '(s.term_end is null or s.term_end >= ?)'];
  const params: unknown[] = [today, today];
  if (query.provinceId) {
    where.push('s.province_id = ?');
    params.push(query.provinceId);
  }
  if (query.level) {
    where.push('a.level = ?');
    params.push(query.level);
  }
  if (query.agencyId) {
    where.push('s.agency_id = ?');
    params.push(query.agencyId);
  }
  const words = wordConditions('s.search_text', query.q);
  where.push(...words.sql);
  params.push(...words.params);
  const offset = decodeOffsetCursor(query.cursor);
  // Ranking stays cheap for broad queries (thousands of matches): the whole phrase first, then where it
  // appears (search text starts with the person's name, so name matches lead), then the usual order.
  const rank = words.folded
    ? `case when s.search_text like ? escape '\\' then 0 else 1 end, strpos(s.search_text, ?),`
    : '';
  const rankParams = words.folded ? [`%${escapeLikePattern(words.folded)}%`, words.folded] : [];
  const rows = await em.execute<DirectoryRow[]>(
    `select s.id, s.full_name, s.role_type, s.title, s.phone, s.email, s.topics, s.term_start, s.term_end, s.last_confirmed_at,
       a.id as agency_id, a.name as agency_name, a.name_en as agency_name_en, a.level as agency_level, a.kind as agency_kind,
       a.province_id as agency_province_id
     from spokesperson s join agency a on a.id = s.agency_id
     where ${where.join(' and ')}
     order by ${rank} case a.level when 'central' then 0 when 'province' then 1 else 2 end, a.name,
       case s.role_type when 'spokesperson' then 0 when 'head' then 1 else 2 end, s.full_name, s.id
     limit ? offset ?`,
    [...params, ...rankParams, query.limit + 1, offset],
  );
  return {
    items: rows.slice(0, query.limit).map((r) => ({
      id: r.id,
      fullName: r.full_name,
      roleType: r.role_type,
      title: r.title,
      phone: r.phone,
      email: r.email,
      topics: r.topics,
      termStart: r.term_start,
      termEnd: r.term_end,
      stale: isStale(
        new Date(r.last_confirmed_at).getTime(),
        query.now,
        query.staleAfterMonths ?? STALE_AFTER_MONTHS,
      ),
      agency: {
        id: r.agency_id,
        name: r.agency_name,
        nameEn: r.agency_name_en,
        level: r.agency_level,
        kind: r.agency_kind,
        provinceId: r.agency_province_id,
      },
    })),
    nextCursor: rows.length > query.limit ? encodeOffsetCursor(offset + query.limit) : null,
  };
}
