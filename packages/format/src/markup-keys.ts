// Nesting keys: which closing markup matches which opening markup. HTML tags and Markdown markers
// share one number space so that the splitter's stack treats both alike.

const HTML_TAGS = ["b", "i", "u", "s", "a"] as const;
const MARKDOWN_MARKERS = ["*", "**", "_", "__", "~~"] as const;
const HTML_BASE = 1;
const MARKDOWN_BASE = 11;

/** The key of links (`<a href>` anchors and `[label](url)`), whose closing text is taken from the input. */
export const LINK_KEY = 20;

/** Key of a formatting tag name (`b`, `i`, `u`, `s`, `a`, any case), or 0 for other tags. */
export function htmlTagKey(name: string): number {
  const index = (HTML_TAGS as readonly string[]).indexOf(name.toLowerCase());
  return index < 0 ? 0 : HTML_BASE + index;
}

/** Key of a Markdown emphasis marker (`*`, `**`, `_`, `__`, `~~`). */
export function markerKey(marker: string): number {
  return MARKDOWN_BASE + (MARKDOWN_MARKERS as readonly string[]).indexOf(marker);
}

/** The text that closes markup of key `key` (not for links). */
export function closingMarkup(key: number): string {
  if (key >= MARKDOWN_BASE) return MARKDOWN_MARKERS[key - MARKDOWN_BASE] ?? "";
  return `</${HTML_TAGS[key - HTML_BASE] ?? ""}>`;
}
