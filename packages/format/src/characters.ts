// Character classes shared by the tokenizers and the splitter. Everything works on UTF-16 code units
// with explicit surrogate handling, because lengths are defined in code points (PROTOCOL.md 0).

/** Counts the code points of `text[from, to)`; a lone surrogate counts as one, like any other unit. */
export function countCodePoints(text: string, from = 0, to = text.length): number {
  let count = to - from;
  for (let i = from + 1; i < to; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xdc00 && unit <= 0xdfff) {
      const previous = text.charCodeAt(i - 1);
      if (previous >= 0xd800 && previous <= 0xdbff) count--;
    }
  }
  return count;
}

/** Characters that end a line: LF, CR (a CRLF pair counts as one line end), LS and PS. */
export function isLineBreak(unit: number): boolean {
  return unit === 0x0a || unit === 0x0d || unit === 0x2028 || unit === 0x2029;
}

/**
 * Whitespace the splitter may break at: ASCII whitespace, the Unicode spaces except the no-break
 * ones (U+00A0, U+2007, U+202F), and the line and paragraph separators. Ordered by code point so
 * that the letters of most scripts are rejected after one or two comparisons.
 */
export function isWhitespace(unit: number): boolean {
  if (unit < 0x1680) return unit === 0x20 || (unit >= 0x09 && unit <= 0x0d);
  if (unit < 0x2000) return unit === 0x1680;
  if (unit <= 0x200a) return unit !== 0x2007;
  return unit === 0x2028 || unit === 0x2029 || unit === 0x205f || unit === 0x3000;
}

/** True when `text[from, to)` holds nothing but whitespace the splitter breaks at. */
export function isBlank(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isWhitespace(text.charCodeAt(i))) return false;
  return true;
}

/** Full stops of CJK text, which is written without spaces: a sentence may end right after them. */
export function isCjkSentenceEnd(unit: number): boolean {
  return unit === 0x3002 || unit === 0xff01 || unit === 0xff1f;
}

/** `. ! ? …` and the CJK full stops. */
function isSentenceEnd(unit: number): boolean {
  return unit === 0x2e || unit === 0x21 || unit === 0x3f || unit === 0x2026 || isCjkSentenceEnd(unit);
}

/** Quotes and brackets that may follow the end of a sentence. */
function isClosingPunctuation(unit: number): boolean {
  return (
    unit === 0x22 ||
    unit === 0x27 ||
    unit === 0x29 ||
    unit === 0x5d ||
    unit === 0xbb ||
    unit === 0x201d ||
    unit === 0x2019
  );
}

/** True when `text` just before `end` reads as the end of a sentence (closing quotes allowed after it). */
export function endsSentence(text: string, end: number): boolean {
  let i = end - 1;
  // A sentence may end inside quotes or brackets: `He said "stop."` then a space.
  for (let skipped = 0; i >= 0 && skipped < 3 && isClosingPunctuation(text.charCodeAt(i)); skipped++) i--;
  return i >= 0 && isSentenceEnd(text.charCodeAt(i));
}

const ALPHANUMERIC = /[\p{L}\p{N}]/u;
const GRAPHEME_EXTENDER = /[\p{M}\u200d]/u;

/** The code point that ends just before `index`, or `undefined` at the start. */
export function codePointBefore(text: string, index: number): string | undefined {
  if (index <= 0) return undefined;
  const low = text.charCodeAt(index - 1);
  if (low >= 0xdc00 && low <= 0xdfff && index >= 2) {
    const high = text.charCodeAt(index - 2);
    if (high >= 0xd800 && high <= 0xdbff) return text.slice(index - 2, index);
  }
  return text.charAt(index - 1);
}

/** The code point that starts at `index`, or `undefined` at the end. */
export function codePointAt(text: string, index: number): string | undefined {
  const point = text.codePointAt(index);
  return point === undefined ? undefined : String.fromCodePoint(point);
}

/** Letters and digits of any script (Python's `str.isalnum`, which the reference measure relies on). */
export function isAlphanumeric(char: string | undefined): boolean {
  return char !== undefined && ALPHANUMERIC.test(char);
}

/** Combining marks and the zero-width joiner attach to the character before them. */
export function extendsGrapheme(char: string | undefined): boolean {
  return char !== undefined && GRAPHEME_EXTENDER.test(char);
}

/**
 * Cheap pre-check for {@link extendsGrapheme} on a UTF-16 unit: false for ASCII and Latin-1 and for
 * the big blocks of letters (Cyrillic, kana and CJK ideographs, Hangul) that can never extend.
 */
export function mayExtendGrapheme(unit: number): boolean {
  if (unit < 0x300) return false;
  if (unit >= 0x400 && unit < 0x483) return false;
  if (unit >= 0x3040 && unit < 0xa000) return false;
  return !(unit >= 0xac00 && unit < 0xd7a4);
}
