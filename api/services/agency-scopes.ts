/**
 * @module
 * The caller's agency as authorization needs it (level, province, dates of existence), read from the registry
 * for every signed-in request of agency staff — the commonest query of the API under load. Kept per API process
 * for {@link AGENCY_SCOPE_TTL_MS}: a change an administrator makes through this process is seen at once (the
 * routes that change agencies call {@link AgencyScopes.forget}); one made through another API process reaches
 * this one's sign-ins within that time, as a verified token is kept for a minute (`auth/verifier.ts`).
 * Agencies the registry lacks are kept too, so tokens naming one cost no query each.
 */
import { Agency } from '../../db/entities/index.ts';
import type { Em } from '../../db/orm.ts';
import type { RegisteredAgency } from '../../domain/registry/actor-scope.ts';

/** How long a process answers sign-ins from what it read of an agency. */
export const AGENCY_SCOPE_TTL_MS = 15_000;

interface Entry {
  agency: RegisteredAgency | null;
  readAt: number;
}

/** An agency's registry row, as far as authorization reads it (optional columns may come back undefined). */
type AgencyRowScope = Pick<RegisteredAgency, 'id' | 'level' | 'validFrom'> & {
  [K in 'provinceId' | 'dissolvedOn' | 'mergedIntoId']?: RegisteredAgency[K] | undefined;
};

/** What authorization reads of an agency's registry row. */
export function registeredAgency(row: AgencyRowScope): RegisteredAgency {
  return {
    id: row.id,
    level: row.level,
    provinceId: row.provinceId ?? null,
    validFrom: row.validFrom,
    dissolvedOn: row.dissolvedOn ?? null,
    mergedIntoId: row.mergedIntoId ?? null,
  };
}

export class AgencyScopes {
  readonly #entries = new Map<string, Entry>();
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  readonly #now: () => number;

  constructor(options: { ttlMs?: number; maxEntries?: number; now?: (() => number) | undefined } = {}) {
    this.#ttlMs = options.ttlMs ?? AGENCY_SCOPE_TTL_MS;
    this.#maxEntries = options.maxEntries ?? 10_000;
    this.#now = options.now ?? Date.now;
  }

  /** The registry's agency `id` (null: no such agency), read within the last {@link AGENCY_SCOPE_TTL_MS}. */
  async get(em: Em, id: string): Promise<RegisteredAgency | null> {
    const now = this.#now();
    const kept = this.#entries.get(id);
    if (kept && now - kept.readAt < this.#ttlMs) {
      // Re-inserted at the end: the first key is always the least recently used, evicted when the map is full.
      this.#entries.delete(id);
      this.#entries.set(id, kept);
      return kept.agency;
    }
    const row = await em.findOne(Agency, { id });
    const agency = row && registeredAgency(row);
    this.#entries.delete(id);
    this.#entries.set(id, { agency, readAt: now });
    if (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    return agency;
  }

  /** Forgets what was read of `ids` (every agency when none are given), after they changed. */
  forget(...ids: string[]): void {
    if (ids.length === 0) this.#entries.clear();
    for (const id of ids) this.#entries.delete(id);
  }
}
