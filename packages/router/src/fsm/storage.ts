import type { StorageKey } from "./storage-key.js";

/** The data of one FSM record: a plain object of serialisable values. */
export type StateData = Record<string, unknown>;

/**
 * Where FSM records live, and the event-isolation lock that keeps two events of one record from using it at the
 * same time (aiogram's `BaseStorage` and `BaseEventIsolation` in one interface, since a store such as Redis
 * provides both). {@link MemoryStorage} is the in-process one; other packages implement this interface and check
 * themselves with {@link storageContract}.
 *
 * Rules every implementation keeps (the contract suite checks them):
 * - a key never written reads as state `null` and data `{}`;
 * - `getData` returns a copy: changing it changes nothing stored; `setData` stores a copy;
 * - `setData(key, {})` and `setState(key, null)` leave nothing behind for that key;
 * - `updateData` merges the patch's keys over the stored data (shallow) and returns the result;
 * - `lock(key, run)` runs `run` only when no other `run` of the same key is running, in the order of the calls,
 *   and releases the key however `run` ends; other keys never wait;
 * - after `close()` the storage releases its resources (connections, timers).
 *
 * @example
 * class RedisStorage implements Storage {
 *   async getState(key: StorageKey) { return this.redis.get(this.keys.build(key, "state")); }
 *   // ...
 * }
 */
export interface Storage {
  /**
   * How far the storage's {@link Storage.lock} isolates: `"process"` — only between the calls made in this
   * process (an in-process lock such as {@link MemoryStorage}'s); `"shared"` (the default when absent) — between
   * every process that uses the store (a Redis lock). When the dispatcher's concurrency key already runs the
   * events of one record one at a time in this process, a `"process"` lock adds nothing and the dispatcher
   * skips it (see docs/fsm.md, "Isolation"); a `"shared"` lock is always taken, since other replicas may hold
   * the same record.
   *
   * @example
   * class RedisStorage implements Storage {
   *   readonly isolation = "shared"; // the lock lives in Redis: replicas wait for each other
   *   // ...
   * }
   */
  readonly isolation?: "process" | "shared";
  /** The state string of `key`, or `null` when it has none. */
  getState(key: StorageKey): Promise<string | null>;
  /** Sets the state of `key`; `null` removes it. */
  setState(key: StorageKey, state: string | null): Promise<void>;
  /** A copy of the data of `key` (`{}` when it has none). */
  getData(key: StorageKey): Promise<StateData>;
  /** Replaces the data of `key` with a copy of `data`; `{}` removes it. */
  setData(key: StorageKey, data: StateData): Promise<void>;
  /** Merges `patch` over the data of `key` and returns a copy of the result. */
  updateData(key: StorageKey, patch: StateData): Promise<StateData>;
  /**
   * Runs `run` while holding the event-isolation lock of `key`, and returns what it returns (or rejects with what
   * it throws). Calls for one key run one at a time, in call order.
   */
  lock<T>(key: StorageKey, run: () => Promise<T>): Promise<T>;
  /** Releases the storage's resources; no call is made after it. */
  close(): Promise<void>;
}
