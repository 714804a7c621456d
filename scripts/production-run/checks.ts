/**
 * @module
 * The checks after a production-like run, on top of the crash test's (every intended contact exactly once in
 * the projection, one healthy workflow run each): every confirmed step is in the contact's timeline exactly
 * once and no unconfirmed one is, and each workflow's own state (the `contactState` query, decoded with the
 * run's payload keys) agrees with its projection row — same status, same steps taken.
 */
import { Client, Connection } from '@temporalio/client';
import { loadPayloadEncryptionConfig } from '../../codec/config.ts';
import { createPayloadCodec, dataConverterFor } from '../../codec/data-converter.ts';
import type { AnyContactState } from '../../domain/contact/state.ts';
import { contactStateQuery } from '../../workflows/messages.ts';
import { runConcurrently } from '../../bench/stats.ts';
import {
  checkContacts,
  checkWorkflows,
  type ContactCheck,
  type WorkflowCheck,
} from '../crash-test-checks.ts';
import type { LoadClient } from './client.ts';
import { CLERK, expectedStatuses, STEPS, type Lifecycle } from './lifecycles.ts';
import type { Topology } from './topology.ts';

export interface AgreementCheck {
  /** Contacts whose timeline and workflow state were compared. */
  compared: number;
  /** A confirmed step missing or doubled, an unconfirmed one present. */
  timeline: string[];
  /** The workflow's state and the projection row disagree (status or steps), or the query failed. */
  disagreements: string[];
}

export interface RunChecks {
  contacts: ContactCheck;
  workflows: WorkflowCheck;
  agreement: AgreementCheck;
  /** Every problem, one line each; empty when the run passed. */
  problems: string[];
}

const count = (timeline: { type: string }[], type: string) => timeline.filter((e) => e.type === type).length;

async function checkAgreement(
  topology: Topology,
  client: LoadClient,
  clerkToken: string,
  lifecycles: Lifecycle[],
): Promise<AgreementCheck> {
  const encryption = loadPayloadEncryptionConfig(topology.env, { authMode: 'dev', codecCorsOrigins: [] });
  const connection = await Connection.connect({ address: topology.temporalAddress });
  const temporal = new Client({
    connection,
    namespace: topology.namespace,
    dataConverter: dataConverterFor(createPayloadCodec(encryption)),
  });
  const result: AgreementCheck = { compared: 0, timeline: [], disagreements: [] };
  const opened = lifecycles.filter((l) => l.intent.answeredId || l.uncertain === 'create');
  try {
    await runConcurrently(opened.length, 4, async (i) => {
      const { intent, confirmed, uncertain } = opened[i]!;
      const id = intent.expectedId;
      const read = await client.call('check', 'GET', `/contacts/${id}`, clerkToken);
      if (read.status !== '200') {
        // An unanswered create may rightly have opened nothing; checkContacts reports the rest.
        if (uncertain !== 'create') result.disagreements.push(`${id}: projection read ${read.status}`);
        return;
      }
      const row = read.body as { status: string; timeline: { type: string }[] };
      let state: AnyContactState;
      try {
        state = await temporal.workflow.getHandle(id).query(contactStateQuery);
      } catch (error) {
        result.disagreements.push(`${id}: contactState query failed: ${String(error).slice(0, 200)}`);
        return;
      }
      result.compared += 1;
      for (const { action } of STEPS) {
        const inRow = count(row.timeline, action);
        const wanted = confirmed.includes(action) ? [1] : uncertain === action ? [0, 1] : [0];
        if (!wanted.includes(inRow))
          result.timeline.push(`${id}: ${action} ${inRow}× in the timeline, expected ${wanted.join(' or ')}`);
        const inWorkflow = count(state.timeline, action);
        if (inWorkflow !== inRow)
          result.disagreements.push(
            `${id}: ${action} ${inWorkflow}× in the workflow, ${inRow}× in the projection`,
          );
      }
      if (state.status !== row.status)
        result.disagreements.push(`${id}: workflow status ${state.status}, projection ${row.status}`);
    });
  } finally {
    await connection.close();
  }
  return result;
}

/** All the checks; `problems` lists every failure. */
export async function checkRun(options: {
  topology: Topology;
  client: LoadClient;
  tokens: Map<string, string>;
  lifecycles: Lifecycle[];
  /** When the load began: workflows started before belong to someone else (an attached topology). */
  since: Date;
}): Promise<RunChecks> {
  const { topology, client, tokens, lifecycles } = options;
  const intents = lifecycles.map((l) => l.intent);
  const byId = new Map(lifecycles.map((l) => [l.intent.expectedId, l]));
  const reporterTokens = new Map(
    [...new Set(intents.map((i) => i.reporter))].map((r) => [r, tokens.get(r)!]),
  );
  // Workflows first: it waits until none has work pending, so the projection has caught up when it is read.
  const workflows = await checkWorkflows(topology.temporalAddress, intents, 120_000, {
    namespace: topology.namespace,
    since: options.since,
    // A closed request's workflow has completed; any other is still running.
    expectStatuses: (id) =>
      expectedStatuses(byId.get(id)!).map((s) => (s === 'closed' ? 'COMPLETED' : 'RUNNING')),
  });
  const contacts = await checkContacts(topology.apis[0]!, reporterTokens, intents, (intent) =>
    expectedStatuses(byId.get(intent.expectedId)!),
  );
  const agreement = await checkAgreement(topology, client, tokens.get(CLERK)!, lifecycles);
  const problems = [
    ...lifecycles.filter((l) => l.failure).map((l) => `lifecycle ${l.intent.key}: ${l.failure}`),
    ...contacts.missing.map((id) => `lost: ${id}`),
    ...contacts.duplicates.map((id) => `duplicate: ${id}`),
    ...contacts.unexpected.map((id) => `unexpected: ${id}`),
    ...contacts.mismatched.map((m) => `mismatched: ${m}`),
    ...(contacts.listed === intents.length
      ? []
      : [`listed ${contacts.listed} contacts, expected ${intents.length}`]),
    ...workflows.extraRuns.map((id) => `extra run: ${id}`),
    ...workflows.unhealthy.map((id) => `unhealthy workflow: ${id}`),
    ...(workflows.executions === intents.length
      ? []
      : [`${workflows.executions} workflow executions, expected ${intents.length}`]),
    ...agreement.timeline.map((t) => `timeline: ${t}`),
    ...agreement.disagreements.map((d) => `disagreement: ${d}`),
  ];
  return { contacts, workflows, agreement, problems };
}
