/**
 * @module
 * Recording a contact event: the projection row, the timeline entry and the notifications, in one database
 * transaction. Idempotent by business keys — (contact id, sequence) for the timeline, `<contact>:<seq>:<n>`
 * for notifications, and a `last_seq` guard on the projection — never by Temporal's activity id, so retries
 * and late deliveries write nothing twice and never move a contact backwards.
 */
import { foldForSearch } from '../domain/text/fold.ts';
import type {
  InformationRequestState,
  NotificationIntent,
  TimelineEntry,
} from '../domain/information-request/index.ts';
import { summarise } from '../domain/information-request/index.ts';
import type { Orm } from '../db/orm.ts';

export interface RecordContactEventInput {
  state: InformationRequestState;
  entry: TimelineEntry;
  notifications: NotificationIntent[];
}

const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));
const date = (ms: number | null) => (ms === null ? null : new Date(ms));

export function createContactActivities(deps: { orm: Orm; now?: () => number }) {
  const now = deps.now ?? Date.now;
  return {
    async recordContactEvent({ state, entry, notifications }: RecordContactEventInput): Promise<void> {
      const summary = summarise(state, now());
      const searchText = foldForSearch(
        `${state.contactId} ${state.subject} ${state.question} ${state.journalist.name}`,
      );
      await deps.orm.em.fork().transactional(async (em) => {
        await em.execute(
          `insert into timeline_entry (contact_id, seq, at, type, actor_sub, actor_name, text, data)
           values (?, ?, ?, ?, ?, ?, ?, ?::jsonb) on conflict (contact_id, seq) do nothing`,
          [
            state.contactId,
            entry.seq,
            new Date(entry.at),
            entry.type,
            entry.actor?.sub ?? null,
            entry.actor?.name ?? null,
            entry.text ?? null,
            json(entry.data),
          ],
        );
        await em.execute(
          `insert into contact (id, kind, agency_id, province_id, journalist_sub, journalist_name, subject, status,
             assignee_sub, assignee_name, due_at, escalation_level, submitted_at, updated_at, last_seq, search_text, state)
           values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)
           on conflict (id) do update set status = excluded.status, assignee_sub = excluded.assignee_sub,
             assignee_name = excluded.assignee_name, due_at = excluded.due_at, escalation_level = excluded.escalation_level,
             updated_at = excluded.updated_at, last_seq = excluded.last_seq, search_text = excluded.search_text,
             state = excluded.state
           where contact.last_seq < excluded.last_seq`,
          [
            state.contactId,
            state.kind,
            state.agencyId,
            state.provinceId ?? null,
            state.journalist.sub,
            state.journalist.name,
            state.subject,
            state.status,
            state.assignee?.sub ?? null,
            state.assignee?.name ?? null,
            date(summary.dueAt),
            summary.escalationLevel,
            new Date(state.submittedAt),
            new Date(state.updatedAt),
            entry.seq,
            searchText,
            JSON.stringify(state),
          ],
        );
        for (const [index, n] of notifications.entries()) {
          const r = n.recipient;
          await em.execute(
            `insert into notification (key, contact_id, type, text, recipient_sub, recipient_agency_id, recipient_roles,
               recipient_province_id, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (key) do nothing`,
            [
              `${state.contactId}:${entry.seq}:${index}`,
              state.contactId,
              n.type,
              n.text,
              r.kind === 'person' ? r.sub : null,
              r.kind === 'agency_role' ? r.agencyId : null,
              r.kind === 'agency_role'
                ? `{${r.roles.join(',')}}`
                : r.kind === 'province_supervisors'
                  ? '{supervisor}'
                  : null,
              r.kind === 'province_supervisors' ? r.provinceId : null,
              new Date(entry.at),
            ],
          );
        }
      });
    },
  };
}
