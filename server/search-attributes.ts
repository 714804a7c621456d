/**
 * @module
 * Registers our search attributes on an existing Temporal cluster (the dev server gets them with
 * `--search-attribute` at start). Adding an attribute that exists is harmless.
 */
import type { Connection } from '@temporalio/client';
// A CommonJS module: Node's ESM loader only sees its default export.
import proto from '@temporalio/proto';
import { SEARCH_ATTRIBUTE_DEFINITIONS } from '../workflows/search-attributes.ts';

const { temporal } = proto;

const TYPES: Record<string, proto.temporal.api.enums.v1.IndexedValueType> = {
  Keyword: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  Datetime: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
  Int: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_INT,
};

export async function ensureSearchAttributes(connection: Connection, namespace: string): Promise<void> {
  const wanted = Object.fromEntries(
    SEARCH_ATTRIBUTE_DEFINITIONS.map((d) => {
      const [name, type] = d.split('=') as [string, string];
      return [name, TYPES[type]!];
    }),
  );
  const existing = await connection.operatorService.listSearchAttributes({ namespace });
  const missing = Object.fromEntries(
    Object.entries(wanted).filter(([name]) => !(name in (existing.customAttributes ?? {}))),
  );
  if (Object.keys(missing).length > 0) {
    await connection.operatorService.addSearchAttributes({ namespace, searchAttributes: missing });
  }
}

/**
 * The search attributes the product needs that the namespace lacks, with the command an operator runs to add
 * each. A process that may not change the cluster (`npm run api`, `npm run worker`) checks this at start and
 * refuses to run without them: workflows would fail on their first upsert.
 */
export async function missingSearchAttributes(
  connection: Connection,
  namespace: string,
): Promise<{ name: string; command: string }[]> {
  const existing = await connection.operatorService.listSearchAttributes({ namespace });
  const known = new Set(Object.keys(existing.customAttributes ?? {}));
  return SEARCH_ATTRIBUTE_DEFINITIONS.map((d) => d.split('=') as [string, string])
    .filter(([name]) => !known.has(name))
    .map(([name, type]) => ({
      name,
      command: `temporal operator search-attribute create --namespace ${namespace} --name ${name} --type ${type}`,
    }));
}
