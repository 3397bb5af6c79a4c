import { isDeepStrictEqual } from "node:util";
import {
  checkOptions,
  consoleLogger,
  describeValue,
  InvalidArgumentError,
  KeyBuilder,
  type Logger,
  requireDuration,
  type StateData,
  type Storage,
  type StorageKey,
} from "@tc/router";
import type { Redis } from "ioredis";
import { type DataSerializer, jsonSerializer, propertyPath } from "./data-serializer.js";
import { UnserializableDataError } from "./errors.js";
import { LocalQueue } from "./local-queue.js";
import { type RecordCommands, recordCommands } from "./record-scripts.js";
import { openRedis, type RedisSource } from "./redis-connection.js";
import { RedisLock } from "./redis-lock.js";

/** Options of {@link RedisStorage}. */
export interface RedisStorageOptions {
  /** Where Redis is: a URL, ioredis options or an ioredis client (yours: `close()` leaves it open). Default `redis://127.0.0.1:6379`. */
  redis?: RedisSource;
  /** First part of every key; default `"fsm"`. Shorthand for a `keyBuilder` with the bot id and the destiny. */
  prefix?: string;
  /** How keys are named; default `new KeyBuilder({ prefix, withBotId: true, withDestiny: true })`. */
  keyBuilder?: KeyBuilder;
  /** Milliseconds after its last write that a record (state and data) is forgotten; default never. */
  ttl?: number;
  /** How data values become text; default {@link jsonSerializer}. */
  serializer?: DataSerializer;
  /** Milliseconds the event-isolation lock lives without renewal (how long a crashed holder keeps it); default 30 000. */
  lockTtl?: number;
  /** Milliseconds `lock()` waits for another holder before a `LockTimeoutError`; default 60 000, at least `lockTtl`. */
  lockWait?: number;
  /** Where outages and lost locks are reported; default the console. */
  logger?: Logger;
}

const optionKeys = ["redis", "prefix", "keyBuilder", "ttl", "serializer", "lockTtl", "lockWait", "logger"];

/**
 * The FSM {@link Storage} on Redis, shared by every process of a bot and by several bots (keys carry the bot id):
 * the state as a string key, the data as a hash with one serialized field per top-level key (so `updateData` is
 * one atomic `HSET`, no read-modify-write; each write is one Lua script), and the event-isolation lock as a
 * Redis lock. Records expire `ttl` after their last write. It passes the same contract suite as `MemoryStorage`.
 *
 * @example
 * const storage = new RedisStorage({ redis: "redis://127.0.0.1:6379", ttl: 24 * 60 * 60 * 1000 });
 * const dp = new Dispatcher({ storage });
 */
export class RedisStorage implements Storage {
  /** The client (for your own commands; do not close it while the storage is in use). */
  readonly redis: Redis;
  /** How the storage names its keys. */
  readonly keyBuilder: KeyBuilder;
  /** The record TTL in milliseconds, or `undefined`. */
  readonly ttl: number | undefined;
  readonly #owned: boolean;
  readonly #serializer: DataSerializer;
  readonly #lock: RedisLock;
  readonly #lockWait: number;
  readonly #records: RecordCommands;
  readonly #queue = new LocalQueue();

  constructor(options?: RedisStorageOptions) {
    const o = checkOptions("RedisStorage options", options, optionKeys);
    const logger = o.logger ?? consoleLogger;
    if (o.prefix !== undefined && o.keyBuilder !== undefined) {
      throw new InvalidArgumentError("RedisStorage options: give prefix or keyBuilder, not both");
    }
    if (o.keyBuilder !== undefined && !(o.keyBuilder instanceof KeyBuilder)) {
      throw new InvalidArgumentError(
        `Invalid keyBuilder: expected a KeyBuilder, got ${describeValue(o.keyBuilder)}`,
      );
    }
    this.keyBuilder =
      o.keyBuilder ?? new KeyBuilder({ prefix: o.prefix ?? "fsm", withBotId: true, withDestiny: true });
    this.ttl = o.ttl === undefined ? undefined : requireDuration("ttl", o.ttl, 0);
    this.#serializer = requireSerializer(o.serializer);
    const lockTtl = requireDuration("lockTtl", o.lockTtl, 30_000);
    this.#lockWait = requireDuration("lockWait", o.lockWait, Math.max(60_000, lockTtl));
    if (this.#lockWait < lockTtl) {
      throw new InvalidArgumentError(
        `Invalid lockWait: ${this.#lockWait} ms is below lockTtl (${lockTtl} ms), so a crashed holder's lock could never be taken over`,
      );
    }
    const { client, owned } = openRedis("RedisStorage", o.redis, logger);
    this.redis = client;
    this.#owned = owned;
    this.#records = recordCommands(client);
    const channel = `${this.keyBuilder.prefix}${this.keyBuilder.separator}lock-released`;
    this.#lock = new RedisLock({ redis: client, channel, ttl: lockTtl, logger });
  }

