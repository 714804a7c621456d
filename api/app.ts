/**
 * @module
 * The HTTP application: `/api/v1` (OpenAPI-documented routes), the widget bundle and the demo pages, plus
 * `/healthz`, `/readyz` and `/metrics` (Prometheus) at the root for probes and scrapers.
 * `createApp(deps)` takes every dependency explicitly, so tests build it against real services.
 */
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { etag, RETAINED_304_HEADERS } from 'hono/etag';
import { requestId } from 'hono/request-id';
import { router, type AppDeps } from './context.ts';
import { AgencyScopes } from './services/agency-scopes.ts';
import { handleError, problem } from './errors.ts';
import { authenticate } from './middleware/auth.ts';
import { requestLimiters, resolveLimits } from './middleware/rate-limit.ts';
import { createApiMetrics } from './metrics/registry.ts';
import { securityHeaders } from './middleware/security-headers.ts';
import { traceIdField, traceRequests } from './middleware/tracing.ts';
import { refuseHostileText } from './middleware/refuse-hostile-text.ts';
import { REFERENCE_PAGE } from './reference-page.ts';
import { devAuthRoutes } from './routes/auth.ts';
import { agencyRoutes } from './routes/agencies.ts';
import { changeFeedRoutes } from './routes/change-feed.ts';
import { codecCors, codecRoutes } from './routes/codec.ts';
import { contactCalendarRoutes } from './routes/contact-calendar.ts';
import { contactRoutes } from './routes/contacts.ts';
import { attachmentRoutes } from './routes/attachments.ts';
import { messageRoutes } from './routes/messages.ts';
import { notificationRoutes } from './routes/notifications.ts';
import { notificationPreferenceRoutes } from './routes/notification-preferences.ts';
import { devMailRoutes } from './routes/dev-mail.ts';
import { notificationWebhookRoutes } from './routes/notification-webhooks.ts';
import { statisticsRoutes } from './routes/statistics.ts';
import { documentRoutes } from './routes/documents.ts';
import { boardRoutes } from './routes/board.ts';
import { supervisionJobRoutes } from './routes/supervision-jobs.ts';
import { letterheadRoutes } from './routes/letterheads.ts';
import { healthRoutes } from './routes/health.ts';
import { metricsRoutes } from './routes/metrics.ts';
import { importRoutes } from './routes/imports.ts';
import { journalistRoutes } from './routes/journalists.ts';
import { pressRoutes } from './routes/press.ts';
import { publicRoutes } from './routes/public.ts';
import { spokespersonRoutes } from './routes/spokespersons.ts';
import { registryRoutes } from './routes/registry.ts';
import { settingsRoutes } from './routes/settings.ts';
import { streamRoutes } from './routes/stream.ts';

export interface StaticRoots {
  /** Folder holding `press-liaison.js` (the built widget bundle). */
  widgetsDir: string;
  /** Folder holding the demo host pages. */
  demoDir: string;
}

export function createApi(deps: AppDeps, limiters = requestLimiters(resolveLimits(deps.limits))) {
  const api = router();
  // First of all: a flood from one address costs no entity manager and no token check.
  api.use('*', limiters.perAddress);
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
  });
  const agencyScopes = new AgencyScopes({ now: deps.now });
  api.use('*', async function provideContext(c, next) {
    c.set('deps', deps);
    c.set('agencyScopes', agencyScopes);
    // One entity-manager fork per request: no identity-map state leaks between requests.
    c.set('em', deps.orm.em.fork());
    await next();
  });
  api.use('*', refuseHostileText('url'));
  api.use('*', limiters.failedAuthentication);
  api.use('*', authenticate());
  api.use('*', limiters.perUser);
  api.use('/auth/dev-token', limiters.devTokens);
  api.use('/contacts', limiters.contactCreates);
  // Registered before the small body limit below: spreadsheet uploads enforce their own, larger limit.
  api.route('/', importRoutes);
  api.route('/', codecRoutes); // its own 4 MB limit: one Temporal payload may be 2 MB
  api.route('/', attachmentRoutes); // its own limit: ATTACHMENT_MAX_BYTES (10 MB)
  api.use(
    '*',
    bodyLimit({
      maxSize: 256 * 1024,
      onError: (c) => problem(c, 413, 'payload_too_large', 'The request body is larger than 256 KB.'),
    }),
  );
  api.use('*', refuseHostileText('body'));
  if (deps.devIssuer) api.route('/', devAuthRoutes);
  api
    .route('/', contactRoutes)
    .route('/', contactCalendarRoutes)
    .route('/', statisticsRoutes)
    .route('/', documentRoutes)
    .route('/', messageRoutes) // JSON: after the 256 KB body limit and the hostile-text check
    .route('/', notificationRoutes)
    .route('/', notificationPreferenceRoutes)
    .route('/', notificationWebhookRoutes)
    .route('/', boardRoutes)
    .route('/', supervisionJobRoutes)
    .route('/', letterheadRoutes)
    .route('/', registryRoutes)
    .route('/', journalistRoutes)
    .route('/', settingsRoutes)
    .route('/', streamRoutes)
    .route('/', healthRoutes(deps))
    .route('/', changeFeedRoutes)
    .route('/', agencyRoutes)
    .route('/', publicRoutes)
    .route('/', pressRoutes)
    .route('/', spokespersonRoutes);
  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Press Liaison API',
      version: '0.1.0',
      description:
        'Press contacts between journalists and Vietnamese state agencies: information requests, deadlines and escalation.',
    },
    servers: [{ url: '/api/v1' }],
  });
  api.get('/docs', (c) => c.html(REFERENCE_PAGE));
  return api;
}

