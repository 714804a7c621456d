/**
 * @module
 * Following a long job (a report, a bulk reminder, an import) by asking for it again until it ends. A failed
 * check is usually a blip (no answer, a busy service: {@link ApiProblem.retryable}), so it is asked again after
 * a growing pause; only after several failures in a row, or at once for an answer that will not change (404,
 * 403), does the poller give up and keep the error for the element to show with a "retry" that resumes. The
 * job goes on in the server either way: giving up only stops watching it. Checks pause while the element is
 * out of the page and resume when it comes back.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { toProblem, type ApiProblem } from './api-client.ts';

export interface JobPollerOptions<T> {
  /** Asks the API for the job's current state. */
  check: (job: T) => Promise<T>;
  /** Whether the job has ended (done or failed): then there is nothing more to ask. */
  ended: (job: T) => boolean;
  /** Called once with the job's final state (before the render that shows it). */
  finished?: (job: T) => void;
  /** The pause between checks, and the first pause after a failure (doubled after each). Default 1 s. */
  intervalMs?: number;
  /** The longest pause after failures. Default 10 s. */
  maxDelayMs?: number;
  /** Failed checks in a row tolerated before giving up (about 25 s with the defaults). Default 5. */
  maxFailures?: number;
}

export class JobPoller<T> implements ReactiveController {
  /** The job's last known state. */
  job: T | undefined;
  /** Why checking stopped before the job ended; {@link retry} resumes. */
  error: unknown;

  readonly #host: ReactiveControllerHost;
  readonly #options: Required<Omit<JobPollerOptions<T>, 'finished'>> & Pick<JobPollerOptions<T>, 'finished'>;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** Answers to an older job, or from before the host left the page, are dropped. */
  #seq = 0;
  #failures = 0;
  #following = false;
  #connected = false;

  constructor(host: ReactiveControllerHost, options: JobPollerOptions<T>) {
    this.#host = host;
    this.#options = { intervalMs: 1000, maxDelayMs: 10_000, maxFailures: 5, ...options };
    host.addController(this);
  }

  /** Whether the job is being followed: a check is due or on its way (false once ended or given up). */
  get following(): boolean {
    return this.#following;
  }

  hostConnected(): void {
    this.#connected = true;
    if (this.#following) this.#schedule(0);
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#seq++;
    clearTimeout(this.#timer);
  }

  /** Follows `job` (the API's answer that started it) from now on, forgetting any other. */
  follow(job: T): void {
    this.#seq++;
    this.error = undefined;
    this.#failures = 0;
    this.#apply(job);
  }

  /** After giving up: asks again now, and keeps following. */
  retry(): void {
    if (this.#following || this.job === undefined || this.#options.ended(this.job)) return;
    this.#seq++;
    this.error = undefined;
    this.#failures = 0;
    this.#following = true;
    this.#host.requestUpdate();
    this.#schedule(0);
  }

  /** Forgets the job (signed out, another person). */
  reset(): void {
    this.#seq++;
    clearTimeout(this.#timer);
    this.job = this.error = undefined;
    this.#following = false;
    this.#failures = 0;
    this.#host.requestUpdate();
  }

  #apply(job: T): void {
    this.job = job;
    this.#following = !this.#options.ended(job);
    if (this.#following) this.#schedule(this.#options.intervalMs);
    else this.#options.finished?.(job);
    this.#host.requestUpdate();
  }

  #schedule(delay: number): void {
    clearTimeout(this.#timer);
    if (!this.#connected) return; // hostConnected asks again
    const seq = this.#seq;
    this.#timer = setTimeout(() => void this.#check(seq), delay);
  }

  async #check(seq: number): Promise<void> {
    const job = this.job;
    if (job === undefined) return;
    let next: T;
    try {
      next = await this.#options.check(job);
    } catch (error) {
      if (seq === this.#seq) this.#failed(toProblem(error), error);
      return;
    }
    if (seq !== this.#seq) return;
    this.#failures = 0;
    this.#apply(next);
  }

  #failed(problem: ApiProblem, error: unknown): void {
    const { intervalMs, maxDelayMs, maxFailures } = this.#options;
    if (problem.retryable && ++this.#failures < maxFailures) {
      this.#schedule(Math.min(maxDelayMs, intervalMs * 2 ** this.#failures));
      return;
    }
    this.error = error;
    this.#following = false;
    this.#host.requestUpdate();
  }
}