  async getState(key: StorageKey): Promise<string | null> {
    return this.redis.get(this.keyBuilder.build(key, "state"));
  }

  async setState(key: StorageKey, state: string | null): Promise<void> {
    if (state !== null && typeof state !== "string") {
      throw new InvalidArgumentError(`FSM state must be a string or null, got ${describeValue(state)}`);
    }
    const [stateKey, dataKey] = this.#keys(key);
    await this.#records.tcSetState(stateKey, dataKey, this.ttl ?? 0, state === null ? "0" : "1", state ?? "");
  }

  async getData(key: StorageKey): Promise<StateData> {
    return this.#parse(await this.redis.hgetall(this.keyBuilder.build(key, "data")));
  }

  async setData(key: StorageKey, data: StateData): Promise<void> {
    const { set } = this.#serialize(data);
    const [stateKey, dataKey] = this.#keys(key);
    await this.#records.tcSetData(stateKey, dataKey, this.ttl ?? 0, ...set);
  }

  async updateData(key: StorageKey, patch: StateData): Promise<StateData> {
    const { set, remove } = this.#serialize(patch);
    const [stateKey, dataKey] = this.#keys(key);
    const flat = await this.#records.tcUpdateData(
      stateKey,
      dataKey,
      this.ttl ?? 0,
      set.length / 2,
      ...set,
      ...remove,
    );
    // No prototype: a field called "__proto__" is a field.
    const fields: Record<string, string> = Object.create(null);
    for (let i = 0; i + 1 < flat.length; i += 2) fields[flat[i] as string] = flat[i + 1] as string;
    return this.#parse(fields);
  }

  lock<T>(key: StorageKey, run: () => Promise<T>): Promise<T> {
    const name = this.keyBuilder.build(key, "lock");
    return this.#queue.run(name, async () => {
      const lease = await this.#lock.acquire(name, { wait: this.#lockWait });
      try {
        return await run();
      } finally {
        await lease.release();
      }
    });
  }

  async close(): Promise<void> {
    await this.#lock.close();
    if (this.#owned) await this.redis.quit().catch(() => undefined);
  }

  /** The state and data keys of a record. */
  #keys(key: StorageKey): [string, string] {
    return [this.keyBuilder.build(key, "state"), this.keyBuilder.build(key, "data")];
  }

  /** Hash fields to set (name, text, name, text…) and fields to remove (properties holding `undefined`). */
  #serialize(data: StateData): { set: string[]; remove: string[] } {
    if (typeof data !== "object" || data === null || Array.isArray(data)) {
      throw new InvalidArgumentError(`FSM data must be a plain object, got ${describeValue(data)}`);
    }
    const prototype = Object.getPrototypeOf(data);
    if (prototype !== Object.prototype && prototype !== null) {
      throw new UnserializableDataError("data", "a class instance is not a plain object");
    }
    const set: string[] = [];
    const remove: string[] = [];
    for (const [field, value] of Object.entries(data)) {
      if (value === undefined) remove.push(field);
      else set.push(field, this.#text(value, `data${propertyPath(field)}`));
    }
    return { set, remove };
  }

  #text(value: unknown, path: string): string {
    const serializer = this.#serializer;
    let text: string;
    try {
      text = serializer.serialize(value);
    } catch (error) {
      if (error instanceof UnserializableDataError) {
        // The serializer's own walk starts at "value"; say where in the data.
        throw new UnserializableDataError(path + error.path.slice("value".length), reasonOf(error), {
          cause: error,
        });
      }
      throw new UnserializableDataError(path, "the serializer refused it", { cause: error });
    }
    if (typeof text !== "string") {
      throw new UnserializableDataError(path, `the serializer returned ${describeValue(text)}, not a string`);
    }
    // The default serializer checked every part already; another one is held to what it gives back.
    if (serializer !== jsonSerializer && !isDeepStrictEqual(serializer.deserialize(text), value)) {
      throw new UnserializableDataError(path, "it does not read back equal to what was written");
    }
    return text;
  }

  #parse(fields: Record<string, string>): StateData {
    const data: StateData = {};
    for (const [field, text] of Object.entries(fields)) {
      // defineProperty: a field named "__proto__" must stay a field, not become the object's prototype.
      const value = this.#serializer.deserialize(text);
      Object.defineProperty(data, field, { value, enumerable: true, writable: true, configurable: true });
    }
    return data;
  }
}

function reasonOf(error: UnserializableDataError): string {
  return error.message.slice(error.message.indexOf(": ") + 2);
}

function requireSerializer(value: unknown): DataSerializer {
  if (value === undefined) return jsonSerializer;
  const candidate = value as Partial<DataSerializer> | null;
  if (
    typeof candidate === "object" &&
    candidate !== null &&
    typeof candidate.serialize === "function" &&
    typeof candidate.deserialize === "function"
  ) {
    return candidate as DataSerializer;
  }
  throw new InvalidArgumentError(
    `Invalid serializer: expected an object with serialize and deserialize, got ${describeValue(value)}`,
  );
}
