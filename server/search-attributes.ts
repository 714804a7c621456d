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
