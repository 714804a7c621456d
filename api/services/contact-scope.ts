/**
 * @module
 * The one visibility rule (`domain/contact/visibility.ts`) as a SQL condition over the `contact` projection,
 * for every query that lists contacts (the contact list, calendar feeds).
 */
import type { ContactScope } from '../../domain/contact/visibility.ts';

/**
 * `(journalist_sub = ? or agency_id = ? or ? = any(also_visible_to) or province_id = ?)` for the members the
 * scope has; `undefined` if none.
 */
export function contactScopeSql(scope: ContactScope): { sql: string; params: unknown[] } | undefined {
  if (scope.allProvinces) return { sql: 'true', params: [] };
  const parts: string[] = [];
  const params: unknown[] = [];
  if (scope.journalistSub !== undefined) {
    parts.push('journalist_sub = ?');
    params.push(scope.journalistSub);
  }
  if (scope.agencyId !== undefined) {
    // Its own contacts, and those it also sees (a difficulty report referred to it).
    parts.push('agency_id = ?', '? = any(also_visible_to)');
    params.push(scope.agencyId, scope.agencyId);
  }
  if (scope.provinceId !== undefined) {
    parts.push('province_id = ?');
    params.push(scope.provinceId);
  }
  return parts.length ? { sql: `(${parts.join(' or ')})`, params } : undefined;
}
