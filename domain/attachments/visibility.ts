/**
 * @module
 * Which of a contact's files a reader may list and download. The agency side (`seesAgencySide`) sees every
 * file. Anyone else who sees the contact — its journalist, an agency a report was merely referred to — sees
 * only what was shared with them: files they uploaded themselves, files of messages that are not internal
 * notes, and files of the steps their view of the contact shows (an approved answer, a recorded result). A
 * draft answer's documents and an internal note's files stay with the agency until shared.
 */

/** A stored file, as far as the rule needs it. */
export interface OwnedFile {
  id: string;
  uploadedBy: { sub: string };
}

export interface FileReader {
  sub: string;
  /** Whether the reader is on the agency side of the contact (reads internal notes and drafts). */
  agencySide: boolean;
  /** Ids shared with readers outside the agency: see {@link sharedFileIds}. */
  shared: ReadonlySet<string>;
}

/** The files `reader` may see, in the order given. */
export function filesVisibleTo<F extends OwnedFile>(files: readonly F[], reader: FileReader): F[] {
  if (reader.agencySide) return [...files];
  return files.filter((f) => f.uploadedBy.sub === reader.sub || reader.shared.has(f.id));
}

/**
 * The ids of files shared outside the agency: those of messages that are not internal notes, and every
 * `attachments` list in the contact's view fields as a reader outside the agency sees them.
 */
export function sharedFileIds(
  publicMessageFileIds: Iterable<string>,
  outsideView: Readonly<Record<string, unknown>>,
): Set<string> {
  const shared = new Set(publicMessageFileIds);
  const walk = (value: unknown, key: string): void => {
    if (Array.isArray(value)) {
      for (const item of value) {
        if (key === 'attachments' && item && typeof item === 'object' && 'id' in item)
          shared.add(String((item as { id: unknown }).id));
        else walk(item, '');
      }
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, k);
    }
  };
  walk(outsideView, '');
  return shared;
}
