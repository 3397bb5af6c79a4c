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
 * innermost open `*`/`**` it can and opens the rest, `~~` likewise, and every link is complete.
 */
export function markdownBalanced(text: string): boolean {
  // Emphasis never spans paragraphs in Markdown.
  return text.split(/\n\s*\n/).every(paragraphBalanced);
}

function paragraphBalanced(text: string): boolean {
  const withoutEscapes = text.replace(/\\[_*[\]()~`>#+\-=|{}.!\\]/g, "x");
  const withoutLinks = withoutEscapes.replace(/\[([^\]]*)\]\([^)]*\)/g, (_m, label: string) =>
    paragraphBalanced(label) ? label.replace(/[*~]/g, "") : "[",
  );
  if (withoutLinks.includes("[") || withoutLinks.includes("](")) return false;
  // Open runs as a character and a count; closers use up as much of the innermost run as they can.
  const open: { char: string; count: number }[] = [];
  for (const { 0: run, index } of withoutLinks.matchAll(/\*+|~+/g)) {
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

/**
 * Checks that `chunks` read as `whole` with only whitespace left out at the boundaries between
 * chunks (and at the very end); returns a description of the first mismatch, or undefined.
 */
export function missingBesidesBreakWhitespace(whole: string, chunks: readonly string[]): string | undefined {
  let pos = 0;
  for (const [index, chunk] of chunks.entries()) {
    if (index > 0) {
      while (pos < whole.length && /\s/u.test(whole.charAt(pos)) && !whole.startsWith(chunk, pos)) pos++;
    }
    if (!whole.startsWith(chunk, pos)) {
      return `chunk ${index} ${JSON.stringify(chunk)} does not continue at ${JSON.stringify(whole.slice(pos, pos + 40))}`;
    }
    pos += chunk.length;
  }
  return /^\s*$/u.test(whole.slice(pos))
    ? undefined
    : `text left over: ${JSON.stringify(whole.slice(pos, pos + 40))}`;
}
