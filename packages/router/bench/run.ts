// Router benchmark: `pnpm bench`. Prints events/s of a dispatcher against a hand-written switch over the same
// events in the same run, the heap growth, and the type-checking cost of a file with 200 handlers.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Api, type Message } from "@tc/api";
import { protocolSamples } from "@tc/emulator/protocol-samples";
import { Command, Dispatcher, F, Router } from "../src/index.js";

const eventCount = 100_000;
const handlerCount = 50;

const api = new Api({ session: { userId: "bot@video.example.org" }, request: async () => ({}) });
const sample = protocolSamples.events.find((frame) => frame.method === "sendMessage")!;
const texts = Array.from({ length: handlerCount }, (_, i) => (i % 2 === 0 ? `/cmd${i}` : `word${i}`));
const events: Message[] = Array.from({ length: eventCount }, (_, i) => {
  const payload = structuredClone(sample.payload) as Record<string, unknown>;
  payload.content = { text: `${texts[i % texts.length]}${i % 2 === 0 ? " arg" : ""}`, parseMode: "text" };
  payload.chatId = `chat-${i % 100}`;
  return api.parseUpdate({ method: "sendMessage", id: i, payload }) as Message;
});

let sink = 0;
const work = (n: number) => {
  sink += n;
};

/** The dispatcher: 50 handlers (half Command, half F) spread over two nested routers, one outer and one inner middleware. */
function buildDispatcher(): Dispatcher {
  const dp = new Dispatcher({ concurrency: 64, maxQueued: eventCount });
  const outer = dp.includeRouter(new Router({ name: "outer" }));
  const inner = outer.includeRouter(new Router({ name: "inner" }));
  dp.useOuter(async (_event, _ctx, next) => next());
  dp.use(async (_event, _ctx, next) => next());
  texts.forEach((text, i) => {
    const router = i < handlerCount / 2 ? outer : inner;
    if (text.startsWith("/")) router.message(Command(text.slice(1)), () => work(i));
    else router.message(F.text.eq(text), () => work(i));
  });
  return dp;
}

/** The same decisions written by hand: a switch over the command name or the text. */
async function handByHand(message: Message): Promise<void> {
  const text = message.text ?? "";
  if (text.startsWith("/")) {
    const name = text.slice(1).split(/\s/, 1)[0];
    switch (name) {
      default: {
        const index = texts.indexOf(`/${name}`);
        if (index >= 0) work(index);
      }
    }
    return;
  }
  const index = texts.indexOf(text);
  if (index >= 0) work(index);
}

async function measure(name: string, run: () => Promise<void>): Promise<{ rate: number; heap: number }> {
  globalThis.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  await run();
  const seconds = (performance.now() - started) / 1000;
  globalThis.gc?.();
  const heap = process.memoryUsage().heapUsed - heapBefore;
  const rate = eventCount / seconds;
  console.log(`${name.padEnd(12)} ${Math.round(rate).toLocaleString("en-US").padStart(10)} events/s`);
  return { rate, heap };
}

async function runtime(): Promise<void> {
  const dp = buildDispatcher();
  // Warm up both paths before measuring.
  for (const message of events.slice(0, 5_000)) await handByHand(message);
  await Promise.all(events.slice(0, 5_000).map((message) => dp.feedUpdate(message)));

  const baseline = await measure("switch", async () => {
    await Promise.all(events.map((message) => handByHand(message)));
  });
  const ours = await measure("dispatcher", async () => {
    await Promise.all(events.map((message) => dp.feedUpdate(message)));
  });
  const ratio = ours.rate / baseline.rate;
  console.log(`ratio        ${ratio.toFixed(2)} of the switch (target >= 0.5)`);
  console.log(
    `heap growth  ${(ours.heap / 1024 / 1024).toFixed(1)} MB over ${eventCount.toLocaleString("en-US")} events`,
  );
  await dp.stop();
  if (sink < 0) console.log(sink);
}

/** tsc time and instantiations of a generated file with 200 typed handlers. */
function typeCost(): void {
  const dir = mkdtempSync(join(resolve(import.meta.dirname, ".."), ".bench-types-"));
  try {
    const lines = ['import { Command, F, Router } from "../src/index.js";', "const router = new Router();"];
    for (let i = 0; i < 200; i++) {
      lines.push(
        i % 2 === 0
          ? `router.message(Command("c${i}"), (m, ctx) => m.answer(ctx.command.command));`
          : `router.message(F.text.eq("t${i}"), (m) => m.answer(m.text));`,
      );
    }
    writeFileSync(join(dir, "handlers.ts"), `${lines.join("\n")}\n`);
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({ extends: "../../../tsconfig.base.json", include: ["handlers.ts"] }),
    );
    const output = execFileSync("tsc", ["-p", join(dir, "tsconfig.json"), "--extendedDiagnostics"], {
      encoding: "utf8",
    });
    const pick = (label: string) => new RegExp(`^${label}:\\s+(.+)$`, "m").exec(output)?.[1]?.trim() ?? "?";
    console.log(`200 handlers: check time ${pick("Check time")}, instantiations ${pick("Instantiations")}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await runtime();
typeCost();
