import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type Decoration,
  markdownDecoration,
  type ParseMode,
  safeSplitText,
  visibleLength,
} from "../src/index.js";
import { document, loneMarkerMarkdown, mess, roomyLimit, runLimit, smallLimit } from "./generators.js";
import {
  BREAKING_WHITESPACE,
  cutInsideGrapheme,
  cutLinkThatFits,
  decodeEntities,
  htmlBalanced,
  htmlVisible,
  markdownBalanced,
  markdownVisible,
  missingBesidesBreakWhitespace,
  withoutLoneMarkers,
} from "./oracles.js";

// Every property runs on 5,000 generated texts, set explicitly (8 properties, 40,000 texts per run). The
// generators keep texts to a few hundred characters and limits small, so that they are split often.
const RUNS = 5_000;

/** Emphasis markers hug their content, as in `markdownDecoration`. */
function hugging(marker: string): (inner: string) => string {
  return (inner) => {
    const [, before, content, after] = /^(\s*)([\s\S]*?)(\s*)$/.exec(inner) as unknown as string[];
    return content === "" ? inner : `${before}${marker}${content}${marker}${after}`;
  };
}

/** Markdown written with `__bold__` and `_italic_` instead of `**` and `*`. */
const underscoreDecoration: Decoration = {
  ...markdownDecoration,
  bold: hugging("__"),
  italic: hugging("_"),
};

/** What holds for every text in every mode: limits, no empty chunks, idempotence, whole code points. */
function checkEveryChunk(text: string, limit: number, parseMode: ParseMode, chunks: readonly string[]): void {
  if (visibleLength(text, { parseMode }) <= limit) {
    expect(chunks).toEqual(text === "" ? [] : [text]);
    return;
  }
  for (const chunk of chunks) {
    const blank = [...chunk].every((char) => BREAKING_WHITESPACE.test(char));
    expect(blank, "a chunk of nothing but breaking whitespace").toBe(false);
    expect(visibleLength(chunk, { parseMode })).toBeLessThanOrEqual(limit);
    // Splitting is idempotent: a chunk fits, so it comes back unchanged.
    expect(safeSplitText(chunk, { limit, parseMode })).toEqual([chunk]);
    expect(/^[\udc00-\udfff]|[\ud800-\udbff]$/.test(chunk)).toBe(false);
  }
}

// Each property takes a few seconds alone; the limit leaves room for a loaded 2-core CI machine.
describe("safeSplitText properties", { timeout: 90_000 }, () => {
  it("html built from nodes: chunks fit, stay well-formed and keep all visible text", () => {
    fc.assert(
      fc.property(document, roomyLimit, (node, limit) => {
        const html = node.asHtml();
        const chunks = safeSplitText(html, { limit, parseMode: "html" });
        checkEveryChunk(html, limit, "html", chunks);
        for (const chunk of chunks) expect(htmlBalanced(chunk), chunk).toBe(true);
        // Entities decoded: a cut entity (`&am` + `p;`) would not read as the `&` of the input.
        const read = (text: string) => decodeEntities(htmlVisible(text));
        // The visible text is kept, up to the whitespace at breaks, and no cut splits a grapheme.
        expect(cutInsideGrapheme(read(html), chunks.map(read), limit)).toBeUndefined();
        expect(cutLinkThatFits(html, chunks, limit, "html")).toBeUndefined();
      }),
      { numRuns: RUNS },
    );
  });

  it("markdown built from nodes: chunks fit, stay well-formed and keep all visible text", () => {
    // Half of the texts use the other emphasis markers, `__bold__` and `_italic_`.
    const decoration = fc.constantFrom(markdownDecoration, underscoreDecoration);
    fc.assert(
      fc.property(document, roomyLimit, decoration, (node, limit, markers) => {
        const markdown = node.render(markers);
        const chunks = safeSplitText(markdown, { limit, parseMode: "markdown" });
        checkEveryChunk(markdown, limit, "markdown", chunks);
        // Node-built Markdown is balanced (a check of the oracle), and so must every chunk be.
        expect(markdownBalanced(markdown), markdown).toBe(true);
        for (const chunk of chunks) expect(markdownBalanced(chunk), chunk).toBe(true);
        const visible = markdownVisible(markdown);
        expect(cutInsideGrapheme(visible, chunks.map(markdownVisible), limit)).toBeUndefined();
        expect(cutLinkThatFits(markdown, chunks, limit, "markdown")).toBeUndefined();
      }),
      { numRuns: RUNS },
    );
  });

  it("markdown with lone markers inside emphasis: the markers stay literal, the emphasis balanced", () => {
    fc.assert(
      fc.property(loneMarkerMarkdown, runLimit, (markdown, limit) => {
        const chunks = safeSplitText(markdown, { limit, parseMode: "markdown" });
        checkEveryChunk(markdown, limit, "markdown", chunks);
        expect(markdownBalanced(withoutLoneMarkers(markdown)), markdown).toBe(true);
        for (const chunk of chunks) expect(markdownBalanced(withoutLoneMarkers(chunk)), chunk).toBe(true);
        expect(
          missingBesidesBreakWhitespace(markdownVisible(markdown), chunks.map(markdownVisible)),
        ).toBeUndefined();
      }),
      { numRuns: RUNS },
    );
  });

  it("plain text: chunks fit and are the text itself minus the whitespace at each break", () => {
    fc.assert(
      fc.property(document, smallLimit, (node, limit) => {
        const text = String(node);
        const chunks = safeSplitText(text, { limit });
        checkEveryChunk(text, limit, "text", chunks);
        expect(missingBesidesBreakWhitespace(text, chunks)).toBeUndefined();
        expect(cutInsideGrapheme(text, chunks, limit)).toBeUndefined();
      }),
      { numRuns: RUNS },
    );
  });

  it("any string at all, lone surrogates included, is measured in code points and split without error", () => {
    const anything = fc.string({ unit: "binary", maxLength: 400 });
    fc.assert(
      fc.property(anything, smallLimit, (text, limit) => {
        expect(visibleLength(text)).toBe(Array.from(text).length);
        for (const parseMode of ["html", "markdown", "text"] as const) {
          for (const chunk of safeSplitText(text, { limit, parseMode })) {
            expect(visibleLength(chunk, { parseMode })).toBeLessThanOrEqual(limit);
          }
        }
      }),
      { numRuns: RUNS },
    );
  });

  for (const parseMode of ["html", "markdown", "text"] as const) {
    it(`${parseMode}: any mix of markup, however broken, splits into fitting chunks`, () => {
      fc.assert(
        fc.property(mess, smallLimit, (text, limit) => {
          checkEveryChunk(text, limit, parseMode, safeSplitText(text, { limit, parseMode }));
        }),
        { numRuns: RUNS },
      );
    });
  }
});
