/**
 * One-at-a-time execution per string key, in call order: the in-process event-isolation lock of
 * {@link MemoryStorage}. Each key keeps only the promise of its last caller, so a call costs O(1) and an idle key
 * costs nothing.
 */
export class KeyLock {
  readonly #tails = new Map<string, Promise<void>>();

  /** Runs `run` after every earlier call for `key` has finished, and returns its result. */
  async run<T>(key: string, run: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key);
    let release!: () => void;
    const done = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.#tails.set(key, done);
    try {
      // `previous` never rejects: it is the `done` of an earlier call.
      if (previous !== undefined) await previous;
      return await run();
    } finally {
      release();
      if (this.#tails.get(key) === done) this.#tails.delete(key);
    }
  }

  /** How many keys are held or awaited now (for tests: idle keys must not pile up). */
  get size(): number {
    return this.#tails.size;
  }
}
