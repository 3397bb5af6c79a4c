/*
 * When the dispatcher may skip the storage's isolation lock. The lock keeps two events of one FSM record from
 * running their handlers at the same time; the scheduler already runs the events of one concurrency key one at a
 * time. When every two events of one record always have the same concurrency key, and the lock isolates only
 * within this process anyway, the lock can never make anyone wait: taking it would cost a lock key, a promise
 * chain and a map entry per event for nothing. docs/fsm.md ("Isolation") has the reasoning for users.
 */
import type { ConcurrencyKey } from "../concurrency/concurrency-key.js";
import { FSMStrategy } from "./fsm-strategy.js";
import type { Storage } from "./storage.js";

/**
 * Whether equal FSM keys under `strategy` always mean equal concurrency keys under `key`, so the scheduler
 * already serialises the events of one record. A record key has the event's chat and author (both are needed
 * for a record at all), so the concurrency key is there too; it is per chat, user or both, and:
 * - `"chat"` is implied by `CHAT` (the record is the chat) and `USER_IN_CHAT` (the record names its chat);
 * - `"userInChat"` by `USER_IN_CHAT` only (a `CHAT` record spans users, a `GLOBAL_USER` one chats);
 * - `"user"` by `GLOBAL_USER` and `USER_IN_CHAT` (both records name their user).
 * The record key also has the bot id; the concurrency key has not, so two bots on one dispatcher share a
 * concurrency key where their records differ: that serialises more, never less. A custom key function and
 * `"none"` imply nothing.
 */
export function keyImpliesRecord(key: ConcurrencyKey, strategy: FSMStrategy): boolean {
  switch (key) {
    case "chat":
      return strategy === FSMStrategy.CHAT || strategy === FSMStrategy.USER_IN_CHAT;
    case "userInChat":
      return strategy === FSMStrategy.USER_IN_CHAT;
    case "user":
      return strategy === FSMStrategy.GLOBAL_USER || strategy === FSMStrategy.USER_IN_CHAT;
    default:
      return false;
  }
}

/** How many dispatchers were made with a storage: a `"process"` lock is skipped only while one was. */
export interface StorageClaim {
  users: number;
}

const claims = new WeakMap<Storage, StorageClaim>();

/**
 * Registers one more dispatcher on `storage` and returns the shared count. Two dispatchers do not share a
 * scheduler, so with a shared storage only the storage's lock keeps their events of one record apart.
 */
export function claimStorage(storage: Storage): StorageClaim {
  let claim = claims.get(storage);
  if (claim === undefined) {
    claim = { users: 0 };
    claims.set(storage, claim);
  }
  claim.users++;
  return claim;
}

/** Whether the storage's lock isolates within this process only (an absent `isolation` is `"shared"`). */
export function isProcessLocal(storage: Storage): boolean {
  return storage.isolation === "process";
}
