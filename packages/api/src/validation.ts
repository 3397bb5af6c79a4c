import type { InputFile, LimitExceededError } from "@tc/files";
import { MESSAGE_TEXT_LIMIT, ParseMode, visibleLength } from "@tc/format";
import { InvalidArgumentError } from "@tc/transport";
import type { CallOptions } from "./call-options.js";
import { ChatParticipantRole } from "./enums/chat-participant-role.js";
import { SurveyType } from "./enums/survey-type.js";

/*
 * Client-side checks, run before anything is sent. Each throws a typed error that names the option; values
 * are described by their type or length only, never echoed (a "text" may be a secret pasted by a user).
 */

/** Longest chat title, in Unicode code points. */
export const titleLimit = 256;

const parseModes: ReadonlySet<string> = new Set(Object.values(ParseMode));
const roles: ReadonlySet<string> = new Set(Object.values(ChatParticipantRole));

/** The typed error of a bad option, naming it (`Invalid chatId: must not be empty`). */
export function invalidArgument(name: string, message: string): InvalidArgumentError {
  return new InvalidArgumentError(`Invalid ${name}: ${message}`);
}

/** A non-empty string id. */
export function requireId(name: string, value: unknown): string {
  if (typeof value !== "string") throw invalidArgument(name, `expected a string, got ${describe(value)}`);
  if (value.trim() === "") throw invalidArgument(name, "must not be empty");
  return value;
}

/** An optional id: `undefined`/`null` pass as `null`. */
export function optionalId(name: string, value: unknown): string | null {
  return value === undefined || value === null ? null : requireId(name, value);
}

/** An integer of at least 1 (counts and 1-based pages). */
export function requirePositiveInteger(name: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1) {
    throw invalidArgument(name, `expected an integer of at least 1, got ${describe(value)}`);
  }
  return value;
}

/** A boolean flag; `undefined` takes the default. */
export function optionalBoolean(name: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== "boolean") throw invalidArgument(name, `expected a boolean, got ${describe(value)}`);
  return value;
}

/** One of `text`, `markdown`, `html`; `undefined` takes the default. */
export function requireParseMode(value: unknown, fallback: ParseMode = ParseMode.TEXT): ParseMode {
  if (value === undefined) return fallback;
  if (typeof value !== "string" || !parseModes.has(value)) {
    throw invalidArgument("parseMode", `expected one of ${[...parseModes].join(", ")}`);
  }
  return value as ParseMode;
}

/** A participant role string of {@link ChatParticipantRole}. */
export function requireRole(value: unknown): ChatParticipantRole {
  if (typeof value !== "string" || !roles.has(value)) {
    throw invalidArgument("role", `expected one of ${[...roles].join(", ")}`);
  }
  return value as ChatParticipantRole;
}

/** A survey kind of {@link SurveyType}; `undefined` takes the non-anonymous default. */
export function requireSurveyType(value: unknown): SurveyType {
  if (value === undefined) return SurveyType.NON_ANONYMOUS;
  if (value !== SurveyType.ANONYMOUS && value !== SurveyType.NON_ANONYMOUS) {
    throw invalidArgument("surveyType", "expected SurveyType.ANONYMOUS or SurveyType.NON_ANONYMOUS");
  }
  return value;
}

/** A non-empty text of at most 4096 visible characters under its parse mode. */
export function requireText(
  name: string,
  value: unknown,
  parseMode: ParseMode,
  tooLong: new (actual: number, limit: number) => LimitExceededError,
): string {
  if (typeof value !== "string") throw invalidArgument(name, `expected a string, got ${describe(value)}`);
  if (value.trim() === "") throw invalidArgument(name, "must not be empty");
  const length = visibleLength(value, { parseMode });
  if (length > MESSAGE_TEXT_LIMIT) throw new tooLong(length, MESSAGE_TEXT_LIMIT);
  return value;
}

/** A non-empty title of at most 256 code points. */
export function requireTitle(
  value: unknown,
  tooLong: new (actual: number, limit: number) => LimitExceededError,
): string {
  if (typeof value !== "string") throw invalidArgument("title", `expected a string, got ${describe(value)}`);
  if (value.trim() === "") throw invalidArgument("title", "must not be empty");
  const length = [...value].length;
  if (length > titleLimit) throw new tooLong(length, titleLimit);
  return value;
}

/** An input file of `@tc/files` (checked by shape, so copies of that package from other installs work too). */
export function requireInputFile(name: string, value: unknown): InputFile {
  const candidate = value as { describe?: unknown } | null;
  if (typeof candidate !== "object" || candidate === null || typeof candidate.describe !== "function") {
    throw invalidArgument(
      name,
      `expected an InputFile (FSInputFile, BufferedInputFile, …), got ${describe(value)}`,
    );
  }
  return value as InputFile;
}

/**
 * The options object of a call; a missing or non-object argument is a typed error, not a TypeError. Its
 * per-call `timeout` and `signal` ({@link CallOptions}) are checked here, so before anything is sent.
 */
export function requireOptions<T extends object>(value: T | undefined): T {
  if (typeof value !== "object" || value === null) {
    throw invalidArgument("options", `expected an options object, got ${describe(value)}`);
  }
  const { timeout, signal } = value as CallOptions;
  if (timeout !== undefined && !(typeof timeout === "number" && Number.isFinite(timeout) && timeout > 0)) {
    throw invalidArgument("timeout", `expected a positive number of milliseconds, got ${describe(timeout)}`);
  }
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw invalidArgument("signal", `expected an AbortSignal, got ${describe(signal)}`);
  }
  return value;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "number") return Number.isFinite(value) ? `the number ${value}` : String(value);
  return typeof value;
}
