import type { Storage } from "./storage.js";
import type { StorageKey } from "./storage-key.js";

const noop = (): void => {};

/**
 * The isolation lock of one event's FSM record, taken when the event first uses its record (a `ctx.state` method,
 * or a state filter reading it) and held until the event is finished. Two events of one record never use it at
 * the same time, so a `getData` … `setData` sequence cannot lose the other event's update; an event that never
 * touches its record (most of them) takes no lock and waits for nobody.
 *
 * @example
 * const lock = new RecordLock(storage);
 * await lock.acquire(key); // before the first read or write of the event
 * // … the event's handlers …
 * await lock.release(); // the event is finished: the record's next event may take it
 */
export class RecordLock {
  readonly #storage: Storage;
  /** Settles once the lock is held (or could not be taken); `undefined` until the record is first used. */
  #acquired: Promise<void> | undefined;
  #release: () => void = noop;
  /** The storage's `lock` call; rejects only with an error raised after the lock was held. */
  #held: Promise<void> | undefined;
  #finished = false;

  constructor(storage: Storage) {
    this.#storage = storage;
  }

  /**
   * Resolves when this event holds the lock of `key` (at once after the first time); rejects with the storage's
   * error when the lock cannot be taken. After {@link release} there is nothing left to keep apart: a late call
   * (a write the handler did not await) goes through without the lock.
   */
  acquire(key: StorageKey): Promise<void> {
    if (this.#acquired !== undefined) return this.#acquired;
    if (this.#finished) return Promise.resolve();
    this.#acquired = new Promise<void>((resolve, reject) => {
      let holding = false;
      const released = new Promise<void>((done) => {
        this.#release = done;
      });
      const run = () => {
        holding = true;
        resolve();
        return released;
      };
      let locked: Promise<void>;
      try {
        locked = this.#storage.lock(key, run);
      } catch (error) {
        locked = Promise.reject(error);
      }
      // An error before the lock was held is the caller's (its read or write fails); one after is the release's.
      this.#held = locked.catch((error: unknown) => {
        if (holding) throw error;
        reject(error);
      });
    });
    return this.#acquired;
  }

  /**
   * The event is finished: lets the record's next event take the lock. `undefined` when the record was never
   * used; otherwise resolves when the storage has released it, and rejects when releasing failed.
   */
  release(): Promise<void> | undefined {
    this.#finished = true;
    this.#release();
    return this.#held;
  }
}
