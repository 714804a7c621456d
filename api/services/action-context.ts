/**
 * @module
 * The registry facts an action needs, looked up for the workflow (which cannot read the database in a
 * validator): the officer to assign, the competent agency of a forward, the host of a meeting, the contact's
 * files an answer or a result carries. A request's
 * own words are never trusted for these — only the ids it names, checked here.
 */
import { AGENCY_ROLES } from '../../domain/actor.ts';
import { toLocalDate } from '../../domain/calendar/index.ts';
import type { ActionContext } from '../../domain/contact/define.ts';
import type { AnyContactState } from '../../domain/contact/state.ts';
import { InvalidInputError } from '../../domain/errors.ts';
import type { Role } from '../../domain/vocabulary.ts';
import { Agency, Attachment, Membership, Spokesperson } from '../../db/entities/index.ts';
import type { Em } from '../../db/orm.ts';

/** Spokesperson role types that may host a meeting for their agency. */
const HOST_ROLE_TYPES = ['head', 'spokesperson', 'authorized'];

/** An active member of the contact's agency in a role that can act, named as the registry names them. */
async function assignee(em: Em, state: AnyContactState, sub: unknown): Promise<ActionContext['assignee']> {
  if (typeof sub !== 'string') return undefined;
  const rows = await em.find(Membership, { sub, agencyId: state.agencyId, role: { $in: [...AGENCY_ROLES] } });
  const best = (['agency_head', 'spokesperson', 'agency_staff'] as Role[]).find((r) =>
    rows.some((m) => m.role === r),
  );
  const row = rows.find((m) => m.role === best);
  if (!row)
    throw InvalidInputError.atField(
      'assigneeSub',
      'unknown_assignee',
      'Người được giao phải là cán bộ của cơ quan xử lý.',
      'The assignee must be an active member of the contact’s agency.',
    );
  return { sub: row.sub, name: row.name, role: row.role };
}

/** The competent agency: it exists, is active and is another agency. */
async function competentAgency(em: Em, state: AnyContactState, id: unknown, today: string) {
  if (typeof id !== 'string') return undefined;
  const agency = await em.findOne(Agency, { id });
  if (!agency)
    throw InvalidInputError.atField(
      'toAgencyId',
      'unknown_agency',
      'Không có cơ quan này.',
      `There is no agency '${id}'.`,
    );
  if (agency.dissolvedOn && agency.dissolvedOn <= today)
    throw InvalidInputError.atField(
      'toAgencyId',
      'agency_dissolved',
      'Cơ quan này đã giải thể hoặc sáp nhập.',
      'That agency was dissolved or merged.',
    );
  if (agency.id === state.agencyId)
    throw InvalidInputError.atField(
      'toAgencyId',
      'same_agency',
      'Hãy chuyển đến một cơ quan khác.',
      'Forward to another agency.',
    );
  return { id: agency.id, name: agency.name, provinceId: agency.provinceId ?? undefined };
}

/**
 * A current spokesperson, head or authorized person of `agencyId`: who may host a meeting or have received a
 * walk-in visit.
 */
export async function agencyHost(
  em: Em,
  agencyId: string,
  id: unknown,
  today: string,
): Promise<ActionContext['host']> {
  if (typeof id !== 'string') return undefined;
  const row = await em.findOne(Spokesperson, { id, agencyId });
  const current =
    row &&
    HOST_ROLE_TYPES.includes(row.roleType) &&
    row.termStart <= today &&
    (row.termEnd === null || row.termEnd === undefined || today <= row.termEnd);
  if (!row || !current)
    throw InvalidInputError.atField(
      'hostId',
      'unknown_host',
      'Người chủ trì phải là người phát ngôn hoặc người được ủy quyền hiện tại của cơ quan.',
      'The host must be a current spokesperson or authorized person of the agency.',
    );
  return { id: row.id, name: row.fullName, title: row.title };
}

/** The contact's own uploads the input names; any other id is refused, naming them all. */
async function contactFiles(
  em: Em,
  state: AnyContactState,
  ids: unknown,
): Promise<ActionContext['attachments']> {
  if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id) => typeof id === 'string')) return undefined;
  const rows = await em.find(Attachment, { contactId: state.contactId, id: { $in: ids } });
  const missing = ids.filter((id) => !rows.some((r) => r.id === id));
  if (missing.length)
    throw InvalidInputError.atField(
      'attachmentIds',
      'attachment_not_on_contact',
      `Không có tệp trong hồ sơ này: ${missing.join(', ')}.`,
      `Not files of this contact: ${missing.join(', ')}.`,
    );
  return rows.map((r) => ({ id: r.id, name: r.name, size: r.size, type: r.type }));
}

/** The registry facts for `action`'s input on `state` (each looked up only when the input names it). */
export async function actionContext(
  em: Em,
  state: AnyContactState,
  input: Record<string, unknown>,
  now: number,
): Promise<ActionContext> {
  const today = toLocalDate(now);
  return {
    assignee: await assignee(em, state, input['assigneeSub']),
    toAgency: await competentAgency(em, state, input['toAgencyId'], today),
    host: await agencyHost(em, state.agencyId, input['hostId'], today),
    attachments: await contactFiles(em, state, input['attachmentIds']),
  };
}
