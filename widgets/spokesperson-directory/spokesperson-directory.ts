import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { isAbort } from '../internal/api-client.ts';
import { PlElement } from '../internal/base-element.ts';
import { ListController } from '../internal/contact-list.ts';
import { registryStyles } from '../internal/registry-styles.ts';
import {
  byName,
  Debounce,
  isProvince,
  provinceLabel,
  reachFacts,
  roleBadge,
  termText,
} from '../internal/registry-templates.ts';
import { baseStyles } from '../internal/styles.ts';
import { agencyLabel, errorAlert, moreButton } from '../internal/templates.ts';
import type { Agency, AgencyLevel, Page, PublicSpokesperson } from '../internal/types.ts';
import {
  provinceApplies,
  readDirectoryFilters,
  renderDirectoryFilters,
  type DirectoryFilters,
} from './directory-filters.ts';

const SEARCH_DELAY_MS = 300;

/**
 * @summary The public spokesperson directory: who to call about what. Search by name, agency or topic (the
 * server ignores case and Vietnamese diacritics: `nguyen van a` finds `Nguyễn Văn A`) as you type or on submit,
 * filter by province, level and agency, page with "show more". Each entry shows the role type, title, agency,
 * topics, a `tel:` phone link, a `mailto:` e-mail link, the term, and a hint when the agency has not re-confirmed
 * it recently. Needs no sign-in; works the same with a token.
 *
 * @csspart base - The wrapping section.
 * @csspart heading - The heading.
 * @csspart filters - The search form.
 * @csspart search-button - The search button.
 * @csspart list - The list of people.
 * @csspart item - One person's card (`data-role-type`, `data-stale`).
 * @csspart name - A person's name.
 * @csspart role - The role type badge (`data-role-type`: `head`, `spokesperson`, `authorized`).
 * @csspart phone - The phone link.
 * @csspart email - The e-mail link.
 * @csspart stale - The "may be out of date" hint.
 * @csspart more-button - The "show more" button.
 * @csspart error - The error box.
 *
 * @cssproperty --pl-color-primary - Buttons and links.
 * @cssproperty --pl-font-family - Font stack.
 * @cssproperty --pl-radius - Corner radius.
 */
export class PlSpokespersonDirectory extends PlElement {
  static override styles = [baseStyles, registryStyles];
  static override properties = {
    provinceId: { attribute: 'province-id', reflect: true },
    level: { reflect: true },
    agencyId: { attribute: 'agency-id', reflect: true },
  };

  /** The province to show first (a portal presets its own); the visitor may change it. */
  declare provinceId: string;
  /** The agency level to show first: `central`, `province` or `commune`. */
  declare level: AgencyLevel | '';
  /** The agency to show first. */
  declare agencyId: string;

