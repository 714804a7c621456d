/**
 * @module
 * Guarded registration: two copies of the bundle on one page (say, an IOffice portlet pinning an older version)
 * must not throw. The first definition wins; a different version is reported once in the console.
 */

type Versioned = CustomElementConstructor & { version?: string };

export function define(tag: string, element: Versioned): void {
  const existing: Versioned | undefined = customElements.get(tag);
  if (!existing) {
    customElements.define(tag, element);
  } else if (existing !== element) {
    console.warn(
      `[press-liaison] <${tag}> is already defined by version ${existing.version ?? 'unknown'}; ` +
        `version ${element.version ?? 'unknown'} is not registered again.`,
    );
  }
}
