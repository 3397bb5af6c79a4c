import { type Decoration, htmlDecoration, markdownDecoration, plainDecoration } from "./decoration.js";

/** A child of a formatting node: plain text (escaped when rendered) or another node. */
export type FormatChild = string | FormatNode;

/** The styles of container nodes; each maps to one method of {@link Decoration}. */
export type FormatStyle = "text" | "bold" | "italic" | "underline" | "strikethrough";

/**
 * A piece of formatted text, built with `Text`, `Bold`, `Italic`, `Underline`, `Strikethrough`,
 * `Link`, `Mention` and `AllMention`. Nodes are immutable and nest freely; plain string children are
 * escaped when rendered, so user text can never inject markup.
 *
 * @example
 * ```ts
 * const node = Text("Build ", Bold("failed"), " on <main>");
 * node.asHtml(); // "Build <b>failed</b> on &lt;main&gt;"
 * node.asMarkdown(); // "Build **failed** on <main\\>"
 * String(node); // "Build failed on <main>"
 * ```
 */
export class FormatNode {
  constructor(
    /** Which decoration method wraps the content. */
    readonly style: FormatStyle,
    /** The children, in order. */
    readonly body: readonly FormatChild[],
  ) {}

  /** Renders with a decoration (the strategy for one output form). */
  render(decoration: Decoration): string {
    const inner = this.renderBody(decoration);
    return this.style === "text" ? inner : decoration[this.style](inner);
  }

  /** HTML for `parseMode: "html"`. */
  asHtml(): string {
    return this.render(htmlDecoration);
  }

  /** Markdown for `parseMode: "markdown"`. */
  asMarkdown(): string {
    return this.render(markdownDecoration);
  }

  /** The plain text a reader sees (for `parseMode: "text"`, logs and previews). */
  toString(): string {
    return this.render(plainDecoration);
  }

  /** The rendered children, concatenated. */
  protected renderBody(decoration: Decoration): string {
    let text = "";
    for (const child of this.body)
      text += typeof child === "string" ? decoration.escape(child) : child.render(decoration);
    return text;
  }
}

/** A hyperlink; its children are the label. Built with `Link`. */
export class LinkNode extends FormatNode {
  constructor(
    body: readonly FormatChild[],
    /** The link target. */
    readonly url: string,
  ) {
    super("text", body);
  }

  /** Renders the label, then the link around it. */
  override render(decoration: Decoration): string {
    return decoration.link(this.renderBody(decoration), this.url);
  }
}

/** A mention of a TrueConf user, who is notified even in a muted chat. Built with `Mention`. */
export class MentionNode extends FormatNode {
  constructor(
    body: readonly FormatChild[],
    /** The mentioned user's TrueConf id, e.g. `alice@video.example.com`. */
    readonly userId: string,
  ) {
    super("text", body);
  }

  /** Renders the label, then the mention around it. */
  override render(decoration: Decoration): string {
    return decoration.mention(this.renderBody(decoration), this.userId);
  }
}

/** The `@all` mention of everyone in the chat. Built with `AllMention`. */
export class AllMentionNode extends FormatNode {
  constructor() {
    super("text", []);
  }

  /** Renders `@all` in the decoration's form. */
  override render(decoration: Decoration): string {
    return decoration.allMention();
  }
}
