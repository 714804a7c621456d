// How the API answers Temporal's refusals: a contact whose workflow task keeps failing (Temporal's
// `WorkflowNotReady`, seen after a worker was killed mid-task) is a 503 to retry, never a 500.
import { describe, expect, it } from 'vitest';
import { translateTemporalError } from '../../api/contact-workflows.ts';
import { ServiceUnavailableError } from '../../api/errors.ts';

/** The shape of the gRPC error the Temporal client throws (`isGrpcServiceError`). */
function grpcError(code: number, details: string): Error {
  return Object.assign(new Error(`${code} ${details}`), { code, details, metadata: {} });
}

describe('translateTemporalError', () => {
  it('answers a workflow task in failed state with 503, directly or as the cause', () => {
    const refusal = grpcError(9, 'Workflow Task in failed state.');
    expect(translateTemporalError(refusal)).toBeInstanceOf(ServiceUnavailableError);
    const wrapped = Object.assign(new Error('Update failed'), { cause: refusal });
    expect(translateTemporalError(wrapped)).toBeInstanceOf(ServiceUnavailableError);
  });

  it('leaves other failed preconditions alone', () => {
    const other = grpcError(9, 'Namespace is not active.');
    expect(translateTemporalError(other)).toBe(other);
  });
});
