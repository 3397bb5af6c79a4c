import { checkOptions, describeValue, InvalidArgumentError } from "@tc/api";
import { FSMContext } from "./fsm-context.js";
import { applyStrategy, FSMStrategy, isFSMStrategy } from "./fsm-strategy.js";
import type { KeyBuilder } from "./key-builder.js";
import { MemoryStorage } from "./memory-storage.js";
import type { Storage } from "./storage.js";
import { StorageKey } from "./storage-key.js";

/** Options of {@link FsmRuntime}. */
export interface FsmRuntimeOptions {
  /** Where records live; default a new {@link MemoryStorage}. */
  storage?: Storage;
  /** Which events share a record; default {@link FSMStrategy.USER_IN_CHAT}. */
  strategy?: FSMStrategy;
  /**
   * Key builder of the default {@link MemoryStorage}. A given `storage` has its own: pass the builder to it
   * instead (giving both is an error, so a builder is never silently ignored).
   */
  keyBuilder?: KeyBuilder;
}

/** Whether an event has an FSM record (and so a `ctx.state`): it needs a chat and an author. */
export function hasRecord<E extends { chatId?: string; fromUserId?: string }>(
  event: E,
): event is E & { chatId: string; fromUserId: string } {
  return !!event.chatId && !!event.fromUserId;
}

/**
 * The FSM of a dispatcher: which record an event has, and its `ctx.state`. The dispatcher wires it (with a
 * `RecordLock` per event for isolation); bot code meets only its parts (`ctx.state`, the storage).
 *
 * @example
 * const fsm = new FsmRuntime({ strategy: FSMStrategy.GLOBAL_USER });
 * const key = fsm.keyFor(message, bot.meId);
 * if (key) await fsm.contextFor(key).setState("Form:name");
 */
export class FsmRuntime {
  readonly storage: Storage;
  readonly strategy: FSMStrategy;

  constructor(options?: FsmRuntimeOptions) {
    const o = checkOptions("FSM options", options, ["storage", "strategy", "keyBuilder"]);
    if (o.strategy !== undefined && !isFSMStrategy(o.strategy)) {
      throw new InvalidArgumentError(
        `Invalid strategy: expected one of ${Object.values(FSMStrategy)
          .map((s) => `"${s}"`)
          .join(
            ", ",
          )}, got ${typeof o.strategy === "string" ? `"${o.strategy}"` : describeValue(o.strategy)}`,
      );
    }
    this.strategy = o.strategy ?? FSMStrategy.USER_IN_CHAT;
    if (o.storage !== undefined && o.keyBuilder !== undefined) {
      throw new InvalidArgumentError("FSM options: give keyBuilder to the storage you pass, not next to it");
    }
    if (o.storage !== undefined && !isStorage(o.storage)) {
      throw new InvalidArgumentError(
        `Invalid storage: expected an object with the Storage methods, got ${describeValue(o.storage)}`,
      );
    }
    this.storage =
      o.storage ?? new MemoryStorage(o.keyBuilder === undefined ? undefined : { keyBuilder: o.keyBuilder });
  }

  /**
   * The record key of an event from `fromUserId` in `chatId` for the bot `botId`, after the strategy; `undefined`
   * when the event lacks a chat or an author (such events get no `ctx.state`).
   */
  keyFor(event: { chatId?: string; fromUserId?: string }, botId: string): StorageKey | undefined {
    if (!hasRecord(event)) return undefined;
    return new StorageKey({ botId, ...applyStrategy(this.strategy, event.chatId, event.fromUserId) });
  }

  /** The `ctx.state` of the record `key`. */
  contextFor(key: StorageKey): FSMContext {
    return new FSMContext(this.storage, key);
  }

  /** Closes the storage. */
  close(): Promise<void> {
    return this.storage.close();
  }
}

const storageMethods = ["getState", "setState", "getData", "setData", "updateData", "lock", "close"] as const;

function isStorage(value: unknown): value is Storage {
  return (
    typeof value === "object" &&
    value !== null &&
    storageMethods.every((method) => typeof (value as Record<string, unknown>)[method] === "function")
  );
}
