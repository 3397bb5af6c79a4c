/**
 * Benchmark: an echo bot built with @tc/bot against a hand-wired @tc/transport + @tc/api echo bot, on one
 * emulator in the same run, rounds alternating so that load from other processes hits both alike. Two pairs,
 * each with the same semantics on both sides: the hand-wired echo as anyone writes it (every message answered at
 * once) against the bot with `concurrency: { key: "none" }`; and a hand-wired echo that keeps each chat in order
 * (a promise chain per chat) against the bot's defaults (each chat in order, 64 handlers at once).
 * - pipelined throughput: 4,500 messages from 3 humans in 3 chats, sent at once; target ≥ 0.9 × hand-wired;
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
const rounds = 11;
const pipelined = 4_500;
const sequential = 200;
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

/** The hand-wired echo; `ordered`: each chat's answers one after the other, as the bot's default keeps them. */
async function handWired(emu: Emulator, ordered: boolean): Promise<Echo> {
  const transport = new Transport({
    server: "127.0.0.1",
    port: emu.port,
    https: false,
    token: emu.issueToken("bot"),
  });
  const api = new Api(transport);
  const chains = new Map<string, Promise<unknown>>();
  api.on("event", (event: IncomingEvent | Update) => {
    if (event.method !== "sendMessage" || event.fromUserId === api.meId || event.text === undefined) return;
    const text = event.text;
    const answer = () => event.answer(text).catch(() => {});
    if (!ordered) return void answer();
    const chain = (chains.get(event.chatId) ?? Promise.resolve()).then(answer);
    chains.set(event.chatId, chain);
    void chain.then(() => chains.get(event.chatId) === chain && chains.delete(event.chatId));
  });
  await transport.start();
  return { stop: () => transport.stop({ deadline: 1_000 }) };
}

/**
 * The echo bot of the README. `ordered` keeps the defaults (each chat in order, at most 64 handlers at once);
 * otherwise no chat order and no cap. The echo never uses its FSM record, so it never takes the record's lock.
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
const contenders = {
  hand: (e: Emulator) => handWired(e, false),
  bot: (e: Emulator) => withBot(e, false),
  handOrdered: (e: Emulator) => handWired(e, true),
  botOrdered: (e: Emulator) => withBot(e, true),
};
type Name = keyof typeof contenders;
const results = Object.fromEntries(Object.keys(contenders).map((name) => [name, series()])) as Record<
  Name,
  ReturnType<typeof series>
>;
/** The pairs compared: each bot against the hand-wired echo with the same semantics. */
const pairs = [
  ['answered at once (bot: concurrency key "none")', "hand", "bot"],
  ["each chat in order (bot: the default concurrency)", "handOrdered", "botOrdered"],
] as const;
// The two sides of a pair run back to back, the first side alternating, and each round gives a ratio of its own:
// load from other processes comes and goes over seconds, and a ratio of neighbours in time is what it spares.
for (let round = 0; round < rounds; round++) {
  const order = pairs.flatMap(([, h, b]) => (round % 2 === 0 ? [h, b] : [b, h]));
  for (const name of order) {
    const echo = await contenders[name](emu);
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
const summary = (name: Name) => ({
  tput: median(results[name].tput),
  p50: median(results[name].p50),
  p99: median(results[name].p99),
});
/** The median over the rounds of `of(a) / of(b)`, each round's figures against each other. */
const ratio = (a: Name, b: Name, of: "tput" | "p50") =>
  median(results[a][of].map((value, round) => value / results[b][of][round]!));
const hand = summary("hand");
const bot = summary("bot");
const send = median([...results.hand.send, ...results.bot.send]);
console.log(
  `@tc/bot echo vs hand-wired transport + api echo, one emulator, ${rounds} rounds; figures are medians, ratios the median of each round's ratio`,
);
for (const [label, handName, botName] of pairs) {
  const h = summary(handName);
  const b = summary(botName);
  console.log(
    `${label}: pipelined ${pipelined} messages, 3 humans in 3 chats: hand-wired ${fmt(h.tput, 0)} msg/s, bot ${fmt(b.tput, 0)} msg/s, ratio ${fmt(ratio(botName, handName, "tput"))} (target ≥ 0.90); ` +
      `sequential: hand-wired p50 ${fmt(h.p50)} ms p99 ${fmt(h.p99)} ms, bot p50 ${fmt(b.p50)} ms p99 ${fmt(b.p99)} ms, p50 ratio ${fmt(ratio(botName, handName, "p50"))} (target ≤ 1.10)`,
  );
}
console.log(
  `what keeping each chat in order costs (the bot's default against the hand-wired echo that answers at once): throughput ratio ${fmt(ratio("botOrdered", "hand", "tput"))}, p50 ratio ${fmt(ratio("botOrdered", "hand", "p50"))} — a chat's next message waits until the answer to its previous one is confirmed`,
);
console.log(
  `where the time goes per sequential message: the human's send in the emulator ${fmt(send)} ms; the rest of the hand-wired round trip (push, parse, answer, store) ${fmt(hand.p50 - send)} ms; what the bot layer adds on top ${fmt(bot.p50 - hand.p50)} ms`,
);
