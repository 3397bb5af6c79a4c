import type { Logger } from "@tc/transport";

/**
 * The listeners of `api.on("event")`. Delivering never throws: a listener that throws or rejects is reported
 * to the logger and the others still run, so nothing escapes into the transport that emitted the push.
 */
export class EventListeners<E> {
  readonly #listeners = new Set<(event: E) => unknown>();
  readonly #logger: Logger;

  constructor(logger: Logger) {
    this.#logger = logger;
  }

  /** Adds a listener; the returned function removes it (a second call does nothing). */
  add(listener: (event: E) => unknown): () => void {
    // Wrapped so that the same function added twice is called twice and removed one at a time.
    const entry = (event: E) => listener(event);
    this.#listeners.add(entry);
    return () => {
      this.#listeners.delete(entry);
    };
  }

  /** Calls every listener with `event`, in the order they were added. */
  emit(event: E, method: string): void {
    for (const listener of [...this.#listeners]) {
      try {
        const result = listener(event);
        if (isPromiseLike(result)) result.then(undefined, (error) => this.#report(method, error));
      } catch (error) {
        this.#report(method, error);
      }
    }
  }

  #report(method: string, error: unknown): void {
    const what = error instanceof Error ? `${error.name}: ${error.message}` : typeof error;
    this.#logger.error(`An event listener failed on a ${method} push: ${what}`, error);
  }
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === "object" && value !== null && typeof (value as { then?: unknown }).then === "function"
  );
}
