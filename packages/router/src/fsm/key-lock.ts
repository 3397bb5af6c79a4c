/**
 * One-at-a-time execution per string key, in call order: the in-process event-isolation lock of
 * {@link MemoryStorage}. Each key keeps only the promise of its last caller, so a call costs O(1) and an idle key
 * costs nothing.
 */
export class KeyLock {
  /** Per busy key: settles (never rejects) when its last caller has finished. */
  readonly #tails = new Map<string, Promise<unknown>>();

  /** Runs `run` after every earlier call for `key` has finished, and returns its result. */
  run<T>(key: string, run: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key);
    // An uncontended key (the usual case: one event of a record at a time) runs at once, with no extra turn.
    const result = previous === undefined ? call(run) : previous.then(run);
    const release = (): void => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    };
    const tail: Promise<unknown> = result.then(release, release);
    this.#tails.set(key, tail);
    return result;
  }

  /** How many keys are held or awaited now (for tests: idle keys must not pile up). */
  get size(): number {
    return this.#tails.size;
  }
}

/** `run()` as a promise, a synchronous throw included. */
function call<T>(run: () => Promise<T>): Promise<T> {
  try {
    return Promise.resolve(run());
  } catch (error) {
    return Promise.reject(error);
  }
}
