/**
 * @module
 * The directory's search form: text (searched as you type), province, level and agency. The form keeps its own
 * values; the directory reads them on every change. Agencies are offered once a province or a level narrows
 * them down (nationwide there are thousands).
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Locale, Messages } from '../internal/i18n.ts';
import { provinceIdOf, provinceLabel } from '../internal/registry-templates.ts';
import { agencyOptions, LEVELS } from '../internal/templates.ts';
import type { Agency, AgencyLevel } from '../internal/types.ts';

export interface DirectoryFilters {
  q: string;
  provinceId: string;
  level: AgencyLevel | '';
  agencyId: string;
}

export function readDirectoryFilters(form: HTMLFormElement): DirectoryFilters {
  const data = new FormData(form);
  const str = (name: string) => {
    const v = data.get(name);
    return typeof v === 'string' ? v.trim().normalize('NFC') : '';
  };
  const level = str('level');
  return {
    q: str('q'),
    provinceId: str('provinceId'),
    level: (LEVELS as readonly string[]).includes(level) ? (level as AgencyLevel) : '',
    agencyId: str('agencyId'),
  };
}

/** Central agencies belong to no province: choosing the central level sets the province aside. */
export function provinceApplies(f: DirectoryFilters): boolean {
  return f.level !== 'central';
}

export interface DirectoryFilterView {
  t: Messages;
  locale: Locale;
  filters: DirectoryFilters;
  provinces: Agency[] | undefined;
  /** Agencies matching the province and level; undefined while loading or when neither is chosen. */
  agencies: Agency[] | undefined;
  /** Submit, or a select changed. */
  apply: (form: HTMLFormElement, changed: string) => void;
  /** The search text changed: apply after a pause. */
  search: (form: HTMLFormElement) => void;
}

export function renderDirectoryFilters(v: DirectoryFilterView): TemplateResult {
  const { t, locale, filters } = v;
  const narrowed = !!((provinceApplies(filters) && filters.provinceId) || filters.level);
  const form = (e: Event) => e.currentTarget as HTMLFormElement;
  const name = (e: Event) => (e.target as HTMLElement).getAttribute('name') ?? '';
  return html`<form
    class="filters"
    part="filters"
    role="search"
    aria-label=${t.directory.filters}
    data-testid="directory-filters"
    @submit=${(e: SubmitEvent) => (e.preventDefault(), v.apply(form(e), 'submit'))}
    @change=${(e: Event) => name(e) === 'q' || v.apply(form(e), name(e))}
    @input=${(e: Event) => name(e) === 'q' && v.search(form(e))}
  >
    <div class="field grow">
      <label for="q">${t.directory.search}</label>
      <input
        id="q"
        name="q"
        type="search"
        autocomplete="off"
        placeholder=${t.directory.searchPlaceholder}
        aria-describedby="q-hint"
        data-testid="directory-q"
      />
    </div>
    <div class="field">
      <label for="province">${t.directory.province}</label>
      <select
        id="province"
        name="provinceId"
        data-testid="directory-province"
        ?disabled=${!provinceApplies(filters)}
      >
        <option value="">${v.provinces ? t.directory.allProvinces : t.common.loading}</option>
        ${(v.provinces ?? []).map(
          (p) =>
            html`<option value=${provinceIdOf(p)} ?selected=${provinceIdOf(p) === filters.provinceId}>
              ${provinceLabel(p, locale)}
            </option>`,
        )}
      </select>
    </div>
    <div class="field">
      <label for="level">${t.directory.level}</label>
      <select id="level" name="level" data-testid="directory-level">
        <option value="">${t.directory.allLevels}</option>
        ${LEVELS.map((l) => html`<option value=${l} ?selected=${l === filters.level}>${t.level[l]}</option>`)}
      </select>
    </div>
    <div class="field">
      <label for="agency">${t.directory.agency}</label>
      <select
        id="agency"
        name="agencyId"
        data-testid="directory-agency"
        aria-describedby=${narrowed ? nothing : 'agency-hint'}
        ?disabled=${!narrowed || !v.agencies}
      >
        <option value="">${narrowed && !v.agencies ? t.common.loading : t.directory.allAgencies}</option>
        ${narrowed && v.agencies ? agencyOptions(v.agencies, filters.agencyId, t, locale) : nothing}
      </select>
      ${narrowed ? nothing : html`<span class="hint" id="agency-hint">${t.directory.agencyFirst}</span>`}
    </div>
    <button type="submit" class="btn" part="search-button" data-testid="directory-submit">
      ${t.directory.submit}
    </button>
    <p class="hint full" id="q-hint">${t.directory.searchHint}</p>
  </form>`;
}
