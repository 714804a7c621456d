/**
 * @module
 * Prompting agencies whose spokesperson entries have not been re-confirmed for a while. One notice per
 * agency per day, keyed `stale:<agency>:<day>`, so a retried or re-run sweep never notifies twice.
 */
import { toLocalDate } from '../domain/calendar/index.ts';
import type { Orm } from '../db/orm.ts';

export interface StalenessSweepInput {
  /** Entries not confirmed for this many months are stale. */
  months: number;
  /** The sweep's instant (epoch ms), passed by the workflow so retries agree on the day. */
  at: number;
}

export function createRegistryActivities(deps: { orm: Orm }) {
  return {
    async promptStaleSpokespersons({
      months,
      at,
    }: StalenessSweepInput): Promise<{ agencies: number; entries: number }> {
      const em = deps.orm.em.fork();
      const day = toLocalDate(at);
      const limit = new Date(at);
      limit.setUTCMonth(limit.getUTCMonth() - months);
      const stale = await em.execute<{ agency_id: string; n: string | number }[]>(
        `select agency_id, count(*) as n from spokesperson
         where last_confirmed_at < ? and term_start <= ? and (term_end is null or term_end >= ?)
         group by agency_id order by agency_id`,
        [limit, day, day],
      );
      for (const row of stale) {
        const n = Number(row.n);
        await em.execute(
          `insert into notification (key, contact_id, link, type, text, recipient_agency_id, recipient_roles, created_at)
           values (?, null, ?, 'spokespersons_stale', ?, ?, '{agency_head,agency_staff}', ?) on conflict (key) do nothing`,
          [
            `stale:${row.agency_id}:${day}`,
            `registry:${row.agency_id}`,
            `${n} thông tin người phát ngôn chưa được xác nhận lại trong ${months} tháng: đề nghị kiểm tra và xác nhận.`,
            row.agency_id,
            new Date(at),
          ],
        );
      }
      return { agencies: stale.length, entries: stale.reduce((sum, r) => sum + Number(r.n), 0) };
    },
  };
}
