/**
 * @module
 * One interceptor for every activity: whatever an activity throws leaves the worker classified (retryable or
 * not) and sanitised (no SQL, no parameters, no personal data), so neither the workflow history nor the
 * worker's logs ever hold what a journalist wrote. See `activities/failures.ts` for the rules.
 */
import type { Context } from '@temporalio/activity';
import type {
  ActivityExecuteInput,
  ActivityInboundCallsInterceptor,
  ActivityInterceptors,
  Next,
} from '@temporalio/worker';
import { toActivityFailure } from '../activities/failures.ts';

class ClassifyingInbound implements ActivityInboundCallsInterceptor {
  readonly #activity: string;

  constructor(activity: string) {
    this.#activity = activity;
  }

  async execute(
    input: ActivityExecuteInput,
    next: Next<ActivityInboundCallsInterceptor, 'execute'>,
  ): Promise<unknown> {
    try {
      return await next(input);
    } catch (error) {
      throw toActivityFailure(error, this.#activity);
    }
  }
}

/** `interceptors.activity` entry for `Worker.create`. */
export function classifyActivityFailures(context: Context): ActivityInterceptors {
  return { inbound: new ClassifyingInbound(context.info.activityType) };
}
