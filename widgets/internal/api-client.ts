/**
 * @module
 * The widgets' only door to the API: JSON over `fetch`, a bearer token from the host, and
 * `application/problem+json` errors turned into a typed {@link ApiProblem}.
 *
 * Tokens live in memory only. They come from the host's `tokenProvider` callback (preferred: it is asked again
 * shortly before the token expires and after a 401) or from the `token` attribute. Clients are shared per
 * api-base and credential source, so every widget on a page reuses one token, one agency list and one stream.
 */
import { EventStream } from './stream.ts';
import type { Agency, Me } from './types.ts';

/** The host's callback that returns a fresh bearer token for the signed-in user. */
export type TokenProvider = () => Promise<string> | string;

export interface AuthSource {
  token?: string | null | undefined;
  tokenProvider?: TokenProvider | undefined;
}

export interface ProblemIssue {
  path: string;
  message: string;
  /** The English `message`, when the API gives one. */
  messageEn?: string;
}

/** An error answer from the API (RFC 9457), or `status: 0, code: 'network_error'` when there was no answer. */
export class ApiProblem extends Error {
  override readonly name = 'ApiProblem';
  readonly status: number;
  readonly code: string;
  readonly detail: string | undefined;
  readonly detailEn: string | undefined;
  readonly allowedActions: string[];
  readonly issues: ProblemIssue[];

  constructor(init: {
    status: number;
    code: string;
    title?: string;
    detail?: string;
    /** The English `detail`, when the API gives one (the `detail` itself is Vietnamese). */
    detailEn?: string;
    allowedActions?: string[];
    issues?: ProblemIssue[];
  }) {
    super(init.detail ?? init.title ?? init.code);
    this.status = init.status;
    this.code = init.code;
    this.detail = init.detail;
    this.detailEn = init.detailEn;
    this.allowedActions = init.allowedActions ?? [];
    this.issues = init.issues ?? [];
  }

  /** True when sending the same request again may succeed (no answer, or the service was busy). */
  get retryable(): boolean {
    return this.status === 0 || this.status === 502 || this.status === 503 || this.status === 504;
  }

  static async from(response: Response): Promise<ApiProblem> {
    let body: Record<string, unknown> = {};
    try {
      const parsed: unknown = await response.json();
      if (parsed && typeof parsed === 'object') body = parsed as Record<string, unknown>;
    } catch {
      // Not JSON (a proxy's HTML error page, say): the status alone must do.
    }
    const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
    const issues = Array.isArray(body['issues'])
      ? (body['issues'] as unknown[]).filter(
          (i): i is ProblemIssue =>
            !!i && typeof i === 'object' && typeof (i as ProblemIssue).path === 'string',
        )
      : [];
    const allowed = body['allowedActions'];
    return new ApiProblem({
      status: response.status,
      code: str(body['code']) ?? `http_${response.status}`,
      title: str(body['title']),
      detailEn: str(body['detailEn']),
      detail: str(body['detail']),
      allowedActions: Array.isArray(allowed) ? allowed.filter((a): a is string => typeof a === 'string') : [],
      issues,
    });
  }
}

