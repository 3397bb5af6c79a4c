import { Api, type Message } from "@tc/api";
import { protocolSamples } from "@tc/emulator/protocol-samples";
import { Command, Dispatcher, F, Router } from "../src/index.js";
const api = new Api({ session: { userId: "bot@video.example.org" }, request: async () => ({}) });
const sample = protocolSamples.events.find((frame) => frame.method === "sendMessage")!;
const texts = Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? `/cmd${i}` : `word${i}`));
const events: Message[] = Array.from({ length: 50000 }, (_, i) => {
  const payload = structuredClone(sample.payload) as Record<string, unknown>;
  payload.content = { text: `${texts[i % texts.length]}${i % 2 === 0 ? " arg" : ""}`, parseMode: "text" };
  payload.chatId = `chat-${i % 100}`;
  return api.parseUpdate({ method: "sendMessage", id: i, payload }) as Message;
});
let sink = 0;
async function feed(handle: (m: Message) => Promise<unknown>, n = 128) {
  let next = 0;
  const worker = async () => { while (next < events.length) await handle(events[next++]!); };
  await Promise.all(Array.from({ length: n }, worker));
}
async function time(name: string, handle: (m: Message) => Promise<unknown>, n?: number) {
  await feed(handle, n);
  const c = process.cpuUsage(); const t = performance.now(); await feed(handle, n); const us = (performance.now() - t) * 1000 / events.length; const cu = process.cpuUsage(c); const cpu = (cu.user + cu.system) / events.length;
  console.log(name.padEnd(40), us.toFixed(2), "µs/event wall", cpu.toFixed(2), "cpu");
}
function build(opts: { handlers: number; mw: boolean; concurrency?: any }) {
  const dp = new Dispatcher({ concurrency: opts.concurrency ?? 64 });
  const outer = dp.includeRouter(new Router({ name: "outer" }));
  const inner = outer.includeRouter(new Router({ name: "inner" }));
  if (opts.mw) { dp.useOuter(async (_e, _c, next) => next()); dp.use(async (_e, _c, next) => next()); }
  texts.slice(0, opts.handlers).forEach((text, i) => {
    const router = i < 25 ? outer : inner;
    if (text.startsWith("/")) router.message(Command(text.slice(1)), () => { sink += i; });
    else router.message(F.text.eq(text), () => { sink += i; });
  });
  return dp;
}
await time("async noop", async () => {});
for (const [name, o] of [["0 handlers", { handlers: 0, mw: false }], ["0 handlers +mw", { handlers: 0, mw: true }], ["50 handlers", { handlers: 50, mw: false }], ["50 handlers +mw", { handlers: 50, mw: true }], ["50 +mw, key none", { handlers: 50, mw: true, concurrency: { key: "none", limit: 64 } }]] as const) {
  const dp = build(o as any);
  await time(name, (m) => dp.feedUpdate(m));
}
const dp = build({ handlers: 50, mw: true });
await time("50 +mw, 1 in flight", (m) => dp.feedUpdate(m), 1);
if (sink < 0) console.log(sink);
