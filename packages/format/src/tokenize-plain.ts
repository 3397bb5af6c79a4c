import {
  codePointAt,
  extendsGrapheme,
  isCjkSentenceEnd,
  isLineBreak,
  isWhitespace,
  mayExtendGrapheme,
} from "./characters.js";
import { TokenKind, TokenList } from "./token-list.js";

/**
 * Pushes the whitespace run starting at `pos` as one `SPACE` or `NEWLINE` token and returns where it
 * ends (`pos` itself when there is no whitespace). A space followed by a combining mark belongs to the
 * grapheme after it, so it is left out of the run and a break can never separate the two.
 */
export function pushWhitespace(list: TokenList, pos: number): number {
  const text = list.text;
  if (!isWhitespace(text.charCodeAt(pos))) return pos;
  let end = pos;
  let lineBreaks = 0;
  while (end < text.length) {
    const unit = text.charCodeAt(end);
    if (!isWhitespace(unit)) break;
    // CRLF is one line end.
    if (isLineBreak(unit) && !(unit === 0x0a && end > pos && text.charCodeAt(end - 1) === 0x0d)) lineBreaks++;
    end++;
  }
  if (
    end > pos &&
    end < text.length &&
    mayExtendGrapheme(text.charCodeAt(end)) &&
    extendsGrapheme(codePointAt(text, end))
  ) {
    end--;
    if (
      isLineBreak(text.charCodeAt(end)) &&
      !(text.charCodeAt(end) === 0x0a && text.charCodeAt(end - 1) === 0x0d)
    ) {
      lineBreaks--;
    }
  }
  if (end === pos) return pos;
  if (lineBreaks > 0) list.push(pos, TokenKind.NEWLINE, end - pos, lineBreaks);
  else list.push(pos, TokenKind.SPACE, end - pos);
  return end;
}

/**
 * A table of the ASCII characters that end a text run: whitespace always, plus the characters a
 * parse mode gives a meaning to. A table lookup per character keeps the scan fast on megabytes.
 */
export function textStops(special: string): Uint8Array {
  const stops = new Uint8Array(128);
  for (const char of ` \t\n\v\f\r${special}`) stops[char.charCodeAt(0)] = 1;
  return stops;
}

/**
 * Pushes a `TEXT` token from `pos` (its first character is always taken) up to whitespace, a character
 * marked in `stops`, or just after a CJK full stop; returns where it ends.
 */
export function pushTextRun(list: TokenList, pos: number, stops: Uint8Array): number {
  const text = list.text;
  const length = text.length;
  let unit = text.charCodeAt(pos);
  let end = pos + 1;
  let pairs = 0;
  // Each character is read once; this loop is where megabytes of text are spent.
  while (end < length && !(unit >= 0x3000 && isCjkSentenceEnd(unit))) {
    const next = text.charCodeAt(end);
    if (next < 128 ? stops[next] === 1 : isWhitespace(next)) break;
    if (next >= 0xdc00 && next <= 0xdfff && unit >= 0xd800 && unit <= 0xdbff) pairs++;
    unit = next;
    end++;
  }
  list.push(pos, TokenKind.TEXT, end - pos - pairs);
  return end;
}

const PLAIN_STOPS = textStops("");

/** Tokens of a `text` mode message: words and whitespace, nothing is markup. */
export function tokenizePlain(text: string): TokenList {
  const list = new TokenList(text);
  let pos = 0;
  while (pos < text.length) {
    const afterSpace = pushWhitespace(list, pos);
    pos = afterSpace > pos ? afterSpace : pushTextRun(list, pos, PLAIN_STOPS);
  }
  return list.finish();
}
