/**
 * @module
 * The base of every `pl-` element: credentials (`api-base`, `token`, `tokenProvider`), the language of the page,
 * shared styles, the live change stream and the ready signal. Components never extend `LitElement` directly.
 *
 * Ready: once the answers to the first requests an element made through {@link PlElement.api} have rendered
 * (data or an error message), the element gets a `data-ready` attribute and dispatches `pl-ready` (bubbles,
 * composed), once in its life. Hosts use it to drop a placeholder or to time the first render; an element that
 * asks nothing of the API (no credentials yet, no contact chosen) is not ready until it does.
 */
import { LitElement, type CSSResultGroup, type PropertyDeclarations, type PropertyValues } from 'lit';
import { ApiClient, type TokenProvider } from './api-client.ts';
import { loadMessages, messagesFor, observeLang, resolveLocale, type Locale, type Messages } from './i18n.ts';
import { loadWithin } from './lazy.ts';
import type { StreamMessage } from './stream.ts';
import { baseStyles } from './styles.ts';

export const DEFAULT_API_BASE = '/api/v1';
const AUTH_PROPERTIES = ['apiBase', 'token', 'tokenProvider'];

export abstract class PlElement extends LitElement {
  /** The bundle's version; a second, different copy of the bundle on the same page logs a warning. */
  static readonly version = '0.1.0';

  static override styles: CSSResultGroup = [baseStyles];

  static override properties: PropertyDeclarations = {
    apiBase: { attribute: 'api-base', reflect: true },
    token: { attribute: 'token' },
    tokenProvider: { attribute: false },
    locale: { state: true },
  };

  /** Base URL of the Press Liaison API (`/api/v1` by default; absolute for a different origin). */
  declare apiBase: string;
  /** A bearer token given by the host page. Prefer `tokenProvider`, which can renew it. */
  declare token: string | null;
  /** Host callback returning a fresh bearer token; asked again before expiry and after a 401. */
  declare tokenProvider: TokenProvider | undefined;
  /** The language in force: the closest `lang` attribute, else `<html lang>`. */
  declare protected locale: Locale;

  #stopLang: (() => void) | undefined;
  #stopStream: (() => void) | undefined;
  /** The page language's catalogue, while it is on its way (the first render waits for it). */
  #langLoading: Promise<void> | undefined;
  /** Requests made through {@link api} that have not settled, counted until the element is ready. */
  #inFlight = 0;
  #requested = false;
  #ready = false;

  constructor() {
    super();
    this.apiBase = DEFAULT_API_BASE;
    this.token = null;
    this.tokenProvider = undefined;
    this.locale = 'vi';
  }

  /** Messages in the page's language. */
  protected get t(): Messages {
    // `locale` only names a loaded catalogue (see #followLang); Vietnamese is the safe fallback.
    return messagesFor(this.locale) ?? messagesFor('vi')!;
  }

  /** The shared API client for these credentials (counted per element until it is ready). */
  protected get api(): ApiClient {
    const client = ApiClient.for(this.apiBase || DEFAULT_API_BASE, {
      token: this.token,
      tokenProvider: this.tokenProvider,
    });
    return this.#ready ? client : this.#counted(client);
  }

  /**
   * `client` with every promise its methods return counted in {@link #inFlight}. The client is shared by every
   * element on the page, so the count cannot live in it; methods run on the client itself (its private fields).
   */
  #counted(client: ApiClient): ApiClient {
    return new Proxy(client, {
      get: (target, key) => {
        const value: unknown = Reflect.get(target, key, target);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]): unknown => {
          const result: unknown = (value as (...a: unknown[]) => unknown).apply(target, args);
          if (result instanceof Promise) this.#count(result);
          return result;
        };
      },
    });
  }

  #count(request: Promise<unknown>): void {
    this.#inFlight++;
    this.#requested = true;
    const settled = () => {
      this.#inFlight--;
      // The element stores the answer after this callback (its own await comes later): look again once that
      // and the render it asked for are done, in case no render follows (the answer changed nothing).
      setTimeout(() => {
        if (!this.isUpdatePending) this.#markReadyIfSettled();
      });
    };
    request.then(settled, settled);
  }

  #markReadyIfSettled(): void {
    if (this.#ready || !this.#requested || this.#inFlight > 0 || !this.isConnected) return;
    this.#ready = true;
    this.toggleAttribute('data-ready', true);
    this.emit(new Event('pl-ready', { bubbles: true, composed: true }));
  }

  /** Whether the host has given credentials yet. */
  protected get hasCredentials(): boolean {
    return !!(this.tokenProvider ?? this.token);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#followLang();
    this.#stopLang = observeLang(() => this.#followLang());
    if (this.hasUpdated) this.#subscribe();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopLang?.();
    this.#stopStream?.();
    this.#stopLang = this.#stopStream = undefined;
  }

  // Before the render, not after: the first requests (and the host's token, if it must be fetched) are on their
  // way while the element renders, instead of waiting for that render and for every other element's on the page.
  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (AUTH_PROPERTIES.some((p) => changed.has(p))) {
      this.#subscribe();
      this.credentialsChanged();
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    // Elements this render shows (`pl-contact` beside a list, a slot picker in a form) load on demand: the
    // document's observer does not see into shadow roots.
    loadWithin(this.renderRoot);
    // The render that shows the last awaited answer.
    this.#markReadyIfSettled();
  }

  /**
   * Called before the first render and whenever `api-base` or the credentials change: (re)load data here (what
   * it sets is part of the coming render; the rendered DOM is not there yet the first time).
   * Elements should show a sign-in message instead of calling the API when {@link hasCredentials} is false.
   */
  protected credentialsChanged(): void {}

  /** Elements that follow live changes override this; the base subscribes while connected. */
  protected onStreamMessage?(message: StreamMessage): void;

  #subscribe(): void {
    this.#stopStream?.();
    this.#stopStream = undefined;
    if (!this.isConnected || !this.onStreamMessage || !this.hasCredentials) return;
    this.#stopStream = this.api.stream().subscribe((m) => this.onStreamMessage?.(m));
  }

  /**
   * Speaks the page's language. A catalogue not loaded yet (English, the first time) is fetched first: the
   * element keeps its current language meanwhile, and its first render waits for it (no flash of Vietnamese on
   * an English page).
   */
  #followLang(): void {
    const wanted = resolveLocale(this);
    if (messagesFor(wanted)) {
      this.locale = wanted;
      return;
    }
    const loading = loadMessages(wanted)
      .then(() => {
        if (this.isConnected && resolveLocale(this) === wanted) this.locale = wanted;
      })
      .catch((error: unknown) => console.error('[press-liaison] messages could not be loaded', error))
      .finally(() => {
        if (this.#langLoading === loading) this.#langLoading = undefined;
      });
    this.#langLoading = loading;
  }

  // Lit's hook for delaying an update; unlike `shouldUpdate`, it keeps the changed properties for the render.
  protected override scheduleUpdate(): void | Promise<unknown> {
    if (!this.hasUpdated && this.#langLoading) return this.#langLoading.then(() => super.scheduleUpdate());
    return super.scheduleUpdate();
  }

  /** Dispatches `event` from this element (events are `bubbles` and `composed`). Returns false if cancelled. */
  protected emit(event: Event): boolean {
    return this.dispatchEvent(event);
  }

  /** Moves focus to the element matching `selector` in this shadow root, after the next render. */
  protected async focusAfterRender(selector: string): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }
}
