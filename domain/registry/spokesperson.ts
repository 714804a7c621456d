/**
 * @module
 * Spokesperson rules (Decree 09/2017/ND-CP Arts. 2–3, DOMAIN.md §1): who may speak for an agency, and how an
 * authorization works — in writing, for a fixed period, optionally for one case, never passed on.
 */
import { isValidLocalDate, type LocalDate } from '../calendar/index.ts';
import { InvalidInputError } from '../errors.ts';

export const SPOKESPERSON_ROLE_TYPES = ['head', 'spokesperson', 'authorized'] as const;
export type SpokespersonRoleType = (typeof SPOKESPERSON_ROLE_TYPES)[number];

export interface SpokespersonRecord {
  id: string;
  agencyId: string;
  fullName: string;
  roleType: SpokespersonRoleType;
  title: string;
  phone: string | null;
  email: string | null;
  termStart: LocalDate;
  termEnd: LocalDate | null;
  authorizedCase: string | null;
  delegatedById: string | null;
  documentNumber: string | null;
  documentDate: LocalDate | null;
  documentUrl: string | null;
  topics: string | null;
}

/** A broken rule: `message` in Vietnamese (what the UI shows first), `messageEn` for English pages. */
type Issue = { path: string; message: string; messageEn: string };
const issue = (path: string, message: string, messageEn: string): Issue => ({ path, message, messageEn });

/**
 * Checks the rules a record must satisfy whatever form it arrived in (API, import row).
 * `delegator` is the record named by `delegatedById`, when there is one.
 * @throws InvalidInputError listing every broken rule.
 */
export function assertValidSpokesperson(
  record: SpokespersonRecord,
  delegator?: Pick<SpokespersonRecord, 'roleType' | 'agencyId'> | null,
): void {
  const issues: Issue[] = [];
  if (!isValidLocalDate(record.termStart))
    issues.push(issue('termStart', 'Ngày không hợp lệ (YYYY-MM-DD).', 'expected a date YYYY-MM-DD'));
  if (record.termEnd !== null && !isValidLocalDate(record.termEnd))
    issues.push(issue('termEnd', 'Ngày không hợp lệ (YYYY-MM-DD).', 'expected a date YYYY-MM-DD'));
  if (record.termEnd !== null && record.termEnd < record.termStart)
    issues.push(issue('termEnd', 'Nhiệm kỳ kết thúc trước khi bắt đầu.', 'the term ends before it starts'));
  if (!record.phone && !record.email)
    issues.push(
      issue(
        'phone',
        'Cần số điện thoại hoặc thư điện tử để báo chí liên hệ.',
        'a phone number or an e-mail is needed so the press can reach them',
      ),
    );
  if (record.roleType === 'authorized') {
    if (!record.termEnd)
      issues.push(
        issue(
          'termEnd',
          'Việc ủy quyền phải có thời hạn: nhập ngày kết thúc.',
          'an authorization is for a fixed period',
        ),
      );
    if (!record.documentNumber || !record.documentDate)
      issues.push(
        issue(
          'documentNumber',
          'Việc ủy quyền phải bằng văn bản: nhập số và ngày văn bản.',
          'an authorization is given in writing (document number and date)',
        ),
      );
    if (!record.delegatedById)
      issues.push(
        issue(
          'delegatedById',
          'Chọn thủ trưởng hoặc người phát ngôn đã ủy quyền.',
          'name the head or spokesperson who authorized this person',
        ),
      );
    else if (delegator === null || delegator === undefined)
      issues.push(issue('delegatedById', 'Không tìm thấy người ủy quyền.', 'no such spokesperson'));
    else if (delegator.roleType === 'authorized')
      issues.push(
        issue(
          'delegatedById',
          'Người được ủy quyền không được ủy quyền lại cho người khác.',
          'an authorized person may not pass the authorization on',
        ),
      );
    else if (delegator.agencyId !== record.agencyId)
      issues.push(
        issue(
          'delegatedById',
          'Người ủy quyền phải cùng cơ quan.',
          'the authorizer must belong to the same agency',
        ),
      );
  } else if (record.delegatedById || record.authorizedCase) {
    issues.push(
      issue(
        'delegatedById',
        'Chỉ người được ủy quyền mới có người ủy quyền và vụ việc.',
        'only an authorized person has a delegator or a case',
      ),
    );
  }
  if (issues.length)
    throw InvalidInputError.because(
      'Thông tin người phát ngôn chưa đúng quy định của Nghị định 09/2017/NĐ-CP.',
      issues,
    );
}

/** In office on `day`: the term has started and not ended. */
export function inOffice(record: Pick<SpokespersonRecord, 'termStart' | 'termEnd'>, day: LocalDate): boolean {
  return record.termStart <= day && (record.termEnd === null || day <= record.termEnd);
}

/** Not confirmed for `months` months by `now` (the agency is then prompted to re-confirm). */
export function isStale(lastConfirmedAt: number, now: number, months: number): boolean {
  const limit = new Date(now);
  limit.setUTCMonth(limit.getUTCMonth() - months);
  return lastConfirmedAt < limit.getTime();
}