/** The contact (and workflow) a request is about, from its path; no personal data, only the business id. */
function contactIdsOf(path: string): { contactId?: string; workflowId?: string } {
  const id = /^\/api\/v1\/contacts\/([A-Za-z0-9_.:@-]{1,64})(?:\/|$)/.exec(path)?.[1];
  return id ? { contactId: id, workflowId: id } : {};
}

export function createApp(deps: AppDeps, roots?: StaticRoots) {
  const app = new Hono();
  const limits = resolveLimits(deps.limits);
  const limiters = requestLimiters(limits);
  const metrics = createApiMetrics({ orm: deps.orm, now: deps.now, cacheMs: deps.metrics?.cacheMs });
  // First: every answer is counted and timed, problems and 404s included.
  app.use('*', metrics.countRequests);
  app.use('*', requestId());
  // Before the log line below, which names the request's trace; not the live stream, open for hours.
  app.use('/api/*', traceRequests({ except: ['/api/v1/stream'] }));
  // Outermost after the id: every answer gets the headers, problems and 404s included.
  app.use('*', securityHeaders({ docs: { path: '/api/v1/docs', html: REFERENCE_PAGE } }));
  app.use('*', async function logRequests(c, next) {
    const started = performance.now();
    await next();
    if (c.req.path.startsWith('/api/') && c.req.path !== '/api/v1/stream') {
      const ms = Math.round(performance.now() - started);
      if (c.res.status >= 500 || process.env.LOG_REQUESTS === '1') {
        console.log(
          JSON.stringify({
            level: c.res.status >= 500 ? 'error' : 'info',
            requestId: c.var.requestId,
            method: c.req.method,
            path: c.req.path,
            status: c.res.status,
            ms,
            // A contact's id is its workflow's id: one line joins the request, the contact and its history.
            ...contactIdsOf(c.req.path),
            ...traceIdField(),
          }),
        );
      }
    }
  });
  app.use('/api/v1/codec/*', codecCors(deps)); // before the API's CORS: the Temporal UI's own allow-list
  app.use(
    '/api/*',
    cors({
      origin: (origin) => ((deps.corsOrigins ?? []).includes(origin) ? origin : null),
      allowHeaders: ['authorization', 'content-type', 'idempotency-key', 'x-file-name'],
      exposeHeaders: ['location', 'retry-after', 'content-disposition'],
      maxAge: 7200,
    }),
  );
  app.route('/api/v1', createApi(deps, limiters));
  // Probes and scrapers at the root; the API's per-address limit (one bucket per address for both) still applies.
  for (const path of ['/healthz', '/readyz', '/metrics']) app.use(path, limiters.perAddress);
  app.route('/', healthRoutes(deps));
  app.route(
    '/',
    metricsRoutes({ registry: metrics.registry, token: deps.metrics?.token, trustProxy: limits.trustProxy }),
  );
  if (deps.devMail) app.route('/', devMailRoutes(deps.devMail));
  if (roots) {
    // Host pages on other origins load the bundle as a module script, which is always a CORS request.
    app.use('/widgets/*', cors({ origin: '*', allowMethods: ['GET', 'HEAD'] }));
    app.use('/widgets/*', async function widgetCaching(c, next) {
      await next();
      // Chunks are named by their content hash and never change; the entry keeps its name, so it is revalidated
      // (and never outlives the chunks it names).
      if (c.res.ok || c.res.status === 304) {
        const chunk = c.req.path.startsWith('/widgets/chunks/');
        c.header('Cache-Control', chunk ? 'public, max-age=31536000, immutable' : 'no-cache');
      }
    });
    // What is revalidated (the entry, the demo pages) gets a validator, so a revalidation is a 304 with no body
    // instead of the whole file again. The 304 keeps the CORS headers: host pages on other origins load the
    // entry as a module script, a CORS request. Chunks are immutable and never revalidated.
    const validated = etag({
      retainedHeaders: [
        ...RETAINED_304_HEADERS,
        'access-control-allow-origin',
        'cross-origin-resource-policy',
      ],
    });
    const validatedUnlessChunk: MiddlewareHandler = (c, next) =>
      c.req.path.startsWith('/widgets/chunks/') ? next() : validated(c, next);
    app.use('/widgets/*', validatedUnlessChunk);
    app.use('/demo/*', validated);
    app.use(
      '/widgets/*',
      serveStatic({
        root: roots.widgetsDir,
        rewriteRequestPath: (p) => p.replace(/^\/widgets/, ''),
        // The build writes each file's `.br` and `.gz` beside it; the one the browser accepts is sent.
        precompressed: true,
      }),
    );
    app.use(
      '/demo/*',
      serveStatic({ root: roots.demoDir, rewriteRequestPath: (p) => p.replace(/^\/demo/, '') }),
    );
    app.get('/', (c) => c.redirect('/demo/'));
  }
  app.notFound((c) => problem(c, 404, 'not_found', `No route for ${c.req.method} ${c.req.path}.`));
  app.onError(handleError);
  return app;
}
