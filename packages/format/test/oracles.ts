// Independent, deliberately simple readings of the output, written without the package's tokenizers,
// so that the properties do not check the implementation against itself.

const HTML_FORMATTING_TAG = /<(\/?)(b|i|u|s|a)(?:\s[^<>]*)?>/gi;
const MARKDOWN_READING = /\\([_*[\]()~`>#+\-=|{}.!\\])|\[([^\]]*)\]\([^)]*\)|[*_~]/g;

/** What a reader sees of an HTML message built by the nodes: formatting tags removed. */
export function htmlVisible(text: string): string {
  return text.replace(HTML_FORMATTING_TAG, "");
}

/** What a reader sees of a Markdown message built by the nodes: escapes resolved, link labels, no markers. */
export function markdownVisible(text: string): string {
  return text.replace(
    MARKDOWN_READING,
    (_match, escaped: string | undefined, label: string | undefined) =>
      escaped ?? (label === undefined ? "" : markdownVisible(label)),
  );
}

/** True when every HTML formatting tag is closed in order and nothing stays open. */
export function htmlBalanced(text: string): boolean {
  const open: string[] = [];
  for (const [, closing, name] of text.matchAll(HTML_FORMATTING_TAG)) {
    const tag = (name as string).toLowerCase();
    if (!closing) open.push(tag);
    else if (open.pop() !== tag) return false;
  }
  return open.length === 0;
}

/**
 * True when the Markdown emphasis of a node-built message pairs up: each run of `*` closes the
 * innermost open `*`/`**` it can and opens the rest, `_` and `~~` likewise, and every link is complete.
 */
export function markdownBalanced(text: string): boolean {
  // Emphasis never spans paragraphs in Markdown.
  return text.split(/\n\s*\n/).every(paragraphBalanced);
}

function paragraphBalanced(text: string): boolean {
  const withoutEscapes = text.replace(/\\[_*[\]()~`>#+\-=|{}.!\\]/g, "x");
  const withoutLinks = withoutEscapes.replace(/\[([^\]]*)\]\([^)]*\)/g, (_m, label: string) =>
    paragraphBalanced(label) ? label.replace(/[*_~]/g, "") : "[",
  );
  if (withoutLinks.includes("[") || withoutLinks.includes("](")) return false;
  // Open runs as a character and a count; closers use up as much of the innermost run as they can.
  const open: { char: string; count: number }[] = [];
  for (const { 0: run, index } of withoutLinks.matchAll(/\*+|_+|~+/g)) {
    // Flanking as in CommonMark, simplified: a run after a non-space may close, before one may open.
    const mayClose = index > 0 && !/\s/.test(withoutLinks.charAt(index - 1));
    const mayOpen =
      index + run.length < withoutLinks.length && !/\s/.test(withoutLinks.charAt(index + run.length));
    const char = run.charAt(0);
    let rest = run.length;
    for (let top = open.at(-1); mayClose && rest > 0 && top?.char === char; top = open.at(-1)) {
      if (mayOpen && (top.count + run.length) % 3 === 0 && run.length % 3 !== 0) break;
      const used = Math.min(top.count, rest, 2);
      top.count -= used;
      rest -= used;
      if (top.count === 0) open.pop();
    }
    if (rest > 0) {
      if (!mayOpen) return false;
      open.push({ char, count: rest });
    }
  }
  return open.length === 0;
}

/** Whitespace the splitter breaks at (a no-break space is content, not a break). */
export const BREAKING_WHITESPACE = /[ \t\n\v\f\r\u1680\u2000-\u2006\u2008-\u200a\u2028\u2029\u205f\u3000]/;

/**
 * Finds `chunks` in `whole`, one after the other, with nothing but breaking whitespace left out
 * between them (and at the very end). Returns the `[start, end)` offset of each chunk, or a
 * description of the first mismatch.
 */
