import {
  codePointAt,
  codePointBefore,
  countCodePoints,
  extendsGrapheme,
  isAlphanumeric,
  isWhitespace,
  mayExtendGrapheme,
} from "./characters.js";
import { markerKey } from "./markup-keys.js";
import { NextMatch } from "./next-match.js";
import { TokenKind, TokenList } from "./token-list.js";
import { pushTextRun, pushWhitespace, textStops } from "./tokenize-plain.js";

const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const ASTERISK = 0x2a;
const UNDERSCORE = 0x5f;
const TILDE = 0x7e;

/** `]` ends a text run too, so that no run crosses the end of a link label. */
const MARKDOWN_STOPS = textStops("\\[]*_~");

/**
 * Tokens of a `markdown` mode message.
 *
 * Widths follow PROTOCOL.md 10.4: a run of two or more `*`, `_` or `~` is invisible; a single one is
 * invisible unless both neighbours are letters or digits; `__` between two letters counts 2; a link
 * `[label](url)` counts its label without markers, a space and its url. Unlike the reference a
 * backslash escape is one unbreakable token that counts both its characters (the server may or may not
 * honour escapes) and is never markup; a lone backslash sticks to the character after it as well.
 *
 * Which markers open and close emphasis: a marker run closes the innermost open marker when it is the
 * same and the run follows a non-space (with CommonMark's rule of three for runs that could do both);
 * otherwise it opens when a non-space follows it. Markers still open at a paragraph break, at the end
 * of a link label or at the end of the text are literal text after all: the splitter never balances
 * emphasis that the input never closed.
 */
export function tokenizeMarkdown(text: string): TokenList {
  return new MarkdownTokenizer(text).run();
}

class MarkdownTokenizer {
  private readonly list: TokenList;
  private readonly nextCloseBracket: NextMatch;
  private readonly nextCloseParen: NextMatch;
  /** Token indices of markers that are open, innermost last. */
  private readonly open: number[] = [];
  /** Markers below this depth of `open` belong to an enclosing scope and cannot be closed here. */
  private scope = 0;

  constructor(private readonly text: string) {
    this.list = new TokenList(text);
    this.nextCloseBracket = NextMatch.of(text, "]");
    this.nextCloseParen = NextMatch.of(text, ")");
  }

  run(): TokenList {
    this.range(0, this.text.length, false);
    this.endScope(0);
    return this.list.finish();
  }

  /** Tokenizes `text[from, to)`; inside a link label markers are invisible, like `strip_markup` does. */
  private range(from: number, to: number, inLabel: boolean): void {
    const { text, list } = this;
    const enclosingScope = this.scope;
    const scope = this.open.length;
    this.scope = scope;
    let pos = from;
    while (pos < to) {
      // No run crosses `to`: it is a `]`, which ends whitespace and text runs alike.
      const afterSpace = pushWhitespace(list, pos);
      if (afterSpace > pos) {
        const index = list.length - 1;
        if (list.kinds[index] === TokenKind.NEWLINE && (list.keys[index] ?? 0) >= 2 && !inLabel) {
          this.endScope(scope);
        }
        pos = afterSpace;
        continue;
      }
      const unit = text.charCodeAt(pos);
      const linkEnd = unit === OPEN_BRACKET && !inLabel ? this.link(pos, to) : -1;
      if (linkEnd > 0) {
        pos = linkEnd;
      } else if (unit === BACKSLASH && pos + 1 < to) {
        pos = this.backslash(pos, to);
      } else if (unit === ASTERISK || unit === UNDERSCORE || unit === TILDE) {
        pos = this.markerRun(pos, to, inLabel);
      } else {
        pos = pushTextRun(list, pos, MARKDOWN_STOPS);
      }
    }
    if (inLabel) this.endScope(scope);
    this.scope = enclosingScope;
  }

  /**
   * A backslash and the grapheme after it are one unbreakable token, whether or not they form an
   * escape (`\\*`): a chunk that ended right after a lone backslash would get its closing marker
   * escaped (`\\` + `*`), so the two are never separated. Both characters count.
   */
  private backslash(pos: number, to: number): number {
    const { text, list } = this;
    let end = pos + 1 + (codePointAt(text, pos + 1)?.length ?? 1);
    while (end < to && mayExtendGrapheme(text.charCodeAt(end)) && extendsGrapheme(codePointAt(text, end))) {
      end += codePointAt(text, end)?.length ?? 1;
    }
    end = Math.min(end, to);
    list.push(pos, TokenKind.ATOM, countCodePoints(text, pos, end));
    return end;
  }

