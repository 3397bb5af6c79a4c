import { describe, expect, it } from "vitest";
import { parseHtml, parseMarkdown, parseRich, plainText, safeHref } from "../src/playground/rich-text.js";

describe("the playground's rich-text parser (PROTOCOL.md 10.1)", () => {
  it("keeps only b, i, s, u and links, and only a link's href", () => {
    expect(
      parseHtml(
        '<b style="x">bold</b> <i>it</i> <s>st</s> <u>un</u> <a href="https://a.example" onclick="x()">l</a>',
      ),
    ).toEqual([
      { tag: "b", children: [{ text: "bold" }] },
      { text: " " },
      { tag: "i", children: [{ text: "it" }] },
      { text: " " },
      { tag: "s", children: [{ text: "st" }] },
      { text: " " },
      { tag: "u", children: [{ text: "un" }] },
      { text: " " },
      { tag: "a", href: "https://a.example", children: [{ text: "l" }] },
    ]);
  });

  it("drops other tags and comments, keeps their text as text, decodes entities into text", () => {
    expect(
      parseHtml('<img src=x onerror="alert(1)"><script>alert(2)</script><!-- c -->&lt;b&gt; &amp; &#x41;'),
    ).toEqual([{ text: "alert(2)" }, { text: "<b> & A" }]);
    expect(plainText(parseHtml("<b>a<i>b</b>c"))).toBe("abc");
    expect(parseHtml("1 < 2 > 0")).toEqual([{ text: "1 < 2 > 0" }]);
  });

  it("refuses every link scheme but http, https, mailto and trueconf, however it is disguised", () => {
    for (const bad of [
      "javascript:alert(1)",
      " JaVaScRiPt:x",
      "java\tscript:x",
      "java\nscript:x",
      "\u0001javascript:x",
      "data:text/html,x",
      "vbscript:x",
      "/relative",
      "//host/x",
      "",
    ]) {
      expect(safeHref(bad), JSON.stringify(bad)).toBeUndefined();
    }
    expect(safeHref("https://example.org/?a=1")).toBe("https://example.org/?a=1");
    expect(safeHref("trueconf:alice@srv")).toBe("trueconf:alice@srv");
    expect(safeHref("mailto:a@b.c")).toBe("mailto:a@b.c");
    expect(parseHtml('<a href="jav&#x09;ascript:x">y</a>')).toEqual([
      { tag: "a", href: "jav\tascript:x", children: [{ text: "y" }] },
    ]);
  });

  it("reads markdown bold, italic, strikethrough, links and backslash escapes", () => {
    expect(parseMarkdown("**b** __b__ *i* _i_ ~~s~~ [l](https://x.io)")).toEqual([
      { tag: "b", children: [{ text: "b" }] },
      { text: " " },
      { tag: "b", children: [{ text: "b" }] },
      { text: " " },
      { tag: "i", children: [{ text: "i" }] },
      { text: " " },
      { tag: "i", children: [{ text: "i" }] },
      { text: " " },
      { tag: "s", children: [{ text: "s" }] },
      { text: " " },
      { tag: "a", href: "https://x.io", children: [{ text: "l" }] },
    ]);
    expect(parseMarkdown("snake_case_name and a * b")).toEqual([{ text: "snake_case_name and a * b" }]);
    expect(parseMarkdown("Hello\\. \\*not italic\\*")).toEqual([{ text: "Hello. *not italic*" }]);
    expect(parseMarkdown("**bold _and italic_**")).toEqual([
      { tag: "b", children: [{ text: "bold " }, { tag: "i", children: [{ text: "and italic" }] }] },
    ]);
    expect(parseMarkdown("<b>not html</b>")).toEqual([{ text: "<b>not html</b>" }]);
  });

  it("shows plain text verbatim", () => {
    expect(parseRich("<b>**x**</b>", "text")).toEqual([{ text: "<b>**x**</b>" }]);
    expect(parseRich(undefined, "html")).toEqual([]);
  });
});
