/**
 * @module
 * Issuing a formal reminder letter (issue 8): gathers the letterhead, the addressee and the contacts the
 * letter names, renders it as PDF and DOCX with the number the department's registry gives it, and stores it —
 * all in one transaction, so a number is never used twice nor skipped. Idempotent by the source key (the
 * reminder's timeline entry, or a bulk job's agency): a retry returns the letter already issued.
 */
import { ApplicationFailure } from '@temporalio/common';
import { toLocalDate, workingDaysBetween, type CalendarData } from '../domain/calendar/index.ts';
import { kindOf } from '../domain/contact/kinds.ts';
import { defaultLetterhead } from '../domain/supervision/letterhead.ts';
import { CLOCK_LABELS, type IssuedLetter } from '../domain/supervision/letters.ts';
import type { ClockName, ContactKind } from '../domain/vocabulary.ts';
import {
  formatDocumentNumber,
  renderReminderLetterDocx,
  renderReminderLetterPdf,
  type OverdueContactLine,
  type ReminderLetter,
} from '../documents/letter/index.ts';
import { calendarAround } from '../api/services/settings.ts';
import { configuredLetterhead, issueDocument } from '../db/repositories/documents.ts';
import type { Em, Orm } from '../db/orm.ts';

export interface IssueReminderLetterInput {
  /** Idempotency key: `<contact>:<seq of the reminder>` or `<bulk job>:<agency>`. */
  sourceKey: string;
  /** The issuing department (the supervisor's agency). */
  departmentId: string;
  addresseeAgencyId: string;
  /** The contacts the letter names (at least one). */
  contactIds: string[];
  message: string;
  by: { sub: string; name: string };
  at: number;
}

interface AgencyRow {
  id: string;
  name: string;
  parent_id: string | null;
  province_id: string | null;
}

async function agency(em: Em, id: string | null): Promise<AgencyRow | undefined> {
  if (!id) return undefined;
  const rows = await em.execute<AgencyRow[]>(
    'select id, name, parent_id, province_id from agency where id = ?',
    [id],
  );
  return rows[0];
}

const refuse = (message: string) => ApplicationFailure.nonRetryable(message, 'DocumentRefused');

/** The table lines: each contact with the clock that is due first (an overdue one, usually). */
async function contactLines(
  em: Em,
  contactIds: string[],
  cal: CalendarData,
  now: number,
): Promise<OverdueContactLine[]> {
  const rows = await em.execute<
    {
      id: string;
      kind: ContactKind;
      subject: string;
      journalist_name: string;
      submitted_at: Date;
      clock: ClockName | null;
      due_at: Date | null;
    }[]
  >(
    `select c.id, c.kind, c.subject, c.journalist_name, c.submitted_at, k.clock, k.due_at
     from contact c
     left join lateral (select clock, due_at from contact_clock cc
       where cc.contact_id = c.id and cc.stopped_at is null and cc.due_at is not null
       order by cc.due_at limit 1) k on true
     where c.id in (${contactIds.map(() => '?').join(', ')})
     order by c.submitted_at, c.id`,
    contactIds,
  );
  return rows.map((r) => {
    const due = r.due_at ? new Date(r.due_at).getTime() : undefined;
    return {
      contactId: r.id,
      kindLabel: kindOf(r.kind).label.vi,
      subject: r.subject,
      journalist: r.journalist_name,
      submittedOn: toLocalDate(new Date(r.submitted_at).getTime()),
      dueAt: new Date(due ?? now).toISOString(),
      clockLabel: r.clock ? CLOCK_LABELS[r.clock] : 'Không còn hạn đang chạy',
      workingDaysOverdue:
        due !== undefined && due < now ? workingDaysBetween(cal, toLocalDate(due), toLocalDate(now)) : 0,
    };
  });
}

export function createLetterActivities(deps: { orm: Orm; now?: () => number }) {
  return {
    async issueReminderLetter(input: IssueReminderLetterInput): Promise<IssuedLetter> {
      if (input.contactIds.length === 0) throw refuse('A letter must name at least one contact.');
      const em = deps.orm.em.fork();
      const department = await agency(em, input.departmentId);
      const addressee = await agency(em, input.addresseeAgencyId);
      if (!department) throw refuse(`The registry has no department '${input.departmentId}'.`);
      if (!addressee) throw refuse(`The registry has no agency '${input.addresseeAgencyId}'.`);
      const letterhead =
        (await configuredLetterhead(em, department.id)) ??
        defaultLetterhead({
          departmentName: department.name,
          parentName: (await agency(em, department.parent_id))?.name ?? null,
          provinceName: (await agency(em, department.province_id))?.name ?? null,
        });
      const issuedOn = toLocalDate(input.at);
      const year = Number(issuedOn.slice(0, 4));
      const cal = await calendarAround(em, year);
      const contacts = await contactLines(em, input.contactIds, cal, input.at);
      if (contacts.length === 0) throw refuse('None of the contacts the letter names exists.');
      const document = await em.transactional((tx) =>
        issueDocument(
          tx,
          {
            sourceKey: input.sourceKey,
            issuerId: department.id,
            year,
            symbol: letterhead.symbol,
            addresseeAgencyId: addressee.id,
            provinceId: addressee.province_id,
            contactIds: contacts.map((c) => c.contactId),
            message: input.message,
            by: input.by,
            at: input.at,
          },
          async (number) => {
            const letter: ReminderLetter = {
              letterhead: { ...letterhead, signerAuthority: letterhead.signerAuthority ?? undefined },
              number,
              year,
              issuedOn,
              subject: 'V/v đôn đốc trả lời, cung cấp thông tin cho báo chí',
              addressee: addressee.name,
              message: input.message,
              contacts,
            };
            const [pdf, docx] = await Promise.all([
              renderReminderLetterPdf(letter),
              renderReminderLetterDocx(letter),
            ]);
            return { pdf, docx, numberText: formatDocumentNumber(number, letterhead.symbol) };
          },
        ),
      );
      return { documentId: document.id, numberText: document.number };
    },
  };
}
