/**
 * Shows a message text readably in a terminal: HTML and Markdown markup become terminal styles (or are dropped
 * when colours are off), links show their target, mentions show as `@Name`.
 */

/** Terminal styles, or nothing when the output is not a terminal. */
export interface Styles {
  bold(text: string): string;
  italic(text: string): string;
  underline(text: string): string;
  strike(text: string): string;
}

const ansi = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;

/** ANSI styles for a terminal. */
export const terminalStyles: Styles = {
  bold: ansi(1, 22),
  italic: ansi(3, 23),
  underline: ansi(4, 24),
  strike: ansi(9, 29),
};

/** No styling: the text alone (pipes, logs, tests). */
export const plainStyles: Styles = {
  bold: (t) => t,
  italic: (t) => t,
  underline: (t) => t,
  strike: (t) => t,
};

const entities: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", "#39": "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos|#39);/g, (_, name: string) => entities[name] ?? "");
}

function link(text: string, target: string): string {
  if (target.startsWith("trueconf:")) return text.startsWith("@") ? text : `@${text}`;
  return text === target ? target : `${text} (${target})`;
}

function renderHtml(html: string, s: Styles): string {
  const tagStyles: Record<string, (t: string) => string> = {
    b: s.bold,
    strong: s.bold,
    i: s.italic,
    em: s.italic,
    u: s.underline,
    ins: s.underline,
    s: s.strike,
    strike: s.strike,
    del: s.strike,
  };
  let out = html.replace(/<br\s*\/?>/gi, "\n");
  // Innermost first, so nested styles apply in order; a few rounds cover any sane nesting.
  for (let round = 0; round < 8; round++) {
    const next = out
      .replace(/<a\s[^>]*href\s*=\s*["']([^"']*)["'][^>]*>([^<]*)<\/a>/gi, (_, href: string, text: string) =>
        link(text, decodeEntities(href)),
      )
      .replace(/<(b|strong|i|em|u|ins|s|strike|del)>([^<]*)<\/\1>/gi, (_, tag: string, text: string) =>
        (tagStyles[tag.toLowerCase()] ?? ((t: string) => t))(text),
      );
    if (next === out) break;
    out = next;
  }
  return decodeEntities(out.replace(/<[^>]+>/g, ""));
}

function renderMarkdown(markdown: string, s: Styles): string {
  return markdown
    .replace(/\[([^\]]*)\]\(([^)\s]*)\)/g, (_, text: string, target: string) => link(text, target))
    .replace(/\*\*([^*]+)\*\*/g, (_, t: string) => s.bold(t))
    .replace(/__([^_]+)__/g, (_, t: string) => s.underline(t))
    .replace(/~~([^~]+)~~/g, (_, t: string) => s.strike(t))
    .replace(/(^|[^\w*])\*([^*\s][^*]*)\*/g, (_, before: string, t: string) => before + s.italic(t))
    .replace(/(^|[^\w_])_([^_\s][^_]*)_/g, (_, before: string, t: string) => before + s.italic(t))
    .replace(/\\([\\`*_~[\]()#+\-.!|>])/g, "$1");
}

/**
 * The text of a message as a terminal shows it.
 *
 * @example
 * renderForTerminal("<b>Hi</b> <a href=\"trueconf:alice@srv\">Alice</a>", "html", plainStyles); // "Hi @Alice"
 */
export function renderForTerminal(text: string, parseMode: string | undefined, styles: Styles): string {
  if (parseMode === "html") return renderHtml(text, styles);
  if (parseMode === "markdown") return renderMarkdown(text, styles);
  return text;
}
