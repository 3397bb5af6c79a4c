import { describe, expect, it } from "vitest";
import {
  Bold,
  Link,
  MESSAGE_TEXT_LIMIT,
  ParseMode,
  safeSplitText,
  Text,
  visibleLength,
} from "../src/index.js";

const html = (limit: number) => ({ limit, parseMode: ParseMode.HTML });
const markdown = (limit: number) => ({ limit, parseMode: ParseMode.MARKDOWN });

describe("safeSplitText basics", () => {
  it("returns no chunks for the empty text and a fitting text unchanged", () => {
    expect(safeSplitText("")).toEqual([]);
    const text = "<b>short</b>  \n";
    expect(safeSplitText(text, html(100))[0]).toBe(text);
    expect(safeSplitText("x".repeat(4096))).toEqual(["x".repeat(4096)]);
    expect(MESSAGE_TEXT_LIMIT).toBe(4096);
  });

  it("defaults to 4096 visible characters and plain text", () => {
    const chunks = safeSplitText(`${"word ".repeat(1000)}<b>`);
    expect(chunks).toHaveLength(2);
    expect(visibleLength(chunks[0] as string)).toBeLessThanOrEqual(4096);
    expect(chunks[1]).toMatch(/<b>$/);
  });

  it("drops exactly the whitespace it breaks at", () => {
    expect(safeSplitText("aaa bbb", { limit: 4 })).toEqual(["aaa", "bbb"]);
    expect(safeSplitText("aaa \n\n bbb", { limit: 4 })).toEqual(["aaa", "bbb"]);
    expect(safeSplitText("aaaa  bbbb  cccc", { limit: 10 })).toEqual(["aaaa  bbbb", "cccc"]);
    // Leading whitespace of the text is not at a break and stays.
    expect(safeSplitText("  aa bb", { limit: 5 })).toEqual(["  aa", "bb"]);
  });

  it("never breaks at a no-break space", () => {
    expect(safeSplitText("aaa\u00a0bbb ccc", { limit: 8 })).toEqual(["aaa\u00a0bbb", "ccc"]);
    expect(safeSplitText("aaa bbb\u00a0ccc", { limit: 8 })).toEqual(["aaa", "bbb\u00a0ccc"]);
  });

  it("drops whitespace that does not fit before anything visible, and sends nothing for blank text", () => {
    expect(safeSplitText(`${" ".repeat(10)}abc`, { limit: 5 })).toEqual(["abc"]);
    expect(safeSplitText(" \n \n ", { limit: 2 })).toEqual([]);
  });
});

describe("where safeSplitText breaks", () => {
  it("prefers a paragraph, then a line, then a sentence, then a word", () => {
    const text = "First paragraph here.\n\nSecond line one.\nStill second. More words follow";
    expect(safeSplitText(text, { limit: 40 })).toEqual([
      "First paragraph here.",
      "Second line one.\nStill second.",
      "More words follow",
    ]);
    expect(safeSplitText("One. Two three four five six", { limit: 20 })).toEqual([
      "One. Two three four",
      "five six",
    ]);
  });

  it("takes a weaker break when the stronger one would leave the chunk less than half full", () => {
    expect(safeSplitText("Hi.\n\naaaa bbbb cccc dddd eeee", { limit: 20 })).toEqual([
      "Hi.\n\naaaa bbbb cccc",
      "dddd eeee",
    ]);
  });

  it("breaks after a CJK full stop although no space follows it", () => {
    expect(safeSplitText("中文句子。第二句。第三句话很长。", { limit: 8 })).toEqual([
      "中文句子。",
      "第二句。",
      "第三句话很长。",
    ]);
  });

  it("cuts a word longer than a chunk between grapheme clusters, after a seam when there is one", () => {
    expect(safeSplitText("x".repeat(25), { limit: 10 })).toEqual([
      "x".repeat(10),
      "x".repeat(10),
      "x".repeat(5),
    ]);
    expect(safeSplitText("https://example.com/some/long/path", { limit: 16 })).toEqual([
      "https://example.",
      "com/some/long/",
      "path",
    ]);
    const family = "👨‍👩‍👧";
    expect(safeSplitText(family.repeat(3), { limit: 6 })).toEqual([family, family, family]);
    expect(safeSplitText("e\u0301".repeat(5), { limit: 3 })).toEqual([
      "e\u0301",
      "e\u0301",
      "e\u0301",
      "e\u0301",
      "e\u0301",
    ]);
    expect(safeSplitText("😀😀😀", { limit: 2 })).toEqual(["😀😀", "😀"]);
  });

  it("cuts a word of a million characters into full chunks", () => {
    for (const char of ["a", "中", "😀", "e\u0301"]) {
      const chunks = safeSplitText(char.repeat(250_000), { limit: 4096 });
      expect(chunks.join("")).toBe(char.repeat(250_000));
      for (const chunk of chunks.slice(0, -1)) {
        expect(visibleLength(chunk)).toBeGreaterThan(4096 - char.length);
        expect(visibleLength(chunk)).toBeLessThanOrEqual(4096);
        expect(chunk.startsWith(char)).toBe(true);
      }
    }
  });

  it("cuts a grapheme cluster wider than the whole limit between code points, never inside a pair", () => {
    const chunks = safeSplitText("👨‍👩‍👧", { limit: 2 });
    expect(chunks.join("")).toBe("👨‍👩‍👧");
    for (const chunk of chunks) expect(visibleLength(chunk)).toBeLessThanOrEqual(2);
    expect(chunks.some((chunk) => /^[\udc00-\udfff]|[\ud800-\udbff]$/.test(chunk))).toBe(false);
  });
});

