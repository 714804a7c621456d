/**
 * @module
 * Loads the demo data. Idempotent: a second `npm start` finds the same rows and adds nothing.
 */
import type { Em } from '../orm.ts';
import { foldForSearch } from '../../domain/text/fold.ts';
import { Spokesperson } from '../entities/index.ts';
import { createSpokesperson } from '../repositories/spokespersons.ts';
import {
  DEMO_AGENCIES,
  DEMO_JOURNALISTS,
  DEMO_LETTERHEADS,
  DEMO_SPOKESPERSONS,
  DEMO_USERS,
} from './demo-data.ts';

/** A demo user's e-mail address (issue 11): mail to it lands in the local catch-all of `npm start`. */
export const demoEmail = (sub: string): string => `${sub}@demo.press-liaison.local`;

export async function seedDemoData(em: Em): Promise<void> {
  await em.transactional(async (tx) => {
    for (const a of DEMO_AGENCIES) {
      await tx.execute(
        `insert into agency (id, name, name_en, level, kind, parent_id, province_id, search_text, created_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, now()) on conflict (id) do nothing`,
        [
          a.id,
          a.name,
          a.nameEn,
          a.level,
          a.kind,
          a.parentId,
          a.provinceId,
          foldForSearch(`${a.name} ${a.nameEn}`),
        ],
      );
      await tx.execute(
        `insert into agency_version (agency_id, valid_from, name, name_en, kind, level, parent_id, province_id, reason, recorded_at, recorded_by)
         select ?, '2025-07-01', ?, ?, ?, ?, ?, ?, 'created', now(), 'demo-seed'
         where not exists (select 1 from agency_version where agency_id = ?)`,
        [a.id, a.name, a.nameEn, a.kind, a.level, a.parentId, a.provinceId, a.id],
      );
    }
    for (const l of DEMO_LETTERHEADS) {
      await tx.execute(
        `insert into letterhead (department_id, parent_body, issuing_body, symbol, place, signer_authority, signer_title,
           signer_name, copy_to, updated_at, updated_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, now(), 'demo-seed')
         on conflict (department_id) do nothing`,
        [
          l.departmentId,
          l.parentBody,
          l.issuingBody,
          l.symbol,
          l.place,
          l.signerAuthority ?? null,
          l.signerTitle,
          l.signerName,
          JSON.stringify(l.copyTo),
        ],
      );
    }
    for (const u of DEMO_USERS) {
      if (!u.agencyId) continue;
      for (const role of u.roles) {
        await tx.execute(
          `insert into membership (sub, name, title, agency_id, role, email, created_at) values (?, ?, ?, ?, ?, ?, now())
           on conflict (sub, agency_id, role) do update set email = coalesce(membership.email, excluded.email)`,
          [u.sub, u.name, u.title, u.agencyId, role, demoEmail(u.sub)],
        );
      }
    }
    for (const j of DEMO_JOURNALISTS) {
      await tx.execute(
        `insert into journalist (id, sub, full_name, press_organisation, press_card_number, press_card_expires_on, email, phone,
           search_text, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, now()) on conflict (id) do nothing`,
        [
          j.id,
          j.sub,
          j.fullName,
          j.pressOrganisation,
          j.pressCardNumber,
          j.pressCardExpiresOn,
          j.email,
          j.phone,
          foldForSearch(`${j.fullName} ${j.pressOrganisation} ${j.pressCardNumber}`),
        ],
      );
      if (j.residentIn) {
        const [existing] = await tx.execute<{ n: string }[]>(
          'select count(*) as n from resident_registration where journalist_id = ? and province_id = ?',
          [j.id, j.residentIn.provinceId],
        );
        if (Number(existing?.n ?? 0) === 0) {
          await tx.execute(
            'insert into resident_registration (journalist_id, province_id, valid_from, valid_to, created_at) values (?, ?, ?, ?, now())',
            [j.id, j.residentIn.provinceId, j.residentIn.validFrom, j.residentIn.validTo],
          );
        }
      }
    }
  });
  const seeder = { sub: 'demo-seed', name: 'Demo data', roles: ['admin' as const] };
  for (const sp of DEMO_SPOKESPERSONS) {
    await em.transactional(async (tx) => {
      if (await tx.findOne(Spokesperson, { id: sp.id })) return;
      await createSpokesperson(
        tx,
        {
          ...sp,
          termEnd: null,
          authorizedCase: null,
          delegatedById: null,
          documentNumber: null,
          documentDate: null,
          documentUrl: null,
        },
        seeder,
      );
    });
  }
}
