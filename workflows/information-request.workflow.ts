/**
 * @module
 * The information-request workflow: a thin, deterministic shell over `domain/information-request`.
 * Every action is a validated Update; deadline clocks are timers that an Update can move; each transition
 * is recorded in the database by one idempotent activity.
 */
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  patched,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import { DomainError, ForbiddenError } from '../domain/errors.ts';
import {
  fireNextTimer,
  INFORMATION_REQUEST_ACTIONS,
  isTerminal,
  mayView,
  nextTimer,
  openInformationRequest,
  operatorSummary,
  performAction,
  summarise,
  toView,
  validateAction,
  type InformationRequestState,
  type NewInformationRequest,
  type Transition,
} from '../domain/information-request/index.ts';
import { recordContactEvent, recordContactEventLocally } from './activities.proxy.ts';
import {
  actionUpdate,
  contactStateQuery,
  viewContactUpdate,
  type ActionUpdateInput,
  type ViewContactInput,
} from './messages.ts';
import { contactStatusKey, dueAtKey, escalationLevelKey } from './search-attributes.ts';

/** Patch id: the projection is recorded by a local activity (2026-11-22). */
export const RECORD_LOCALLY_PATCH = 'record-contact-event-locally';

/** Domain errors cross the Temporal boundary as non-retryable failures whose `type` is the error's name. */
function asFailure(error: unknown): unknown {
  if (!(error instanceof DomainError)) return error;
  return ApplicationFailure.create({
    type: error.name,
    message: error.message,
    nonRetryable: true,
    details: [{ code: error.code, ...error.details }],
  });
}

function rethrowAsFailure<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw asFailure(error);
  }
}

export async function informationRequestWorkflow(input: NewInformationRequest): Promise<void> {
  const opened = openInformationRequest(input);
  let state: InformationRequestState = opened.state;
  let recorded = false;
  /** Bumped on every Update, so the timer loop re-plans when an action moves or stops a clock. */
  let version = 0;

  async function record(transition: Transition): Promise<void> {
    const now = Date.now();
    const summary = summarise(transition.state, now);
    // Metadata only (no history command): the Temporal UI shows it as the workflow's current details.
    setCurrentDetails(operatorSummary(transition.state, now));
    upsertSearchAttributes([
      { key: contactStatusKey, value: transition.state.status },
      { key: dueAtKey, value: summary.dueAt === null ? null : new Date(summary.dueAt) },
      { key: escalationLevelKey, value: summary.escalationLevel },
    ]);
    // Workflows started before the patch keep recording through a regular activity when they replay.
    const recordEvent = patched(RECORD_LOCALLY_PATCH) ? recordContactEventLocally : recordContactEvent;
    await recordEvent({
      state: transition.state,
      entry: transition.entry,
      notifications: transition.notifications,
    });
  }

  setHandler(contactStateQuery, () => state);

  setHandler(
    viewContactUpdate,
    async ({ actor }: ViewContactInput) => {
      await condition(() => recorded);
      return toView(state, actor, Date.now());
    },
    {
      validator: ({ actor }: ViewContactInput) =>
        rethrowAsFailure(() => {
          if (!mayView(state, actor))
            throw ForbiddenError.because('forbidden', 'You may not see this contact.');
        }),
    },
  );

  for (const action of INFORMATION_REQUEST_ACTIONS) {
    setHandler(
      actionUpdate(action),
      async ({ actor, input: raw }: ActionUpdateInput) => {
        // Validated again here: the validator ran on the same state in this activation, so this cannot throw
        // a new error; it only yields the parsed input.
        const parsed = rethrowAsFailure(() => validateAction(state, actor, action, raw));
        const transition = performAction(state, actor, action, parsed, Date.now());
        // Assigned before any await: concurrent handlers and the timer loop always build on the latest state.
        state = transition.state;
        version++;
        await record(transition);
        return toView(state, actor, Date.now());
      },
      {
        validator: ({ actor, input: raw }: ActionUpdateInput) =>
          void rethrowAsFailure(() => validateAction(state, actor, action, raw)),
      },
    );
  }

  await record(opened);
  recorded = true;

  while (!isTerminal(state)) {
    const timer = nextTimer(state);
    const seen = version;
    const acted = timer
      ? await condition(() => version !== seen, Math.max(timer.at - Date.now(), 1))
      : (await condition(() => version !== seen), true);
    if (acted) continue;
    const fired = fireNextTimer(state, Date.now());
    if (fired) {
      state = fired.state;
      await record(fired);
    }
  }
  // Let in-flight Update handlers finish (and their records land) before the workflow completes.
  await condition(allHandlersFinished);
}
