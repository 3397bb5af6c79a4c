import { readParseMode, requireOptions, requireString } from "./arguments.js";
import { countCodePoints } from "./characters.js";
import { ParseMode } from "./parse-mode.js";
import { TokenKind, type TokenList } from "./token-list.js";
import { tokenize } from "./tokenize.js";

/** Options of {@link visibleLength}. */
export interface VisibleLengthOptions {
  /** How the server will read the text; default `text` (the default of `sendMessage`). */
  parseMode?: ParseMode;
}

/**
 * How many characters a reader sees, the measure the server's 4096 limit is checked against.
 * Counted in Unicode code points, never UTF-16 units (an emoji is 1). In `text` mode every character
 * counts. In `html` and `markdown` mode the markup of that mode does not count, following the
 * reference measure of PROTOCOL.md 10.4: a link counts its label, a space and its url; entities and
 * unknown tags (`<br>`) count every character.
 *
 * @example
 * ```ts
 * visibleLength("<b>bold</b>", { parseMode: "html" }); // 4
 * visibleLength("**bold**", { parseMode: "markdown" }); // 4
 * visibleLength("a * b"); // 5: plain text, every character is visible
 * ```
 */
export function visibleLength(text: string, options?: VisibleLengthOptions): number {
  requireString(text, "visibleLength: text");
  const parseMode = readParseMode(requireOptions(options, "visibleLength").parseMode, "visibleLength");
  if (parseMode === ParseMode.TEXT) return countCodePoints(text);
  return measureTokens(tokenize(text, parseMode));
}

/** Visible length of an already tokenized text: links count as a whole, their inner tokens not again. */
export function measureTokens(tokens: TokenList): number {
  const { kinds, widths, length } = tokens;
  let total = 0;
  for (let i = 0; i < length; i++) {
    if (kinds[i] === TokenKind.LINK_OPEN) {
      const link = tokens.linkOf(i);
      total += link.total;
      i = link.closeIndex;
    } else {
      total += widths[i] ?? 0;
    }
  }
  return total;
}
