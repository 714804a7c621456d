/**
 * @module
 * The province an administrator names when registering something there (a resident reporter, a press
 * organisation's office): it must be a province in the registry, and theirs to manage. One check for every such
 * route, so a province administrator cannot reach another province through whichever route forgot it.
 */
import type { Actor } from '../../domain/actor.ts';
import { ForbiddenError, NotFoundError } from '../../domain/errors.ts';
import { administers } from '../../domain/registry/permissions.ts';
import { Agency } from '../../db/entities/index.ts';
import type { Em } from '../../db/orm.ts';

/**
 * The province `provinceId` (its people's committee in the registry), if `actor` administers it.
 * @throws NotFoundError when the registry has no such province.
 * @throws ForbiddenError `outside_your_province` for an administrator of another province.
 */
export async function administeredProvince(em: Em, actor: Actor, provinceId: string) {
  const province = await em.findOne(Agency, {
    id: provinceId,
    level: 'province',
    kind: 'provincial_peoples_committee',
  });
  if (!province) throw NotFoundError.of('Province', provinceId);
  if (!administers(actor, { id: provinceId, provinceId }))
    throw ForbiddenError.because('outside_your_province', 'That province is not yours to manage.');
  return province;
}
