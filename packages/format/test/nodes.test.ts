import { describe, expect, it } from "vitest";
import {
  AllMention,
  Bold,
  type Decoration,
  decorationFor,
  FormatNode,
  htmlDecoration,
  Italic,
  Link,
  LinkNode,
  Mention,
  MentionNode,
  markdownDecoration,
  ParseMode,
  plainDecoration,
  Strikethrough,
  Text,
  Underline,
} from "../src/index.js";

describe("formatting nodes as HTML", () => {
  it("wraps each style in its tag", () => {
    expect(Bold("b").asHtml()).toBe("<b>b</b>");
    expect(Italic("i").asHtml()).toBe("<i>i</i>");
    expect(Underline("u").asHtml()).toBe("<u>u</u>");
    expect(Strikethrough("s").asHtml()).toBe("<s>s</s>");
    expect(Text("a", "b").asHtml()).toBe("ab");
  });

  it("nests and concatenates", () => {
    const node = Text("Build ", Bold("failed ", Italic("twice")), " on ", Underline(Strikethrough("main")));
    expect(node.asHtml()).toBe("Build <b>failed <i>twice</i></b> on <u><s>main</s></u>");
  });

  it("escapes plain strings so they cannot inject markup", () => {
    expect(Text("<b>not bold</b> & co").asHtml()).toBe("&lt;b&gt;not bold&lt;/b&gt; &amp; co");
    expect(Bold("a<i>").asHtml()).toBe("<b>a&lt;i&gt;</b>");
  });

  it("renders links with an escaped href and mentions as trueconf: links", () => {
    expect(Link("docs", { url: "https://x.io/?a=1&b=2" }).asHtml()).toBe(
      '<a href="https://x.io/?a=1&amp;b=2">docs</a>',
    );
    expect(Link(Bold("bold"), " <label>", { url: "https://x.io" }).asHtml()).toBe(
      '<a href="https://x.io"><b>bold</b> &lt;label&gt;</a>',
    );
    expect(Mention("Alice", { userId: "alice@video.example.com" }).asHtml()).toBe(
      '<a href="trueconf:alice@video.example.com">Alice</a>',
    );
    expect(AllMention().asHtml()).toBe("@all");
  });

  it("shows the url or the user id when a link or mention has no label", () => {
    expect(Link({ url: "https://x.io" }).asHtml()).toBe('<a href="https://x.io">https://x.io</a>');
    expect(Mention({ userId: "bob@srv" }).asMarkdown()).toBe("[bob@srv](trueconf:bob@srv)");
  });
});

describe("formatting nodes as Markdown", () => {
  it("uses ** * ~~ and leaves underline plain", () => {
    expect(Bold("b").asMarkdown()).toBe("**b**");
    expect(Italic("i").asMarkdown()).toBe("*i*");
    expect(Strikethrough("s").asMarkdown()).toBe("~~s~~");
    expect(Underline("u").asMarkdown()).toBe("u");
    expect(Bold(Italic("x")).asMarkdown()).toBe("***x***");
  });

  it("escapes the 19 special characters of plain strings", () => {
    expect(Text("_*[]()~`>#+-=|{}.!\\").asMarkdown()).toBe(
      "\\_\\*\\[\\]\\(\\)\\~\\`\\>\\#\\+\\-\\=\\|\\{\\}\\.\\!\\\\",
    );
    expect(Text("a < b").asMarkdown()).toBe("a < b");
  });

  it("keeps markers against the content, with surrounding whitespace outside", () => {
    expect(Text("a", Bold(" b "), "c").asMarkdown()).toBe("a **b** c");
    expect(Text("a", Italic("  "), "b").asMarkdown()).toBe("a  b");
    expect(Bold().asMarkdown()).toBe("");
  });

  it("renders links and mentions, percent-encoding parentheses of the url", () => {
    expect(Link("wiki", { url: "https://x.io/Foo_(bar)" }).asMarkdown()).toBe(
      "[wiki](https://x.io/Foo_%28bar%29)",
    );
    expect(Mention("Al", { userId: "al@srv" }).asMarkdown()).toBe("[Al](trueconf:al@srv)");
    expect(Text(AllMention(), " hi").asMarkdown()).toBe("@all hi");
  });
});