  /** Tokenizes the link `[label](url)` starting at `pos` if there is one; returns its end or -1. */
  private link(pos: number, to: number): number {
    const { text, list } = this;
    const bracket = this.nextCloseBracket.from(pos + 1);
    if (bracket < 0 || bracket + 1 >= to || text.charCodeAt(bracket + 1) !== 0x28) return -1;
    const paren = this.nextCloseParen.from(bracket + 2);
    if (paren <= bracket + 2 || paren >= to) return -1;
    const url = text.slice(bracket + 2, paren);
    const openIndex = list.push(pos, TokenKind.LINK_OPEN, 0, list.links.length);
    this.range(pos + 1, bracket, true);
    const closeIndex = list.push(bracket, TokenKind.LINK_CLOSE, 0, list.links.length);
    const label = list.labelText(openIndex, closeIndex);
    list.addLink({
      openIndex,
      closeIndex,
      url,
      total: countCodePoints(`${label} ${url}`.trim()),
      overhead: 1 + countCodePoints(url),
    });
    return paren + 1;
  }

  /** Tokenizes a run of one marker character; returns where it ends. */
  private markerRun(pos: number, to: number, inLabel: boolean): number {
    const { text, list } = this;
    const char = text.charCodeAt(pos);
    let end = pos + 1;
    while (end < to && text.charCodeAt(end) === char) end++;
    const length = end - pos;
    const before = codePointBefore(text, pos);
    const after = end < to ? codePointAt(text, end) : undefined;
    const intraWord = isAlphanumeric(before) && isAlphanumeric(after);
    // Visible per the reference: a single marker, or `__`, between two letters or digits. Only `*`
    // can still emphasise there (`a*b*c`), so it goes on as a marker that keeps its width of 1.
    if (intraWord && ((length === 1 && char !== ASTERISK) || (length === 2 && char === UNDERSCORE))) {
      list.push(pos, TokenKind.ATOM, inLabel ? 0 : length);
      return end;
    }
    const width = intraWord && length === 1 && !inLabel ? 1 : 0;
    // A single `~` is not strikethrough; it is literal and, per the reference, invisible.
    if (char === TILDE && length === 1) {
      list.push(pos, TokenKind.ATOM, 0);
      return end;
    }
    const canClose = before !== undefined && !isWhitespace(before.charCodeAt(0));
    const canOpen = after !== undefined && !isWhitespace(after.charCodeAt(0));
    let at = pos;
    while (at < end && canClose && this.open.length > this.scope) {
      const top = this.open.at(-1) as number;
      if (list.text.charCodeAt(list.start(top)) !== char) break;
      // CommonMark's rule of three: a run that could open as well does not close an opener when
      // their lengths add up to a multiple of 3, so `*a**b***` is `*a` + `**b**` + `*`.
      if (canOpen && (this.markerLength(top) + length) % 3 === 0 && length % 3 !== 0) break;
      if (char !== TILDE) this.fitInnermost(Math.min(2, end - at));
      const topLength = this.markerLength(top);
      if (topLength > end - at) break;
      list.push(at, TokenKind.CLOSE, width, list.keys[top] as number);
      this.open.pop();
      at += topLength;
    }
    const size = char === TILDE ? 2 : 0;
    while (at < end && canOpen) {
      const markerLength = size || Math.min(2, end - at);
      if (end - at < markerLength) break;
      this.open.push(list.push(at, TokenKind.OPEN, width, markerKey(text.slice(at, at + markerLength))));
      at += markerLength;
    }
    if (at < end) list.push(at, TokenKind.ATOM, width);
    return end;
  }

  private markerLength(index: number): number {
    return this.list.start(index + 1) - this.list.start(index);
  }

  /**
   * A run like `***` is opened as two markers before it is known which one closes first. When the
   * closer needs the other split (`***a* b**` closes `*` first), the two markers of the run swap
   * sizes, as CommonMark matches closers against the opener run as a whole.
   */
  private fitInnermost(wanted: number): void {
    const { list, open } = this;
    const inner = open.at(-1) as number;
    const outer = open.at(-2);
    const innerLength = this.markerLength(inner);
    if (innerLength === wanted || outer === undefined || outer !== inner - 1 || open.length - 2 < this.scope)
      return;
    const outerLength = this.markerLength(outer);
    if (outerLength !== wanted) return;
    const marker = list.text.charAt(list.start(outer));
    list.starts[inner] = list.start(outer) + innerLength;
    list.keys[outer] = markerKey(marker.repeat(innerLength));
    list.keys[inner] = markerKey(marker.repeat(outerLength));
  }

  /** Markers opened since `scope` that were never closed are literal text. */
  private endScope(scope: number): void {
    while (this.open.length > scope) {
      const index = this.open.pop() as number;
      this.list.kinds[index] = TokenKind.ATOM;
    }
  }
}
