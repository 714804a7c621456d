/** @module The information-request workflow: the contact runner with the information-request kind. */
import { informationRequestKind, type NewInformationRequest } from '../domain/information-request/index.ts';
import { runContact } from './contact.workflow.ts';

export async function informationRequestWorkflow(input: NewInformationRequest): Promise<void> {
  await runContact(informationRequestKind, input);
}
