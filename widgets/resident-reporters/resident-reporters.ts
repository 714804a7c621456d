import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { PlElement } from '../internal/base-element.ts';
import { registryStyles } from '../internal/registry-styles.ts';
import {
  Debounce,
  formatLocalDate,
  isProvince,
  provinceIdOf,
  provinceLabel,
  reachFacts,
  todayInVietnam,
} from '../internal/registry-templates.ts';
import { baseStyles } from '../internal/styles.ts';
import { errorAlert } from '../internal/templates.ts';
import type { Agency, Journalist } from '../internal/types.ts';

const SEARCH_DELAY_MS = 300;

/**
 * @summary The resident reporters of a province (press organisation, press card and its expiry, residency
 * period; phone and e-mail when the API shows them to the caller), with a search. For agency staff,
 * supervisors and administrators; needs a token. The province is `province-id`, else the caller's own.
 *
 * @csspart base - The wrapping section.
 * @csspart heading - The heading.
 * @csspart filters - The search form.
 * @csspart list - The list of reporters.
 * @csspart item - One reporter's card (`data-card-expired`).
 * @csspart name - A reporter's name.
 * @csspart phone - The phone link.
 * @csspart email - The e-mail link.
 * @csspart error - The error box.
 *
 * @cssproperty --pl-color-primary - Buttons and links.
 * @cssproperty --pl-font-family - Font stack.
 * @cssproperty --pl-radius - Corner radius.
 */
export class PlResidentReporters extends PlElement {
  static override styles = [baseStyles, registryStyles];
  static override properties = { provinceId: { attribute: 'province-id', reflect: true } };

  /** The province whose resident reporters to list; empty: the signed-in person's province (`GET /me`). */
  declare provinceId: string;

  #province: string | undefined;
  #provinceAgency: Agency | undefined;
  #items: Journalist[] | undefined;
  #q = '';
  #loading = false;
  #error: unknown;
  #noProvince = false;
  #seq = 0;
  #search = new Debounce(SEARCH_DELAY_MS);

  constructor() {
    super();
    this.provinceId = '';
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#search.cancel();
  }

  /** Loads the list again. */
  reload(): Promise<void> {
    return this.#load();
  }

  protected override credentialsChanged(): void {
    this.#province = this.#provinceAgency = this.#items = undefined;
    void this.#load();
  }

  protected override updated(changed: PropertyValues): void {
    const auth = ['apiBase', 'token', 'tokenProvider'].some((p) => changed.has(p));
    super.updated(changed);
    if (changed.has('provinceId') && !auth) {
      this.#province = this.#provinceAgency = this.#items = undefined;
      void this.#load();
    }
  }

  async #load(): Promise<void> {
    if (!this.hasCredentials) return;
    const seq = ++this.#seq;
    this.#search.cancel();
    this.#loading = true;
    this.#error = undefined;
    this.#noProvince = false;
    this.requestUpdate();
    try {
      const province = this.provinceId || (await this.api.me()).provinceId || '';
      if (seq !== this.#seq) return;
      this.#province = province;
      if (!province) {
        this.#noProvince = true;
        this.#items = [];
      } else {
        this.#nameProvince(province);
        const page = await this.api.get<{ items: Journalist[] }>('/journalists', {
          query: { residentIn: province, q: this.#q },
        });
        if (seq !== this.#seq) return;
        this.#items = page.items;
      }
    } catch (error) {
      if (seq === this.#seq) this.#error = error;
    } finally {
      if (seq === this.#seq) this.#loading = false;
      this.requestUpdate();
    }
  }

  #nameProvince(province: string): void {
    if (this.#provinceAgency) return;
    this.api.publicAgencies({ level: 'province' }).then(
      (agencies: Agency[]) => {
        const found = agencies.find((a) => isProvince(a) && provinceIdOf(a) === province);
        if (found && this.#province === province) {
          this.#provinceAgency = found;
          this.requestUpdate();
        }
      },
      () => undefined, // The id stands in for the name.
    );
  }

  #read(form: HTMLFormElement): string {
    const q = new FormData(form).get('q');
    return typeof q === 'string' ? q.trim().normalize('NFC') : '';
  }

  #submit(e: SubmitEvent): void {
    e.preventDefault();
    this.#q = this.#read(e.currentTarget as HTMLFormElement);
    void this.#load();
  }

  #input(e: Event): void {
    const form = e.currentTarget as HTMLFormElement;
    this.#search.schedule(() => {
      const q = this.#read(form);
      if (q === this.#q) return;
      this.#q = q;
      void this.#load();
    });
  }

