import { escapeHtml, escapeHtmlAttribute, escapeMarkdown } from "./escape.js";
import { ParseMode } from "./parse-mode.js";

/**
 * A rendering strategy for formatting nodes (the Python SDK's `TextDecoration`): how plain text is
 * escaped and how each kind of node wraps its already rendered content. Implement it to render nodes
 * in a form of your own.
 *
 * @example
 * ```ts
 * const shouting: Decoration = { ...plainDecoration, bold: (inner) => inner.toUpperCase() };
 * Text("a ", Bold("b")).render(shouting); // "a B"
 * ```
 */
export interface Decoration {
  /** Escapes a plain string child so that it is shown as written. */
  escape(text: string): string;
  /** Wraps the rendered content of `Bold`. */
  bold(inner: string): string;
  /** Wraps the rendered content of `Italic`. */
  italic(inner: string): string;
  /** Wraps the rendered content of `Underline`. */
  underline(inner: string): string;
  /** Wraps the rendered content of `Strikethrough`. */
  strikethrough(inner: string): string;
  /** Renders a link from its rendered label and its `url` as given to `Link` (already validated). */
  link(inner: string, url: string): string;
  /** Renders a mention from its rendered label and the `userId` given to `Mention` (already validated). */
  mention(inner: string, userId: string): string;
  /** Renders `AllMention()`. */
  allMention(): string;
}

/** Renders nodes for `parseMode: "html"` (PROTOCOL.md 10.2). */
export const htmlDecoration: Decoration = {
  escape: escapeHtml,
  bold: (inner) => `<b>${inner}</b>`,
  italic: (inner) => `<i>${inner}</i>`,
  underline: (inner) => `<u>${inner}</u>`,
  strikethrough: (inner) => `<s>${inner}</s>`,
  link: (inner, url) => `<a href="${escapeHtmlAttribute(url)}">${inner}</a>`,
  mention: (inner, userId) => `<a href="trueconf:${escapeHtmlAttribute(userId)}">${inner}</a>`,
  allMention: () => "@all",
};

/**
 * Renders nodes for `parseMode: "markdown"` (PROTOCOL.md 10.2). Markdown has no underline, so
 * underlined content is left as it is. Emphasis markers hug the content: leading and trailing
 * whitespace is moved outside them (`** x **` would not be bold), and empty emphasis is dropped.
 * Parentheses in a url are percent-encoded so that they cannot end the link early.
 */
export const markdownDecoration: Decoration = {
  escape: escapeMarkdown,
  bold: (inner) => emphasise(inner, "**"),
  italic: (inner) => emphasise(inner, "*"),
  underline: (inner) => inner,
  strikethrough: (inner) => emphasise(inner, "~~"),
  link: (inner, url) => `[${inner}](${encodeParentheses(url)})`,
  mention: (inner, userId) => `[${inner}](trueconf:${encodeParentheses(userId)})`,
  allMention: () => "@all",
};

/**
 * Renders nodes as the plain text a reader would see, for `parseMode: "text"`, logs and previews:
 * no markup, no escaping; a link shows its label followed by its url in parentheses (unless the label
 * is the url), a mention its label.
 */
export const plainDecoration: Decoration = {
  escape: (text) => text,
  bold: (inner) => inner,
  italic: (inner) => inner,
  underline: (inner) => inner,
  strikethrough: (inner) => inner,
  link: (inner, url) => (inner === url || inner === "" ? url : `${inner} (${url})`),
  mention: (inner) => inner,
  allMention: () => "@all",
};

/**
 * The decoration that renders for `parseMode`.
 *
 * @example
 * ```ts
 * Bold("hi").render(decorationFor(ParseMode.MARKDOWN)); // "**hi**"
 * ```
 */
export function decorationFor(parseMode: ParseMode): Decoration {
  if (parseMode === ParseMode.HTML) return htmlDecoration;
  if (parseMode === ParseMode.MARKDOWN) return markdownDecoration;
  if (parseMode === ParseMode.TEXT) return plainDecoration;
  throw new RangeError(`decorationFor: unknown parse mode ${JSON.stringify(String(parseMode))}`);
}

function emphasise(inner: string, marker: string): string {
  let start = 0;
  let end = inner.length;
  while (start < end && /\s/.test(inner.charAt(start))) start++;
  while (end > start && /\s/.test(inner.charAt(end - 1))) end--;
  if (start === end) return inner;
  return `${inner.slice(0, start)}${marker}${inner.slice(start, end)}${marker}${inner.slice(end)}`;
}

function encodeParentheses(url: string): string {
  return url.replaceAll("(", "%28").replaceAll(")", "%29");
}
