// One replica of the test bot, in a process of its own: the seeded bot account on the emulator, its FSM in Redis
// and a ReplicaCoordinator, so that several of these processes share the work. Started by ./replicas.ts; it
// talks to the test over the IPC channel: "ready" once authorised, "hung" (with its stats) when it has stopped
// in its handlers on purpose, and its final "stats" when told to "stop".
import { Bot, Command, Dispatcher, F, FSMStrategy, Router, State, StatesGroup } from "@tc/bot";
import { RedisStorage, ReplicaCoordinator } from "../../src/index.js";

/** What the test passes in REPLICA_CONFIG. */
export interface ReplicaConfig {
  name: string;
  emulatorPort: number;
  redisUrl: string;
  /** "form": the name/age form; "count": answers every text with how many texts its chat sent before. */
  mode: "form" | "count";
  /** Milliseconds of the FSM lock and the claims: how soon a killed replica's work is taken over. */
  lockTtl: number;
  /** In "count" mode: after handling this many messages, every later handler stops forever (to be killed). */
  hangAfter?: number;
}

const config = JSON.parse(process.env.REPLICA_CONFIG ?? "{}") as ReplicaConfig;
const send = (message: object) => process.send?.(message);
const quiet = { debug() {}, info() {}, warn: console.warn, error: console.error };

const storage = new RedisStorage({ redis: config.redisUrl, lockTtl: config.lockTtl, logger: quiet });
const replicas = new ReplicaCoordinator({
  redis: config.redisUrl,
  replicaId: config.name,
  claimTtl: config.lockTtl,
  logger: quiet,
});
const dp = new Dispatcher({ storage, fsmStrategy: FSMStrategy.CHAT, logger: quiet });
dp.useOuter(replicas.middleware);
const router = new Router();
dp.includeRouter(router);

if (config.mode === "form") {
  const Form = StatesGroup("Form", { name: State(), age: State() });
  router.message(Command("start"), async (message, ctx) => {
    await ctx.state.setState(Form.name);
    await message.answer(`[${config.name}] What is your name?`);
  });
  router.message(Form.name, F.text, async (message, ctx) => {
    await ctx.state.updateData({ name: message.text });
    await ctx.state.setState(Form.age);
    await message.answer(`[${config.name}] How old are you?`);
  });
  router.message(Form.age, F.text, async (message, ctx) => {
    const { name } = await ctx.state.updateData({ age: Number(message.text) });
    await ctx.state.clear();
    await message.answer(`[${config.name}] Nice to meet you, ${name} (${message.text}).`);
  });
} else {
  let started = 0;
  let hung = 0;
  router.message(F.text, async (message, ctx) => {
    if (config.hangAfter !== undefined && started >= config.hangAfter) {
      hung++;
      // Told once every other claimed event has finished: a kill now cuts only these, before any effect.
      const check = () => {
        if (replicas.stats.inFlight === hung) send({ type: "hung", hung, stats: replicas.stats });
        else setTimeout(check, 5);
      };
      check();
      await new Promise(() => {});
    }
    started++;
    const { seen = 0 } = (await ctx.state.getData()) as { seen?: number };
    await ctx.state.updateData({ seen: seen + 1 });
    await message.answer(`${message.text} seen=${seen} by=${config.name}`);
  });
}

const bot = await Bot.fromCredentials("127.0.0.1", "bot", "bot-password", {
  https: false,
  webPort: config.emulatorPort,
  dispatcher: dp,
  logger: quiet,
});
process.on("message", async (message: { type?: string }) => {
  if (message.type !== "stop") return;
  await bot.shutdown({ deadline: 5_000 });
  await replicas.close();
  send({ type: "stats", stats: replicas.stats });
  process.disconnect();
});
await bot.start();
send({ type: "ready" });
