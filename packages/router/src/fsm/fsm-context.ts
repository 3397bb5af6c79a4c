import { describeValue, InvalidArgumentError } from "@tc/api";
import type { RecordLock } from "./record-lock.js";
import { type State, StateObject } from "./state.js";
import type { StateData, Storage } from "./storage.js";
import type { StorageKey } from "./storage-key.js";

/** Where a context made by {@link lazyFSMContext} finds its key: the runtime, the event and the bot's id. */
export interface KeySource {
  keyFor(event: { chatId?: string; fromUserId?: string }, botId: string): StorageKey | undefined;
}

/**
 * The `ctx.state` the dispatcher gives each event with a chat and an author: its key is built when a method (or
 * `key`) is first used, and with a `lock` every read and write waits until the event holds its record's lock.
 * Most events never touch their record, and a `StorageKey` (or a lock) per event was a good part of the
 * dispatcher's cost. Internal; set by the class below.
 */
export let lazyFSMContext: (
  storage: Storage,
  source: KeySource,
  event: { readonly chatId?: string; readonly fromUserId?: string },
  bot: { readonly meId?: string | undefined },
  lock: RecordLock | undefined,
) => FSMContext;

/**
 * The FSM record of one event (`ctx.state`): its state and its data, read and written through the storage. Give
 * the form's data type to have typed data; keep its fields optional, since a form fills them one step at a time.
 *
 * Two events of one record never use it at the same time (the first read or write of an event takes the record's
 * isolation lock, held until the event is finished), so a `getData` … `setData` sequence in a handler cannot
 * lose another event's update.
 *
 * @example
 * type FormData = { name?: string; age?: number };
 * router.message(Form.age, async (message, ctx) => {
 *   const state = ctx.state as FSMContext<FormData>;
 *   const { name } = await state.updateData({ age: Number(message.text) });
 *   await state.clear();
 *   await message.answer(`${name}, thank you`);
 * });
 */
export class FSMContext<Data extends StateData = StateData> {
  static {
    lazyFSMContext = (storage, source, event, bot, lock) => {
      const context = new FSMContext(storage, undefined as unknown as StorageKey);
      context.#source = source;
      context.#event = event;
      context.#bot = bot;
      context.#lock = lock;
      return context;
    };
  }

  /** Where the record lives. */
  readonly storage: Storage;
  #key: StorageKey | undefined;
  #source: KeySource | undefined;
  #event: { readonly chatId?: string; readonly fromUserId?: string } | undefined;
  #bot: { readonly meId?: string | undefined } | undefined;
  #lock: RecordLock | undefined;

  constructor(storage: Storage, key: StorageKey) {
    this.storage = storage;
    this.#key = key;
  }

  /** Which record. */
  get key(): StorageKey {
    if (this.#key === undefined) {
      // Built from the event on first use (see lazyFSMContext); a bot without an id fails here, as a handler error.
      this.#key = this.#source!.keyFor(this.#event!, this.#bot!.meId ?? "")!;
      this.#source = undefined;
      this.#event = undefined;
      this.#bot = undefined;
    }
    return this.#key;
  }

  /** The current state string (`"Form:name"`), or `null` outside every form. */
  getState(): Promise<string | null> {
    return this.#use((key) => this.storage.getState(key));
  }

  /**
   * Moves to `state`: a {@link State}, a state string, or `null` / {@link defaultState} to leave the form. The data
   * stays; {@link clear} removes both.
   */
  setState(state: State | string | null): Promise<void> {
    const value = stateString(state);
    return this.#use((key) => this.storage.setState(key, value));
  }

  /** A copy of the record's data (`{}` when empty). */
  getData(): Promise<Data> {
    return this.#use((key) => this.storage.getData(key) as Promise<Data>);
  }

  /** Replaces the data. */
  setData(data: Data): Promise<void> {
    return this.#use((key) => this.storage.setData(key, data));
  }

  /** Merges `patch` over the data and returns the result. */
  updateData(patch: Partial<Data>): Promise<Data> {
    return this.#use((key) => this.storage.updateData(key, patch) as Promise<Data>);
  }

  /** One value of the data, or `fallback` (default `undefined`) when the data has no such key. */
  getValue<K extends keyof Data & string>(key: K): Promise<Data[K] | undefined>;
  getValue<K extends keyof Data & string, F>(key: K, fallback: F): Promise<Exclude<Data[K], undefined> | F>;
  async getValue(key: string, fallback?: unknown): Promise<unknown> {
    const data = await this.getData();
    return Object.hasOwn(data, key) ? data[key] : fallback;
  }

  /** Leaves the form and forgets its data: state `null`, data `{}`. */
  async clear(): Promise<void> {
    await this.setState(null);
    await this.setData({} as Data);
  }

  /** Runs a read or write of the record, once this event holds the record's lock (when it has one to take). */
  #use<T>(operation: (key: StorageKey) => Promise<T>): Promise<T> {
    const key = this.key;
    const lock = this.#lock;
    return lock === undefined ? operation(key) : lock.acquire(key).then(() => operation(key));
  }
}

/** The string to store for `state`; `"*"` is refused, since it is a pattern, not a state to be in. */
function stateString(state: State | string | null): string | null {
  const value = state instanceof StateObject ? state.state : state;
  if (value !== null && typeof value !== "string") {
    throw new InvalidArgumentError(
      `setState expects a State, a state string or null, got ${describeValue(value)}`,
    );
  }
  if (value === "*")
    throw new InvalidArgumentError('setState: "*" (anyState) matches states; it cannot be set');
  if (value === "")
    throw new InvalidArgumentError("setState: the state string is empty; use null to leave the form");
  return value;
}
