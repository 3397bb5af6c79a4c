import { WaitTimeoutError } from "./errors.js";

/** A condition for {@link ChangeWaiters.waitFor}: a truthy result ends the wait with that value. */
export type WaitCheck<T> = () => T | undefined | null | false;

/**
 * Promises that re-check a condition whenever something changes (a frame, a world change) instead of polling
 * or sleeping. Each wait has its own timeout so a test never hangs.
 */
export class ChangeWaiters {
  readonly #waiters = new Set<() => void>();

  /** Re-evaluates every pending wait; called on each frame and world change. */
  notify(): void {
    for (const check of [...this.#waiters]) check();
  }

  /** Resolves with the first truthy result of `check`; rejects with {@link WaitTimeoutError} after `timeout` ms. */
  waitFor<T>(check: WaitCheck<T>, timeout: number, what: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const evaluate = () => {
        let value: T | undefined | null | false;
        try {
          value = check();
        } catch (error) {
          this.#waiters.delete(evaluate);
          clearTimeout(timer);
          reject(error);
          return;
        }
        if (!value) return;
        this.#waiters.delete(evaluate);
        clearTimeout(timer);
        resolve(value);
      };
      this.#waiters.add(evaluate);
      timer = setTimeout(() => {
        this.#waiters.delete(evaluate);
        reject(new WaitTimeoutError(`${what} did not happen within ${timeout} ms`, timeout));
      }, timeout);
      evaluate();
    });
  }
}
