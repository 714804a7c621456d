/**
 * @module
 * The bench's bare baseline (issue 9): the smallest workflow that answers Updates, so the `load` group can
 * show what one Temporal Update costs on the dev server, with no activity, database or HTTP in the way.
 * Bundled on its own by bench/bare-update.ts; it is not one of the product's workflows (workflows/index.ts).
 */
import { allHandlersFinished, condition, defineUpdate, setHandler } from '@temporalio/workflow';

export interface AddToCounterInput {
  /** How much to add; a positive integer. */
  by: number;
}

/** Adds to the counter and returns its new value. */
export const addToCounterUpdate = defineUpdate<number, [AddToCounterInput]>('addToCounter');

export interface BareCounterInput {
  /** Updates after which the workflow completes (a bench lifecycle's operations). */
  operations: number;
}

/** Counts the Updates it accepts; completes after `operations` of them. */
export async function bareCounterWorkflow({ operations }: BareCounterInput): Promise<number> {
  let count = 0;
  let accepted = 0;
  setHandler(
    addToCounterUpdate,
    ({ by }) => {
      count += by;
      accepted += 1;
      return count;
    },
    {
      // The same shape as the product's: a synchronous check that rejects before anything reaches history.
      validator: ({ by }) => {
        if (!Number.isInteger(by) || by < 1) throw new Error('by must be a positive integer');
      },
    },
  );
  await condition(() => accepted >= operations);
  await condition(allHandlersFinished);
  return count;
}
