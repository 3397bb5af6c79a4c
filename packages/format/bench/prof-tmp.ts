import { safeSplitText } from "../src/index.js";

const cases: Record<string, [string, "text" | "html" | "markdown"]> = {
  "10MB a": ["a".repeat(1e7), "text"],
  "10MB 'a '": ["a ".repeat(5e6), "text"],
  "10MB CJK no stop": ["中".repeat(1e7), "text"],
  "5MB emoji": ["👍🏽".repeat(1.25e6), "text"],
  "10MB md": ["**bold** _it_ [link](https://x.io) a_b \\* ~~s~~\n".repeat(2e5), "markdown"],
  "1MB nested b": ["<b>x ".repeat(2e5), "html"],
  "1MB <<<": ["<".repeat(1e6), "html"],
  "1MB [[[": ["[".repeat(1e6), "markdown"],
  "1MB ***": ["* a ".repeat(2.5e5), "markdown"],
};
for (const [name, [text, parseMode]] of Object.entries(cases)) {
  const t = performance.now();
  const chunks = safeSplitText(text, { parseMode });
  console.log(
    name,
    (performance.now() - t).toFixed(0),
    "ms",
    chunks.length,
    "chunks",
    Math.max(...chunks.map((c) => c.length)),
  );
}
