import { describe, readParseMode, requireOptions, requireString } from "./arguments.js";
import { endsSentence, isBlank, isCjkSentenceEnd, isWhitespace } from "./characters.js";
import { flattenLongLinks } from "./flatten-links.js";
import { clusterPrefix, graphemePrefix } from "./grapheme-cut.js";
import { MarkupStack } from "./markup-stack.js";
import type { ParseMode } from "./parse-mode.js";
import { TokenKind, type TokenList } from "./token-list.js";
import { tokenize } from "./tokenize.js";
import { measureTokens } from "./visible-length.js";

/** The server's limit for a message text, in visible characters. */
export const MESSAGE_TEXT_LIMIT = 4096;

/** Options of {@link safeSplitText}. */
export interface SafeSplitTextOptions {
  /** Most visible characters per chunk (see `visibleLength`); a positive integer, default 4096. */
  limit?: number;
  /** How the server will read the chunks; default `text`. Pass the mode you send with. */
  parseMode?: ParseMode;
}

/**
 * Splits a long message into chunks of at most `limit` visible characters that can be sent one after
 * the other, for example an LLM's reply.
 *
 * - A text that fits is returned unchanged as the only chunk; an empty text gives no chunks.
 * - A chunk ends at the last paragraph break that keeps it at least half full, else the last line
 *   break, sentence end or space under the same rule, else the last break of any kind; a word longer
 *   than a whole chunk is cut between grapheme clusters, preferably after `-`, `/`, `.` and the like.
 * - The whitespace at a break is dropped: no chunk starts or ends with the spaces or line breaks it
 *   was cut at.
 * - Nothing is cut inside a tag, an entity, an escape, a surrogate pair or a grapheme cluster, and a
 *   link that fits in a chunk is never cut. A longer link is cut in its label and each part keeps the
 *   url; only a link whose url alone fills a chunk becomes `label url` text.
 * - Formatting open at a cut is closed at the end of the chunk and reopened, as written, at the start
 *   of the next: `<b>`…`</b>`, `**`, `__`, `*`, `_`, `~~` and links alike.
 * - Only with limits smaller than a tag, entity or escape is such markup cut: its pieces are then
 *   chunks of their own.
 * - Runs in time linear in the length of the text.
 *
 * @example
 * ```ts
 * for (const chunk of safeSplitText(reply, { parseMode: ParseMode.MARKDOWN })) {
 *   await api.sendMessage({ chatId, text: chunk, parseMode: ParseMode.MARKDOWN });
 * }
 * ```
 */
export function safeSplitText(text: string, options?: SafeSplitTextOptions): string[] {
  requireString(text, "safeSplitText: text");
  const given = requireOptions(options, "safeSplitText");
  const parseMode = readParseMode(given.parseMode, "safeSplitText");
  const limit = given.limit ?? MESSAGE_TEXT_LIMIT;
  if (typeof limit !== "number" || !Number.isInteger(limit) || limit < 1) {
    throw new RangeError(`safeSplitText: limit must be a positive integer, got ${describe(limit)}`);
  }
  if (text === "") return [];
  let tokens = tokenize(text, parseMode);
  if (measureTokens(tokens) <= limit) return [text];
  for (let flattened = flattenLongLinks(tokens, limit, parseMode); flattened !== undefined; ) {
    tokens = tokenize(flattened, parseMode);
    flattened = flattenLongLinks(tokens, limit, parseMode);
  }
  return new Splitter(tokens, limit).run();
}

/** Preference order of breaks; a lower class is a stronger break. */
const PARAGRAPH = 0;
const LINE = 1;
const SENTENCE = 2;
const WORD = 3;

/** Greedy chunker over a token list; one instance splits one text. */
class Splitter {
  private readonly chunks: string[] = [];
  /** 1 for the tokens (opening and closing) of links short enough to be moved whole. */
  private readonly wholeLinks: Uint8Array;
  /** Where the current chunk starts: a token, and an offset into it after a cut inside a word. */
  private start = 0;
  private startOffset = 0;
  private startOffsetWidth = 0;
  /** Markup open where the current chunk starts. */
  private inherited: MarkupStack;

