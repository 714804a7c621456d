/** @module The difficulty report workflow: the contact runner with the difficulty report kind. */
import { difficultyReportKind } from '../domain/difficulty-report/kind.ts';
import type { NewDifficultyReport } from '../domain/difficulty-report/state.ts';
import { runContact } from './contact.workflow.ts';

export async function difficultyReportWorkflow(input: NewDifficultyReport): Promise<void> {
  await runContact(difficultyReportKind, input);
}
