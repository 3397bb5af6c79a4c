import { MemoryStorage, StorageKey } from "@tc/router";

/**
 * In-process one-at-a-time execution per name, in call order: callers of one process queue here before they
 * contend for the Redis lock, so the order of their calls holds (Redis does not queue waiters). It is the
 * in-process isolation lock of the router's `MemoryStorage`, used on its own.
 */
export class LocalQueue {
  readonly #locks = new MemoryStorage();

  /** Runs `run` after every earlier call for `name` finished. */
  run<T>(name: string, run: () => Promise<T>): Promise<T> {
    return this.#locks.lock(new StorageKey({ botId: "local", chatId: name, userId: "queue" }), run);
  }
}
