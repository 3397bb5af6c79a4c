import { escapeMarkdown } from "./escape.js";
import { ParseMode } from "./parse-mode.js";
import { TokenKind, type TokenList } from "./token-list.js";

/**
 * A link too long for one chunk, whose url alone leaves no room for a label, cannot be kept as a link.
 * It becomes its label followed by a space and the url as plain text, which can then be split like
 * any text (the reference does the same for every link longer than the limit; we only do it when
 * nothing else works).
 * Returns the rewritten text, or `undefined` when no link is that long.
 */
export function flattenLongLinks(tokens: TokenList, limit: number, parseMode: ParseMode): string | undefined {
  const { text, kinds } = tokens;
  let rewritten = "";
  let copiedUpTo = 0;
  for (const link of tokens.links) {
    const open = link.openIndex;
    if (link.overhead < limit - 1 || link.total <= limit) continue;
    rewritten += text.slice(copiedUpTo, tokens.start(open));
    for (let i = open + 1; i < link.closeIndex; i++) {
      if (kinds[i] === TokenKind.INERT) continue;
      // In Markdown a `[` of the label would otherwise start a new link with a later `](…)`.
      const raw = tokens.raw(i);
      rewritten +=
        parseMode === ParseMode.MARKDOWN && kinds[i] !== TokenKind.ATOM ? raw.replaceAll("[", "\\[") : raw;
    }
    rewritten += ` ${parseMode === ParseMode.MARKDOWN ? escapeMarkdown(link.url) : link.url}`;
    copiedUpTo = tokens.start(link.closeIndex + 1);
  }
  return copiedUpTo === 0 ? undefined : rewritten + text.slice(copiedUpTo);
}
