// Benchmark of safeSplitText on mixed HTML (run with `pnpm bench`; never part of the tests).
// Prints the time for 1 MB and 10 MB of the same kind of text and their ratio: linear growth gives
// a ratio near 10; the target is at most 12, with 10 MB well under a second.
import { safeSplitText, visibleLength } from "../src/index.js";

const SAMPLE = [
  "<b>Status report</b> for the <i>build farm</i>: all green &amp; fast. ",
  'See <a href="https://ci.example.org/job/442">job 442</a> and ask <a href="trueconf:ops@video.example.org">Ops</a>.\n',
  "Пользователь написал длинное сообщение с <u>подчёркнутым</u> текстом и эмодзи 😀👍🏽 🇩🇪. ",
  "中文句子没有空格但是有标点。第二句话也很长！<s>删除线</s>\n\n",
  "A very-long-identifier_with_underscores_and-dashes-that-goes-on-and-on-without-any-space-at-all. ",
  "Combining marks: e\u0301 a\u0308 o\u0303\u0323 and <br> tags &lt;kept&gt; as text.\n",
];

/** About `bytes` UTF-16 code units of the sample, repeated. */
function mixedHtml(bytes: number): string {
  const unit = SAMPLE.join("");
  return unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);
}

function timeSplit(text: string, runs: number): { ms: number; chunks: number } {
  // Best of several runs, so that a neighbour's burst of CPU use does not decide the figure.
  let best = Number.POSITIVE_INFINITY;
  let chunks = 0;
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    chunks = safeSplitText(text, { parseMode: "html" }).length;
    best = Math.min(best, performance.now() - started);
  }
  return { ms: best, chunks };
}

const small = mixedHtml(1_000_000);
const large = mixedHtml(10_000_000);
timeSplit(small, 2); // warm-up: let the JIT compile the hot paths first
const one = timeSplit(small, 5);
const ten = timeSplit(large, 3);
const format = (ms: number) => `${ms.toFixed(1)} ms`;
console.log("safeSplitText, html, limit 4096 (best of 5 runs for 1 MB, of 3 for 10 MB)");
console.log(
  `  1 MB: ${format(one.ms)}  (${one.chunks} chunks, ${visibleLength(small, { parseMode: "html" })} visible)`,
);
console.log(
  ` 10 MB: ${format(ten.ms)}  (${ten.chunks} chunks, ${visibleLength(large, { parseMode: "html" })} visible)`,
);
console.log(`  ratio 10 MB / 1 MB: ${(ten.ms / one.ms).toFixed(2)} (linear: 10, target: at most 12)`);
