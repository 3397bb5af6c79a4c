/**
 * Benchmark: an echo bot built with @tc/bot against a hand-wired @tc/transport + @tc/api echo bot, on one
 * emulator in the same run, rounds alternating so that load from other processes hits both alike.
 * - pipelined throughput: 1,500 messages from 3 humans in 3 chats, sent at once; target ≥ 0.9 × hand-wired;
 * - sequential latency: one message at a time, human send → echo stored; target p50 ≤ 1.1 × hand-wired.
 * Where the time goes: the emulator's share is measured by the time a human's send takes alone (the world
 * stores and pushes), and by a bare echo that answers from the raw push with no parsing at all.
 * Run with `pnpm bench` (or `npx tsx bench/run.ts` in this folder).
 */
import { Api, type IncomingEvent, type Update } from "@tc/api";
import { Emulator } from "@tc/emulator";
import { Transport } from "@tc/transport";
import { Bot, Dispatcher, F, Router } from "../src/index.js";

type Echo = { stop(): Promise<void> };
const rounds = 5;
const pipelined = 1_500;
const sequential = 200;
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

async function handWired(emu: Emulator): Promise<Echo> {
  const transport = new Transport({
    server: "127.0.0.1",
    port: emu.port,
    https: false,
    token: emu.issueToken("bot"),
  });
  const api = new Api(transport);
  api.on("event", (event: IncomingEvent | Update) => {
    if (event.method !== "sendMessage" || event.fromUserId === api.meId || event.text === undefined) return;
    event.answer(event.text).catch(() => {});
  });
  await transport.start();
  return { stop: () => transport.stop({ deadline: 1_000 }) };
}

/**
 * The echo bot of the README. `ordered` keeps the defaults (each chat in order, at most 64 handlers at once);
 * otherwise no chat order and no cap — FSM isolation still runs one event per user and chat at a time.
 */
async function withBot(emu: Emulator, ordered: boolean): Promise<Echo> {
  const router = new Router();
  router.message(F.text, (message) => message.answer(message.text));
  const dispatcher = new Dispatcher({
    logger: quiet,
    concurrency: ordered ? {} : { key: "none", limit: 100_000 },
  });
  dispatcher.includeRouter(router);
  const bot = new Bot({
    server: "127.0.0.1",
    webPort: emu.port,
    https: false,
    token: emu.issueToken("bot"),
    dispatcher,
    logger: quiet,
  });
  await bot.start();
  return { stop: async () => void (await bot.shutdown()) };
}

/** Resolves when the bot has stored `count` more messages of its own. */
function botMessages(emu: Emulator, count: number): Promise<void> {
  let seen = 0;
  return new Promise((resolve) => {
    const off = emu.onFrame((record) => {
      if (record.direction === "in" && record.frame?.type === 1 && record.frame.method === "sendMessage") {
        seen += 1;
        if (seen === count) {
          off();
          resolve();
        }
      }
    });
  });
}

async function throughput(emu: Emulator, chats: [string, string][]): Promise<number> {
  const done = botMessages(emu, pipelined);
  const start = performance.now();
  const perHuman = pipelined / chats.length;
  await Promise.all(
    chats.map(async ([user, chat]) => {
      for (let i = 0; i < perHuman; i++) await emu.as(user).send(chat, `m${i}`);
    }),
  );
  await done;
  return pipelined / ((performance.now() - start) / 1000);
}

async function latency(emu: Emulator, chat: string): Promise<{ p50: number; p99: number; send: number }> {
  const samples: number[] = [];
  let sendTime = 0;
  for (let i = 0; i < sequential; i++) {
    const done = botMessages(emu, 1);
    const start = performance.now();
    await emu.as("alice").send(chat, `s${i}`);
    sendTime += performance.now() - start;
    await done;
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return {
    p50: samples[Math.floor(sequential * 0.5)] ?? 0,
    p99: samples[Math.floor(sequential * 0.99)] ?? 0,
    send: sendTime / sequential,
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

const emu = await Emulator.start({ frameLogLimit: 10_000 });
const seeded = emu.seeded!;
const chats: [string, string][] = [
  ["alice", seeded.p2pChatId],
  ["alice", seeded.groupChatId],
  ["bob", emu.createChat({ type: "p2p", owner: "bob", participants: ["bot"] })],
];
const series = () => ({
  tput: [] as number[],
  p50: [] as number[],
  p99: [] as number[],
  send: [] as number[],
});
const results = { hand: series(), bot: series(), unordered: series() };
for (let round = 0; round < rounds; round++) {
  for (const [name, start] of [
    ["hand", handWired],
    ["bot", (e: Emulator) => withBot(e, true)],
    ["unordered", (e: Emulator) => withBot(e, false)],
  ] as const) {
    const echo = await start(emu);
    const r = results[name];
    r.tput.push(await throughput(emu, chats));
    const l = await latency(emu, seeded.p2pChatId);
    r.p50.push(l.p50);
    r.p99.push(l.p99);
    r.send.push(l.send);
    await echo.stop();
  }
}
await emu.stop();

const fmt = (n: number, digits = 2) => n.toFixed(digits);
const summary = (r: ReturnType<typeof series>) => ({
  tput: median(r.tput),
  p50: median(r.p50),
  p99: median(r.p99),
});
const hand = summary(results.hand);
const bot = summary(results.bot);
const unordered = summary(results.unordered);
const send = median([...results.hand.send, ...results.bot.send]);
console.log(
  `@tc/bot echo vs hand-wired transport + api echo, one emulator, median of ${rounds} alternating rounds`,
);
console.log(
  `pipelined ${pipelined} messages, 3 humans in 3 chats: hand-wired ${fmt(hand.tput, 0)} msg/s; ` +
    `bot without chat order or cap (concurrency key "none"; FSM isolation still takes one event per user and chat at a time) ${fmt(unordered.tput, 0)} msg/s, ratio ${fmt(unordered.tput / hand.tput)} (target ≥ 0.90); ` +
    `bot with the default concurrency (each chat in order, 64 at once) ${fmt(bot.tput, 0)} msg/s, ratio ${fmt(bot.tput / hand.tput)}: each chat waits for its previous answer, which queues behind the burst`,
);
console.log(
  `sequential latency: hand-wired p50 ${fmt(hand.p50)} ms p99 ${fmt(hand.p99)} ms; bot p50 ${fmt(bot.p50)} ms p99 ${fmt(bot.p99)} ms; p50 ratio ${fmt(bot.p50 / hand.p50)} (target ≤ 1.10)`,
);
console.log(
  `where the time goes per sequential message: the human's send in the emulator ${fmt(send)} ms; the rest of the hand-wired round trip (push, parse, answer, store) ${fmt(hand.p50 - send)} ms; what the bot layer adds on top ${fmt(bot.p50 - hand.p50)} ms`,
);
