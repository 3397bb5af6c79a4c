import { Api, type Message } from "@tc/api";
import { protocolSamples } from "@tc/emulator/protocol-samples";
import { Command, Dispatcher, F, Router } from "../dist/index.js";
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
const dp = new Dispatcher({ concurrency: 64 });
const outer = dp.includeRouter(new Router({ name: "outer" }));
const inner = outer.includeRouter(new Router({ name: "inner" }));
if (process.env.MW) { dp.useOuter(async (_e, _c, next) => next()); dp.use(async (_e, _c, next) => next()); }
texts.forEach((text, i) => {
  const router = i < 25 ? outer : inner;
  if (text.startsWith("/")) router.message(Command(text.slice(1)), () => { sink += i; });
  else router.message(F.text.eq(text), () => { sink += i; });
});
for (let r = 0; r < 6; r++) await feed((m) => dp.feedUpdate(m));