export function locateChunks(whole: string, chunks: readonly string[]): [number, number][] | string {
  const ranges: [number, number][] = [];
  let pos = 0;
  for (const [index, chunk] of chunks.entries()) {
    if (index > 0) {
      while (
        pos < whole.length &&
        BREAKING_WHITESPACE.test(whole.charAt(pos)) &&
        !whole.startsWith(chunk, pos)
      ) {
        pos++;
      }
    }
    if (!whole.startsWith(chunk, pos)) {
      return `chunk ${index} ${JSON.stringify(chunk)} does not continue at ${JSON.stringify(whole.slice(pos, pos + 40))}`;
    }
    ranges.push([pos, pos + chunk.length]);
    pos += chunk.length;
  }
  const rest = whole.slice(pos);
  return [...rest].every((char) => BREAKING_WHITESPACE.test(char))
    ? ranges
    : `text left over: ${JSON.stringify(rest.slice(0, 40))}`;
}

/**
 * Checks that `chunks` read as `whole` with only breaking whitespace left out at the boundaries
 * between chunks (and at the very end); returns a description of the first mismatch, or undefined.
 */
export function missingBesidesBreakWhitespace(whole: string, chunks: readonly string[]): string | undefined {
  const located = locateChunks(whole, chunks);
  return typeof located === "string" ? located : undefined;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/**
 * The first offset where a chunk starts or ends inside a grapheme cluster of `whole` (surrogate pairs
 * included), or undefined; `chunks` must read as `whole` (see {@link locateChunks}). Only a cluster
 * wider than `limit` code points, which no chunk can hold, may be cut.
 */
export function cutInsideGrapheme(
  whole: string,
  chunks: readonly string[],
  limit: number,
): string | undefined {
  const located = locateChunks(whole, chunks);
  if (typeof located === "string") return located;
  const boundaries = new Set([whole.length]);
  for (const { index, segment } of graphemes.segment(whole)) {
    // Every offset inside a cluster too wide for a chunk counts as a boundary.
    const inside = [...segment].length > limit ? segment.length : 1;
    for (let offset = 0; offset < inside; offset++) boundaries.add(index + offset);
  }
  for (const [start, end] of located) {
    for (const offset of [start, end]) {
      if (!boundaries.has(offset)) {
        return `cut inside ${JSON.stringify(whole.slice(offset - 4, offset + 4))} at ${offset}`;
      }
    }
  }
  return undefined;
}

/** The characters the builders' HTML escaping turns into entities, back as they were. */
export function decodeEntities(text: string): string {
  return text.replace(
    /&(amp|lt|gt|quot|#x27);/g,
    (_match, name: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', "#x27": "'" })[name] as string,
  );
}

const HTML_LINK = /<a href="([^"]*)">([\s\S]*?)<\/a>/g;
const MARKDOWN_LINK = /(?<!\\)\[([^[\]]*)\]\(([^)]*)\)/g;

/**
 * The first link of a node-built message that fits in a chunk (its label, a space and its url count
 * at most `limit`, PROTOCOL.md 10.4) but does not appear whole in any chunk, or undefined.
 */
export function cutLinkThatFits(
  whole: string,
  chunks: readonly string[],
  limit: number,
  parseMode: "html" | "markdown",
): string | undefined {
  const links = parseMode === "html" ? HTML_LINK : MARKDOWN_LINK;
  for (const match of whole.matchAll(links)) {
    const [raw, first, second] = match as unknown as [string, string, string];
    const [url, label] =
      parseMode === "html" ? [first, htmlVisible(second)] : [second, first.replace(/[*_~]/g, "")];
    if ([...`${label} ${url}`.trim()].length > limit) continue;
    const inWhole = whole.split(raw).length;
    const inChunks = chunks.reduce((count, chunk) => count + chunk.split(raw).length - 1, 1);
    if (inChunks < inWhole) return raw;
  }
  return undefined;
}

/**
 * The text with the lone markers of `loneMarkerMarkdown` taken out: single markers between two letters
 * or digits and markers with whitespace (or an end of the text) on both sides. The splitter never adds a marker in such a place (only at
 * the edges of a chunk), so what is left is the emphasis that {@link markdownBalanced} must find paired.
 */
export function withoutLoneMarkers(text: string): string {
  return text.replace(/(?<=[\p{L}\p{N}])[*_~](?=[\p{L}\p{N}])|(?<=^|\s)[*_~](?=\s|$)/gu, "");
}
