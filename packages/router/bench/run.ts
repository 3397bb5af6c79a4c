// Router benchmark: `pnpm build && pnpm --filter @tc/router bench` (or, in packages/router,
// `npx tsup && npx tsx bench/run.ts`). It measures the built package (dist/), as bots run it: run from the
// sources through tsx, every closure the dispatcher makes per event would also pay for tsx's `keepNames`
// wrapper, which no user ever runs.
//
// Feeds 100,000 messages, as a bot receives them (a bounded number in flight, as the transport's intake and the
// dispatcher's backpressure keep it), through a dispatcher with 50 handlers (half `Command`, half `F.text.eq`)
// over two nested routers with one outer and one inner middleware, and through a hand-written switch that makes
// the same decisions (command parsing with the same rules, text equality) and calls the same handler bodies.
// Both run in the same process, alternating (each line in every position in turn), five rounds; it prints the
// median events/s of each, their ratio, the heap retained after a full run, then the type-checking cost of a
// file with 200 handlers. Three more lines say where the time goes: the switch with the two middleware called
// around it by hand; that, plus per-chat order and the concurrency cap written by hand (the floor of any router
// keeping those guarantees); and the dispatcher without the middleware.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { Api, type Message } from "@tc/api";
import { protocolSamples } from "@tc/emulator/protocol-samples";
import type * as RouterPackage from "../src/index.js";

const built = new URL("../dist/index.js", import.meta.url);
if (!existsSync(built)) throw new Error("Build the packages first: pnpm build");
const { Command, Dispatcher, F, Router } = (await import(built.href)) as typeof RouterPackage;
type Dispatcher = RouterPackage.Dispatcher;

const eventCount = 100_000;
const handlerCount = 50;
/**
 * Events in flight at once: what the transport intake lets through before backpressure holds the pushes.
 * `--in-flight=N` changes it (1: nothing ever waits, for the dispatcher or the floor).
 */
const inFlightFlag = process.argv.find((arg) => arg.startsWith("--in-flight="));
const inFlight = inFlightFlag === undefined ? 128 : Number(inFlightFlag.slice("--in-flight=".length));
if (!Number.isInteger(inFlight) || inFlight < 1)
  throw new Error(`--in-flight wants a whole number >= 1: ${inFlightFlag}`);
/** The dispatcher's cap of handlers running at once (its default), kept by the hand-written floor too. */
const concurrencyLimit = 64;

// A full GC before and after a run, so that the heap figure is what the run retained, not garbage not yet swept.
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

const botId = "bot@video.example.org";
const api = new Api({ session: { userId: botId }, request: async () => ({}) });
const sample = protocolSamples.events.find((frame) => frame.method === "sendMessage")!;
const texts = Array.from({ length: handlerCount }, (_, i) => (i % 2 === 0 ? `/cmd${i}` : `word${i}`));
const events: Message[] = Array.from({ length: eventCount }, (_, i) => {
  const payload = structuredClone(sample.payload) as Record<string, unknown>;
  // Every tenth message matches nothing, so both sides also pay for a full miss.
  const text =
    i % 10 === 9 ? "no handler for this" : `${texts[i % texts.length]}${i % 2 === 0 ? " arg" : ""}`;
  payload.content = { text, parseMode: "text" };
  payload.chatId = `chat-${i % 100}`;
  return api.parseUpdate({ method: "sendMessage", id: i, payload }) as Message;
});

let sink = 0;
/** The handler bodies, shared by both sides. */
const bodies = texts.map((_, i) => () => {
  sink += i;
});

/** The two middleware of the benchmark: as plain as middleware gets, so that what is measured is the plumbing. */
const outerMiddleware = async (_event: unknown, _ctx: unknown, next: () => Promise<unknown>) => next();
const innerMiddleware = async (_event: unknown, _ctx: unknown, next: () => Promise<unknown>) => next();

