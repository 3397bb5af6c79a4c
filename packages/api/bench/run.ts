/**
 * Benchmark: the cost of turning a server push into a typed event. For each sample push, `JSON.parse` of its
 * frame text (what the transport must do anyway) is the baseline; `api.parseUpdate` of the parsed payload is
 * measured in the same run and printed as a ratio to it. Run with `pnpm bench`.
 */
import { Api, type Message } from "../src/index.js";
import { sampleEvents } from "../test/fixtures/protocol-samples.js";

const rounds = 7;
const iterations = 20_000;
const api = new Api({ request: async () => ({}) });

/** Nanoseconds per call of `fn` over `iterations` calls. */
function timePerCall(fn: (i: number) => unknown): number {
  let sink = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i += 1) if (fn(i)) sink += 1;
  const elapsed = Number(process.hrtime.bigint() - start);
  if (sink < 0) console.log(sink);
  return elapsed / iterations;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

const picks = ["sendMessage", "editMessage", "createGroupChat", "uploadFileProgress", "someFutureEvent"];
console.log("push                 JSON.parse ns  parseUpdate ns  ratio");
for (const method of picks) {
  const sample = sampleEvents.find((e) => e.method === method);
  if (sample === undefined) continue;
  const text = JSON.stringify({ type: 1, ...sample });
  const baseline: number[] = [];
  const ours: number[] = [];
  // Alternate the two so that load from other processes hits both alike.
  for (let round = 0; round < rounds; round += 1) {
    baseline.push(timePerCall(() => JSON.parse(text)));
    ours.push(timePerCall((i) => api.parseUpdate({ method: sample.method, id: i, payload: sample.payload })));
  }
  const b = median(baseline);
  const o = median(ours);
  console.log(
    `${method.padEnd(20)} ${b.toFixed(0).padStart(13)} ${o.toFixed(0).padStart(15)}  ${(o / b).toFixed(2)}×`,
  );
}

// Message.mention on an adversarial text (unterminated Markdown mention openers): linear time means 10× the text
// costs about 10× the time. A regular expression that ran across later matches made it quadratic (~100×).
const mentionApi = new Api({ request: async () => ({}), session: { userId: "bot@video.example.org" } });
function mentionMessage(length: number) {
  const text = "](trueconf:".repeat(Math.ceil(length / 11)).slice(0, length);
  const envelope = { messageId: "m", chatId: "c", timestamp: 1, type: 200, author: { id: "a", type: 1 } };
  return mentionApi.parseUpdate({
    method: "sendMessage",
    id: 1,
    payload: { ...envelope, content: { text, parseMode: "markdown" } },
  }) as Message;
}
/** Milliseconds per `mention` check, median of `rounds`. */
function mentionMs(message: Message, calls: number): number {
  const times: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < calls; i += 1) if (message.mention) console.log("unexpected mention");
    times.push(Number(process.hrtime.bigint() - start) / calls / 1e6);
  }
  return median(times);
}
const smallMessage = mentionMessage(10_000);
const largeMessage = mentionMessage(100_000);
mentionMs(largeMessage, 20); // warm-up, so that neither size pays for compiling the code
const small = mentionMs(smallMessage, 200);
const large = mentionMs(largeMessage, 20);
console.log("\nmessage.mention, adversarial text   10 KB ms  100 KB ms  ratio");
console.log(
  `${"](trueconf: repeated".padEnd(34)} ${small.toFixed(3).padStart(8)} ${large.toFixed(3).padStart(10)}  ${(large / small).toFixed(1)}×`,
);
