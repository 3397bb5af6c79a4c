import { describe, expect, it } from "vitest";
import { Bold, escapeMarkdown, Link, ParseMode, Text, visibleLength } from "../src/index.js";

const html = { parseMode: ParseMode.HTML };
const markdown = { parseMode: ParseMode.MARKDOWN };

describe("visibleLength: the examples of PROTOCOL.md 10.4", () => {
  it("measures Markdown like the reference", () => {
    expect(visibleLength("snake_case_name", markdown)).toBe(15);
    expect(visibleLength("a * b", markdown)).toBe(4);
    expect(visibleLength("**bold**", markdown)).toBe(4);
    expect(visibleLength("[a_b](u_v)", markdown)).toBe(6);
    expect(visibleLength("a__b", markdown)).toBe(4);
    expect(visibleLength("__b__", markdown)).toBe(1);
    expect(visibleLength("a*b*c", markdown)).toBe(5);
    expect(visibleLength("[**b** _i_](u)", markdown)).toBe(5);
    expect(visibleLength("~~s~~ ~x", markdown)).toBe(3);
  });

  it("measures HTML like the reference", () => {
    expect(visibleLength("<b>bold</b>", html)).toBe(4);
    expect(visibleLength("<br>", html)).toBe(4);
    expect(visibleLength('<a href="https://x.io">Site</a>', html)).toBe(17);
    expect(visibleLength("<A HREF='u'><b>x</b></A>", html)).toBe(3);
    expect(visibleLength('<a href="">x</a>', html)).toBe(1);
    expect(visibleLength("&amp;", html)).toBe(5);
    expect(visibleLength("<span>x</span>", html)).toBe(14);
  });

  it("counts code points, never UTF-16 units", () => {
    expect(visibleLength("😀")).toBe(1);
    expect(visibleLength("😀", html)).toBe(1);
    expect(visibleLength("e\u0301")).toBe(2);
    expect(visibleLength("中文")).toBe(2);
  });
});

describe("visibleLength honours the parse mode", () => {
  it("counts every character of plain text, markup look-alikes included", () => {
    expect(visibleLength("a * b")).toBe(5);
    expect(visibleLength("snake_case_name ~x~")).toBe(19);
    expect(visibleLength("<b>bold</b>")).toBe(11);
    expect(visibleLength("**bold**", { parseMode: "text" })).toBe(8);
  });

  it("does not treat the other mode's markup as markup", () => {
    expect(visibleLength("**bold**", html)).toBe(8);
    expect(visibleLength("<b>bold</b>", markdown)).toBe(11);
  });

  it("agrees with what the builders produce", () => {
    const node = Text("Hi ", Bold("there"), " ", Link("docs", { url: "https://x.io" }));
    expect(visibleLength(node.asHtml(), html)).toBe("Hi there docs https://x.io".length);
    expect(visibleLength(node.asMarkdown(), markdown)).toBe("Hi there docs https://x.io".length);
    // An escape counts both characters: the server may show the backslash.
    expect(visibleLength(escapeMarkdown("1.5"), markdown)).toBe(4);
  });

  it("is 0 for the empty text", () => {
    expect(visibleLength("")).toBe(0);
    expect(visibleLength("", html)).toBe(0);
  });
});

describe("visibleLength input checks", () => {
  it("rejects a non-string text", () => {
    expect(() => visibleLength(42 as unknown as string)).toThrow(TypeError);
  });

  it("rejects an unknown parse mode and bad options", () => {
    expect(() => visibleLength("x", { parseMode: "HTML" as ParseMode })).toThrow(RangeError);
    expect(() => visibleLength("x", "html" as unknown as { parseMode: ParseMode })).toThrow(TypeError);
  });
});
