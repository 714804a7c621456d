/**
 * @module
 * The API's side of the contact workflows: open a contact atomically (update-with-start keyed by the
 * business id), send action Updates with a deadline, and translate Temporal failures back into domain
 * errors so the single error mapper can answer them.
 */
import {
  WithStartWorkflowOperation,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  isGrpcServiceError,
  type Client,
} from '@temporalio/client';
import {
  ApplicationFailure,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
} from '@temporalio/common';
import type { Actor } from '../domain/actor.ts';
import {
  ActionNotAllowedError,
  ConflictError,
  DomainError,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
} from '../domain/errors.ts';
import type { ActionContext } from '../domain/contact/define.ts';
import type { AnyKind } from '../domain/contact/machine.ts';
import type { Opening } from '../domain/contact/state.ts';
import type { ContactView } from '../domain/contact/views.ts';
import {
  actionUpdate,
  retryRecordingUpdate,
  TASK_QUEUE,
  viewContactUpdate,
  type RecordingHealth,
} from '../workflows/messages.ts';
import { openingSearchAttributes } from '../workflows/search-attributes.ts';
import { ServiceUnavailableError } from './errors.ts';

/** gRPC status codes (grpc/status.proto) that mean "try again later". */
const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_UNAVAILABLE = 14;
const GRPC_FAILED_PRECONDITION = 9;

const ERROR_CLASSES: Record<
  string,
  new (code: string, message: string, details: Record<string, unknown>) => DomainError
> = {
  ActionNotAllowedError,
  InvalidInputError,
  ForbiddenError,
  NotFoundError,
  ConflictError,
  DomainError,
};

/** Rebuilds the domain error a workflow validator threw, or recognises a Temporal outage. */
export function translateTemporalError(error: unknown): unknown {
  const cause = error instanceof WorkflowUpdateFailedError ? error.cause : error;
  if (cause instanceof ApplicationFailure && cause.type && ERROR_CLASSES[cause.type]) {
    const { code, ...details } = (cause.details?.[0] ?? {}) as { code?: string } & Record<string, unknown>;
    return new ERROR_CLASSES[cause.type]!(code ?? 'domain_error', cause.message, details);
  }
  if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
    return new ServiceUnavailableError('The workflow service did not answer in time; please try again.');
  }
  const inner = (error as { cause?: unknown } | undefined)?.cause;
  const grpc = isGrpcServiceError(error) ? error : isGrpcServiceError(inner) ? inner : undefined;
  const code = grpc ? Number(grpc.code) : undefined;
  if (code === GRPC_DEADLINE_EXCEEDED || code === GRPC_UNAVAILABLE) {
    return new ServiceUnavailableError('The workflow service is not reachable right now; please try again.');
  }
  // Temporal refuses Updates while the contact's workflow task keeps failing (`WorkflowNotReady`), e.g. after a
  // worker was killed mid-task; it clears once a worker runs the task again. The board shows such a contact.
  if (
    code === GRPC_FAILED_PRECONDITION &&
    /workflow task in failed state/i.test(grpc?.details ?? grpc?.message ?? '')
  ) {
    return new ServiceUnavailableError('This contact cannot take actions for a moment; please try again.');
  }
  return error;
}

/** Temporal's answer to an Update on a workflow that has completed (and did not know the Update's id). */
function isWorkflowFinished(error: unknown): boolean {
  return (
    error instanceof WorkflowNotFoundError ||
    (error as { cause?: unknown } | undefined)?.cause instanceof WorkflowNotFoundError
  );
}

export interface ContactWorkflowsOptions {
  taskQueue?: string;
  /** How long an action may wait for the workflow before the API answers 503. */
  updateTimeoutMs?: number;
}

export class ContactWorkflows {
  readonly #client: Client;
  readonly #taskQueue: string;
  readonly #timeoutMs: number;

  constructor(client: Client, options: ContactWorkflowsOptions = {}) {
    this.#client = client;
    this.#taskQueue = options.taskQueue ?? TASK_QUEUE;
    this.#timeoutMs = options.updateTimeoutMs ?? 10_000;
  }

  async #withDeadline<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await this.#client.withDeadline(Date.now() + this.#timeoutMs, fn);
    } catch (error) {
      throw translateTemporalError(error);
    }
  }

  /**
   * Starts the kind's workflow, or attaches to the one already started with this id, and returns the view
   * once the contact is recorded. Returns `undefined` when a workflow with this id has already finished (the
   * caller then reads the projection).
   */
  async open(kind: AnyKind, input: Opening, actor: Actor): Promise<ContactView | undefined> {
    const startWorkflowOperation = new WithStartWorkflowOperation(kind.workflowType, {
      workflowId: input.contactId,
      taskQueue: this.#taskQueue,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      typedSearchAttributes: openingSearchAttributes(kind.kind, input.agencyId),
      staticSummary: `${kind.label.vi} ${input.contactId} gửi ${input.agencyId}`,
      staticDetails: `${kind.label.en} ${input.contactId} to agency ${input.agencyId}.`,
    });
    try {
      return await this.#withDeadline(() =>
        this.#client.workflow.executeUpdateWithStart(viewContactUpdate, {
          args: [{ actor }],
          startWorkflowOperation,
        }),
      );
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) return undefined;
      throw error;
    }
  }

  /**
   * Starts a job's workflow (a report, a bulk reminder, a calendar change's fan-out) with the job's id as the
   * workflow id: a second start of the same job attaches to the first while it runs, and does nothing once it
   * has completed (a retried request must not send a bulk reminder's letters twice); only a failed run is
   * started again.
   */
  async startJob(workflowType: string, jobId: string, args: unknown[]): Promise<void> {
    try {
      await this.#withDeadline(() =>
        this.#client.workflow.start(workflowType, {
          workflowId: jobId,
          taskQueue: this.#taskQueue,
          args,
          workflowIdConflictPolicy: 'USE_EXISTING',
          workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
          staticSummary: `Job ${jobId}`,
        }),
      );
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
  }

  /** Makes the contact retry its delayed recordings now (operators and supervisors); audited by the workflow. */
  async retry(contactId: string, actor: Actor, reason: string): Promise<RecordingHealth> {
    const handle = this.#client.workflow.getHandle(contactId);
    try {
      return await this.#withDeadline(() =>
        handle.executeUpdate(retryRecordingUpdate, { args: [{ actor, reason }] }),
      );
    } catch (error) {
      // A finished contact's workflow has recorded everything: there is nothing left to retry.
      if (isWorkflowFinished(error))
        throw new ConflictError(
          'workflow_finished',
          'This contact has finished; nothing waits to be recorded.',
          {
            contactId,
          },
        );
      throw error;
    }
  }

  /** Sends one action as its Update, with the registry facts it needs; rejections come back as domain errors. */
  async act(
    contactId: string,
    action: string,
    actor: Actor,
    input: unknown,
    context: ActionContext = {},
    updateId?: string,
  ): Promise<ContactView> {
    const handle = this.#client.workflow.getHandle(contactId);
    try {
      return await this.#withDeadline(() =>
        handle.executeUpdate(actionUpdate(action), {
          args: [{ actor, input, context }],
          ...(updateId ? { updateId } : {}),
        }),
      );
    } catch (error) {
      // Reached only when the projection had not yet seen the end, or with a key Temporal did not know.
      if (isWorkflowFinished(error))
        throw new ConflictError('workflow_finished', 'This contact has finished; it takes no more actions.', {
          contactId,
        });
      throw error;
    }
  }
}
