/**
 * @module
 * Elements defined on demand. The bundle's entry names every `pl-` element but keeps their classes in chunks of
 * their own, fetched with `import()` relative to the entry the first time one of their elements is shown: once
 * the document is loaded (`DOMContentLoaded`) for a shown element already in it, later for one a script adds
 * (one `MutationObserver` on the document) or one that is in the document but not rendered — in a hidden panel,
 * a closed `<details>`, under `display: none` — which loads when it gets a box (an `IntersectionObserver` with a
 * margin wider than any page, so "shown" does not depend on scrolling). The observers stop when nothing is left
 * to load. Until its chunk arrives such an element is undefined (`:not(:defined)`); it keeps its attributes and
 * any properties the host set on it (`tokenProvider`…), which Lit applies on upgrade, and
 * `customElements.whenDefined(tag)` resolves once it is defined — for an element in a hidden panel, once the
 * panel is shown.
 *
 * An element's chunk imports others (code it shares with some elements). The browser would find them only once
 * the element's chunk has arrived, a round trip later, and theirs one more later: the build lists them per element
 * ({@link ElementPreloads}), and they are asked for together with the element's chunk.
 *
 * What the page shows first comes first: at the first look, an element below the fold (none of its tag in the
 * window) waits until the elements in view are ready (`pl-ready`), at most {@link BELOW_FOLD_WAIT_MS}, or until
 * it is scrolled into the window, so the widgets a person sees do not share the connections and the one main
 * thread with those they do not see yet. Everything still loads without scrolling (a screen reader's reading
 * order reaches it). The fold is known only if the host reserves each element's room until it is defined
 * (`pl-x:not(:defined) { display: block; min-height: … }`); otherwise every element counts as in view.
 *
 * The document's observer cannot see into shadow roots: every `pl-` element looks through its own after each
 * render ({@link loadWithin}, from the base element), and a host that creates one of these tags inside its own
 * shadow DOM calls {@link loadElement}.
 *
 * @example
 * ```ts
 * defineLazy({ 'pl-reports': () => import('../reports/reports.ts').then((m) => m.PlReports) });
 * ```
 */
import { define } from './define.ts';

/** Fetches an element's chunk and returns its class. */
export type ElementLoader = () => Promise<CustomElementConstructor>;

/** Per tag, the chunks the element's chunk imports, relative to `base` (the bundle's entry). */
export interface ElementPreloads {
  preloads: Readonly<Record<string, readonly string[]>>;
  base: string;
}

/** Tags whose chunk has not been asked for yet. */
const waiting = new Map<string, ElementLoader>();
/** Tags whose chunk is on its way or has arrived. */
const loading = new Map<string, Promise<CustomElementConstructor>>();
let observer: MutationObserver | undefined;
/** Elements of waiting tags that are in the document but not rendered, until one of their tag is. */
let untilShown: IntersectionObserver | undefined;
const hidden = new Set<Element>();
/** Tags below the fold at the first look: they wait for those in view, or for one of theirs to be scrolled to. */
const belowFold = new Set<string>();
/** Watches the elements below the fold for being scrolled into the window. */
let scrolledTo: IntersectionObserver | undefined;
/** The longest the elements below the fold wait for those in view (one may never be ready: no credentials). */
export const BELOW_FOLD_WAIT_MS = 1500;
/** Absolute URLs of the chunks to ask for beside each tag's own. */
const preloads = new Map<string, string[]>();

/**
 * Registers `elements` (tag → loader) and loads those the document already shows. A tag that is defined already
 * (another copy of the bundle on the page) is left alone, as {@link define} does.
 */
export function defineLazy(
  elements: Readonly<Record<string, ElementLoader>>,
  shared?: ElementPreloads,
): void {
  for (const [tag, load] of Object.entries(elements)) {
    if (!customElements.get(tag) && !loading.has(tag)) waiting.set(tag, load);
    const files = shared?.preloads[tag];
    if (files)
      preloads.set(
        tag,
        files.map((file) => new URL(file, shared.base).href),
      );
  }
  // The host's own scripts after the bundle may still show or hide panels (the demo pages pick one by the
  // address): look once they have run, at DOMContentLoaded, which follows the last deferred and module script.
  if (domContentLoaded()) firstLook();
  else document.addEventListener('DOMContentLoaded', firstLook, { once: true });
  watch();
}

function domContentLoaded(): boolean {
  const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
  return document.readyState === 'complete' || !navigation || navigation.domContentLoadedEventStart > 0;
}

/**
 * Loads and defines `tag` now, shown or not, whether or not the page holds it yet; resolves with its class. For
 * tags that are not lazy, waits for their definition. A failed load is logged and tried again on the next call
 * or insertion.
 */
