/**
 * @module
 * Bearer authentication. `authenticate()` verifies a token when there is one and resolves the caller's
 * agency, province and level from the registry (`resolveActor`, through the process's `AgencyScopes`): a token
 * whose agency the registry does not have (or has dissolved) is refused with 403 and a code saying why, never
 * treated as central.
 * `requireActor(c)` and `requireRole(c, roles)` are the checks every protected handler makes, so a denial is
 * one line and always the same answer.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { Actor } from '../../domain/actor.ts';
import { toLocalDate } from '../../domain/calendar/index.ts';
import { ForbiddenError } from '../../domain/errors.ts';
import { resolveActor } from '../../domain/registry/actor-scope.ts';
import type { Role } from '../../domain/vocabulary.ts';
import type { AppEnv } from '../context.ts';
import { HTTPException } from 'hono/http-exception';

export function authenticate(): MiddlewareHandler<AppEnv> {
  return async function authenticate(c, next) {
    const header = c.req.header('authorization');
    c.set('actor', undefined);
    if (header) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      const identity = match?.[1] ? await c.var.deps.verifyToken(match[1]) : undefined;
      if (!identity)
        throw new HTTPException(401, { message: 'The bearer token is missing, expired or invalid.' });
      const agency =
        identity.agencyId === undefined ? null : await c.var.agencyScopes.get(c.var.em, identity.agencyId);
      const resolved = resolveActor(identity, agency, toLocalDate(c.var.deps.now?.() ?? Date.now()));
      if (!resolved.ok) throw ForbiddenError.because(resolved.code, resolved.message);
      c.set('actor', resolved.actor);
    }
    await next();
  };
}

export function requireActor(c: Context<AppEnv>): Actor {
  const actor = c.var.actor;
  if (!actor) throw new HTTPException(401, { message: 'Sign in first: this endpoint needs a bearer token.' });
  return actor;
}

export function requireRole(c: Context<AppEnv>, roles: readonly Role[]): Actor {
  const actor = requireActor(c);
  if (!actor.roles.some((r) => roles.includes(r))) {
    throw ForbiddenError.because('role_required', `This needs one of the roles: ${roles.join(', ')}.`, {
      requiredRoles: [...roles],
    });
  }
  return actor;
}

/**
 * Route middleware form of `requireRole`, placed before the request validators so that a caller without
 * the role is told 403 whatever they sent (authorization before validation).
 */
export function allowRoles(...roles: Role[]): MiddlewareHandler<AppEnv> {
  return async function allowRoles(c, next) {
    requireRole(c, roles);
    await next();
  };
}