describe("safeSplitText keeps markup whole and balanced", () => {
  it("fixes the reference defect: the stack at the break, not at the end of the chunk", () => {
    expect(safeSplitText("foo. <b>bar baz qux</b>", html(12))).toEqual(["foo. <b>bar baz</b>", "<b>qux</b>"]);
    expect(safeSplitText("foo. <b>bar</b> baz", html(8))).toEqual(["foo.", "<b>bar</b> baz"]);
  });

  it("closes and reopens nested HTML tags, attributes kept", () => {
    expect(safeSplitText("<b>aaa <i class='x'>bbb ccc</i> ddd</b>", html(8))).toEqual([
      "<b>aaa <i class='x'>bbb</i></b>",
      "<b><i class='x'>ccc</i> ddd</b>",
    ]);
  });

  it("rebalances ** and ~~ as well as __, * and _", () => {
    expect(safeSplitText("**aaaa bbbb cccc dddd**", markdown(10))).toEqual([
      "**aaaa bbbb**",
      "**cccc dddd**",
    ]);
    expect(safeSplitText("~~aaaa bbbb cccc~~", markdown(10))).toEqual(["~~aaaa bbbb~~", "~~cccc~~"]);
    expect(safeSplitText("__aaaa bbbb cccc__", markdown(10))).toEqual(["__aaaa bbbb__", "__cccc__"]);
    expect(safeSplitText("*aaaa bbbb cccc*", markdown(10))).toEqual(["*aaaa bbbb*", "*cccc*"]);
    expect(safeSplitText("_aaaa bbbb cccc_", markdown(10))).toEqual(["_aaaa bbbb_", "_cccc_"]);
    expect(safeSplitText("***aaaa bbbb* cccc**", markdown(10))).toEqual(["***aaaa bbbb***", "**cccc**"]);
  });

  it("moves markup around a break to the chunk it belongs to and drops emptied elements", () => {
    expect(safeSplitText("aaaa <b>bbbb</b> <i> </i>cccc", html(9))).toEqual(["aaaa <b>bbbb</b>", "cccc"]);
    expect(safeSplitText("aaaa <b> bbbb</b>", html(5))).toEqual(["aaaa", "<b>bbbb</b>"]);
  });

  it("never balances emphasis the input never closed", () => {
    // The lone `*` count nothing here (PROTOCOL.md 10.4) and get no partner at the cut.
    expect(safeSplitText("2 * 3 = 6 and 4 * 5 = 20", markdown(12))).toEqual(["2 * 3 = 6 and", "4 * 5 = 20"]);
    expect(safeSplitText("**open but\n\nnever closed", markdown(12))).toEqual(["**open but", "never closed"]);
  });

  it("keeps a lone marker inside a bold or strikethrough run literal and balances the run", () => {
    // `a*b` could open and close, but nothing pairs with it: the run's own markers must still pair.
    expect(safeSplitText("**aaaa a*b cccc dddd**", markdown(10))).toEqual(["**aaaa a*b**", "**cccc dddd**"]);
    expect(safeSplitText("~~aaaa a*b cccc dddd~~", markdown(10))).toEqual(["~~aaaa a*b~~", "~~cccc dddd~~"]);
    expect(safeSplitText("__aaaa 2*3 cccc dddd__", markdown(10))).toEqual(["__aaaa 2*3__", "__cccc dddd__"]);
    // A `_` that only could open, and doubled markers inside a word, are literal in a run of another marker.
    expect(safeSplitText("~~aaaa _bbb cccc dddd~~", markdown(10))).toEqual([
      "~~aaaa _bbb~~",
      "~~cccc dddd~~",
    ]);
    expect(safeSplitText("**aaaa b~~c cccc dddd**", markdown(10))).toEqual([
      "**aaaa b~~c**",
      "**cccc dddd**",
    ]);
    expect(safeSplitText("~~aaaa b**c cccc dddd~~", markdown(10))).toEqual([
      "~~aaaa b**c~~",
      "~~cccc dddd~~",
    ]);
    // Nested runs with lone markers of every kind inside.
    expect(safeSplitText("**aaaa ~~x_y a*b * c~~ dddd**", markdown(12))).toEqual([
      "**aaaa ~~x_y~~**",
      "**~~a*b * c~~ dddd**",
    ]);
    // No chunk starts or ends with a lone marker: it would run into the markers added there (`2 ***`).
    expect(safeSplitText("**aaaa 2 * 3 bbbb cccc**", markdown(7))).toEqual([
      "**aaaa**",
      "**2 * 3**",
      "**bbbb**",
      "**cccc**",
    ]);
    expect(safeSplitText("~~aaaa 2 ~ 3 bbbb~~", markdown(6))).toEqual(["~~aaaa~~", "~~2 ~ 3~~", "~~bbbb~~"]);
    // Two intra-word `*` in one run do pair up (CommonMark): that italic is balanced as well.
    expect(safeSplitText("**aaaa a*b cccc c*d**", markdown(10))).toEqual(["**aaaa a*b***", "***cccc c*d**"]);
  });

  it("leaves HTML that the input left unbalanced as it is", () => {
    expect(safeSplitText("<b>aaaa bbbb cccc", html(10))).toEqual(["<b>aaaa bbbb", "cccc"]);
    expect(safeSplitText("aaaa</i> bbbb cccc", html(10))).toEqual(["aaaa</i> bbbb", "cccc"]);
    // `</b>` also ends the `<i>` left open inside it; the `<u>` is closed properly.
    expect(safeSplitText("<b><i>aaaa</b> <u>bbbb cccc</u>", html(10))).toEqual([
      "<b><i>aaaa</b> <u>bbbb</u>",
      "<u>cccc</u>",
    ]);
    expect(safeSplitText('<a href="https://x.io">aaaa bbbb cccc', html(10))).toEqual([
      '<a href="https://x.io">aaaa bbbb',
      "cccc",
    ]);
    // Ten thousand unclosed tags are not reopened in every chunk.
    const chunks = safeSplitText("<b>x ".repeat(10_000), html(100));
    expect(Math.max(...chunks.map((chunk) => chunk.length))).toBeLessThan(600);
  });

  it("never cuts a tag, an entity or an escape", () => {
    const text = 'aa<span title="x y z">bb</span>&amp;&#x1F600;\\*\\_cc';
    for (const limit of [20, 21, 23, 25, 27]) {
      const chunks = safeSplitText(text, html(limit));
      for (const chunk of chunks) expect(chunk).not.toMatch(/<[^>]*$|^[^<]*>|&[#\w]*$/);
    }
    for (const chunk of safeSplitText("aa\\*bb\\_cc\\.dd", markdown(3))) expect(chunk).not.toMatch(/\\$/);
  });

  it("never lets a lone backslash escape the closing marker added at a cut", () => {
    // Found by the property tests: `\\` + `*` would read as an escaped `*`, and a `*` after `\\ `
    // cannot close, so the chunk ends before the backslash and it starts the next chunk.
    expect(safeSplitText("*aaaa\\ bbbb*", markdown(6))).toEqual(["*aaaa*", "*\\ bbbb*"]);
    expect(safeSplitText("*aa\\ \\**", markdown(4))).toEqual(["*aa*", "*\\ \\**"]);
    expect(safeSplitText("**aaaa\\x bbbb**", markdown(6))).toEqual(["**aaaa\\x**", "**bbbb**"]);
    expect(safeSplitText("C:\\Temp\\ folder", markdown(9))).toEqual(["C:\\Temp", "\\ folder"]);
    // With nothing before it, the backslash stays: no empty chunk.
    expect(safeSplitText("\n\\ a ", markdown(3))).toEqual(["\n\\ ", "a "]);
  });

  it("sends the pieces of markup wider than the whole limit as chunks of their own", () => {
    expect(safeSplitText("\\\\*", markdown(1))).toEqual(["\\", "\\", "*"]);
    expect(safeSplitText("*a \\\\ b*", markdown(1))).toEqual(["*a*", "\\", "\\", "*b*"]);
    expect(safeSplitText("<b>x &amp; y</b>", html(3))).toEqual(["<b>x</b>", "&am", "p;", "<b> y</b>"]);
    for (const [text, options] of [
      ["***\\  a*b\née", markdown(1)],
      ["<b>x &amp; y</b>", html(3)],
    ] as const) {
      for (const chunk of safeSplitText(text, options)) {
        expect(visibleLength(chunk, options)).toBeLessThanOrEqual(options.limit);
        expect(safeSplitText(chunk, options)).toEqual([chunk]);
      }
    }
  });

  it("moves a link that fits a chunk whole to the next chunk", () => {
    const text = 'Read <a href="https://x.io">the docs</a> now';
    expect(safeSplitText(text, html(25))).toEqual(["Read", '<a href="https://x.io">the docs</a> now']);
    expect(safeSplitText("Read [the docs](https://x.io) now", markdown(25))).toEqual([
      "Read",
      "[the docs](https://x.io) now",
    ]);
  });

  it("cuts a link longer than a chunk in its label and keeps the url on every part", () => {
    const label = "one two three four five six";
    expect(safeSplitText(`<a href="https://x.io">${label}</a>`, html(26))).toEqual([
      '<a href="https://x.io">one two three</a>',
      '<a href="https://x.io">four five six</a>',
    ]);
    expect(safeSplitText(`[**${label}**](https://x.io)`, markdown(26))).toEqual([
      "[**one two three**](https://x.io)",
      "[**four five six**](https://x.io)",
    ]);
  });

  it("turns a link whose url alone fills a chunk into its label and url as text", () => {
    const url = `https://x.io/${"p".repeat(30)}`;
    expect(safeSplitText(`<a href="${url}">label</a> tail`, html(20))).toEqual([
      "label https://x.io/",
      "p".repeat(20),
      `${"p".repeat(10)} tail`,
    ]);
    expect(safeSplitText(`[label](${url}) tail`, markdown(20))[0]).toBe("label https://x\\.io/");
  });

  it("splits an LLM-sized Markdown reply into fitting, balanced chunks", () => {
    const paragraph = Text(
      Bold("Step:"),
      " configure the ",
      Link("server", { url: "https://example.com/docs" }),
      " and restart it. ",
      "Then check the logs 😀 for errors, warnings and notes. ".repeat(6),
    ).asMarkdown();
    const reply = Array.from({ length: 60 }, () => paragraph).join("\n\n");
    const chunks = safeSplitText(reply, { parseMode: ParseMode.MARKDOWN });
    expect(chunks.length).toBeGreaterThan(5);
    for (const chunk of chunks) {
      expect(visibleLength(chunk, { parseMode: "markdown" })).toBeLessThanOrEqual(4096);
      expect(chunk.split("**").length % 2).toBe(1);
      expect(chunk.endsWith("\n")).toBe(false);
    }
  });
});

describe("safeSplitText input checks", () => {
  it("rejects a non-string text", () => {
    expect(() => safeSplitText(null as unknown as string)).toThrow(TypeError);
  });

  it("rejects limits that are not positive integers", () => {
    for (const limit of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, "10"]) {
      expect(() => safeSplitText("abc", { limit: limit as number })).toThrow(RangeError);
    }
  });

  it("rejects an unknown parse mode", () => {
    expect(() => safeSplitText("abc", { parseMode: "Markdown" as ParseMode })).toThrow(
      /parseMode must be one of/,
    );
  });
});
