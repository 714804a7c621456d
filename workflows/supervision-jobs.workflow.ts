/**
 * @module
 * The department's long jobs as workflows (issue 8): they outlive the HTTP request that started them and
 * any process restart, report progress in their job row, and end `done` or `failed` — never silently.
 *
 * - `provinceReportWorkflow`: one activity gathers, renders and stores the report (heartbeating progress).
 * - `bulkReminderWorkflow`: for every agency of the province with overdue contacts, one formal letter naming
 *   them all, then each contact's own `remind` Update carrying that letter.
 */
import { ApplicationFailure, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { ContactActivities } from '../activities/index.ts';
import type { Actor } from '../domain/actor.ts';

const jobs = proxyActivities<ContactActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds', maximumAttempts: 10 },
});

const reports = proxyActivities<ContactActivities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '2 seconds', maximumInterval: '1 minute', maximumAttempts: 5 },
});

const letters = proxyActivities<ContactActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '20 seconds', maximumAttempts: 6 },
});

/** A failure's message for the job row (activities sanitise theirs before they leave the worker). */
function messageOf(error: unknown): string {
  const cause = (error as { cause?: { message?: string } }).cause;
  return (cause?.message ?? (error as Error).message ?? 'failed').slice(0, 500);
}

async function fail(jobId: string, error: unknown): Promise<never> {
  await jobs.updateJob({ jobId, status: 'failed', error: messageOf(error) });
  throw ApplicationFailure.nonRetryable(messageOf(error), 'JobFailed');
}

export async function provinceReportWorkflow(input: { jobId: string }): Promise<void> {
  await jobs.updateJob({ jobId: input.jobId, status: 'running' });
  try {
    const file = await reports.generateProvinceReport({ jobId: input.jobId });
    await jobs.updateJob({ jobId: input.jobId, status: 'done', result: file });
  } catch (error) {
    await fail(input.jobId, error);
  }
}

export interface BulkReminderInput {
  jobId: string;
  provinceId: string;
  message: string;
  /** The supervisor who asked (the department that issues the letters). */
  actor: Actor;
}

export interface BulkReminderLetter {
  agencyId: string;
  documentId: string;
  number: string;
  contactIds: string[];
  reminded: number;
  skipped: number;
}

export async function bulkReminderWorkflow(input: BulkReminderInput): Promise<BulkReminderLetter[]> {
  const { jobId, actor } = input;
  await jobs.updateJob({ jobId, status: 'running' });
  const at = workflowInfo().startTime.getTime();
  const issued: BulkReminderLetter[] = [];
  try {
    const agencies = await jobs.overdueByAgency({ provinceId: input.provinceId, at });
    await jobs.updateJob({ jobId, total: agencies.length, done: 0 });
    for (const [index, agency] of agencies.entries()) {
      const letter = await letters.issueReminderLetter({
        sourceKey: `${jobId}:${agency.agencyId}`,
        departmentId: actor.agencyId ?? '',
        addresseeAgencyId: agency.agencyId,
        contactIds: agency.contactIds,
        message: input.message,
        by: { sub: actor.sub, name: actor.name },
        at,
      });
      let reminded = 0;
      for (const contactId of agency.contactIds) {
        const outcome = await jobs.remindContact({
          updateId: `${jobId}:${contactId}`,
          contactId,
          actor,
          message: input.message,
          letter,
        });
        if (outcome === 'reminded') reminded++;
      }
      issued.push({
        agencyId: agency.agencyId,
        documentId: letter.documentId,
        number: letter.numberText,
        contactIds: agency.contactIds,
        reminded,
        skipped: agency.contactIds.length - reminded,
      });
      await jobs.updateJob({ jobId, done: index + 1, result: { letters: issued } });
    }
    await jobs.updateJob({ jobId, status: 'done', result: { letters: issued } });
    return issued;
  } catch (error) {
    return fail(jobId, error);
  }
}
