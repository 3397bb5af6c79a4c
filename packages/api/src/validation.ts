import type { LimitExceededError } from "@tc/core";
import { checkOptions, describeValue, invalidOption, requireInteger } from "@tc/core";
import type { InputFile } from "@tc/files";
import { FormatNode, MESSAGE_TEXT_LIMIT, ParseMode, visibleLength } from "@tc/format";
import type { CallOptions } from "./call-options.js";
import { ChatParticipantRole } from "./enums/chat-participant-role.js";
import { SurveyType } from "./enums/survey-type.js";

/*
 * The api-specific client-side checks, run before anything is sent; the generic ones (option objects, booleans,
 * integers, durations) come from @tc/core. Each throws a typed error that names the option; values are described
 * by their type or length only, never echoed (a "text" may be a secret pasted by a user).
 */

/** Longest chat title, in Unicode code points. */
export const titleLimit = 256;

const parseModes: ReadonlySet<string> = new Set(Object.values(ParseMode));
const roles: ReadonlySet<string> = new Set(Object.values(ChatParticipantRole));
const callOptionKeys = ["timeout", "signal"] as const;

/** A non-empty string id. */
export function requireId(name: string, value: unknown): string {
  if (typeof value !== "string") throw invalidOption(name, `expected a string, got ${describeValue(value)}`);
  if (value.trim() === "") throw invalidOption(name, "must not be empty");
  return value;
}

/** An optional id: `undefined`/`null` pass as `null`. */
export function optionalId(name: string, value: unknown): string | null {
  return value === undefined || value === null ? null : requireId(name, value);
}

/** A required integer of at least 1 (counts and 1-based pages). */
export function requirePositiveInteger(name: string, value: unknown): number {
  if (value === undefined) throw invalidOption(name, "is required");
  return requireInteger(name, value, 0, { min: 1 });
}

/** One of `text`, `markdown`, `html`; `undefined` takes the default. */
export function requireParseMode(value: unknown, fallback: ParseMode = ParseMode.TEXT): ParseMode {
  if (value === undefined) return fallback;
  if (typeof value !== "string" || !parseModes.has(value)) {
    throw invalidOption("parseMode", `expected one of ${[...parseModes].join(", ")}`);
  }
  return value as ParseMode;
}

/** A participant role string of {@link ChatParticipantRole}. */
export function requireRole(value: unknown): ChatParticipantRole {
  if (typeof value !== "string" || !roles.has(value)) {
    throw invalidOption("role", `expected one of ${[...roles].join(", ")}`);
  }
  return value as ChatParticipantRole;
}

/** A survey kind of {@link SurveyType}; `undefined` takes the non-anonymous default. */
export function requireSurveyType(value: unknown): SurveyType {
  if (value === undefined) return SurveyType.NON_ANONYMOUS;
  if (value !== SurveyType.ANONYMOUS && value !== SurveyType.NON_ANONYMOUS) {
    throw invalidOption("surveyType", "expected SurveyType.ANONYMOUS or SurveyType.NON_ANONYMOUS");
  }
  return value;
}

/** A text as sent: its wire string and the parse mode it is written in. */
export interface RenderedText {
  readonly text: string;
  readonly parseMode: ParseMode;
}

/**
 * A message text or caption: a string under `parseMode` (default plain text), or a `@tc/format` node rendered
 * with `parseMode` (default HTML). It must be non-empty and at most 4096 visible characters once rendered.
 */
export function requireText(
  name: string,
  value: unknown,
  parseModeOption: unknown,
  tooLong: new (actual: number, limit: number) => LimitExceededError,
): RenderedText {
  let text: string;
  let parseMode: ParseMode;
  if (value instanceof FormatNode) {
    parseMode = requireParseMode(parseModeOption, ParseMode.HTML);
    text = renderNode(value, parseMode);
  } else if (typeof value === "string") {
    parseMode = requireParseMode(parseModeOption);
    text = value;
  } else {
    throw invalidOption(name, `expected a string or a formatted text node, got ${describeValue(value)}`);
  }
  if (text.trim() === "") throw invalidOption(name, "must not be empty");
  const length = visibleLength(text, { parseMode });
  if (length > MESSAGE_TEXT_LIMIT) throw new tooLong(length, MESSAGE_TEXT_LIMIT);
  return { text, parseMode };
}

/** A formatting node's text in the given parse mode. */
function renderNode(node: FormatNode, parseMode: ParseMode): string {
  if (parseMode === ParseMode.HTML) return node.asHtml();
  if (parseMode === ParseMode.MARKDOWN) return node.asMarkdown();
  return node.toString();
}

/** A non-empty title of at most 256 code points. */
export function requireTitle(
  value: unknown,
  tooLong: new (actual: number, limit: number) => LimitExceededError,
): string {
  if (typeof value !== "string")
    throw invalidOption("title", `expected a string, got ${describeValue(value)}`);
  if (value.trim() === "") throw invalidOption("title", "must not be empty");
  const length = [...value].length;
  if (length > titleLimit) throw new tooLong(length, titleLimit);
  return value;
}

/** An input file of `@tc/files` (checked by shape, so copies of that package from other installs work too). */
export function requireInputFile(name: string, value: unknown): InputFile {
  const candidate = value as { describe?: unknown } | null;
  if (typeof candidate !== "object" || candidate === null || typeof candidate.describe !== "function") {
    throw invalidOption(
      name,
      `expected an InputFile (FSInputFile, BufferedInputFile, …), got ${describeValue(value)}`,
    );
  }
  return value as InputFile;
}

/**
 * The options object of a call: an object (a missing or non-object argument is a typed error, not a TypeError)
 * whose keys are all in `keys` or {@link CallOptions} (an unknown key is an error suggesting the nearest known
 * one, so a typo is never silently ignored). Its per-call `timeout` and `signal` are checked here, so before
 * anything is sent.
 */
export function requireOptions<T extends object>(
  where: string,
  value: T | undefined,
  keys: readonly string[],
): T {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw invalidOption("options", `expected an options object, got ${describeValue(value)}`);
  }
  checkOptions(where, value, [...keys, ...callOptionKeys]);
  const { timeout, signal } = value as CallOptions;
  if (timeout !== undefined && !(typeof timeout === "number" && Number.isFinite(timeout) && timeout > 0)) {
    throw invalidOption(
      "timeout",
      `expected a positive number of milliseconds, got ${describeValue(timeout)}`,
    );
  }
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw invalidOption("signal", `expected an AbortSignal, got ${describeValue(signal)}`);
  }
  return value;
}