/**
 * The dispatcher: 50 handlers (half Command, half F) spread over two nested routers, one outer and one inner
 * middleware (left out with `middleware: false`, to show what they cost inside the dispatcher).
 */
function buildDispatcher(middleware = true): Dispatcher {
  const dp = new Dispatcher({ concurrency: concurrencyLimit });
  const outer = dp.includeRouter(new Router({ name: "outer" }));
  const inner = outer.includeRouter(new Router({ name: "inner" }));
  if (middleware) {
    dp.useOuter(outerMiddleware);
    dp.use(innerMiddleware);
  }
  texts.forEach((text, i) => {
    const router = i < handlerCount / 2 ? outer : inner;
    if (text.startsWith("/")) router.message(Command(text.slice(1)), bodies[i]!);
    else router.message(F.text.eq(text), bodies[i]!);
  });
  return dp;
}

/**
 * The same decisions written by hand: a `/name[@bot] args` text is parsed as `Command` parses it (plain text
 * only, the prefix, the name up to the first whitespace, a mention that must name this bot), then a switch
 * over the name or the whole text, in the handlers' order, calls the same bodies.
 */
async function handByHand(message: Message): Promise<void> {
  const text = message.text;
  if (text === undefined) return;
  if (text.startsWith("/")) {
    const space = /\s/.exec(text);
    const head = text.slice(1, space?.index ?? text.length);
    const at = head.indexOf("@");
    const name = at < 0 ? head : head.slice(0, at);
    if (at >= 0) {
      const mention = head.slice(at + 1).toLowerCase();
      const me = message.bot.meId?.toLowerCase();
      if (me === undefined || (mention !== me && mention !== me.split("@")[0])) return;
    }
    const args = space === null ? undefined : text.slice(space.index).trimStart() || undefined;
    const command = { prefix: "/", command: name, args };
    const index = texts.indexOf(`/${command.command}`); // a switch of string cases: compared in order
    if (index >= 0) bodies[index]!();
    return;
  }
  const index = texts.indexOf(text);
  if (index >= 0) bodies[index]!();
}

/**
 * The switch with the two middleware bodies called around it by hand, as a bot written without a framework but
 * with the same before/after code would: the middleware's own cost (two async functions a message) is then on
 * both sides, and the ratio says what the dispatcher's plumbing costs.
 */
const noCtx = {};
const handByHandWithMiddleware = (message: Message) =>
  outerMiddleware(message, noCtx, () => innerMiddleware(message, noCtx, () => handByHand(message)));

/**
 * The switch with the two middleware and what the dispatcher guarantees besides the decisions, written by hand as
 * small as it goes: one chat's messages one after the other, at most `limit` running at once (the rest wait in
 * arrival order), and a promise settled when all of it has finished. The floor for any router with these
 * guarantees: what it reaches of the switch bounds what a dispatcher can, and against it the dispatcher's own
 * cost shows.
 */
function orderedByHand(limit: number): (message: Message) => Promise<unknown> {
  interface Waiting {
    message: Message;
    resolve: (value: unknown) => void;
  }
  const busyChats = new Map<string, Waiting[]>(); // a chat being handled, and its messages waiting behind it
  const ready: Waiting[] = []; // messages whose chat is free, waiting for a slot
  let readyHead = 0;
  let running = 0;
  const finish = (message: Message) => {
    running--;
    const next = busyChats.get(message.chatId)!.shift();
    if (next === undefined) busyChats.delete(message.chatId);
    else ready.push(next);
    while (running < limit && readyHead < ready.length) {
      const { message: waiting, resolve } = ready[readyHead]!;
      ready[readyHead++] = undefined as never;
      resolve(start(waiting));
    }
    if (readyHead === ready.length) ready.length = readyHead = 0;
  };
  const start = (message: Message): Promise<unknown> => {
    running++;
    const done = handByHandWithMiddleware(message);
    // Anonymous: tsx names every named closure it compiles, per creation, which no built code pays for.
    done.then(
      () => finish(message),
      () => finish(message),
    );
    return done;
  };
  return (message) => {
    const waiting = busyChats.get(message.chatId);
    if (waiting === undefined && readyHead === ready.length && running < limit) {
      busyChats.set(message.chatId, []);
      return start(message);
    }
    return new Promise((resolve) => {
      if (waiting !== undefined) waiting.push({ message, resolve });
      else {
        busyChats.set(message.chatId, []);
        ready.push({ message, resolve });
      }
    });
  };
}

