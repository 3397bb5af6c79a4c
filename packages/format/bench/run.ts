// Benchmark of safeSplitText (run with `pnpm bench`; never part of the tests).
// Prints the time for 1 MB and 10 MB of mixed HTML and their ratio (linear growth gives about 10; the
// target is at most 12, with 10 MB well under a second), each against a baseline measured in the same
// run: one plain pass over the same text counting code points. Then a few worst cases.
import { type ParseMode, safeSplitText, visibleLength } from "../src/index.js";

const SAMPLE = [
  "<b>Status report</b> for the <i>build farm</i>: all green &amp; fast. ",
  'See <a href="https://ci.example.org/job/442">job 442</a> and ask <a href="trueconf:ops@video.example.org">Ops</a>.\n',
  "Пользователь написал длинное сообщение с <u>подчёркнутым</u> текстом и эмодзи 😀👍🏽 🇩🇪. ",
  "中文句子没有空格但是有标点。第二句话也很长！<s>删除线</s>\n\n",
  "A very-long-identifier_with_underscores_and-dashes-that-goes-on-and-on-without-any-space-at-all. ",
  "Combining marks: e\u0301 a\u0308 o\u0303\u0323 and <br> tags &lt;kept&gt; as text.\n",
];

/** About `units` UTF-16 code units of `unit`, repeated. */
function repeatTo(unit: string, units: number): string {
  return unit.repeat(Math.ceil(units / unit.length)).slice(0, units);
}

/**
 * Median time of `work` over the given texts. On a shared machine neither a lucky nor an unlucky run
 * should decide a figure (the best of a few 20 ms runs is far luckier than the best of a few 300 ms).
 */
function median(texts: readonly string[], work: (text: string) => unknown): number {
  const times: number[] = [];
  for (const text of texts) {
    const started = performance.now();
    work(text);
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)] as number;
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

/** Times splitting each of `texts` (texts of one size) and prints the median against the baseline. */
function measure(label: string, texts: readonly string[], parseMode: ParseMode): number {
  const split = median(texts, (text) => safeSplitText(text, { parseMode }));
  const baseline = median(texts, (text) => visibleLength(text));
  const chunks = safeSplitText(texts[0] as string, { parseMode }).length;
  console.log(
    `${label}: ${ms(split)}  (${chunks} chunks; baseline pass ${ms(baseline)}, ${(split / baseline).toFixed(1)}x)`,
  );
  return split;
}

const large = repeatTo(SAMPLE.join(""), 10_000_000);
// The ten 1 MB texts are the ten parts of the 10 MB one: the same kind of string, none of them already
// in the processor's caches from the previous run.
const parts = Array.from({ length: 10 }, (_, part) => large.slice(part * 1_000_000, (part + 1) * 1_000_000));
// Warm-up: let the JIT compile the hot paths first.
for (const part of parts.slice(0, 3)) safeSplitText(part, { parseMode: "html" });

console.log("safeSplitText, mixed HTML, limit 4096 (median over ten 1 MB texts, of 5 runs on 10 MB)");
const one = measure("   1 MB", parts, "html");
const ten = measure("  10 MB", Array(5).fill(large), "html");
console.log(`  ratio 10 MB / 1 MB: ${(ten / one).toFixed(2)} (linear: 10, target: at most 12)`);

console.log("worst cases, 10 MB each (median of 3 runs)");
measure("  one word without any space", Array(3).fill("x".repeat(10_000_000)), "text");
measure("  a word every two characters", Array(3).fill("a ".repeat(5_000_000)), "text");
measure(
  "  Markdown markers and links",
  Array(3).fill(repeatTo("**bold** _it_ [link](https://x.io) a_b \\* ~~s~~\n", 10_000_000)),
  "markdown",
);