/** Any thrown value as an {@link ApiProblem} (programming errors become a generic 0-status problem). */
export function toProblem(error: unknown): ApiProblem {
  if (error instanceof ApiProblem) return error;
  return new ApiProblem({ status: 0, code: error instanceof TypeError ? 'network_error' : 'client_error' });
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** Seconds-since-epoch `exp` of a JWT, in ms; undefined for opaque tokens. */
function expiryOf(token: string): number | undefined {
  try {
    const payload = token.split('.')[1];
    if (!payload) return undefined;
    const claims = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: unknown };
    return typeof claims.exp === 'number' ? claims.exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

export type Query = Record<string, string | number | boolean | null | undefined>;
export interface RequestOptions {
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as it is (a file upload); give its `content-type` in `headers`. */
  raw?: Blob;
  query?: Query;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** Clients of a host callback live as long as the callback does (a sign-in switch drops the old ones). */
const byProvider = new WeakMap<TokenProvider, Map<string, ApiClient>>();
const byToken = new Map<string, ApiClient>();
/** Ask for a new token this long before the current one expires. */
const REFRESH_MARGIN_MS = 30_000;

export class ApiClient {
  readonly base: string;
  readonly #auth: AuthSource;
  #token: string | null;
  #pending: Promise<string | null> | undefined;
  #stream: EventStream | undefined;
  #agencies: Promise<Agency[]> | undefined;
  #me: Promise<Me> | undefined;
  readonly #publicAgencies = new Map<string, Promise<Agency[]>>();

  constructor(base: string, auth: AuthSource) {
    this.base = base.replace(/\/+$/, '');
    this.#auth = auth;
    this.#token = auth.token ?? null;
  }

  /** The shared client for this api-base and credential source. */
  static for(base: string, auth: AuthSource): ApiClient {
    let clients = byToken;
    let key = `${base}\n${auth.token ?? ''}`;
    if (auth.tokenProvider) {
      clients = byProvider.get(auth.tokenProvider) ?? new Map<string, ApiClient>();
      byProvider.set(auth.tokenProvider, clients);
      key = base;
    }
    let client = clients.get(key);
    if (!client) clients.set(key, (client = new ApiClient(base, auth)));
    return client;
  }

  get hasCredentials(): boolean {
    return !!(this.#auth.tokenProvider ?? this.#auth.token);
  }

  /** The bearer token to send; asks the host again if `fresh`, or if the current one is about to expire. */
  async token(fresh = false): Promise<string | null> {
    const provider = this.#auth.tokenProvider;
    if (!provider) return this.#token;
    const exp = this.#token ? expiryOf(this.#token) : undefined;
    const stale = !this.#token || fresh || (exp !== undefined && Date.now() > exp - REFRESH_MARGIN_MS);
    if (!stale) return this.#token;
    // Single flight: widgets asking at the same moment share one call to the host.
    this.#pending ??= Promise.resolve()
      .then(provider)
      .then((t) => (this.#token = t || null))
      .finally(() => (this.#pending = undefined));
    return this.#pending;
  }

  url(path: string, query: Query = {}): string {
    const url = new URL(this.base + path, document.baseURI);
    for (const [k, v] of Object.entries(query)) {
      if (v !== undefined && v !== null && v !== '' && v !== false) url.searchParams.set(k, String(v));
    }
    return url.href;
  }

  /** Sends one request with the bearer token (asking the host again once after a 401); errors become problems. */
  async send(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      const token = await this.token(attempt > 0);
      const headers = new Headers(options.headers);
      headers.set('accept', 'application/json, application/problem+json');
      if (token) headers.set('authorization', `Bearer ${token}`);
      if (options.body !== undefined) headers.set('content-type', 'application/json');
      let response: Response;
      try {
        response = await fetch(this.url(path, options.query), {
          method,
          headers,
          body: options.raw ?? (options.body === undefined ? null : JSON.stringify(options.body)),
          signal: options.signal ?? null,
          credentials: 'omit',
        });
      } catch (error) {
        if (isAbort(error)) throw error;
        throw new ApiProblem({ status: 0, code: 'network_error' });
      }
      // An expired token: ask the host for a new one once, then give up.
      if (response.status === 401 && attempt === 0 && this.#auth.tokenProvider) continue;
      if (!response.ok) throw await ApiProblem.from(response);
      return response;
    }
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const text = await (await this.send(method, path, options)).text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  get<T>(path: string, options?: RequestOptions): Promise<T> {
    return this.request<T>('GET', path, options);
  }

  post<T>(path: string, body: unknown, options?: RequestOptions): Promise<T> {
    return this.request<T>('POST', path, { ...options, body });
  }

  patch<T>(path: string, body: unknown, options?: RequestOptions): Promise<T> {
    return this.request<T>('PATCH', path, { ...options, body });
  }

  /**
   * A file behind the bearer token (links cannot carry it): the bytes and the server's file name
   * (`Content-Disposition`, readable cross-origin only if the API exposes that header), if any.
   */
  async download(path: string, query?: Query): Promise<{ blob: Blob; fileName: string | undefined }> {
    const response = await this.send('GET', path, { query: query ?? {} });
    const disposition = response.headers.get('content-disposition') ?? '';
    const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
    const plain = /filename="?([^";]+)"?/i.exec(disposition)?.[1];
    let fileName = plain;
    try {
      if (star) fileName = decodeURIComponent(star);
    } catch {
      // A malformed encoded name: keep the plain one.
    }
    return { blob: await response.blob(), fileName };
  }

  /** The signed-in person (`GET /me`), fetched once per client; a failed fetch is retried next time. */
  me(): Promise<Me> {
    this.#me ??= this.get<Me>('/me').catch((error: unknown) => {
      this.#me = undefined;
      throw error;
    });
    return this.#me;
  }

  /** Public agency lists (`GET /public/agencies`, no sign-in needed), cached per filter. */
  publicAgencies(query: { provinceId?: string; level?: string } = {}): Promise<Agency[]> {
    const url = this.url('/public/agencies', query);
    let found = this.#publicAgencies.get(url);
    if (!found) {
      found = this.get<{ items: Agency[] }>('/public/agencies', { query }).then(
        (page) => page.items,
        (error: unknown) => {
          this.#publicAgencies.delete(url);
          throw error;
        },
      );
      this.#publicAgencies.set(url, found);
    }
    return found;
  }

  /** All agencies, fetched once per client (they change rarely); a failed fetch is retried next time. */
  agencies(): Promise<Agency[]> {
    this.#agencies ??= this.get<{ items: Agency[] }>('/agencies').then(
      (page) => page.items,
      (error: unknown) => {
        this.#agencies = undefined;
        throw error;
      },
    );
    return this.#agencies;
  }

  /** The live change stream for this client's user (one connection, however many widgets listen). */
  stream(): EventStream {
    this.#stream ??= new EventStream(this);
    return this.#stream;
  }
}
