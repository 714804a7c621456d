/**
 * @module
 * Elements defined on demand. The bundle's entry names every `pl-` element, but the larger ones that only some
 * pages show (the department's widgets, registry administration) keep their classes in chunks of their own,
 * fetched with `import()` relative to the entry the first time the page holds their tag: at once for tags
 * already in the document, later for tags a script adds (one `MutationObserver` on the document, disconnected
 * when nothing is left to load). Until its chunk arrives such an element is undefined (`:not(:defined)`); it
 * keeps its attributes and any properties the host set on it (`tokenProvider`…), which Lit applies on upgrade,
 * and `customElements.whenDefined(tag)` resolves once it is defined.
 *
 * The observer cannot see into shadow roots: a host that creates one of these tags inside its own shadow DOM
 * calls {@link loadElement} first.
 *
 * @example
 * ```ts
 * defineLazy({ 'pl-reports': () => import('../reports/reports.ts').then((m) => m.PlReports) });
 * ```
 */
import { define } from './define.ts';

/** Fetches an element's chunk and returns its class. */
export type ElementLoader = () => Promise<CustomElementConstructor>;

/** Tags whose chunk has not been asked for yet. */
const waiting = new Map<string, ElementLoader>();
/** Tags whose chunk is on its way or has arrived. */
const loading = new Map<string, Promise<CustomElementConstructor>>();
let observer: MutationObserver | undefined;

/**
 * Registers `elements` (tag → loader) and loads those the document already holds. A tag that is defined already
 * (another copy of the bundle on the page) is left alone, as {@link define} does.
 */
export function defineLazy(elements: Readonly<Record<string, ElementLoader>>): void {
  for (const [tag, load] of Object.entries(elements)) {
    if (!customElements.get(tag) && !loading.has(tag)) waiting.set(tag, load);
  }
  loadWithin(document);
  watch();
}

/**
 * Loads and defines `tag` now, whether or not the page holds it yet; resolves with its class. For tags that are
 * not lazy, waits for their definition. A failed load is logged and tried again on the next call or insertion.
 */
export function loadElement(tag: string): Promise<CustomElementConstructor> {
  const started = loading.get(tag);
  if (started) return started;
  const load = waiting.get(tag);
  if (!load) return customElements.whenDefined(tag);
  waiting.delete(tag);
  const promise = load().then((element) => {
    define(tag, element);
    return customElements.get(tag) ?? element;
  });
  loading.set(tag, promise);
  promise.catch((error: unknown) => {
    console.error(`[press-liaison] <${tag}> could not be loaded; it is tried again when next used.`, error);
    loading.delete(tag);
    waiting.set(tag, load);
    watch();
  });
  return promise;
}

/** Starts loading every waiting tag found in `root` (itself included). */
function loadWithin(root: Document | Element): void {
  if (!waiting.size) return;
  const found = new Set<string>();
  if (root instanceof Element && waiting.has(root.localName)) found.add(root.localName);
  for (const element of root.querySelectorAll([...waiting.keys()].join(','))) found.add(element.localName);
  for (const tag of found) void loadElement(tag);
}

/** Keeps one observer on the document while any tag is waiting. */
function watch(): void {
  if (observer || !waiting.size) return;
  observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) if (node instanceof Element) loadWithin(node);
    }
    if (!waiting.size) {
      observer?.disconnect();
      observer = undefined;
    }
  });
  observer.observe(document, { childList: true, subtree: true });
}
