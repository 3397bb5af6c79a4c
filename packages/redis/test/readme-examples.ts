// The README's examples: each `#region` body is a code block of README.md, verbatim but for the import path
// (readme.test.ts checks that, and runs both examples against a real redis-server and the emulator).
// #region storage
import { Bot, type BotOptions, Dispatcher, F, FSMStrategy, Router } from "@tc/bot";
import { RedisStorage, ReplicaCoordinator, UnserializableDataError } from "../src/index.js";

export function formsInRedis(redis: string) {
  const storage = new RedisStorage({
    redis, // "redis://127.0.0.1:6379", ioredis options, or an ioredis client of yours
    prefix: "fsm", // keys: fsm:<bot id>:<chat>:<user>:<destiny>:state|data|lock
    ttl: 24 * 60 * 60 * 1000, // a form left for a day is forgotten
  });
  const dp = new Dispatcher({ storage, fsmStrategy: FSMStrategy.USER_IN_CHAT });
  const router = new Router();
  router.message(F.text, async (message, ctx) => {
    try {
      await ctx.state.updateData({ last: message.text, at: new Date() });
    } catch (error) {
      // A Date would come back as a string: refused before anything is written.
      if (!(error instanceof UnserializableDataError)) throw error;
      await ctx.state.updateData({ last: message.text, at: Date.now() });
    }
  });
  dp.includeRouter(router);
  return dp;
}
// #endregion storage

// #region replica
export async function runReplica(connection: BotOptions, redis: string) {
  // The same code in every process: each event is handled by one of them, each chat in order.
  const replicas = new ReplicaCoordinator({ redis });
  const dp = new Dispatcher({ storage: new RedisStorage({ redis }) });
  dp.useOuter(replicas.middleware); // first: other middleware runs only on the replica that claimed the event
  const router = new Router();
  router.message(F.text, async (message, ctx) => {
    const { count = 0 } = (await ctx.state.getData()) as { count?: number };
    await ctx.state.updateData({ count: count + 1 });
    await message.answer(`Message ${count + 1} from you here`);
  });
  dp.includeRouter(router);
  const bot = new Bot({ ...connection, dispatcher: dp });
  bot.on("stopped", () => void replicas.close()); // the dispatcher closes the storage itself
  await bot.start();
  return bot;
}
// #endregion replica