  constructor(
    private readonly tokens: TokenList,
    private readonly limit: number,
  ) {
    this.inherited = new MarkupStack(tokens);
    this.wholeLinks = new Uint8Array(tokens.length);
    for (const link of tokens.links) {
      if (link.total <= limit) {
        this.wholeLinks[link.openIndex] = 1;
        this.wholeLinks[link.closeIndex] = 1;
      }
    }
  }

  run(): string[] {
    while (this.start < this.tokens.length) this.nextChunk();
    return this.chunks;
  }

  /** Scans from the chunk start until the chunk would overflow, then cuts; or takes the rest. */
  private nextChunk(): void {
    const { kinds, widths, text, starts, length: count } = this.tokens;
    const limit = this.limit;
    if (this.startOffset > 0 && kinds[this.start] === TokenKind.ATOM) {
      // The rest of a tag, entity or escape cut by the previous chunk: never joined to anything.
      this.cutAtom();
      return;
    }
    const breaks = [-1, -1, -1, -1];
    const breakWidths = [0, 0, 0, 0];
    let width = this.inherited.overhead();
    let linkOverhead = width;
    let hasVisible = false;
    let lastVisibleEnd = -1;
    for (let i = this.start; i < count; ) {
      const kind = kinds[i] as TokenKind;
      let tokenWidth = (widths[i] ?? 0) - (i === this.start ? this.startOffsetWidth : 0);
      let next = i + 1;
      if (kind === TokenKind.LINK_OPEN) {
        const link = this.tokens.linkOf(i);
        if (this.wholeLinks[i] === 1) {
          tokenWidth = link.total;
          next = link.closeIndex + 1;
        } else {
          tokenWidth = link.overhead;
          linkOverhead = tokenWidth;
        }
      } else if (kind === TokenKind.LINK_CLOSE) {
        linkOverhead = 0;
      } else if (
        hasVisible &&
        (kind === TokenKind.SPACE || kind === TokenKind.NEWLINE) &&
        !this.isBackslashBeforeSpace(i - 1) &&
        !this.isLiteralMarker(i - 1) &&
        !this.isLiteralMarker(i + 1)
      ) {
        const kindOfBreak =
          kind === TokenKind.NEWLINE
            ? (this.tokens.keys[i] ?? 0) >= 2
              ? PARAGRAPH
              : LINE
            : endsSentence(text, lastVisibleEnd)
              ? SENTENCE
              : WORD;
        breaks[kindOfBreak] = i;
        breakWidths[kindOfBreak] = width;
      } else if (
        hasVisible &&
        kind === TokenKind.TEXT &&
        kinds[i - 1] === TokenKind.TEXT &&
        isCjkSentenceEnd(text.charCodeAt((starts[i] ?? 0) - 1))
      ) {
        breaks[SENTENCE] = i;
        breakWidths[SENTENCE] = width;
      }
      if (width + tokenWidth > limit) {
        if (hasVisible) this.cut(i, tokenWidth, width, linkOverhead, breaks, breakWidths);
        else this.dropLeadingWhitespace(i);
        return;
      }
      width += tokenWidth;
      if (kind === TokenKind.TEXT || kind === TokenKind.ATOM || next > i + 1) {
        hasVisible = true;
        lastVisibleEnd = this.tokens.start(next);
      }
      i = next;
    }
    // What is left after the last break may be only whitespace and markup: nothing to send.
    if (hasVisible) this.chunks.push(this.inherited.reopening() + text.slice(this.chunkStartOffset()));
    this.start = count;
  }

