/**
 * @module
 * Fills `search_text` for rows created before the column existed (it is folded in the application, see
 * domain/text/fold.ts, so SQL cannot backfill it alone). Cheap when there is nothing to do.
 */
import { foldForSearch } from '../../domain/text/fold.ts';
import type { Em } from '../orm.ts';

export async function backfillSearchText(em: Em): Promise<number> {
  let updated = 0;
  const agencies = await em.execute<{ id: string; name: string; name_en: string | null }[]>(
    `select id, name, name_en from agency where search_text = ''`,
  );
  for (const a of agencies) {
    await em.execute('update agency set search_text = ? where id = ?', [
      foldForSearch(`${a.name} ${a.name_en ?? ''}`),
      a.id,
    ]);
    updated++;
  }
  const journalists = await em.execute<
    { id: string; full_name: string; press_organisation: string; press_card_number: string }[]
  >(`select id, full_name, press_organisation, press_card_number from journalist where search_text = ''`);
  for (const j of journalists) {
    await em.execute('update journalist set search_text = ? where id = ?', [
      foldForSearch(`${j.full_name} ${j.press_organisation} ${j.press_card_number}`),
      j.id,
    ]);
    updated++;
  }
  return updated;
}