  #filters: DirectoryFilters = { q: '', provinceId: '', level: '', agencyId: '' };
  #provinces: Agency[] | undefined;
  #agencies: Agency[] | undefined;
  #agenciesKey = '';
  #loadedBase: string | undefined;
  #search = new Debounce(SEARCH_DELAY_MS);
  #list = new ListController<PublicSpokesperson>(this, (cursor, limit) => {
    const f = this.#filters;
    return this.api.get<Page<PublicSpokesperson>>('/public/spokespersons', {
      query: {
        q: f.q,
        provinceId: provinceApplies(f) ? f.provinceId : '',
        level: f.level,
        agencyId: f.agencyId,
        cursor,
        limit,
      },
    });
  });

  constructor() {
    super();
    this.provinceId = '';
    this.level = '';
    this.agencyId = '';
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#search.cancel();
  }

  /** Runs the search again with the current filters. */
  reload(): Promise<void> {
    return this.#list.reload();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('provinceId') || changed.has('level') || changed.has('agencyId')) {
      this.#filters = {
        ...this.#filters,
        provinceId: this.provinceId,
        level: this.level,
        agencyId: this.agencyId,
      };
    }
  }

  protected override updated(changed: PropertyValues): void {
    const auth = ['apiBase', 'token', 'tokenProvider'].some((p) => changed.has(p));
    super.updated(changed);
    if (!auth && (changed.has('provinceId') || changed.has('level') || changed.has('agencyId')))
      this.#apply();
  }

  /** Public data: a sign-in changes nothing, only a different API does. */
  protected override credentialsChanged(): void {
    if (this.#loadedBase === this.apiBase) return;
    this.#loadedBase = this.apiBase;
    this.#provinces = undefined;
    this.#agenciesKey = '';
    this.#apply();
    this.api.publicAgencies({ level: 'province' }).then(
      (items) => {
        this.#provinces = byName(items.filter(isProvince), (p) => provinceLabel(p, 'vi'));
        this.requestUpdate();
      },
      () => undefined, // The province filter stays empty; searching still works.
    );
  }

  /** Searches with the current filters and refreshes the agency choices they allow. */
  #apply(): void {
    this.#search.cancel();
    void this.#list.reload();
    void this.#loadAgencies();
  }

  async #loadAgencies(): Promise<void> {
    const f = this.#filters;
    const provinceId = provinceApplies(f) ? f.provinceId : '';
    const key = provinceId || f.level ? `${provinceId}|${f.level}` : '';
    if (key === this.#agenciesKey) return;
    this.#agenciesKey = key;
    this.#agencies = undefined;
    this.requestUpdate();
    if (!key) return;
    try {
      const items = await this.api.publicAgencies({
        ...(provinceId ? { provinceId } : {}),
        ...(f.level ? { level: f.level } : {}),
      });
      if (key !== this.#agenciesKey) return;
      this.#agencies = byName(items, (a) => a.name);
    } catch (error) {
      if (!isAbort(error) && key === this.#agenciesKey) this.#agencies = [];
    }
    this.requestUpdate();
  }

  #onApply = (form: HTMLFormElement, changed: string): void => {
    const next = readDirectoryFilters(form);
    // Another province or level offers other agencies: the chosen one may no longer fit.
    if (changed === 'provinceId' || changed === 'level') next.agencyId = '';
    this.#filters = next;
    this.#apply();
  };

  #onSearch = (form: HTMLFormElement): void => {
    this.#search.schedule(() => {
      const next = readDirectoryFilters(form);
      if (next.q === this.#filters.q) return;
      this.#filters = { ...this.#filters, q: next.q };
      void this.#list.reload();
    });
  };

  #renderItem(p: PublicSpokesperson): TemplateResult {
    const t = this.t;
    const headingId = `sp-${p.id}`;
    return html`<li
      class="card"
      part="item"
      data-testid="spokesperson"
      data-id=${p.id}
      data-role-type=${p.roleType}
      data-stale=${p.stale ? 'true' : 'false'}
      aria-labelledby=${headingId}
    >
      <div class="card-head">
        <h3 id=${headingId} part="name" data-testid="name">${p.fullName}</h3>
        ${roleBadge(p.roleType, t)}
      </div>
      <p class="sub">
        <span data-testid="title">${p.title}</span> ·
        <span data-testid="agency">${agencyLabel(p.agency, this.locale)}</span>
      </p>
      <dl class="facts">
        ${
          p.topics
            ? html`<div>
                <dt>${t.person.topics}</dt>
                <dd data-testid="topics">${p.topics}</dd>
              </div>`
            : nothing
        }
        ${reachFacts(p, t)}
        <div>
          <dt>${t.person.term}</dt>
          <dd data-testid="term">${termText(p, t, this.locale)}</dd>
        </div>
      </dl>
      ${
        p.stale
          ? html`<p class="stale" part="stale" data-testid="stale">
              ${t.person.stale}<span class="sr-only">. ${t.person.staleHint}</span>
            </p>`
          : nothing
      }
    </li>`;
  }

  protected override render(): TemplateResult {
    const t = this.t;
    const list = this.#list;
    const status = list.statusText(t, t.directory.empty, t.directory.count, t.directory.countMore);
    return html`<section part="base" aria-labelledby="heading">
      <h2 id="heading" part="heading">${t.directory.heading}</h2>
      <p class="hint">${t.directory.intro}</p>
      ${renderDirectoryFilters({
        t,
        locale: this.locale,
        filters: this.#filters,
        provinces: this.#provinces,
        agencies: this.#agencies,
        apply: this.#onApply,
        search: this.#onSearch,
      })}
      <p class="count muted" role="status" aria-live="polite" data-testid="list-status">${status}</p>
      ${list.error ? errorAlert(list.error, t, () => void list.reload()) : nothing}
      ${
        list.loaded && !list.loading && !list.error && !list.items.length
          ? html`<div class="empty muted" part="empty" data-testid="empty">${t.directory.emptyHint}</div>`
          : nothing
      }
      <ul class="cards" part="list" data-testid="directory-list">
        ${repeat(
          list.items,
          (p) => p.id,
          (p) => this.#renderItem(p),
        )}
      </ul>
      ${moreButton(list, t)}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pl-spokesperson-directory': PlSpokespersonDirectory;
  }
}
