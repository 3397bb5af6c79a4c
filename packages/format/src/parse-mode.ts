/**
 * How the server interprets a message text, as sent in `content.parseMode`.
 *
 * @example
 * ```ts
 * visibleLength("**hi**", { parseMode: ParseMode.MARKDOWN }); // 2
 * ```
 */
export const ParseMode = {
  /** Shown verbatim: every character is visible. */
  TEXT: "text",
  /** `**bold**`, `*italic*`, `~~strike~~`, `[label](url)`. */
  MARKDOWN: "markdown",
  /** `<b>`, `<i>`, `<u>`, `<s>`, `<a href="…">`. */
  HTML: "html",
} as const;

/** One of the values of {@link ParseMode}; the plain literals (`"html"` …) are accepted too. */
export type ParseMode = (typeof ParseMode)[keyof typeof ParseMode];
