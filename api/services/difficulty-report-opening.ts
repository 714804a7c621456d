/**
 * @module
 * What opening a difficulty report needs from the registry (issue 10): the report goes to the press-management
 * department of the province the journalist names; the agency involved, if named, exists and is of that
 * province or central; and every related contact is the journalist's own. The journalist is any journalist
 * with a valid press card, as for a work appointment.
 */
import type { Actor } from '../../domain/actor.ts';
import type { PersonRef } from '../../domain/contact/state.ts';
import type { DifficultyReportBody } from '../../domain/difficulty-report/opening.ts';
import type { NewDifficultyReport } from '../../domain/difficulty-report/state.ts';
import { InvalidInputError } from '../../domain/errors.ts';
import { assertMayProposeAppointment } from '../../domain/registry/eligibility.ts';
import { Agency, Contact, Journalist } from '../../db/entities/index.ts';
import type { Em } from '../../db/orm.ts';

export type DifficultyReportFields = Pick<
  NewDifficultyReport,
  'description' | 'involvedAgencyId' | 'relatedContactIds'
>;

/** The department the report goes to, its journalist and the kind's own opening fields; or the refusal. */
export async function difficultyReportOpening(
  em: Em,
  actor: Actor,
  body: DifficultyReportBody,
  today: string,
): Promise<{
  department: { id: string; provinceId: string };
  journalist: PersonRef;
  fields: DifficultyReportFields;
}> {
  const journalist = (await em.findOne(Journalist, { sub: actor.sub })) ?? undefined;
  assertMayProposeAppointment({ journalist, today });
  const departments = await em.find(Agency, {
    provinceId: body.provinceId,
    kind: 'press_management_department',
  });
  const department = departments.find((d) => !d.dissolvedOn || d.dissolvedOn > today);
  if (!department)
    throw InvalidInputError.atField(
      'provinceId',
      'no_department',
      'Tỉnh này chưa có cơ quan quản lý báo chí trong danh bạ.',
      `There is no press-management department for province '${body.provinceId}' in the registry.`,
    );
  if (body.agencyId !== undefined) {
    const involved = await em.findOne(Agency, { id: body.agencyId });
    const inScope =
      involved &&
      (!involved.dissolvedOn || involved.dissolvedOn > today) &&
      involved.id !== department.id &&
      (involved.provinceId === body.provinceId || involved.level === 'central');
    if (!inScope)
      throw InvalidInputError.atField(
        'agencyId',
        'unknown_agency',
        'Không có cơ quan này trong tỉnh (hoặc ở trung ương).',
        `There is no agency '${body.agencyId}' in the province or at central level.`,
      );
  }
  const related = body.relatedContactIds ?? [];
  if (related.length) {
    const own = await em.find(Contact, { id: { $in: related }, journalistSub: actor.sub });
    const missing = related.filter((id) => !own.some((c) => c.id === id));
    if (missing.length)
      throw InvalidInputError.atField(
        'relatedContactIds',
        'unknown_related_contact',
        `Không tìm thấy liên hệ của bạn: ${missing.join(', ')}.`,
        `Not contacts of yours: ${missing.join(', ')}.`,
      );
  }
  return {
    department: { id: department.id, provinceId: body.provinceId },
    journalist: { sub: actor.sub, name: journalist!.fullName },
    fields: { description: body.description, involvedAgencyId: body.agencyId, relatedContactIds: related },
  };
}
