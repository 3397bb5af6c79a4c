import { ParseMode } from "./parse-mode.js";
import type { TokenList } from "./token-list.js";
import { tokenizeHtml } from "./tokenize-html.js";
import { tokenizeMarkdown } from "./tokenize-markdown.js";
import { tokenizePlain } from "./tokenize-plain.js";

/** Tokens of `text` as the server reads it in `parseMode`. */
export function tokenize(text: string, parseMode: ParseMode): TokenList {
  if (parseMode === ParseMode.HTML) return tokenizeHtml(text);
  if (parseMode === ParseMode.MARKDOWN) return tokenizeMarkdown(text);
  return tokenizePlain(text);
}
