import { checkOptions, describeValue, InvalidArgumentError, requireBoolean } from "@tc/api";
import type { StorageKey } from "./storage-key.js";

/** Options of {@link KeyBuilder}. */
export interface KeyBuilderOptions {
  /** First part of every key; default `"fsm"`. */
  prefix?: string;
  /** Between the parts; default `":"`. It may not contain `%` (the escape character of parts). */
  separator?: string;
  /** Put the bot id in the key (several bots sharing one store); default false. */
  withBotId?: boolean;
  /** Put the destiny in the key (several records per chat and user); default false. */
  withDestiny?: boolean;
}

/** What a storage keeps under one key: the state, the data, or the event-isolation lock. */
export type KeyPart = "state" | "data" | "lock";

const keyPartNames: readonly string[] = ["state", "data", "lock"];

/**
 * Turns a {@link StorageKey} into one string for string-keyed storages (Redis): the parts joined by the
 * separator, as aiogram's `DefaultKeyBuilder` does (`fsm:chat1:alice@srv:state`). A part that contains a
 * separator character or `%` has it percent-encoded, so two different keys never give the same string.
 *
 * @example
 * const builder = new KeyBuilder({ withBotId: true });
 * builder.build(new StorageKey({ botId: "bot", chatId: "c1", userId: "u1" }), "data"); // "fsm:bot:c1:u1:data"
 */
export class KeyBuilder {
  readonly prefix: string;
  readonly separator: string;
  readonly withBotId: boolean;
  readonly withDestiny: boolean;
  readonly #escaped: RegExp;

  constructor(options?: KeyBuilderOptions) {
    const o = checkOptions("KeyBuilder options", options, [
      "prefix",
      "separator",
      "withBotId",
      "withDestiny",
    ]);
    this.prefix = requireText("prefix", o.prefix, "fsm");
    this.separator = requireText("separator", o.separator, ":");
    if (this.separator.includes("%")) {
      throw new InvalidArgumentError('Invalid separator: "%" is the escape character of key parts');
    }
    this.withBotId = requireBoolean("withBotId", o.withBotId, false);
    this.withDestiny = requireBoolean("withDestiny", o.withDestiny, false);
    const characters = [...new Set(["%", ...this.separator])].map((c) => c.replace(/[\\^\]-]/g, "\\$&"));
    this.#escaped = new RegExp(`[${characters.join("")}]`, "gu");
  }

  /**
   * The string of `key` for `part` (`"state"`, `"data"` or `"lock"`): prefix, bot id (when `withBotId`), chat,
   * user, destiny (when `withDestiny`), part. Without `withDestiny`, a key whose destiny is not `"default"` is
   * refused: it would silently share the record of the default destiny.
   */
  build(key: StorageKey, part: KeyPart): string {
    if (!keyPartNames.includes(part)) {
      throw new InvalidArgumentError(
        `Invalid key part: expected "state", "data" or "lock", got ${describe(part)}`,
      );
    }
    if (!this.withDestiny && key.destiny !== "default") {
      throw new InvalidArgumentError(
        `KeyBuilder without withDestiny cannot tell destiny "${key.destiny}" from "default"; enable withDestiny`,
      );
    }
    const parts = [this.prefix];
    if (this.withBotId) parts.push(this.#escape(key.botId));
    parts.push(this.#escape(key.chatId), this.#escape(key.userId));
    if (this.withDestiny) parts.push(this.#escape(key.destiny));
    parts.push(part);
    return parts.join(this.separator);
  }

  #escape(part: string): string {
    return part.replace(this.#escaped, percentEncode);
  }
}

function requireText(name: string, value: unknown, fallback: string): string {
  if (value === undefined) return fallback;
  if (typeof value !== "string" || value === "") {
    throw new InvalidArgumentError(
      `Invalid ${name}: expected a non-empty string, got ${describeValue(value)}`,
    );
  }
  return value;
}

/** `:` → `%3A`, every UTF-8 byte of the character. */
function percentEncode(character: string): string {
  let encoded = "";
  for (const byte of utf8.encode(character))
    encoded += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  return encoded;
}

const utf8 = new TextEncoder();

function describe(value: unknown): string {
  return typeof value === "string" ? `"${value}"` : describeValue(value);
}