describe("plain rendering and decorations", () => {
  it("toString gives the text a reader sees", () => {
    const node = Text(
      "Hi ",
      Bold("<you>"),
      " see ",
      Link("docs", { url: "https://x.io" }),
      " ",
      AllMention(),
    );
    expect(String(node)).toBe("Hi <you> see docs (https://x.io) @all");
    expect(`${Mention("Al", { userId: "al@srv" })}`).toBe("Al");
    expect(String(Link("https://x.io", { url: "https://x.io" }))).toBe("https://x.io");
  });

  it("render takes any decoration", () => {
    const upper: Decoration = { ...plainDecoration, bold: (inner) => inner.toUpperCase() };
    expect(Text("a ", Bold("b")).render(upper)).toBe("a B");
    expect(Bold("x").render(htmlDecoration)).toBe(Bold("x").asHtml());
    expect(Bold("x").render(markdownDecoration)).toBe(Bold("x").asMarkdown());
  });

  it("decorationFor maps parse modes and rejects others", () => {
    expect(decorationFor(ParseMode.HTML)).toBe(htmlDecoration);
    expect(decorationFor(ParseMode.MARKDOWN)).toBe(markdownDecoration);
    expect(decorationFor(ParseMode.TEXT)).toBe(plainDecoration);
    expect(() => decorationFor("bbcode" as ParseMode)).toThrow(RangeError);
  });

  it("exposes body, url and userId like the Python nodes", () => {
    const link = Link("a", Bold("b"), { url: "https://x.io" });
    expect(link).toBeInstanceOf(LinkNode);
    expect(link).toBeInstanceOf(FormatNode);
    expect(link.url).toBe("https://x.io");
    expect(link.body).toHaveLength(2);
    const mention = Mention("Al", { userId: "al@srv" });
    expect(mention).toBeInstanceOf(MentionNode);
    expect(mention.userId).toBe("al@srv");
    expect(Bold("x").style).toBe("bold");
  });
});

describe("builder input checks", () => {
  it("rejects children that are neither strings nor nodes", () => {
    expect(() => Text("a", 5 as unknown as string)).toThrow(TypeError);
    expect(() => Bold(null as unknown as string)).toThrow(
      /argument 1 must be a string or a formatting node, got null/,
    );
  });

  it("requires the options object last", () => {
    expect(() => (Link as (...args: unknown[]) => unknown)("label")).toThrow(TypeError);
    expect(() => (Link as (...args: unknown[]) => unknown)()).toThrow(
      /last argument must be the options object/,
    );
    expect(() => (Mention as (...args: unknown[]) => unknown)("x", Bold("y"))).toThrow(TypeError);
  });

  it("rejects urls and user ids that could break out of the markup", () => {
    expect(() => Link("x", { url: 'https://x.io/" onclick="alert(1)' })).toThrow(RangeError);
    expect(() => Link("x", { url: "https://x.io/a b" })).toThrow(RangeError);
    expect(() => Link("x", { url: "https://x.io/<script>" })).toThrow(RangeError);
    expect(() => Link("x", { url: "https://x.io/\n" })).toThrow(RangeError);
    expect(() => Link("x", { url: "" })).toThrow(/url must not be empty/);
    expect(() => Link("x", { url: 42 as unknown as string })).toThrow(TypeError);
    expect(() => Mention("x", { userId: "bob)(evil" })).toThrow(RangeError);
    expect(() => Mention("x", {} as { userId: string })).toThrow(/userId must be a string, got undefined/);
  });

  it("does not let links or mentions nest", () => {
    expect(() => Link(Bold(Mention("a", { userId: "a@srv" })), { url: "https://x.io" })).toThrow(TypeError);
    expect(() => Mention(Link("a", { url: "https://x.io" }), { userId: "a@srv" })).toThrow(/cannot contain/);
  });
});
