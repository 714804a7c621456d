/** @module The work-appointment workflow: the contact runner with the appointment kind. */
import { appointmentKind, type NewAppointment } from '../domain/appointment/index.ts';
import { runContact } from './contact.workflow.ts';

export async function appointmentWorkflow(input: NewAppointment): Promise<void> {
  await runContact(appointmentKind, input);
}