  #renderItem(j: Journalist, today: string): TemplateResult {
    const t = this.t;
    const locale = this.locale;
    const expired = j.pressCardExpiresOn < today;
    const residency = j.residentProvinces.find((r) => r.provinceId === this.#province);
    const headingId = `j-${j.id}`;
    return html`<li
      class="card"
      part="item"
      data-testid="reporter"
      data-id=${j.id}
      data-card-expired=${expired ? 'true' : 'false'}
      aria-labelledby=${headingId}
    >
      <div class="card-head">
        <h3 id=${headingId} part="name" data-testid="name">${j.fullName}</h3>
        ${expired ? html`<span class="badge warn" data-testid="card-expired">${t.reporters.cardExpired}</span>` : nothing}
      </div>
      <dl class="facts">
        <div>
          <dt>${t.reporters.pressOrganisation}</dt>
          <dd data-testid="press-organisation">${j.pressOrganisation}</dd>
        </div>
        <div>
          <dt>${t.reporters.pressCard}</dt>
          <dd data-testid="press-card">
            ${j.pressCardNumber}, ${t.reporters.cardValidTo(formatLocalDate(j.pressCardExpiresOn, locale))}
          </dd>
        </div>
        ${
          residency
            ? html`<div>
                <dt>${t.reporters.residency}</dt>
                <dd data-testid="residency">
                  ${t.person.termRange(
                    formatLocalDate(residency.validFrom, locale),
                    formatLocalDate(residency.validTo, locale),
                  )}
                  ${residency.validTo < today ? html`<span class="badge warn">${t.reporters.residencyEnded}</span>` : nothing}
                </dd>
              </div>`
            : nothing
        }
        ${reachFacts(j, t)}
      </dl>
    </li>`;
  }

  #statusText(): string {
    const t = this.t;
    if (this.#loading) return t.common.loading;
    if (this.#noProvince) return t.reporters.noProvince;
    if (!this.#items) return '';
    if (!this.#items.length) return this.#q ? t.reporters.noMatch : t.reporters.empty;
    return t.reporters.count(this.#items.length);
  }

  protected override render(): TemplateResult {
    const t = this.t;
    if (!this.hasCredentials)
      return html`<section part="base" aria-labelledby="heading">
        <h2 id="heading" part="heading">${t.reporters.heading}</h2>
        <div class="alert"><p>${t.common.signInRequired}</p></div>
        <p class="sr-only" role="status" aria-live="polite"></p>
      </section>`;
    const today = todayInVietnam();
    return html`<section part="base" aria-labelledby="heading">
      <h2 id="heading" part="heading">${t.reporters.heading}</h2>
      ${
        this.#province
          ? html`<p class="sub" data-testid="province">
              ${t.reporters.area}:
              <strong
                >${this.#provinceAgency ? provinceLabel(this.#provinceAgency, this.locale) : this.#province}</strong
              >
            </p>`
          : nothing
      }
      <form
        class="filters"
        part="filters"
        role="search"
        aria-label=${t.reporters.filters}
        data-testid="reporter-filters"
        @submit=${this.#submit}
        @input=${this.#input}
      >
        <div class="field grow">
          <label for="q">${t.reporters.search}</label>
          <input
            id="q"
            name="q"
            type="search"
            autocomplete="off"
            placeholder=${t.reporters.searchPlaceholder}
            data-testid="reporter-q"
          />
        </div>
        <button type="submit" class="btn secondary">${t.reporters.submit}</button>
      </form>
      <p class="count muted" role="status" aria-live="polite" data-testid="list-status">
        ${this.#statusText()}
      </p>
      ${this.#error ? errorAlert(this.#error, t, () => void this.#load()) : nothing}
      <ul class="cards" part="list" data-testid="reporter-list">
        ${repeat(
          this.#items ?? [],
          (j) => j.id,
          (j) => this.#renderItem(j, today),
        )}
      </ul>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pl-resident-reporters': PlResidentReporters;
  }
}
