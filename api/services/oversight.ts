/**
 * @module
 * The API's side of `domain/supervision/scope.ts`: the province an overseer's request reads, or the 403 that
 * says why not. Every supervision route (board, statistics, reports, bulk reminders) asks here.
 */
import type { Actor } from '../../domain/actor.ts';
import { ForbiddenError } from '../../domain/errors.ts';
import { overseenProvince } from '../../domain/supervision/scope.ts';

const MESSAGES = {
  not_overseer: 'Only supervisors, auditors and administrators oversee contacts.',
  province_required: 'Name the province (provinceId).',
  outside_your_province: 'That province is outside your scope.',
} as const;

/**
 * The province to read for `requested`. National overseers get `undefined` (every province) when they name
 * none and `requireForNational` is false.
 * @throws ForbiddenError `not_overseer`, `province_required` or `outside_your_province`.
 */
export function requireOverseenProvince(
  actor: Actor,
  requested: string | undefined,
  options: { requireForNational: boolean },
): string | undefined {
  const result = overseenProvince(actor, requested, options);
  if (!result.ok) throw ForbiddenError.because(result.code, MESSAGES[result.code]);
  return result.provinceId;
}
