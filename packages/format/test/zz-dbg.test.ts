import fc from "fast-check";
import { it } from "vitest";
import { safeSplitText } from "../src/index.js";
import { document, roomyLimit } from "./generators.js";
import { markdownBalanced } from "./oracles.js";
it("dbg", () => {
  const out = fc.check(fc.property(document, roomyLimit, (node, limit) => {
    const md = node.asMarkdown();
    const chunks = safeSplitText(md, { limit, parseMode: "markdown" });
    return !markdownBalanced(md) || chunks.every((c) => markdownBalanced(c));
  }), { seed: 1841809378, numRuns: 1500 });
  const [node, limit] = out.counterexample ?? [];
  const md = (node as any).asMarkdown();
  console.log(JSON.stringify(md), limit, JSON.stringify(safeSplitText(md, { limit: limit as number, parseMode: "markdown" })));
});
