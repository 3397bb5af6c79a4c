// The Getting Started bot of the Python SDK's documentation: it answers every text with the same text.
import { type Bot, Dispatcher, F, Router } from "@tc/bot";
import { type Connection, connectBot, isMain, runExample } from "./run-example.js";

/**
 * The echo bot: one router, one handler for text messages, a dispatcher that serves them.
 *
 * @example
 * const bot = await createBot({ server: "video.example.com", token: process.env.TRUECONF_TOKEN });
 * await bot.run();
 */
export async function createBot(connection: Connection): Promise<Bot> {
  const r = new Router();
  const dp = new Dispatcher();
  dp.includeRouter(r);

  r.message(F.text, (message) => message.answer(message.text));

  return connectBot(connection, { dispatcher: dp });
}

if (isMain(import.meta.url)) await runExample((world) => createBot(world.connection()));
