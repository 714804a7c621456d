/**
 * @module
 * What opening a walk-in visit record needs from the registry (issue 10): the staff member records a visit to
 * their own agency; the visitor is a registered journalist (by registry id) or one the registry does not know
 * (name, press organisation, card, as they introduced themselves); the host is a current spokesperson or
 * authorized person of the agency; and the visit happened — not in the future, and recently enough to record.
 */
import { actsForAgency, AGENCY_ROLES, type Actor } from '../../domain/actor.ts';
import type { Host } from '../../domain/appointment/state.ts';
import type { PersonRef } from '../../domain/contact/state.ts';
import { ForbiddenError, InvalidInputError } from '../../domain/errors.ts';
import type { Role } from '../../domain/vocabulary.ts';
import {
  NO_ACCOUNT,
  WALK_IN_MAX_AGE_DAYS,
  type NewWalkIn,
  type Visitor,
} from '../../domain/walk-in/state.ts';
import { Journalist } from '../../db/entities/index.ts';
import type { Em } from '../../db/orm.ts';
import { agencyHost } from './action-context.ts';

/** A visit is recorded after it happened; a few minutes of clock difference between machines are forgiven. */
const CLOCK_SKEW_MS = 5 * 60_000;

export interface WalkInBody {
  agencyId: string;
  journalistId?: string | undefined;
  journalist?: { fullName: string; pressOrganisation: string; pressCardNumber: string } | undefined;
  visitedAt: number;
  content: string;
  hostId: string;
}

export type WalkInFields = Pick<NewWalkIn, 'visitedAt' | 'content' | 'host' | 'visitor' | 'recordedBy'>;

/** The agency role the recorder acts in, the most senior first (as the timeline names them). */
function recorderRole(actor: Actor): Role {
  return (['agency_head', 'spokesperson', 'agency_staff'] as const).find((r) => actor.roles.includes(r))!;
}

async function visitorOf(em: Em, body: WalkInBody): Promise<{ visitor: Visitor; journalist: PersonRef }> {
  if (body.journalistId !== undefined) {
    const row = await em.findOne(Journalist, { id: body.journalistId });
    if (!row)
      throw InvalidInputError.atField(
        'journalistId',
        'unknown_journalist',
        'Không có nhà báo này trong danh bạ.',
        `There is no journalist '${body.journalistId}' in the registry.`,
      );
    return {
      visitor: {
        journalistId: row.id,
        fullName: row.fullName,
        pressOrganisation: row.pressOrganisation,
        pressCardNumber: row.pressCardNumber,
      },
      journalist: { sub: row.sub ?? NO_ACCOUNT, name: row.fullName },
    };
  }
  const given = body.journalist!;
  return {
    visitor: { journalistId: null, ...given },
    journalist: { sub: NO_ACCOUNT, name: given.fullName },
  };
}

/** The walk-in's own opening fields and its journalist, or the refusal that explains what is wrong. */
export async function walkInOpening(
  em: Em,
  actor: Actor,
  body: WalkInBody,
  now: number,
  today: string,
): Promise<{ journalist: PersonRef; fields: WalkInFields }> {
  if (!actsForAgency(actor, body.agencyId, AGENCY_ROLES))
    throw ForbiddenError.because('not_your_agency', 'Only staff of the agency record its walk-in visits.', {
      agencyId: body.agencyId,
    });
  if (body.visitedAt > now + CLOCK_SKEW_MS)
    throw InvalidInputError.atField(
      'visitedAt',
      'visit_in_future',
      'Thời điểm làm việc chưa đến.',
      'The visit is in the future.',
    );
  if (body.visitedAt < now - WALK_IN_MAX_AGE_DAYS * 86_400_000)
    throw InvalidInputError.atField(
      'visitedAt',
      'visit_too_old',
      `Chỉ ghi nhận buổi làm việc trong ${WALK_IN_MAX_AGE_DAYS} ngày gần đây.`,
      `Only visits within the last ${WALK_IN_MAX_AGE_DAYS} days can be recorded.`,
    );
  const host = (await agencyHost(em, body.agencyId, body.hostId, today)) as Host;
  const { visitor, journalist } = await visitorOf(em, body);
  return {
    journalist,
    fields: {
      visitedAt: body.visitedAt,
      content: body.content,
      host,
      visitor,
      recordedBy: { sub: actor.sub, name: actor.name, role: recorderRole(actor) },
    },
  };
}
