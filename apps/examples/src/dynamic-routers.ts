// Dynamic routers (Handling Requests page): a router made at runtime for one user when they send /start, and
// removed again on /forget. Registration is a plain call, so handlers and routers can be added while events
// flow; each event goes through the tree as it was when that event started.
import { type Bot, Command, Dispatcher, F, type Message, Router } from "@tc/bot";
import { type Connection, connectBot, isMain, runExample } from "./run-example.js";

/** The name of the router made for a user, to find it again. */
const routerName = (userId: string) => `user:${userId}`;

/**
 * Builds the routing tree: `/start` and `/forget` first; then the users' routers; then, for anyone not
 * remembered, a hint. A router's children are tried in order after its own handlers, and the first that
 * handles the message ends the search, so a remembered user never gets the hint.
 *
 * @example
 * const { root, remembered } = register(dp);
 */
export function register(dp: Dispatcher): { root: Router; remembered: Router } {
  const root = dp.includeRouter(new Router({ name: "commands" }));
  const remembered = root.includeRouter(new Router({ name: "remembered users" }));
  const fallback = root.includeRouter(new Router({ name: "fallback" }));

  const handleMessage = async (message: Message) => {
    await message.answer("I remember you.");
  };

  root.message(Command("start"), async (message) => {
    const name = routerName(message.fromUserId);
    if (remembered.routers.some((router) => router.name === name)) {
      await message.answer("I already remember you.");
      return;
    }
    const dynamic = new Router({ name });
    dynamic.message(F.fromUserId.eq(message.fromUserId), handleMessage);
    remembered.includeRouter(dynamic);
    await message.answer("From now on I will remember you.");
  });

  root.message(Command("forget"), async (message) => {
    // `routers` is a copy: removing while looping over it is safe.
    for (const router of remembered.routers) {
      if (router.name === routerName(message.fromUserId)) remembered.removeRouter(router);
    }
    await message.answer("Forgotten.");
  });

  fallback.message(async (message) => {
    await message.answer("Send /start, and I will remember you.");
  });
  return { root, remembered };
}

/**
 * The dynamic-routers bot.
 *
 * @example
 * const bot = await createBot({ server: "video.example.com", token: process.env.TRUECONF_TOKEN });
 */
export async function createBot(connection: Connection): Promise<Bot> {
  const dp = new Dispatcher();
  register(dp);
  return connectBot(connection, { dispatcher: dp });
}

if (isMain(import.meta.url)) await runExample((world) => createBot(world.connection()));
