/**
 * @module
 * The department's long jobs over HTTP (issue 8): province reports (`POST /reports`, then poll
 * `GET /reports/{id}` and download its file) and bulk reminders (`POST /reminders/bulk`, then poll). Each runs
 * as a workflow, not inside the request; the request only records the job and starts it.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { supervisesProvince } from '../../domain/actor.ts';
import { FIELD_LIMITS } from '../../domain/contact/field-limits.ts';
import { ForbiddenError, NotFoundError } from '../../domain/errors.ts';
import { OVERSIGHT_ROLES, overseesProvince } from '../../domain/supervision/scope.ts';
import { identifier, longText } from '../../domain/text/policy.ts';
import { parseReportPeriod } from '../../documents/report/index.ts';
import { router } from '../context.ts';
import { allowRoles, requireActor } from '../middleware/auth.ts';
import {
  bearerSecurity,
  idempotencyKey,
  idParam,
  jsonBody,
  jsonResponse,
  problemResponses,
} from '../schemas.ts';
import { requireOverseenProvince } from '../services/oversight.ts';
import {
  createJob,
  findJob,
  jobFile,
  jobId,
  jobView,
  recentJobs,
  type JobRow,
} from '../services/supervision-jobs.ts';

const periodLabel = z
  .string()
  .max(10)
  .refine(
    (p) => parseReportPeriod(p) !== undefined,
    'a month (2026-11), a quarter (2026-Q4) or a year (2026)',
  )
  .openapi({ example: '2026-Q4' });

const JobCore = {
  id: z.string(),
  provinceId: z.string().nullable(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  progress: z.object({ done: z.number().int(), total: z.number().int() }),
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
};

const ReportSchema = z
  .object({
    ...JobCore,
    period: z.string(),
    format: z.enum(['xlsx', 'csv']),
    downloadUrl: z.string().nullable(),
    overdueUrl: z
      .string()
      .nullable()
      .openapi({ description: 'CSV reports: the overdue contacts, a second file.' }),
  })
  .openapi('ProvinceReportJob');

const BulkSchema = z
  .object({
    ...JobCore,
    letters: z.array(
      z.object({
        agencyId: z.string(),
        documentId: z.string(),
        number: z.string(),
        contactIds: z.array(z.string()),
        reminded: z.number().int(),
        skipped: z.number().int(),
      }),
    ),
  })
  .openapi('BulkReminderJob');

function reportView(row: JobRow) {
  const params = row.params as { period: string; format: 'xlsx' | 'csv' };
  const done = row.status === 'done';
  return {
    ...jobView(row),
    period: params.period,
    format: params.format,
    downloadUrl: done ? `/api/v1/reports/${row.id}/file` : null,
    overdueUrl: done && params.format === 'csv' ? `/api/v1/reports/${row.id}/file?part=overdue` : null,
  };
}

function bulkView(row: JobRow) {
  const letters = ((row.result?.['letters'] ?? []) as z.infer<typeof BulkSchema>['letters']).map((l) => ({
    ...l,
  }));
  return { ...jobView(row), letters };
}

const idempotencyHeader = z.object({ 'idempotency-key': idempotencyKey.optional() });

/** The job, if the caller oversees its province; otherwise 404, as if it did not exist. */
async function visibleJob(
  em: Parameters<typeof findJob>[0],
  id: string,
  type: 'report' | 'bulk_reminder',
  actor: Parameters<typeof overseesProvince>[0],
): Promise<JobRow> {
  const row = await findJob(em, id, type);
  if (!row || !overseesProvince(actor, row.province_id)) throw NotFoundError.of('Job', id);
  return row;
}

