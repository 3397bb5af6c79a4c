import { isParseMode, type ParseMode } from "./envelopes.js";
import { WorldErrorCode } from "./error-codes.js";
import { PayloadReader } from "./payload-reader.js";
import { WorldRequestError } from "./world-request-error.js";

/** Text with its parse mode: the content of a plain message and of a caption. */
export interface TextContent {
  text: string;
  parseMode: ParseMode;
}

/**
 * Read `{ text, parseMode }`. The text must not be empty (there is nothing to show); a missing parse mode means
 * `"text"`, an unknown one is malformed.
 *
 * @example
 * readTextContent(PayloadReader.from({ text: "hi" })); // { text: "hi", parseMode: "text" }
 */
export function readTextContent(input: PayloadReader): TextContent {
  const text = input.text("text");
  if (text.length === 0)
    throw new WorldRequestError(WorldErrorCode.MALFORMED, "content.text must not be empty");
  const parseMode = input.raw("parseMode") ?? "text";
  if (!isParseMode(parseMode)) {
    throw new WorldRequestError(
      WorldErrorCode.MALFORMED,
      'content.parseMode must be "text", "markdown" or "html"',
    );
  }
  return { text, parseMode };
}

/**
 * What the control API accepts for a text (a string, or `{ text, parseMode }`), checked by the same rules as the
 * wire so that a simulated human cannot post what a client could not.
 */
export function textFromControl(value: string | { text: string; parseMode?: ParseMode }): TextContent {
  return readTextContent(PayloadReader.from(typeof value === "string" ? { text: value } : value, "content"));
}
