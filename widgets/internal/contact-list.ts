/**
 * @module
 * Paging through a cursor-paginated list (`GET /contacts`, `GET /public/spokespersons`): first page, "show more"
 * by cursor, and quiet refreshes (after a live change) that keep as many rows as are shown. Stale answers are
 * dropped, so a slow first page can never overwrite a newer filter's results.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Messages } from './i18n.ts';
import type { ContactSummary, Page } from './types.ts';

const PAGE = 20;
const MAX_PAGE = 100;

export type PageFetcher<T> = (cursor: string | undefined, limit: number) => Promise<Page<T>>;

export class ListController<T extends { id: string }> implements ReactiveController {
  items: T[] = [];
  nextCursor: string | null = null;
  /** True while the first page (or a full reload) is on its way. */
  loading = false;
  loadingMore = false;
  loaded = false;
  error: unknown;

  readonly #host: ReactiveControllerHost;
  readonly #fetch: PageFetcher<T>;
  #seq = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(host: ReactiveControllerHost, fetchPage: PageFetcher<T>) {
    this.#host = host;
    this.#fetch = fetchPage;
    host.addController(this);
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
  }

  /** Loads the first page again; `keepCount` reloads as many rows as are shown (for live refreshes). */
  async reload(keepCount = false): Promise<void> {
    const seq = ++this.#seq;
    const limit = keepCount ? Math.min(MAX_PAGE, Math.max(PAGE, this.items.length)) : PAGE;
    this.loading = !keepCount;
    this.error = undefined;
    this.#host.requestUpdate();
    try {
      const page = await this.#fetch(undefined, limit);
      if (seq !== this.#seq) return;
      this.items = page.items;
      this.nextCursor = page.nextCursor;
      this.loaded = true;
    } catch (error) {
      if (seq === this.#seq) this.error = error;
    } finally {
      if (seq === this.#seq) this.loading = false;
      this.#host.requestUpdate();
    }
  }

  /** Forgets every row (signed out): nothing of the last person's list stays on screen. */
  clear(): void {
    this.#seq++;
    clearTimeout(this.#timer);
    this.items = [];
    this.nextCursor = null;
    this.loaded = this.loading = this.loadingMore = false;
    this.error = undefined;
    this.#host.requestUpdate();
  }

  /** Appends the next page. */
  async more(): Promise<void> {
    if (!this.nextCursor || this.loadingMore) return;
    const seq = this.#seq;
    this.loadingMore = true;
    this.#host.requestUpdate();
    try {
      const page = await this.#fetch(this.nextCursor, PAGE);
      if (seq !== this.#seq) return;
      const seen = new Set(this.items.map((i) => i.id));
      this.items = [...this.items, ...page.items.filter((i) => !seen.has(i.id))];
      this.nextCursor = page.nextCursor;
    } catch (error) {
      if (seq === this.#seq) this.error = error;
    } finally {
      this.loadingMore = false;
      this.#host.requestUpdate();
    }
  }

  /** What the list's status region says: loading, how many (`count`, `countMore`), or `emptyText`. */
  statusText(
    t: Messages,
    emptyText: string,
    count: (n: number) => string = t.common.count,
    countMore: (n: number) => string = t.common.countMore,
  ): string {
    if (this.loading) return t.common.loading;
    if (!this.loaded) return '';
    if (!this.items.length) return emptyText;
    return (this.nextCursor ? countMore : count)(this.items.length);
  }

  /** A quiet reload soon; bursts of live changes collapse into one request. */
  scheduleRefresh(delayMs = 400): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.reload(true), delayMs);
  }
}

/** The contact lists of `pl-inbox` and `pl-my-contacts`. */
export class ContactListController extends ListController<ContactSummary> {}
