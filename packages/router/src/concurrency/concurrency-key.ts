import { describeValue, InvalidArgumentError } from "@tc/api";

/**
 * Which events are handled in order, one after the other: those with the same key. Events of different keys run
 * concurrently.
 * - `"chat"` (the default): one chat's events in order;
 * - `"user"`: one sender's events in order, across chats;
 * - `"userInChat"`: one sender's events in one chat in order (a group's members concurrently);
 * - `"none"`: no ordering at all;
 * - a function of the event: its string is the key, `undefined` for no ordering.
 *
 * An event without the part its key needs (no chat for `"chat"`) is not ordered with anything.
 */
export type ConcurrencyKey =
  | "chat"
  | "user"
  | "userInChat"
  | "none"
  // biome-ignore lint/suspicious/noExplicitAny: a key function is written for the bot's own event types.
  | ((event: any) => string | undefined);

const namedKeys: readonly string[] = ["chat", "user", "userInChat", "none"];

/** Throws the typed error of a value that is no {@link ConcurrencyKey}. */
export function requireConcurrencyKey(value: unknown): ConcurrencyKey {
  if (typeof value === "function" || (typeof value === "string" && namedKeys.includes(value))) {
    return value as ConcurrencyKey;
  }
  throw invalidKey(value);
}

function invalidKey(value: unknown): InvalidArgumentError {
  const got = typeof value === "string" ? `"${value}"` : describeValue(value);
  return new InvalidArgumentError(
    `Invalid concurrency key: expected "chat", "user", "userInChat", "none" or a function, got ${got}`,
  );
}

/**
 * The ordering key of `event` under `key` (see {@link ConcurrencyKey}); `undefined` when the event is not ordered.
 *
 * @example
 * keyOf({ chatId: "c1", fromUserId: "u1" }, "chat"); // "c1"
 * keyOf({ chatId: "c1" }, "user"); // undefined
 */
export function keyOf(
  event: { chatId?: string; fromUserId?: string },
  key: ConcurrencyKey,
): string | undefined {
  switch (key) {
    case "chat":
      return event.chatId || undefined;
    case "user":
      return event.fromUserId || undefined;
    case "userInChat":
      // JSON keeps the two ids apart whatever characters they contain.
      return event.chatId && event.fromUserId ? JSON.stringify([event.chatId, event.fromUserId]) : undefined;
    case "none":
      return undefined;
    default: {
      if (typeof key !== "function") throw invalidKey(key);
      const custom: unknown = key(event);
      if (custom === undefined || typeof custom === "string") return custom;
      throw new InvalidArgumentError(
        `The concurrency key function must return a string or undefined, got ${describeValue(custom)}`,
      );
    }
  }
}
