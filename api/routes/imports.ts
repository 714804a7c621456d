/**
 * @module
 * Spreadsheet imports and exports of the registry (spokespersons, journalists) as CSV or XLSX. An import
 * is a job: `POST /imports/{kind}` reads the file (422 if it is not a usable spreadsheet) and answers 202;
 * `GET /imports/{jobId}` shows its progress and, when done, the report row by row. A dry run changes
 * nothing; an apply writes every row or, if any row is wrong, none.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { identifier, textProblem } from '../../domain/text/policy.ts';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { AGENCY_ROLES, hasAnyRole, type Actor } from '../../domain/actor.ts';
import { toLocalDate } from '../../domain/calendar/index.ts';
import { ForbiddenError, NotFoundError } from '../../domain/errors.ts';
import { isCentralAdmin } from '../../domain/registry/permissions.ts';
import { Agency, ImportJob } from '../../db/entities/index.ts';
import { router, type AppEnv } from '../context.ts';
import { problem } from '../errors.ts';
import { allowRoles, requireActor, requireRole } from '../middleware/auth.ts';
import { bearerSecurity, problemResponses } from '../schemas.ts';
import { journalistExport, journalistExportScope } from '../services/import-journalists.ts';
import { spokespersonExport } from '../services/import-spokespersons.ts';
import { startImport } from '../services/imports.ts';
import { LIMITS, writeTable, XLSX_MIME } from '../services/spreadsheets.ts';

const KINDS = ['spokespersons', 'journalists'] as const;
const IMPORTERS = [...AGENCY_ROLES, 'admin'] as const;
const binary = z.string().openapi({ format: 'binary' });

/** The values a row error's or a failure's wording names (a row number, a length, an id). */
const rowErrorParams = z.record(z.string(), z.union([z.string(), z.number()]));

const ImportJobSchema = z
  .object({
    id: z.string(),
    kind: z.enum(KINDS),
    mode: z.enum(['dry_run', 'apply']),
    status: z.enum(['queued', 'running', 'done', 'failed']),
    fileName: z.string().nullable(),
    total: z.number().int().openapi({ description: 'Data rows in the file.' }),
    processed: z.number().int().openapi({ description: 'Rows handled so far (progress).' }),
    report: z
      .object({
        summary: z.object({
          total: z.number().int(),
          create: z.number().int(),
          update: z.number().int(),
          unchanged: z.number().int(),
          error: z.number().int(),
        }),
        rows: z.array(
          z.object({
            row: z.number().int().openapi({ description: 'Spreadsheet row; the header is row 1.' }),
            action: z.enum(['create', 'update', 'unchanged', 'error']),
            id: z.string().optional(),
            changes: z.array(z.string()).optional(),
            errors: z
              .array(
                z.object({
                  column: z.string(),
                  message: z.string().openapi({ description: 'The problem in English.' }),
                  code: z.string().optional().openapi({
                    description:
                      'A stable code for the problem, for a client to word it in its own language.',
                  }),
                  params: rowErrorParams.optional().openapi({ description: 'What the wording names.' }),
                }),
              )
              .optional(),
          }),
        ),
        failure: z
          .object({
            code: z.enum(['import_rows_invalid', 'import_row_failed', 'import_failed']),
            params: rowErrorParams.optional(),
          })
          .optional()
          .openapi({ description: 'Why the job failed, as a code (`error` says the same in English).' }),
      })
      .nullable(),
    error: z.string().nullable().openapi({ description: 'Why the whole job failed, if it did.' }),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .openapi('ImportJob');

/** Journalists are imported by administrators only; authorization comes before reading the body. */
const mayImportKind: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.req.param('kind') === 'journalists') requireRole(c, ['admin']);
  await next();
};
const uploadLimit = bodyLimit({
  maxSize: LIMITS.bytes,
  onError: (c) =>
    problem(c, 413, 'payload_too_large', 'The file is larger than 10 MB; split it into several files.'),
});

/** The longest file name kept, in characters (what file systems allow; the column holds 300). */
const FILE_NAME_MAX = 255;

