/**
 * @module
 * Turns verified JWT claims into a token identity. Claims: `sub`, `name`, `roles` (our role names),
 * `agency_id`. Unknown roles are dropped rather than trusted. A claim that breaks the text policy (control
 * characters, an `agency_id` that is no identifier) makes the whole token invalid: it would otherwise reach
 * SQL and timelines. The registry decides what the identity may do (`domain/registry/actor-scope.ts`).
 */
import type { JWTPayload } from 'jose';
import type { TokenIdentity } from '../../domain/registry/actor-scope.ts';
import { identifier, plainText } from '../../domain/text/policy.ts';
import { ROLES, type Role } from '../../domain/vocabulary.ts';

export type { TokenIdentity };

const SUB = plainText({ max: 200 });
const NAME = plainText({ max: 200 });
const AGENCY_ID = identifier(64);

export function identityFromClaims(payload: JWTPayload): TokenIdentity | undefined {
  const sub = SUB.safeParse(payload.sub);
  if (!sub.success) return undefined;
  const rawRoles: unknown[] = Array.isArray(payload.roles) ? (payload.roles as unknown[]) : [];
  const roles = rawRoles.filter(
    (r): r is Role => typeof r === 'string' && (ROLES as readonly string[]).includes(r),
  );
  let agencyId: string | undefined;
  if (payload.agency_id !== undefined && payload.agency_id !== null) {
    const parsed = AGENCY_ID.safeParse(payload.agency_id);
    if (!parsed.success) return undefined;
    agencyId = parsed.data;
  }
  const name = NAME.safeParse(payload.name);
  return { sub: sub.data, name: name.success ? name.data : sub.data, roles, agencyId };
}
