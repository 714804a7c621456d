/**
 * @module
 * The one visibility rule (`domain/contact/visibility.ts`) as a SQL condition over the `contact` projection,
 * for every query that lists contacts (the contact list, calendar feeds).
 */
import type { ContactScope } from '../../domain/contact/visibility.ts';

/** `(journalist_sub = ? or agency_id = ? or province_id = ?)` for the members the scope has; `undefined` if none. */
export function contactScopeSql(scope: ContactScope): { sql: string; params: unknown[] } | undefined {
  if (scope.allProvinces) return { sql: 'true', params: [] };
  const parts: string[] = [];
  const params: unknown[] = [];
  for (const [column, value] of [
    ['journalist_sub', scope.journalistSub],
    ['agency_id', scope.agencyId],
    ['province_id', scope.provinceId],
  ] as const) {
    if (value === undefined) continue;
    parts.push(`${column} = ?`);
    params.push(value);
  }
  return parts.length ? { sql: `(${parts.join(' or ')})`, params } : undefined;
}