/**
 * The file's name from `X-File-Name` (URL-encoded; taken as sent if it is not), made safe to store and show:
 * each character the one-line text policy refuses (NUL and other controls, line breaks, bidi overrides)
 * becomes `_`, the rest is NFC and trimmed, cut to `FILE_NAME_MAX` characters; null when nothing is left.
 * Not refused: the name is only the job's label, so a clerk's good spreadsheet must not fail for an odd name
 * (any file system allows some of these characters), while the job shows which file it was.
 */
function fileNameOf(c: Context): string | null {
  const raw = c.req.header('x-file-name');
  if (!raw) return null;
  let name: string;
  try {
    name = decodeURIComponent(raw);
  } catch {
    name = raw;
  }
  // By code point, so a lone surrogate is a character the policy refuses and a pair is never split.
  const safe = [...name].map((ch) => (textProblem(ch) ? '_' : ch)).join('');
  const trimmed = safe.normalize('NFC').trim();
  return trimmed ? [...trimmed].slice(0, FILE_NAME_MAX).join('') : null;
}

/** The spokespersons an actor may export, as a filter; refuses filters outside their scope. */
async function exportScope(c: Context<AppEnv>, actor: Actor, q: { agencyId?: string; provinceId?: string }) {
  if (hasAnyRole(actor, ['admin'])) {
    if (isCentralAdmin(actor)) return { ...q };
    const agency = q.agencyId ? await c.var.em.findOne(Agency, { id: q.agencyId }) : undefined;
    if (agency === null) throw NotFoundError.of('Agency', q.agencyId!);
    if (
      (q.provinceId && q.provinceId !== actor.provinceId) ||
      (agency && agency.provinceId !== actor.provinceId)
    )
      throw ForbiddenError.because(
        'outside_your_province',
        'Administrators of a province export only its agencies.',
      );
    return { provinceId: actor.provinceId!, ...(q.agencyId ? { agencyId: q.agencyId } : {}) };
  }
  if ((q.agencyId && q.agencyId !== actor.agencyId) || (q.provinceId && q.provinceId !== actor.provinceId))
    throw ForbiddenError.because(
      'not_your_agency',
      'Agency users export only their own agency’s spokespersons.',
    );
  return { agencyId: actor.agencyId ?? '__none__' };
}

