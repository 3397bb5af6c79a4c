import fc from "fast-check";
import { it } from "vitest";
import { safeSplitText, visibleLength } from "../src/index.js";
import { document, mess, smallLimit, roomyLimit } from "./generators.js";
import { htmlBalanced, htmlVisible, markdownBalanced, markdownVisible, missingBesidesBreakWhitespace } from "./oracles.js";
const N = Number(process.env.HUNT ?? 20000);
it("hunt", () => {
  for (const parseMode of ["html", "markdown", "text"] as const) {
    const r = fc.check(fc.property(mess, smallLimit, (text, limit) => {
      for (const chunk of safeSplitText(text, { limit, parseMode })) {
        if (visibleLength(chunk, { parseMode }) > limit) return false;
        const again = safeSplitText(chunk, { limit, parseMode });
        if (again.length !== 1 || again[0] !== chunk) return false;
      }
      return true;
    }), { numRuns: N });
    if (r.failed) console.log("MESS", parseMode, JSON.stringify(r.counterexample));
  }
  const r2 = fc.check(fc.property(document, roomyLimit, (node, limit) => {
    const md = node.asMarkdown();
    const chunks = safeSplitText(md, { limit, parseMode: "markdown" });
    if (markdownBalanced(md)) for (const c of chunks) if (!markdownBalanced(c)) return false;
    return missingBesidesBreakWhitespace(markdownVisible(md), chunks.map(markdownVisible)) === undefined;
  }), { numRuns: N / 4 });
  if (r2.failed) console.log("DOCMD", JSON.stringify(r2.counterexample?.[0].asMarkdown()), r2.counterexample?.[1]);
  const r3 = fc.check(fc.property(document, roomyLimit, (node, limit) => {
    const h = node.asHtml();
    const chunks = safeSplitText(h, { limit, parseMode: "html" });
    for (const c of chunks) if (!htmlBalanced(c)) return false;
    return missingBesidesBreakWhitespace(htmlVisible(h), chunks.map(htmlVisible)) === undefined;
  }), { numRuns: N / 4 });
  if (r3.failed) console.log("DOCHTML", JSON.stringify(r3.counterexample?.[0].asHtml()), r3.counterexample?.[1]);
}, 600_000);
