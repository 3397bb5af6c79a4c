import { describe, expect, it } from "vitest";
import { escapeHtml, escapeMarkdown } from "../src/index.js";

describe("escapeHtml", () => {
  it("replaces & < > and leaves quotes alone", () => {
    expect(escapeHtml(`a & b < c > d "e" 'f'`)).toBe(`a &amp; b &lt; c &gt; d "e" 'f'`);
    expect(escapeHtml("&amp;")).toBe("&amp;amp;");
    expect(escapeHtml("")).toBe("");
  });

  it("rejects non-strings", () => {
    expect(() => escapeHtml(undefined as unknown as string)).toThrow(TypeError);
  });
});

describe("escapeMarkdown", () => {
  it("puts a backslash before each special character and nothing else", () => {
    expect(escapeMarkdown("2*3 = 6.")).toBe("2\\*3 \\= 6\\.");
    expect(escapeMarkdown("snake_case [x](y)")).toBe("snake\\_case \\[x\\]\\(y\\)");
    expect(escapeMarkdown("plain, text; 😀 <b>")).toBe("plain, text; 😀 <b\\>");
  });

  it("rejects non-strings", () => {
    expect(() => escapeMarkdown(1 as unknown as string)).toThrow(/must be a string, got 1/);
  });
});
