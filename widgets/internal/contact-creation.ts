/**
 * @module
 * Creating a contact from a form (`pl-walk-in-form`, `pl-difficulty-form`): one Idempotency-Key per filled-in
 * form, kept for every retry of it so a retry never creates the contact twice; `POST /contacts`; on success the
 * created contact, a clean form, `pl-contact-created` and focus on the confirmation (`#created`); on failure the
 * API's issues beside their fields and focus on the first of them, else on the error box (`#problem`).
 */
import type { ReactiveControllerHost } from 'lit';
import { PlContactCreatedEvent } from '../events/contact-created.ts';
import { toProblem, type ApiClient, type ProblemIssue } from './api-client.ts';
import { newIdempotencyKey } from './templates.ts';
import type { ContactView } from './types.ts';

export interface ContactCreationOptions<F extends string, E> {
  /** The host's API client. */
  api: () => ApiClient;
  /** Moves focus to the element matching a selector once the host has rendered. */
  focus: (selector: string) => Promise<void>;
  /** The API's `issues` as errors beside the form's fields. */
  issueErrors: (issues: readonly ProblemIssue[]) => Partial<Record<F, E>>;
  /** The selector of the control that takes focus for an error on `field`. */
  focusTarget: (field: F) => string;
}

/** What a form gives to be sent: the request body and the errors found before sending. */
export interface ReadForm<F extends string, E> {
  body: unknown;
  errors: Partial<Record<F, E>>;
}

/**
 * The sending state of a form that creates a contact. It needs no lifecycle of its host, only its updates and its
 * events, so it is not registered as a controller.
 */
export class ContactCreation<F extends string, E> {
  /** Per field: the error shown beside it. */
  errors: Partial<Record<F, E>> = {};
  submitting = false;
  /** Why the last send failed. */
  problem: unknown;
  /** The contact created by the last send, while its confirmation shows. */
  created: ContactView | undefined;

  readonly #host: ReactiveControllerHost & EventTarget;
  readonly #options: ContactCreationOptions<F, E>;
  /** One key per filled-in form, kept for every retry of it. */
  #key: string | undefined;

  constructor(host: ReactiveControllerHost & EventTarget, options: ContactCreationOptions<F, E>) {
    this.#host = host;
    this.#options = options;
  }

  /** Forgets the form's state (another person signed in). */
  clear(): void {
    this.created = this.problem = this.#key = undefined;
    this.errors = {};
  }

  /**
   * Reads `form` and sends it, unless a send is on its way or the form has errors. `reset` clears the host's own
   * state of the form after it was sent (the form's controls, the errors and the key are cleared here).
   */
  async submit(form: HTMLFormElement, read: () => ReadForm<F, E>, reset: () => void): Promise<void> {
    if (this.submitting) return;
    const { body, errors } = read();
    this.errors = errors;
    this.problem = undefined;
    const invalid = Object.keys(errors)[0] as F | undefined;
    if (invalid) {
      this.#host.requestUpdate();
      await this.#options.focus(this.#options.focusTarget(invalid));
      return;
    }
    this.#key ??= newIdempotencyKey();
    this.submitting = true;
    this.#host.requestUpdate();
    try {
      const contact = await this.#options.api().post<ContactView>('/contacts', body, {
        headers: { 'idempotency-key': this.#key },
      });
      this.created = contact;
      form.reset();
      this.#key = undefined;
      this.errors = {};
      reset();
      this.#host.dispatchEvent(new PlContactCreatedEvent(contact));
      this.submitting = false;
      this.#host.requestUpdate();
      await this.#options.focus('#created');
    } catch (error) {
      const p = toProblem(error);
      // This key named another contact already (the form was changed after a lost answer): the next send is new.
      if (p.code === 'idempotency_key_reused') this.#key = undefined;
      this.errors = this.#options.issueErrors(p.issues);
      this.problem = error;
      this.submitting = false;
      this.#host.requestUpdate();
      const field = Object.keys(this.errors)[0] as F | undefined;
      await this.#options.focus(field ? this.#options.focusTarget(field) : '#problem');
    }
  }

  /** A field the person changes loses its error (the rest stay until the next send); the form's input/change. */
  readonly onEdit = (event: Event): void => {
    const name = (event.target as HTMLInputElement).name as F;
    if (!this.errors[name]) return;
    const { [name]: _fixed, ...rest } = this.errors;
    this.errors = rest as Partial<Record<F, E>>;
    this.#host.requestUpdate();
  };

  /** Leaves the confirmation for a new, empty form and focuses `selector` in it. */
  another(selector: string): void {
    this.created = undefined;
    this.#host.requestUpdate();
    void this.#options.focus(selector);
  }
}
