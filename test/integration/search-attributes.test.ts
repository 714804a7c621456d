// On an existing Temporal cluster (TEMPORAL_ADDRESS), npm start registers our search attributes itself.
import { Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { msToTs } from '@temporalio/common/lib/time.js';
import { ensureSearchAttributes } from '../../server/search-attributes.ts';

let connection: Connection;
beforeAll(async () => {
  connection = await Connection.connect({ address: inject('temporalAddress') });
});
afterAll(async () => connection?.close());

describe('ensureSearchAttributes', () => {
  it('adds the missing attributes to a namespace, and is harmless when they exist', async () => {
    const namespace = `pl-sa-${Date.now().toString(36)}`;
    await connection.workflowService.registerNamespace({
      namespace,
      workflowExecutionRetentionPeriod: msToTs('1 day'),
    });
    await ensureSearchAttributes(connection, namespace);
    await ensureSearchAttributes(connection, namespace);
    const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
    expect(Object.keys(customAttributes ?? {})).toEqual(
      expect.arrayContaining(['ContactKind', 'ContactStatus', 'AgencyId', 'DueAt', 'EscalationLevel']),
    );
  });
});
