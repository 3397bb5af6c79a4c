import { checkOptions, describeValue, InvalidArgumentError, requireDuration } from "@tc/api";
import { KeyBuilder } from "./key-builder.js";
import { KeyLock } from "./key-lock.js";
import type { StateData, Storage } from "./storage.js";
import type { StorageKey } from "./storage-key.js";

/** Options of {@link MemoryStorage}. */
export interface MemoryStorageOptions {
  /**
   * Milliseconds after its last write that a record (the state and data of one key) is forgotten; reads of an
   * expired record see state `null` and data `{}`. Default: records never expire.
   */
  ttl?: number;
  /**
   * Names records with this builder (its `"data"` key for the record, its `"lock"` key for the lock), for a key
   * layout shared with a string-keyed store. Default: an exact key of all four parts, whatever they contain.
   */
  keyBuilder?: KeyBuilder;
}

interface MemoryRecord {
  state: string | null;
  data: StateData | undefined;
  /** `Infinity` without a TTL. */
  expiresAt: number;
}

/**
 * Expired records removed per write at most. Two is enough to keep memory bounded: a write adds at most one record
 * and removes up to two expired ones, so expired records can never pile up, and no write does more than O(1) work.
 */
const sweepPerWrite = 2;

/**
 * The in-process {@link Storage}: records in a `Map`, the event-isolation lock in the same process. Records are lost
 * on restart and not shared between processes; use a shared storage (Redis) for several replicas.
 *
 * Data is stored and returned as `structuredClone` copies, so a handler that changes the object it got changes
 * nothing until it calls `setData` — the way a serialising storage behaves.
 *
 * @example
 * const dp = new Dispatcher({ storage: new MemoryStorage({ ttl: 24 * 60 * 60 * 1000 }) });
 */
export class MemoryStorage implements Storage {
  readonly ttl: number | undefined;
  /** The lock isolates within this process only (records are not shared between processes either). */
  readonly isolation = "process";
  // Kept in last-write order (a write moves its record to the end), so with one TTL for all records the oldest
  // expiry is always first: the sweep looks at the front only.
  readonly #records = new Map<string, MemoryRecord>();
  readonly #locks = new KeyLock();
  readonly #recordKey: (key: StorageKey) => string;
  readonly #lockKey: (key: StorageKey) => string;

  constructor(options?: MemoryStorageOptions) {
    const o = checkOptions("MemoryStorage options", options, ["ttl", "keyBuilder"]);
    this.ttl = o.ttl === undefined ? undefined : requireDuration("ttl", o.ttl, 0);
    const builder = o.keyBuilder;
    if (builder === undefined) {
      this.#recordKey = exactKey;
      this.#lockKey = exactKey;
    } else if (builder instanceof KeyBuilder) {
      this.#recordKey = (key) => builder.build(key, "data");
      this.#lockKey = (key) => builder.build(key, "lock");
    } else {
      throw new InvalidArgumentError(
        `Invalid keyBuilder: expected a KeyBuilder, got ${describeValue(builder)}`,
      );
    }
  }

  async getState(key: StorageKey): Promise<string | null> {
    return this.#read(key)?.state ?? null;
  }

  async setState(key: StorageKey, state: string | null): Promise<void> {
    if (state !== null && typeof state !== "string") {
      throw new InvalidArgumentError(`FSM state must be a string or null, got ${describeValue(state)}`);
    }
    const record = this.#read(key);
    this.#write(key, state, record?.data);
  }

  async getData(key: StorageKey): Promise<StateData> {
    const data = this.#read(key)?.data;
    return data === undefined ? {} : structuredClone(data);
  }

  async setData(key: StorageKey, data: StateData): Promise<void> {
    const copy = copyData(data);
    this.#write(key, this.#read(key)?.state ?? null, copy);
  }

  async updateData(key: StorageKey, patch: StateData): Promise<StateData> {
    const copy = copyData(patch);
    const record = this.#read(key);
    const merged = { ...record?.data, ...copy };
    this.#write(key, record?.state ?? null, merged);
    return structuredClone(merged);
  }

  lock<T>(key: StorageKey, run: () => Promise<T>): Promise<T> {
    return this.#locks.run(this.#lockKey(key), run);
  }

  async close(): Promise<void> {
    this.#records.clear();
  }

  /** How many records are held, expired ones not yet swept included (for tests of the bound). */
  get size(): number {
    return this.#records.size;
  }

  #read(key: StorageKey): MemoryRecord | undefined {
    const id = this.#recordKey(key);
    const record = this.#records.get(id);
    if (record === undefined || record.expiresAt > Date.now()) return record;
    this.#records.delete(id);
    return undefined;
  }

  #write(key: StorageKey, state: string | null, data: StateData | undefined): void {
    const id = this.#recordKey(key);
    this.#records.delete(id);
    const empty = state === null && (data === undefined || Object.keys(data).length === 0);
    if (!empty) {
      const expiresAt = this.ttl === undefined ? Number.POSITIVE_INFINITY : Date.now() + this.ttl;
      this.#records.set(id, { state, data, expiresAt });
    }
    this.#sweep();
  }

  #sweep(): void {
    if (this.ttl === undefined) return;
    const now = Date.now();
    let removed = 0;
    for (const [id, record] of this.#records) {
      if (removed === sweepPerWrite || record.expiresAt > now) return;
      this.#records.delete(id);
      removed++;
    }
  }
}

/**
 * Unambiguous whatever the ids contain: each part is preceded by its length, so no separator can collide. (It runs
 * for every event's lock; a JSON array would say the same at several times the cost.)
 */
function exactKey(key: StorageKey): string {
  const { botId, chatId, userId, destiny } = key;
  return `${botId.length}:${botId}${chatId.length}:${chatId}${userId.length}:${userId}${destiny.length}:${destiny}`;
}

function copyData(data: StateData): StateData {
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new InvalidArgumentError(`FSM data must be a plain object, got ${describeValue(data)}`);
  }
  try {
    return structuredClone(data);
  } catch {
    // The clone error quotes the value (a function's source); say only what is wrong.
    throw new InvalidArgumentError(
      "FSM data must hold serialisable values only (no functions, symbols or class instances with private state)",
    );
  }
}