export const supervisionJobRoutes = router()
  .openapi(
    createRoute({
      method: 'post',
      path: '/reports',
      tags: ['Supervision'],
      summary: 'Start a province report for a month, quarter or year (XLSX or CSV)',
      description:
        'Runs as a durable job; poll `GET /reports/{id}` for progress and the download URL. With an `Idempotency-Key`, a retried request returns the same job; the key reused for another province, period or format is refused with 409 `idempotency_key_reused`.',
      security: bearerSecurity,
      middleware: [allowRoles(...OVERSIGHT_ROLES)] as const,
      request: {
        headers: idempotencyHeader,
        body: jsonBody(
          z.object({
            provinceId: identifier(64).optional(),
            period: periodLabel,
            format: z.enum(['xlsx', 'csv']),
          }),
        ),
      },
      responses: {
        202: jsonResponse('The job, started.', ReportSchema),
        ...problemResponses(400, 401, 403, 409, 422, 503),
      },
    }),
    async (c) => {
      const actor = requireActor(c);
      const body = c.req.valid('json');
      const provinceId = requireOverseenProvince(actor, body.provinceId, { requireForNational: true })!;
      const id = jobId('report', actor, c.req.valid('header')['idempotency-key']);
      const { row } = await createJob(c.var.em, {
        id,
        type: 'report',
        provinceId,
        params: { period: body.period, format: body.format },
        requestedBy: actor.sub,
      });
      await c.var.deps.workflows.startJob('provinceReportWorkflow', id, [{ jobId: id }]);
      return c.json(reportView(row), 202);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/reports',
      tags: ['Supervision'],
      summary: 'Recent province reports',
      security: bearerSecurity,
      middleware: [allowRoles(...OVERSIGHT_ROLES)] as const,
      request: { query: z.object({ provinceId: identifier(64).optional() }) },
      responses: {
        200: jsonResponse('The newest first.', z.object({ items: z.array(ReportSchema) })),
        ...problemResponses(400, 401, 403),
      },
    }),
    async (c) => {
      const actor = requireActor(c);
      const provinceId = requireOverseenProvince(actor, c.req.valid('query').provinceId, {
        requireForNational: false,
      });
      const rows = await recentJobs(c.var.em, 'report', provinceId);
      return c.json({ items: rows.map(reportView) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/reports/{id}',
      tags: ['Supervision'],
      summary: 'A report job: its progress and, once done, its download URL',
      security: bearerSecurity,
      middleware: [allowRoles(...OVERSIGHT_ROLES)] as const,
      request: { params: idParam },
      responses: { 200: jsonResponse('The job.', ReportSchema), ...problemResponses(401, 403, 404) },
    }),
    async (c) => {
      const row = await visibleJob(c.var.em, c.req.valid('param').id, 'report', requireActor(c));
      return c.json(reportView(row), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/reports/{id}/file',
      tags: ['Supervision'],
      summary: 'Download a finished report',
      security: bearerSecurity,
      middleware: [allowRoles(...OVERSIGHT_ROLES)] as const,
      request: { params: idParam, query: z.object({ part: z.enum(['main', 'overdue']).default('main') }) },
      responses: {
        200: { description: 'The file (XLSX or CSV).' },
        ...problemResponses(401, 403, 404, 409),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const row = await visibleJob(c.var.em, id, 'report', requireActor(c));
      const file = await jobFile(c.var.em, row.id, c.req.valid('query').part);
      if (!file) throw NotFoundError.of('Report file', id);
      return c.body(new Uint8Array(file.bytes), 200, {
        'content-type': file.content_type,
        'content-disposition': `attachment; filename="${file.file_name}"`,
        'x-content-type-options': 'nosniff',
        'cache-control': 'private, no-store',
      });
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/reminders/bulk',
      tags: ['Supervision'],
      summary: 'Remind every agency with overdue contacts, one formal letter each',
      description:
        'For the province’s supervisors. A durable job: one numbered letter per agency naming its overdue contacts, recorded on each contact through its own `remind` Update. Poll `GET /reminders/bulk/{id}`.',
      security: bearerSecurity,
      middleware: [allowRoles('supervisor')] as const,
      request: {
        headers: idempotencyHeader,
        body: jsonBody(
          z.object({ provinceId: identifier(64).optional(), message: longText(FIELD_LIMITS.reminder) }),
        ),
      },
      responses: {
        202: jsonResponse('The job, started.', BulkSchema),
        ...problemResponses(400, 401, 403, 409, 422, 503),
      },
    }),
    async (c) => {
      const actor = requireActor(c);
      const body = c.req.valid('json');
      const provinceId = requireOverseenProvince(actor, body.provinceId, { requireForNational: true })!;
      if (!supervisesProvince(actor, provinceId))
        throw ForbiddenError.because('forbidden', 'Only the province’s supervisors send reminders.');
      const id = jobId('bulk_reminder', actor, c.req.valid('header')['idempotency-key']);
      const { row } = await createJob(c.var.em, {
        id,
        type: 'bulk_reminder',
        provinceId,
        params: { message: body.message },
        requestedBy: actor.sub,
      });
      await c.var.deps.workflows.startJob('bulkReminderWorkflow', id, [
        { jobId: id, provinceId, message: body.message, actor },
      ]);
      return c.json(bulkView(row), 202);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/reminders/bulk/{id}',
      tags: ['Supervision'],
      summary: 'A bulk reminder: its progress and the letters issued',
      security: bearerSecurity,
      middleware: [allowRoles(...OVERSIGHT_ROLES)] as const,
      request: { params: idParam },
      responses: { 200: jsonResponse('The job.', BulkSchema), ...problemResponses(401, 403, 404) },
    }),
    async (c) => {
      const row = await visibleJob(c.var.em, c.req.valid('param').id, 'bulk_reminder', requireActor(c));
      return c.json(bulkView(row), 200);
    },
  );