export function loadElement(tag: string): Promise<CustomElementConstructor> {
  const started = loading.get(tag);
  if (started) return started;
  const load = waiting.get(tag);
  if (!load) return customElements.whenDefined(tag);
  waiting.delete(tag);
  forgetHidden(tag);
  preload(tag);
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

/**
 * The first look at the document, once it is loaded: elements in view load now, those below the fold after them
 * (see the module's comment); elements not rendered wait until shown, as always.
 */
function firstLook(): void {
  if (!waiting.size) return;
  const inView = new Set<string>();
  const below = new Map<string, Element[]>();
  for (const element of document.querySelectorAll([...waiting.keys()].join(','))) {
    if (!rendered(element)) continue;
    const tag = element.localName;
    if (inWindow(element)) inView.add(tag);
    else below.set(tag, [...(below.get(tag) ?? []), element]);
  }
  for (const tag of inView) below.delete(tag);
  if (below.size) {
    const shown = [...document.querySelectorAll([...inView].join(',') || ':not(*)')];
    for (const [tag, elements] of below) waitBelowFold(tag, elements);
    void readyOrTimeout(shown).then(() => loadBelowFold());
  }
  loadWithin(document);
}

/** Whether some of `element` is inside the window's height (the fold), at the current scroll. */
function inWindow(element: Element): boolean {
  const box = element.getBoundingClientRect();
  return box.top < innerHeight && box.bottom > 0;
}

function waitBelowFold(tag: string, elements: Element[]): void {
  belowFold.add(tag);
  if (typeof IntersectionObserver !== 'function') return;
  // Scrolled into the window before those in view were ready: it is what the person looks at now.
  scrolledTo ??= new IntersectionObserver((entries) => {
    for (const entry of entries) if (entry.isIntersecting) loadBelowFold(entry.target.localName);
  });
  for (const element of elements) scrolledTo.observe(element);
}

/** Loads `tag` (or every tag still waiting below the fold) now. */
function loadBelowFold(tag?: string): void {
  for (const waitingTag of tag ? [tag] : [...belowFold]) {
    belowFold.delete(waitingTag);
    void loadElement(waitingTag);
  }
  if (!belowFold.size) {
    scrolledTo?.disconnect();
    scrolledTo = undefined;
  }
}

/** Resolves once every element of `shown` is ready (`data-ready`, see the base element), or after the wait. */
function readyOrTimeout(shown: Element[]): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, BELOW_FOLD_WAIT_MS);
    const check = () => {
      if (shown.every((element) => element.hasAttribute('data-ready'))) done();
    };
    function done() {
      clearTimeout(timer);
      document.removeEventListener('pl-ready', check, true);
      resolve();
    }
    document.addEventListener('pl-ready', check, true);
    check();
  });
}

/**
 * Asks for the chunks `tag`'s chunk imports, at the same time as it. The module map shares each fetch with the
 * import that needs it; a failure here shows again (and is reported) through the element's own import.
 */
function preload(tag: string): void {
  for (const url of preloads.get(tag) ?? []) import(url).catch(() => undefined);
}

/**
 * Starts loading every waiting tag `root` (itself included) shows; elements of those tags that are not rendered
 * are watched until they are. For a shadow root, this is how its host's nested elements load.
 */
export function loadWithin(root: ParentNode): void {
  if (!waiting.size) return;
  const found: Element[] = [];
  if (root instanceof Element && waiting.has(root.localName)) found.push(root);
  found.push(...root.querySelectorAll([...waiting.keys()].join(',')));
  for (const element of found) {
    if (!waiting.has(element.localName) || (root === document && belowFold.has(element.localName))) continue;
    if (rendered(element)) void loadElement(element.localName);
    else watchUntilShown(element);
  }
}

/** Whether `element` has a box; browsers without `checkVisibility` (before 2023) load everything at once. */
function rendered(element: Element): boolean {
  return typeof element.checkVisibility !== 'function' || element.checkVisibility();
}

function watchUntilShown(element: Element): void {
  if (typeof IntersectionObserver !== 'function') {
    void loadElement(element.localName);
    return;
  }
  untilShown ??= new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (entry.isIntersecting) void loadElement(entry.target.localName);
      }
    },
    // "Rendered anywhere on the page": an element with no box never intersects, whatever the margin.
    { rootMargin: '100000px' },
  );
  if (hidden.has(element)) return;
  hidden.add(element);
  untilShown.observe(element);
}

/** Stops watching the elements of `tag` (its chunk is on its way), and the observer once none is left. */
function forgetHidden(tag: string): void {
  for (const element of hidden) {
    if (element.localName !== tag) continue;
    hidden.delete(element);
    untilShown?.unobserve(element);
  }
  if (!hidden.size) {
    untilShown?.disconnect();
    untilShown = undefined;
  }
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
