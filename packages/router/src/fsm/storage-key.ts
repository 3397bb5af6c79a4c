import { describeValue, InvalidArgumentError } from "@tc/api";

/** The parts of a {@link StorageKey}; `destiny` defaults to `"default"`. */
export interface StorageKeyParts {
  /** The bot's own user id (`bot.meId`), so that several bots can share one storage. */
  botId: string;
  /** The chat part, after the {@link FSMStrategy} (the user id under `GLOBAL_USER`). */
  chatId: string;
  /** The user part, after the {@link FSMStrategy} (the chat id under `CHAT`). */
  userId: string;
  /** A name that separates independent records of one chat and user (several forms at once); `"default"`. */
  destiny?: string;
}

/**
 * Where one FSM record lives: bot, chat, user and destiny. Storages receive it and turn it into their own key
 * (a {@link KeyBuilder} does it for string-keyed stores).
 *
 * @example
 * const key = new StorageKey({ botId: "bot@srv", chatId: "chat1", userId: "alice@srv" });
 * key.destiny; // "default"
 */
export class StorageKey {
  readonly botId: string;
  readonly chatId: string;
  readonly userId: string;
  readonly destiny: string;

  constructor(parts: StorageKeyParts) {
    if (typeof parts !== "object" || parts === null) {
      throw new InvalidArgumentError(`StorageKey parts must be an object, got ${describeValue(parts)}`);
    }
    this.botId = requirePart("botId", parts.botId);
    this.chatId = requirePart("chatId", parts.chatId);
    this.userId = requirePart("userId", parts.userId);
    this.destiny = parts.destiny === undefined ? "default" : requirePart("destiny", parts.destiny);
    Object.freeze(this);
  }
}

function requirePart(name: string, value: unknown): string {
  if (typeof value !== "string" || value === "") {
    throw new InvalidArgumentError(
      `Invalid StorageKey ${name}: expected a non-empty string, got ${describeValue(value)}`,
    );
  }
  return value;
}