export const importRoutes = router()
  .openapi(
    createRoute({
      method: 'post',
      path: '/imports/{kind}',
      tags: ['Imports and exports'],
      summary: 'Import spokespersons or journalists from CSV or XLSX (dry run or apply)',
      description:
        'The body is the file itself (not a form): CSV in UTF-8 (a BOM is fine; `,` `;` or tab separated) or ' +
        'an XLSX workbook (first sheet), at most 10 MB, 20,000 data rows and 30 columns. The format is told ' +
        'by the content. Row 1 holds the headers, in Vietnamese or English (as the exports write them). ' +
        'A row with an `Id` updates that entry (only the columns the file has); without one it is matched by ' +
        'its natural key or created. Spokespersons: agency users for their agency, administrators for their ' +
        'province. Journalists: administrators. Follow the job at the `Location` given.',
      security: bearerSecurity,
      middleware: [allowRoles(...IMPORTERS), mayImportKind, uploadLimit] as const,
      request: {
        params: z.object({ kind: z.enum(KINDS) }),
        query: z.object({ mode: z.enum(['dry_run', 'apply']).default('dry_run') }),
        headers: z.object({
          'x-file-name': z
            .string()
            .max(1000)
            .optional()
            .openapi({
              description:
                'The file name, URL-encoded: a label for the job. Characters the text policy refuses (controls, ' +
                'line breaks, text-direction overrides) are kept as `_`; the first 255 characters are kept.',
            }),
        }),
        body: {
          required: true,
          content: { 'text/csv': { schema: binary }, [XLSX_MIME]: { schema: binary } },
        },
      },
      responses: {
        202: {
          description: 'The job is queued',
          headers: z.object({ location: z.string() }),
          content: {
            'application/json': {
              schema: z.object({ jobId: z.string(), status: z.literal('queued'), total: z.number() }),
            },
          },
        },
        ...problemResponses(400, 401, 403, 413, 415, 422),
      },
    }),
    async (c) => {
      const actor = requireRole(c, IMPORTERS);
      const { kind } = c.req.valid('param');
      const { mode } = c.req.valid('query');
      const type = c.req.header('content-type') ?? '';
      if (/^(multipart\/|application\/x-www-form-urlencoded)/i.test(type))
        throw new HTTPException(415, { message: 'Send the file itself as the request body, not a form.' });
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      const job = await startImport(c.var.deps.orm, {
        kind,
        mode,
        actor,
        bytes,
        fileName: fileNameOf(c),
        ...(c.var.deps.now ? { now: c.var.deps.now } : {}),
      });
      c.header('location', `/api/v1/imports/${job.id}`);
      return c.json({ jobId: job.id, status: 'queued' as const, total: job.total }, 202);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/imports/{jobId}',
      tags: ['Imports and exports'],
      summary: 'An import job: progress, then the report row by row (its creator or an administrator)',
      security: bearerSecurity,
      request: { params: z.object({ jobId: identifier(64) }) },
      responses: {
        200: { description: 'The job', content: { 'application/json': { schema: ImportJobSchema } } },
        ...problemResponses(401, 404),
      },
    }),
    async (c) => {
      const actor = requireActor(c);
      const { jobId } = c.req.valid('param');
      const job = await c.var.em.findOne(ImportJob, { id: jobId });
      if (!job || (job.createdBy !== actor.sub && !hasAnyRole(actor, ['admin'])))
        throw NotFoundError.of('Import job', jobId);
      return c.json(
        {
          id: job.id,
          kind: job.kind,
          mode: job.mode,
          status: job.status,
          fileName: job.fileName ?? null,
          total: job.total,
          processed: job.processed,
          report: (job.report ?? null) as z.infer<typeof ImportJobSchema>['report'],
          error: job.error ?? null,
          createdAt: new Date(job.createdAt).toISOString(),
          finishedAt: job.finishedAt ? new Date(job.finishedAt).toISOString() : null,
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/exports/{file}',
      tags: ['Imports and exports'],
      summary: 'Export spokespersons or journalists as CSV or XLSX',
      description:
        'The columns the import reads, so an export re-imports unchanged. Text that a spreadsheet could run ' +
        "as a formula is prefixed with `'`. Spokespersons: agency users get their agency, administrators their " +
        'province (central administrators everything). Journalists (with phones and e-mails): administrators ' +
        "and supervisors, of their province's journalists (central administrators all, or `provinceId`).",
      security: bearerSecurity,
      middleware: [allowRoles(...IMPORTERS, 'supervisor')] as const,
      request: {
        params: z.object({
          file: z.enum(['spokespersons.csv', 'spokespersons.xlsx', 'journalists.csv', 'journalists.xlsx']),
        }),
        query: z.object({
          agencyId: identifier(64).optional(),
          provinceId: identifier(64).optional(),
          lang: z.enum(['vi', 'en']).default('vi').openapi({ description: 'Language of the headers.' }),
        }),
      },
      responses: {
        200: {
          description: 'The file (attachment)',
          content: { 'text/csv': { schema: binary }, [XLSX_MIME]: { schema: binary } },
        },
        ...problemResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { file } = c.req.valid('param');
      const { lang, ...filter } = c.req.valid('query');
      const [kind, format] = file.split('.') as ['spokespersons' | 'journalists', 'csv' | 'xlsx'];
      const table =
        kind === 'spokespersons'
          ? await spokespersonExport(c.var.em, await exportScope(c, requireRole(c, IMPORTERS), filter), lang)
          : await journalistExport(
              c.var.em,
              lang,
              journalistExportScope(requireRole(c, ['admin', 'supervisor']), filter.provinceId),
            );
      const bytes = await writeTable(format, table.headers, table.rows, {
        sheetName: kind === 'spokespersons' ? 'Người phát ngôn' : 'Nhà báo',
        dateColumns: table.dateColumns,
      });
      const day = toLocalDate(c.var.deps.now?.() ?? Date.now());
      return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
        'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_MIME,
        'content-disposition': `attachment; filename="${kind}-${day}.${format}"`,
        'cache-control': 'no-store',
      });
    },
  );
