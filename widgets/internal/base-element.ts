/**
 * @module
 * The base of every `pl-` element: credentials (`api-base`, `token`, `tokenProvider`), the language of the page,
 * shared styles and the live change stream. Components never extend `LitElement` directly.
 */
import { LitElement, type CSSResultGroup, type PropertyDeclarations, type PropertyValues } from 'lit';
import { ApiClient, type TokenProvider } from './api-client.ts';
import { messages, observeLang, resolveLocale, type Locale, type Messages } from './i18n.ts';
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

  constructor() {
    super();
    this.apiBase = DEFAULT_API_BASE;
    this.token = null;
    this.tokenProvider = undefined;
    this.locale = 'vi';
  }

  /** Messages in the page's language. */
  protected get t(): Messages {
    return messages[this.locale];
  }

  /** The shared API client for these credentials. */
  protected get api(): ApiClient {
    return ApiClient.for(this.apiBase || DEFAULT_API_BASE, {
      token: this.token,
      tokenProvider: this.tokenProvider,
    });
  }

  /** Whether the host has given credentials yet. */
  protected get hasCredentials(): boolean {
    return !!(this.tokenProvider ?? this.token);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.locale = resolveLocale(this);
    this.#stopLang = observeLang(() => {
      this.locale = resolveLocale(this);
    });
    if (this.hasUpdated) this.#subscribe();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopLang?.();
    this.#stopStream?.();
    this.#stopLang = this.#stopStream = undefined;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (AUTH_PROPERTIES.some((p) => changed.has(p))) {
      this.#subscribe();
      this.credentialsChanged();
    }
  }

  /**
   * Called after the first render and whenever `api-base` or the credentials change: (re)load data here.
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
