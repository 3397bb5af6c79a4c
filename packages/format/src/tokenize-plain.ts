import {
  countCodePoints,
  extendsGrapheme,
  codePointAt,
  isCjkSentenceEnd,
  isLineBreak,
  isWhitespace,
} from "./characters.js";
import { TokenKind, TokenList } from "./token-list.js";

/**
 * Pushes the whitespace run starting at `pos` as one `SPACE` or `NEWLINE` token and returns where it
 * ends (`pos` itself when there is no whitespace). A space followed by a combining mark belongs to the
 * grapheme after it, so it is left out of the run and a break can never separate the two.
 */
export function pushWhitespace(list: TokenList, pos: number): number {
  const text = list.text;
  let end = pos;
  let lineBreaks = 0;
  while (end < text.length) {
    const unit = text.charCodeAt(end);
    if (!isWhitespace(unit)) break;
    // CRLF is one line end.
    if (isLineBreak(unit) && !(unit === 0x0a && end > pos && text.charCodeAt(end - 1) === 0x0d)) lineBreaks++;
    end++;
  }
  if (end > pos && end < text.length && extendsGrapheme(codePointAt(text, end))) {
    end--;
    if (isLineBreak(text.charCodeAt(end)) && !(text.charCodeAt(end) === 0x0a && text.charCodeAt(end - 1) === 0x0d)) {
      lineBreaks--;
    }
  }
  if (end === pos) return pos;
  if (lineBreaks > 0) list.push(pos, TokenKind.NEWLINE, end - pos, lineBreaks);
  else list.push(pos, TokenKind.SPACE, end - pos);
  return end;
}

/**
 * Pushes a `TEXT` token from `pos` (its first character is always taken) up to whitespace, a character
 * for which `stopsAt` is true, or just after a CJK full stop; returns where it ends.
 */
export function pushTextRun(list: TokenList, pos: number, stopsAt: (unit: number) => boolean): number {
  const text = list.text;
  let end = pos;
  for (;;) {
    const unit = text.charCodeAt(end);
    end++;
    if (end >= text.length || isCjkSentenceEnd(unit)) break;
    const next = text.charCodeAt(end);
    if (isWhitespace(next) || stopsAt(next)) break;
  }
  list.push(pos, TokenKind.TEXT, countCodePoints(text, pos, end));
  return end;
}

const NOTHING = () => false;

/** Tokens of a `text` mode message: words and whitespace, nothing is markup. */
export function tokenizePlain(text: string): TokenList {
  const list = new TokenList(text);
  let pos = 0;
  while (pos < text.length) {
    const afterSpace = pushWhitespace(list, pos);
    pos = afterSpace > pos ? afterSpace : pushTextRun(list, pos, NOTHING);
  }
  return list.finish();
}