  /**
   * Nothing visible yet and token `i` does not fit: whitespace before it (and `i` itself if it is
   * whitespace) is dropped like the whitespace at a break, markup before it moves on. When there is
   * nothing to drop, token `i` starts the chunk and is too wide for a chunk alone: it is cut.
   * (`i` is then the chunk's first token.)
   */
  private dropLeadingWhitespace(i: number): void {
    const kind = this.tokens.kinds[i];
    const skipTo = kind === TokenKind.SPACE || kind === TokenKind.NEWLINE ? i + 1 : i;
    if (skipTo > this.start) {
      this.inherited = this.inherited.clone().apply(this.start, skipTo);
      this.start = skipTo;
      this.startOffset = 0;
      this.startOffsetWidth = 0;
      return;
    }
    if (kind === TokenKind.ATOM) {
      this.cutAtom();
      return;
    }
    const budget = this.limit - this.inherited.overhead();
    const cut = clusterPrefix(this.tokens.text, this.tokenStart(i), this.tokens.start(i + 1), budget);
    this.cutInside(i, cut.end, cut.width);
  }

  /**
   * The chunk starts with a tag, entity or escape wider than the whole limit (only possible with tiny
   * limits): its next piece becomes a chunk of its own, without any formatting around it, because
   * joined to markup or text a piece could turn into something else (a lone `\` before a closing `*`
   * escapes it).
   */
  private cutAtom(): void {
    const { text } = this.tokens;
    const from = this.chunkStartOffset();
    const to = this.tokens.start(this.start + 1);
    const cut = clusterPrefix(text, from, to, this.limit);
    if (!isBlank(text, from, cut.end)) this.chunks.push(text.slice(from, cut.end));
    if (cut.end < to) {
      this.startOffset = cut.end - this.tokens.start(this.start);
      this.startOffsetWidth += cut.width;
    } else {
      this.start++;
      this.startOffset = 0;
      this.startOffsetWidth = 0;
    }
  }

  /** Token `i` does not fit: chooses where the chunk ends (see `safeSplitText`) and emits it. */
  private cut(
    i: number,
    tokenWidth: number,
    width: number,
    linkOverhead: number,
    breaks: number[],
    breakWidths: number[],
  ): void {
    const limit = this.limit;
    for (let kind = PARAGRAPH; kind <= WORD; kind++) {
      if ((breaks[kind] ?? -1) >= 0 && (breakWidths[kind] ?? 0) >= limit / 2) {
        this.cutBefore(breaks[kind] as number);
        return;
      }
    }
    const tokenKind = this.tokens.kinds[i];
    const isText = tokenKind === TokenKind.TEXT;
    const budget = limit - width;
    const softMinimum = limit / 2 - width;
    // A word that no chunk could hold is cut here rather than moved on and cut there anyway.
    if (isText && tokenWidth + linkOverhead > limit) {
      const cut = this.prefixOf(i, budget, softMinimum);
      if (cut.width > 0) {
        this.cutInside(i, cut.end, cut.width);
        return;
      }
    }
    const latest = Math.max(...breaks);
    if (latest >= 0) {
      this.cutBefore(latest);
      return;
    }
    if (isText) {
      const cut = this.prefixOf(i, budget, softMinimum);
      if (cut.width > 0) {
        this.cutInside(i, cut.end, cut.width);
        return;
      }
    }
    this.cutBefore(i);
  }

  /** Grapheme-cluster prefix of the rest of token `i`. */
  private prefixOf(i: number, budget: number, softMinimum: number) {
    const from = this.tokenStart(i);
    return graphemePrefix(this.tokens.text, from, this.tokens.start(i + 1), budget, softMinimum);
  }

  /** Ends the chunk inside token `i` at text offset `end`; the next chunk continues the token. */
  private cutInside(i: number, end: number, cutWidth: number): void {
    const stack = this.inherited.clone().apply(this.start, i);
    const from = this.chunkStartOffset();
    // Cutting a tag wider than the whole limit can leave a piece of nothing but its spaces: dropped.
    if (!isBlank(this.tokens.text, from, end)) {
      this.chunks.push(this.inherited.reopening() + this.tokens.text.slice(from, end) + stack.closing());
    }
    this.startOffsetWidth = (i === this.start ? this.startOffsetWidth : 0) + cutWidth;
    this.startOffset = end - this.tokens.start(i);
    this.start = i;
    this.inherited = stack;
  }

