/**
 * @module
 * Agency history: a rename, a move to another parent, a change of kind or a merger closes the version in
 * force and opens a new one with its effective date, so contacts and statistics can name an agency as it
 * was. The `agency` row always shows the agency as it is now.
 */
import type { Actor } from '../../domain/actor.ts';
import type { LocalDate } from '../../domain/calendar/index.ts';
import { InvalidInputError, NotFoundError } from '../../domain/errors.ts';
import { foldForSearch } from '../../domain/text/fold.ts';
import { Agency, AgencyVersion } from '../entities/index.ts';
import type { Em } from '../orm.ts';

export type AgencyChangeReason = 'renamed' | 'moved' | 'reclassified' | 'merged_into';

export interface AgencyChange {
  name?: string | undefined;
  nameEn?: string | null | undefined;
  parentId?: string | null | undefined;
  kind?: string | undefined;
}

async function currentVersion(em: Em, agencyId: string) {
  const version = await em.findOne(
    AgencyVersion,
    { agencyId, validTo: null },
    { orderBy: { validFrom: 'desc' } },
  );
  if (!version) throw NotFoundError.of('Agency version', agencyId);
  return version;
}

/** Records a change effective from `effectiveFrom` (the old version ends the day before, exclusive end). */
export async function changeAgency(
  em: Em,
  agencyId: string,
  change: AgencyChange & { reason: AgencyChangeReason; mergedIntoId?: string | undefined },
  effectiveFrom: LocalDate,
  actor: Actor,
) {
  const agency = await em.findOne(Agency, { id: agencyId });
  if (!agency) throw NotFoundError.of('Agency', agencyId);
  if (agency.dissolvedOn)
    throw InvalidInputError.because(`The agency was dissolved on ${agency.dissolvedOn}.`, [
      { path: 'id', message: 'dissolved' },
    ]);
  const current = await currentVersion(em, agencyId);
  if (effectiveFrom <= current.validFrom) {
    throw InvalidInputError.because('A change must take effect after the version in force began.', [
      { path: 'effectiveFrom', message: `must be after ${current.validFrom}` },
    ]);
  }
  if (change.parentId) {
    const parent = await em.findOne(Agency, { id: change.parentId });
    if (!parent || parent.id === agencyId)
      throw InvalidInputError.because('No such parent agency.', [
        { path: 'parentId', message: 'unknown agency' },
      ]);
  }
  if (change.mergedIntoId === agencyId)
    throw InvalidInputError.atField(
      'intoId',
      'merge_into_itself',
      'Không thể sáp nhập một cơ quan vào chính nó.',
      'An agency cannot be merged into itself.',
    );
  if (change.mergedIntoId) {
    const into = await em.findOne(Agency, { id: change.mergedIntoId });
    if (!into)
      throw InvalidInputError.because('No such agency to merge into.', [
        { path: 'intoId', message: 'unknown agency' },
      ]);
    // Its work went on elsewhere, and merging into it would let two merges make a cycle (A into B, then B into A).
    if (into.dissolvedOn)
      throw InvalidInputError.atField(
        'intoId',
        'merge_into_dissolved',
        `Cơ quan ${into.id} đã giải thể hoặc sáp nhập từ ngày ${into.dissolvedOn}; hãy chọn cơ quan tiếp nhận hiện hành.`,
        `Agency ${into.id} was dissolved or merged on ${into.dissolvedOn}; choose the agency that carries on now.`,
      );
  }
  current.validTo = effectiveFrom;
  const next = {
    name: change.name ?? agency.name,
    nameEn: change.nameEn === undefined ? (agency.nameEn ?? null) : change.nameEn,
    parentId: change.parentId === undefined ? (agency.parentId ?? null) : change.parentId,
    kind: change.kind ?? agency.kind,
  };
  em.create(AgencyVersion, {
    agencyId,
    validFrom: effectiveFrom,
    validTo: null,
    ...next,
    level: agency.level,
    provinceId: agency.provinceId ?? null,
    reason: change.reason,
    mergedIntoId: change.mergedIntoId ?? null,
    recordedAt: new Date(),
    recordedBy: actor.sub,
  });
  Object.assign(agency, {
    ...next,
    searchText: foldForSearch(`${next.name} ${next.nameEn ?? ''}`),
    ...(change.reason === 'merged_into'
      ? { dissolvedOn: effectiveFrom, mergedIntoId: change.mergedIntoId ?? null }
      : {}),
  });
  await em.flush();
  return agency;
}

/** The agency as it was on `day` (its name, parent and kind then), or undefined before it existed. */
export async function agencyAsOf(em: Em, agencyId: string, day: LocalDate) {
  const versions = await em.find(
    AgencyVersion,
    { agencyId, validFrom: { $lte: day } },
    { orderBy: { validFrom: 'desc' }, limit: 1 },
  );
  return versions[0];
}

export function agencyHistory(em: Em, agencyId: string) {
  return em.find(AgencyVersion, { agencyId }, { orderBy: { validFrom: 'asc' } });
}
