/** @module The walk-in visit record workflow: the contact runner with the walk-in kind. */
import { walkInKind, type NewWalkIn } from '../domain/walk-in/index.ts';
import { runContact } from './contact.workflow.ts';

export async function walkInWorkflow(input: NewWalkIn): Promise<void> {
  await runContact(walkInKind, input);
}
