import { LINK_KEY } from "./markup-keys.js";

// The tokenizers turn a message into a flat list of tokens that cover the text without gaps, so
// that a token's raw text is always `text.slice(start(i), start(i + 1))`. Parallel number arrays
// keep ten megabytes of input at a few million small integers instead of millions of objects.

/** What a token is, as far as measuring and splitting care. */
export const TokenKind = {
  /** Visible characters that may be cut between grapheme clusters when a word is too long. */
  TEXT: 0,
  /** Spaces and tabs: a word break. */
  SPACE: 1,
  /** Whitespace holding line breaks: a line break, or a paragraph break with two or more. */
  NEWLINE: 2,
  /** Never cut: an entity, an unknown tag, an escape, a literal marker. */
  ATOM: 3,
  /** Opens a formatting tag or a Markdown emphasis; zero width. */
  OPEN: 4,
  /** Closes what an `OPEN` with the same key opened; zero width. */
  CLOSE: 5,
  /** Starts a link: `<a href="…">` or the `[` of `[label](url)`. */
  LINK_OPEN: 6,
  /** Ends a link: `</a>` or `](url)`. */
  LINK_CLOSE: 7,
  /** Zero-width markup without effect on nesting (a stray closing tag, an anchor inside a link). */
  INERT: 8,
} as const;

/** One of the values of {@link TokenKind}. */
export type TokenKind = (typeof TokenKind)[keyof typeof TokenKind];

/** Facts about one link; its `LINK_OPEN` and `LINK_CLOSE` tokens hold its number in `keys`. */
export interface LinkInfo {
  /** Index of the `LINK_OPEN` token. */
  readonly openIndex: number;
  /** Index of the `LINK_CLOSE` token (-1 only while an HTML anchor's `</a>` is still ahead). */
  closeIndex: number;
  /** The link target as written. */
  readonly url: string;
  /** Visible length of the whole link: label, a space and the target (PROTOCOL.md 10.4). */
  total: number;
  /** Upper bound of what the link adds to every chunk it appears in besides its label. */
  readonly overhead: number;
}

/** The tokens of one text in one parse mode. */
export class TokenList {
  /** Start offset of each token in code units; the entry after the last token holds the text length. */
  starts: Int32Array;
  /** {@link TokenKind} of each token. */
  kinds: Uint8Array;
  /** Visible width of each token in code points (inside a link: its share of the label). */
  widths: Int32Array;
  /** Nesting key of markup tokens, the number of link tokens, the line breaks of `NEWLINE` tokens. */
  keys: Int32Array;
  /** The links, in order. */
  readonly links: LinkInfo[] = [];
  /** Number of tokens. */
  length = 0;

  constructor(readonly text: string) {
    // Prose averages well under one token per four characters, so this rarely has to grow.
    const capacity = (text.length >> 2) + 64;
    this.starts = new Int32Array(capacity);
    this.kinds = new Uint8Array(capacity);
    this.widths = new Int32Array(capacity);
    this.keys = new Int32Array(capacity);
  }

  /** Appends a token that starts at `start`; returns its index. */
  push(start: number, kind: TokenKind, width: number, key = 0): number {
    // Typed arrays that double when full: millions of tokens without millions of boxed numbers.
    if (this.length + 1 >= this.kinds.length) this.grow();
    const index = this.length++;
    this.starts[index] = start;
    this.kinds[index] = kind;
    this.widths[index] = width;
    this.keys[index] = key;
    return index;
  }

  /** Records a link whose `LINK_OPEN` token is `info.openIndex`. */
  addLink(info: LinkInfo): void {
    this.keys[info.openIndex] = this.links.length;
    this.links.push(info);
  }

  /** The link that a `LINK_OPEN` or `LINK_CLOSE` token belongs to. */
  linkOf(index: number): LinkInfo {
    return this.links[this.keys[index] as number] as LinkInfo;
  }

  /** Which markup closes which: tokens with equal keys pair up (links all share one key). */
  nestingKey(index: number): number {
    const kind = this.kinds[index];
    return kind === TokenKind.LINK_OPEN || kind === TokenKind.LINK_CLOSE
      ? LINK_KEY
      : (this.keys[index] as number);
  }

  /** Closes the list: records where the last token ends. */
  finish(): this {
    this.starts[this.length] = this.text.length;
    return this;
  }

  private grow(): void {
    const capacity = this.kinds.length * 2;
    const starts = new Int32Array(capacity);
    starts.set(this.starts);
    this.starts = starts;
    const kinds = new Uint8Array(capacity);
    kinds.set(this.kinds);
    this.kinds = kinds;
    const widths = new Int32Array(capacity);
    widths.set(this.widths);
    this.widths = widths;
    const keys = new Int32Array(capacity);
    keys.set(this.keys);
    this.keys = keys;
  }

  /** The raw text of token `index`. */
  raw(index: number): string {
    return this.text.slice(this.start(index), this.start(index + 1));
  }

  /** Start offset of token `index` (the text length for `index === length`). */
  start(index: number): number {
    return index >= this.length ? this.text.length : (this.starts[index] as number);
  }

  /**
   * What the label of the link opened at `openIndex` shows: the raw text of its visible tokens.
   * Markup inside the label is left out, as the reference's `strip_markup` does.
   */
  labelText(openIndex: number, closeIndex: number): string {
    let label = "";
    for (let i = openIndex + 1; i < closeIndex; i++) {
      if ((this.widths[i] ?? 0) > 0) label += this.raw(i);
    }
    return label;
  }
}
