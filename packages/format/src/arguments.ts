import { ParseMode } from "./parse-mode.js";

const PARSE_MODES: readonly unknown[] = Object.values(ParseMode);

/** Throws a `TypeError` unless `value` is a string; `what` names it in the message. */
export function requireString(value: unknown, what: string): string {
  if (typeof value !== "string") throw new TypeError(`${what} must be a string, got ${describe(value)}`);
  return value;
}

/** Throws a `TypeError` unless `options` is undefined or a plain object. */
export function requireOptions<T extends object>(options: T | undefined, fn: string): Partial<T> {
  if (options === undefined) return {};
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new TypeError(`${fn}: options must be an object, got ${describe(options)}`);
  }
  return options;
}

/** The parse mode option, `text` when absent; throws a `RangeError` for any other value. */
export function readParseMode(value: unknown, fn: string): ParseMode {
  if (value === undefined) return ParseMode.TEXT;
  if (!PARSE_MODES.includes(value)) {
    throw new RangeError(`${fn}: parseMode must be one of ${PARSE_MODES.join(", ")}, got ${describe(value)}`);
  }
  return value as ParseMode;
}

/** Short description of a bad value for an error message; never echoes long or secret-looking strings. */
export function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return value.length <= 20 ? JSON.stringify(value) : "a string";
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return typeof value;
}
