import { closingMarkup, LINK_KEY } from "./markup-keys.js";
import { TokenKind, type TokenList } from "./token-list.js";

/** Markup that is open at some point of the text: its key and the token that opened it. */
export interface OpenMarkup {
  readonly key: number;
  readonly open: number;
}

/**
 * The markup open at a point of a text, outermost first. Closing markup closes the innermost open
 * markup with the same key; a closer that matches nothing is ignored, as a browser would.
 */
export class MarkupStack {
  constructor(
    private readonly tokens: TokenList,
    readonly entries: OpenMarkup[] = [],
  ) {}

  /** A copy to continue from. */
  clone(): MarkupStack {
    return new MarkupStack(this.tokens, [...this.entries]);
  }

  /** Applies tokens `[from, to)`. */
  apply(from: number, to: number): this {
    const { kinds } = this.tokens;
    for (let i = from; i < to; i++) {
      const kind = kinds[i];
      if (kind === TokenKind.OPEN || kind === TokenKind.LINK_OPEN) {
        this.entries.push({ key: this.tokens.nestingKey(i), open: i });
      } else if (kind === TokenKind.CLOSE || kind === TokenKind.LINK_CLOSE) {
        this.close(this.tokens.nestingKey(i));
      }
    }
    return this;
  }

  /** Removes the innermost entry with `key`; returns whether there was one. */
  close(key: number): boolean {
    for (let i = this.entries.length - 1; i >= 0; i--) {
      if (this.entries[i]?.key === key) {
        this.entries.splice(i, 1);
        return true;
      }
    }
    return false;
  }

  /** The opening markup of every entry, outermost first, exactly as the input wrote it. */
  reopening(): string {
    let text = "";
    for (const entry of this.entries) text += this.tokens.raw(entry.open);
    return text;
  }

  /** Markup that closes every entry, innermost first. */
  closing(): string {
    let text = "";
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const entry = this.entries[i] as OpenMarkup;
      text += entry.key === LINK_KEY ? this.linkClosing(entry.open) : closingMarkup(entry.key);
    }
    return text;
  }

  /** What the open links add to a chunk besides their labels (see `LinkInfo.overhead`). */
  overhead(): number {
    let total = 0;
    for (const entry of this.entries) {
      if (entry.key === LINK_KEY) total += this.tokens.linkOf(entry.open).overhead;
    }
    return total;
  }

  private linkClosing(open: number): string {
    return this.tokens.raw(this.tokens.linkOf(open).closeIndex);
  }
}
