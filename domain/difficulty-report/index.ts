/** @module The difficulty-report kind: state, opening schema and rules, parties, the kind and its view. */
export * from './state.ts';
export * from './opening.ts';
export { department, departmentRecipient, referredAgency } from './parties.ts';
export {
  difficultyReportKind,
  acknowledgeReportInput,
  referInput,
  respondInput,
  resolveInput,
  reopenInput,
} from './kind.ts';
export { difficultyReportViewFields, type DifficultyReportView } from './view.ts';
