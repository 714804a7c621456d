/**
 * @module
 * Files on a contact, as every widget that shows or sends them needs them: the upload (one multipart request
 * per file, `POST /contacts/{id}/attachments`), the list of a step's files as download buttons, and the
 * keyboard- and drop-friendly picker used by the message composer and the answer and result forms.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { ApiClient } from './api-client.ts';
import type { Messages } from './i18n.ts';
import type { AttachmentRef } from './types.ts';

export type { AttachmentRef };

/**
 * A file in a picker: one chosen from the computer (uploaded when the form is sent) or one already on the
 * contact (a draft answer's documents, kept unless removed).
 */
export type PendingFile = { file: File } | { stored: AttachmentRef };

export const pendingName = (p: PendingFile): string => ('file' in p ? p.file.name : p.stored.name);
const pendingSize = (p: PendingFile): number => ('file' in p ? p.file.size : p.stored.size);

/**
 * Uploads one file as `multipart/form-data` (the client sends a body as it is given). The boundary is read
 * from a Request's header: a Blob's `type` is lower-cased, which would no longer match the body's boundary.
 */
export async function uploadAttachment(
  api: ApiClient,
  contactId: string,
  file: File,
): Promise<AttachmentRef> {
  const form = new FormData();
  form.append('file', file, file.name);
  const request = new Request(document.baseURI, { method: 'POST', body: form });
  const response = await api.send('POST', `/contacts/${encodeURIComponent(contactId)}/attachments`, {
    raw: await request.blob(),
    headers: { 'content-type': request.headers.get('content-type') ?? '' },
  });
  return (await response.json()) as AttachmentRef;
}

/**
 * The ids to send with a step: stored files as they are, chosen ones uploaded first. Each upload replaces
 * its entry in `pending` (through `settle`), so a retry after a failure uploads nothing twice.
 */
export async function attachmentIdsOf(
  api: ApiClient,
  contactId: string,
  pending: readonly PendingFile[],
  settle: (index: number, stored: AttachmentRef) => void,
): Promise<string[]> {
  const ids: string[] = [];
  for (const [index, p] of pending.entries()) {
    if ('stored' in p) {
      ids.push(p.stored.id);
      continue;
    }
    const stored = await uploadAttachment(api, contactId, p.file);
    settle(index, stored);
    ids.push(stored.id);
  }
  return ids;
}

/** A step's files as download buttons (`data-testid` given), or nothing when there are none. */
export function renderFileLinks(
  files: readonly AttachmentRef[] | undefined,
  t: Messages,
  download: (file: AttachmentRef) => void,
  testId: string,
): TemplateResult | typeof nothing {
  if (!files?.length) return nothing;
  return html`<ul class="files" data-testid=${testId}>
    ${files.map(
      (a) =>
        html`<li>
          <button
            type="button"
            class="link"
            aria-label=${t.thread.download(a.name)}
            @click=${() => download(a)}
          >
            ${a.name}
          </button>
          <span class="muted">${t.thread.size(a.size)} · ${a.type.split(';')[0]}</span>
        </li>`,
    )}
  </ul>`;
}

/** What a picker shows and does. */
export interface FilePicker {
  /** The button's id (the picker's focus target after a removal). */
  id: string;
  label: string;
  files: readonly PendingFile[];
  t: Messages;
  /** Adds files (from the hidden input or a drop). */
  add: (files: readonly File[]) => void;
  remove: (index: number) => void;
  /** `data-testid` of the hidden input and of the list. */
  testId: string;
}

/**
 * The picker: a button that opens a hidden file input (one named, focusable control that Enter and Space
 * open), a hint with the limits, the chosen files each with a remove button, and a drop zone around them.
 */
export function renderFilePicker(p: FilePicker): TemplateResult {
  const t = p.t.thread;
  const input = (e: Event) => {
    const el = e.currentTarget as HTMLInputElement;
    p.add(Array.from(el.files ?? []));
    el.value = '';
  };
  const open = (e: Event) =>
    (e.currentTarget as HTMLElement).parentElement
      ?.querySelector<HTMLInputElement>('input[type=file]')
      ?.click();
  return html`<div
    class="field file-picker"
    @dragover=${(e: DragEvent) => e.preventDefault()}
    @drop=${(e: DragEvent) => (e.preventDefault(), p.add(Array.from(e.dataTransfer?.files ?? [])))}
  >
    <button id=${p.id} type="button" class="btn secondary" aria-describedby="${p.id}-hint" @click=${open}>
      ${p.label}
    </button>
    <input type="file" multiple hidden tabindex="-1" data-testid="${p.testId}-input" @change=${input} />
    <p id="${p.id}-hint" class="hint">${t.filesHint}</p>
    ${
      p.files.length
        ? html`<ul class="files" data-testid=${p.testId}>
            ${p.files.map(
              (f, i) =>
                html`<li>
                  ${pendingName(f)} <span class="muted">${t.size(pendingSize(f))}</span>
                  <button
                    type="button"
                    class="btn secondary small"
                    aria-label=${t.removeFile(pendingName(f))}
                    @click=${() => p.remove(i)}
                  >
                    ✕
                  </button>
                </li>`,
            )}
          </ul>`
        : nothing
    }
  </div>`;
}
