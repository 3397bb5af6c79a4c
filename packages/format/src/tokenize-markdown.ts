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
 * Which markers open and close emphasis, as CommonMark decides it: a marker run that follows a non-space
 * closes the nearest open marker of its character that it may close (CommonMark's rule of three, when
 * either run could both open and close), and the markers open inside that pair are literal text;
 * otherwise it opens when a non-space follows it. Markers still open at a paragraph break, at the end
 * of a link label or at the end of the text are literal text after all: the splitter never balances
 * emphasis that the input never closed, and a lone marker inside a run (`a*b` in `**…**`) neither
 * closes nor hides the run's own closer.
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
  /** For each entry of `open`: the length of the run it came from, doubled, plus 1 if the run could close. */
  private readonly openRuns: number[] = [];
  /** Markers below this depth of `open` belong to an enclosing scope and cannot be closed here. */
  private scope = 0;
  /**
   * CommonMark's "openers bottom", per kind of closer (see `closerKind`): the newest opener token that a
   * closer of that kind has already been found not to match. Later closers of the kind stop there,
   * which keeps the search for openers linear however many markers stay unmatched.
   */
  private searched: number[] = newSearchedMarks();

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
    const enclosingSearched = this.searched;
    const scope = this.open.length;
    this.scope = scope;
    // A label's closers never reach the enclosing markers, so what they learn does not apply outside.
    if (inLabel) this.searched = newSearchedMarks();
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
    this.searched = enclosingSearched;
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
    // A run right after an opener (`~~**b`) closes nothing: whatever it closed further out would leave
    // that opener holding nothing, so it only opens, as the innermost opener alone decided before.
    const canClose =
      before !== undefined &&
      !isWhitespace(before.charCodeAt(0)) &&
      list.kinds[list.length - 1] !== TokenKind.OPEN;
    const canOpen = after !== undefined && !isWhitespace(after.charCodeAt(0));
    let at = pos;
    while (at < end && canClose) {
      const depth = this.findOpener(char, length, canOpen);
      if (depth < 0) break;
      // Markers opened inside the pair and never closed there are literal, as in CommonMark.
      this.literalAbove(depth);
      if (char !== TILDE) this.fitInnermost(Math.min(2, end - at));
      const top = this.open.at(-1) as number;
      const topLength = this.markerLength(top);
      if (topLength > end - at) break;
      list.push(at, TokenKind.CLOSE, width, list.keys[top] as number);
      this.open.pop();
      this.openRuns.pop();
      at += topLength;
    }
    const size = char === TILDE ? 2 : 0;
    const run = length * 2 + (canClose ? 1 : 0);
    while (at < end && canOpen) {
      const markerLength = size || Math.min(2, end - at);
      if (end - at < markerLength) break;
      this.open.push(list.push(at, TokenKind.OPEN, width, markerKey(text.slice(at, at + markerLength))));
      this.openRuns.push(run);
      at += markerLength;
    }
    if (at < end) list.push(at, TokenKind.ATOM, width);
    return end;
  }

  /**
   * The depth in `open` of the nearest opener that a run of `length` markers `char` may close, or -1.
   * CommonMark's rule of three: when either run could both open and close, their lengths may not add up
   * to a multiple of 3 unless both are multiples of 3, so `*a**b***` is `*a` + `**b**` + `*`, and the
   * `*` of `a*b` inside `**…**` is not closed by the final `**`.
   */
  private findOpener(char: number, length: number, canOpen: boolean): number {
    const { list, open, openRuns } = this;
    const kind = closerKind(char, length, canOpen);
    const searched = this.searched[kind] as number;
    for (let depth = open.length - 1; depth >= this.scope; depth--) {
      const opener = open[depth] as number;
      if (opener <= searched) break;
      if (list.text.charCodeAt(list.start(opener)) !== char) continue;
      const run = openRuns[depth] as number;
      const runLength = run >> 1;
      const either = canOpen || (run & 1) === 1;
      const sum = runLength + length;
      if (either && sum % 3 === 0 && !(runLength % 3 === 0 && length % 3 === 0)) continue;
      return depth;
    }
    if (open.length > this.scope) this.searched[kind] = open.at(-1) as number;
    return -1;
  }

  /** The markers open above `depth` of `open` are literal text: they were never closed in their pair. */
  private literalAbove(depth: number): void {
    while (this.open.length > depth + 1) {
      this.list.kinds[this.open.pop() as number] = TokenKind.ATOM;
      this.openRuns.pop();
    }
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
      this.openRuns.pop();
      this.list.kinds[index] = TokenKind.ATOM;
    }
  }
}

/** Closers that match the same openers: one of 18 kinds by marker character, length modulo 3 and `canOpen`. */
function closerKind(char: number, length: number, canOpen: boolean): number {
  const charIndex = char === ASTERISK ? 0 : char === UNDERSCORE ? 1 : 2;
  return charIndex * 6 + (length % 3) * 2 + (canOpen ? 1 : 0);
}

/** No closer has searched anything yet. */
function newSearchedMarks(): number[] {
  return new Array<number>(18).fill(-1);
}
