/** @module The Hono environment shared by every route: per-request entity manager, actor and dependencies. */
import type { CaughtMail } from '../server/mail-catcher.ts';
import { OpenAPIHono, type Hook } from '@hono/zod-openapi';
import type { Env } from 'hono';
import type { Actor } from '../domain/actor.ts';
import type { Em, Orm } from '../db/orm.ts';
import type { DevIssuer } from './auth/dev-issuer.ts';
import type { TokenVerifier } from './auth/verifier.ts';
import type { AgencyScopes } from './services/agency-scopes.ts';
import type { WorkflowHealthMonitor } from './services/workflow-health.ts';
import type { ContactWorkflows } from './contact-workflows.ts';
import { problem } from './errors.ts';
import type { CalendarData } from '../domain/calendar/index.ts';
import type { ChangeStream } from './change-stream.ts';
import type { OutboundAllowList } from '../domain/net/outbound-url.ts';
import type { RequestLimits } from './middleware/rate-limit.ts';
import type { CodecEndpointDeps } from './routes/codec.ts';
import type { AttachmentLimits } from '../domain/attachments/rules.ts';
import type { AttachmentStore } from '../storage/attachments/store.ts';

export interface AppDeps {
  orm: Orm;
  workflows: ContactWorkflows;
  verifyToken: TokenVerifier;
  /** Present only when `AUTH_MODE=dev`. */
  devIssuer?: DevIssuer | undefined;
  changes: ChangeStream;
  corsOrigins?: string[];
  /** Rate limits, stream cap and trusted proxies; unset ones take `DEFAULT_LIMITS` (middleware/rate-limit.ts). */
  limits?: Partial<RequestLimits> | undefined;
  /** Readiness probe of the workflow service. */
  temporalReady: () => Promise<boolean>;
  now?: () => number;
  /** Months without re-confirmation after which a spokesperson entry is stale (default 6). */
  staleAfterMonths?: number;
  /** Starts and stops webhook delivery workflows. */
  webhooks?: { start(subscriptionId: string): Promise<void>; stop(subscriptionId: string): Promise<void> };
  /** Called after a spokesperson change commits (wakes the webhook deliveries). */
  onSpokespersonChange?: () => void;
  /** `host:port` webhook targets exempt from the SSRF rules (`OUTBOUND_ALLOW_HOSTS`); default none. */
  outboundAllowHosts?: OutboundAllowList | undefined;
  /** Office hours for meetings and notices (`OFFICE_HOURS`); default 07:30–17:00 on working days. */
  officeHours?: CalendarData['officeHours'];
  /** Unhealthy contact workflows from Temporal's view (the supervision board); absent, none are shown. */
  health?: WorkflowHealthMonitor | undefined;
  /** Where operators open a workflow in the Temporal UI (the board links rows there for administrators). */
  temporalUi?: { url: string; namespace: string } | undefined;
  /** The payload codec served to the Temporal UI at `/codec/*`; absent, those routes answer 404. */
  codec?: CodecEndpointDeps | undefined;
  /**
   * `/metrics`: `token` (`METRICS_TOKEN`) admits scrapers from any address (loopback is always admitted);
   * `cacheMs` is how long one computation of the contact gauges serves scrapes (default 10 s).
   */
  metrics?: { token?: string | undefined; cacheMs?: number | undefined } | undefined;
  /**
   * Attachments on contacts: the content store (`ATTACHMENT_STORE`) and limits; absent, the PostgreSQL store
   * (`attachment_content`, which needs no set-up) and `DEFAULT_ATTACHMENT_LIMITS`.
   */
  attachments?: { store: AttachmentStore; limits?: Partial<AttachmentLimits> | undefined } | undefined;
  /** `npm start`'s local catch-all SMTP server (no `SMTP_URL`): `GET /dev/mail` lists what it caught. */
  devMail?: { url: string; messages: readonly CaughtMail[] } | undefined;
}

export interface AppEnv extends Env {
  Variables: {
    em: Em;
    actor: Actor | undefined;
    deps: AppDeps;
    /** The callers' agencies as authorization reads them, kept briefly per API (`services/agency-scopes.ts`). */
    agencyScopes: AgencyScopes;
  };
}

/** Answers schema validation failures as 400/422 problems with the failing fields. */
export const validationHook: Hook<unknown, AppEnv, string, unknown> = (result, c) => {
  if (result.success) return undefined;
  const issues = result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  const where = (result as { target?: string }).target;
  const status = where === 'json' ? 422 : 400;
  return problem(c, status, 'invalid_input', 'The request does not match the schema.', { issues });
};

/** A sub-app with our environment and validation hook. */
export function router(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
}