  /**
   * Ends the chunk before token `at`. The whitespace around the break is dropped, together with
   * any markup mixed into it: closing markup stays in this chunk, opening markup moves to the next,
   * and an element that held nothing but the dropped whitespace disappears.
   */
  private cutBefore(at: number): void {
    const from = this.contentEnd(at);
    if (
      from > this.start &&
      this.isBackslashBeforeSpace(from - 1) &&
      this.contentEnd(from - 1) > this.start
    ) {
      // Markdown `\ `: a closing `*` after it could not close (it would follow a space), and one after
      // the backslash alone would be escaped. The chunk ends before it; it starts the next one.
      this.cutBefore(from - 1);
      return;
    }
    let to = at;
    while (to < this.tokens.length && this.isBreakFiller(to)) to++;
    const stack = this.inherited.clone().apply(this.start, from);
    const { kinds } = this.tokens;
    const moved = new MarkupStack(this.tokens);
    let kept = "";
    for (let i = from; i < to; i++) {
      const kind = kinds[i];
      const key = this.tokens.nestingKey(i);
      if (kind === TokenKind.OPEN || kind === TokenKind.LINK_OPEN) {
        moved.entries.push({ key, open: i });
      } else if (kind === TokenKind.CLOSE || kind === TokenKind.LINK_CLOSE) {
        // A closer of markup opened inside the break closes nothing visible: both go.
        if (!moved.close(key)) {
          stack.close(key);
          kept += this.tokens.raw(i);
        }
      } else if (kind === TokenKind.INERT) {
        kept += this.tokens.raw(i);
      }
    }
    this.chunks.push(
      this.inherited.reopening() +
        this.tokens.text.slice(this.chunkStartOffset(), this.tokens.start(from)) +
        kept +
        stack.closing(),
    );
    stack.entries.push(...moved.entries);
    this.inherited = stack;
    this.start = to;
    this.startOffset = 0;
    this.startOffsetWidth = 0;
  }

  /** Where the chunk's content before token `at` ends: the whitespace and markup before `at` skipped. */
  private contentEnd(at: number): number {
    let end = at;
    while (end > this.start && this.isBreakFiller(end - 1)) end--;
    return end;
  }

  /** Whitespace and zero-width markup: what may surround a break and is redistributed at a cut. */
  private isBreakFiller(i: number): boolean {
    const kind = this.tokens.kinds[i];
    if (kind === TokenKind.LINK_OPEN || kind === TokenKind.LINK_CLOSE) return this.wholeLinks[i] !== 1;
    return kind !== TokenKind.TEXT && kind !== TokenKind.ATOM;
  }

  /** A Markdown lone backslash and the whitespace after it (see `tokenizeMarkdown`). */
  private isBackslashBeforeSpace(i: number): boolean {
    const { kinds, text } = this.tokens;
    return (
      kinds[i] === TokenKind.ATOM &&
      text.charCodeAt(this.tokens.start(i)) === 0x5c &&
      isWhitespace(text.charCodeAt(this.tokens.start(i + 1) - 1))
    );
  }

  /**
   * A Markdown `*`, `_` or `~` that is literal text (`2 * 3`). No break is taken next to one: at the edge
   * of a chunk it would run into the markers closed or reopened there (`2 *` + `**` reads `2 ***`, which
   * closes nothing) and unbalance them.
   */
  private isLiteralMarker(i: number): boolean {
    if (i < 0 || i >= this.tokens.length || this.tokens.kinds[i] !== TokenKind.ATOM) return false;
    const unit = this.tokens.text.charCodeAt(this.tokens.start(i));
    return unit === 0x2a || unit === 0x5f || unit === 0x7e;
  }

  private tokenStart(i: number): number {
    return this.tokens.start(i) + (i === this.start ? this.startOffset : 0);
  }

  private chunkStartOffset(): number {
    return this.tokens.start(this.start) + this.startOffset;
  }
}
