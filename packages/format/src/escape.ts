import { requireString } from "./arguments.js";

const HTML_SPECIAL = /[&<>]/g;
const HTML_ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#x27;",
};
const ATTRIBUTE_SPECIAL = /[&<>"']/g;
const MARKDOWN_SPECIAL = /[_*[\]()~`>#+\-=|{}.!\\]/g;

/**
 * Escapes text for `html` mode: `&`, `<` and `>` become entities, so user text can never open a tag.
 * Quotes are left alone; they only matter inside attributes.
 *
 * @example
 * ```ts
 * escapeHtml("a < b & c"); // "a &lt; b &amp; c"
 * ```
 */
export function escapeHtml(text: string): string {
  return requireString(text, "escapeHtml: text").replace(
    HTML_SPECIAL,
    (char) => HTML_ENTITIES[char] as string,
  );
}

/** Escapes a value for a double-quoted HTML attribute: quotes become entities as well. */
export function escapeHtmlAttribute(text: string): string {
  return text.replace(ATTRIBUTE_SPECIAL, (char) => HTML_ENTITIES[char] as string);
}

/**
 * Escapes text for `markdown` mode: a backslash goes before each of `_ * [ ] ( ) ~ \` > # + - = | { } . ! \\`
 * (the set the Python SDK escapes). Whether the server honours backslash escapes is not documented;
 * see the README.
 *
 * @example
 * ```ts
 * escapeMarkdown("2*3 = 6."); // "2\\*3 \\= 6\\."
 * ```
 */
export function escapeMarkdown(text: string): string {
  return requireString(text, "escapeMarkdown: text").replace(MARKDOWN_SPECIAL, "\\$&");
}