/** Feeds every event through `handle` with at most {@link inFlight} unfinished at once. */
async function feed(handle: (message: Message) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < events.length) await handle(events[next++]!);
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
}

interface Run {
  rate: number;
  heap: number;
}

async function measure(handle: (message: Message) => Promise<unknown>): Promise<Run> {
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  await feed(handle);
  const seconds = (performance.now() - started) / 1000;
  gc();
  return { rate: eventCount / seconds, heap: process.memoryUsage().heapUsed - heapBefore };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const perSecond = (rate: number) => `${Math.round(rate).toLocaleString("en-US").padStart(10)} events/s`;

async function runtime(): Promise<void> {
  const dp = buildDispatcher();
  const bare = buildDispatcher(false);
  const lines = {
    switch: handByHand,
    withMiddleware: handByHandWithMiddleware,
    dispatcher: (message: Message) => dp.feedUpdate(message),
    bareDispatcher: (message: Message) => bare.feedUpdate(message),
    floor: orderedByHand(concurrencyLimit),
  };
  const names = Object.keys(lines) as (keyof typeof lines)[];
  /** One round per line, so that each line takes each position once. */
  const rounds = names.length;
  // Warm up every path before measuring.
  for (const name of names) await measure(lines[name]);

  // Each round measures every line once, starting one line later than the round before, so that over the rounds
  // each line takes each position (what ran just before a line, and the heap it left, moves its figure too).
  const runs = Object.fromEntries(names.map((name) => [name, [] as Run[]])) as Record<
    keyof typeof lines,
    Run[]
  >;
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(round + i) % names.length]!;
      runs[name].push(await measure(lines[name]));
    }
  }
  const rate = (name: keyof typeof lines) => median(runs[name].map((r) => r.rate));
  /** The median over rounds of `a`'s rate over `b`'s, each round's pair measured in the same round. */
  const ratio = (a: keyof typeof lines, b: keyof typeof lines) =>
    median(runs[a].map((run, round) => run.rate / runs[b][round]!.rate)).toFixed(2);
  console.log(
    `${eventCount.toLocaleString("en-US")} messages, ${inFlight} in flight, median of ${rounds} rounds`,
  );
  console.log(`switch       ${perSecond(rate("switch"))}`);
  console.log(`dispatcher   ${perSecond(rate("dispatcher"))}`);
  console.log(`ratio        ${ratio("dispatcher", "switch")} of the switch (target >= 0.5)`);
  console.log(
    `switch + the two middleware bodies by hand ${perSecond(rate("withMiddleware"))}; ` +
      `dispatcher ratio ${ratio("dispatcher", "withMiddleware")} of it`,
  );
  console.log(
    `switch + the two middleware + per-chat order and a cap of ${concurrencyLimit}, by hand ` +
      `${perSecond(rate("floor"))} (${ratio("floor", "switch")} of the switch); ` +
      `dispatcher ratio ${ratio("dispatcher", "floor")} of it`,
  );
  console.log(`dispatcher without the two middleware ${perSecond(rate("bareDispatcher"))}`);
  const heap = median(runs.dispatcher.map((r) => r.heap));
  console.log(`heap growth  ${(heap / 1024 / 1024).toFixed(1)} MB retained after a run (after GC)`);
  await dp.stop();
  await bare.stop();
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
if (!process.argv.includes("--no-types")) typeCost();
