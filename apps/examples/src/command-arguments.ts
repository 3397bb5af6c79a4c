// Commands with arguments: `Command` parses `/name args`, and the handler reads the rest of the line in
// `ctx.command.args` (undefined when nothing follows the command).
import { type Bot, Command, type Router } from "@tc/bot";
import { type Connection, connectRouted, isMain, runExample } from "./run-example.js";

/**
 * Registers `/greet <name>` and `/sum <numbers…>`; each answers how to use it when its arguments are missing or
 * wrong.
 *
 * @example
 * register(router); // "/greet Alice" → "Hello, Alice!", "/sum 1 2 3" → "1 + 2 + 3 = 6"
 */
export function register(router: Router): void {
  router.message(Command("greet"), async (message, ctx) => {
    const name = ctx.command.args;
    if (name === undefined) {
      await message.answer("Usage: /greet <name>", { parseMode: "text" });
      return;
    }
    // The argument is the user's text: send it as plain text, so that "<" or "*" stay as written.
    await message.answer(`Hello, ${name}!`, { parseMode: "text" });
  });

  router.message(Command("sum"), async (message, ctx) => {
    const words = ctx.command.args?.split(/\s+/) ?? [];
    const numbers = words.map(Number);
    if (numbers.length === 0 || numbers.some((n) => Number.isNaN(n))) {
      await message.answer("Usage: /sum <numbers separated by spaces>", { parseMode: "text" });
      return;
    }
    const total = numbers.reduce((sum, n) => sum + n, 0);
    await message.answer(`${words.join(" + ")} = ${total}`, { parseMode: "text" });
  });
}

/**
 * The commands bot.
 *
 * @example
 * const bot = await createBot({ server: "video.example.com", token: process.env.TRUECONF_TOKEN });
 */
export function createBot(connection: Connection): Promise<Bot> {
  return connectRouted(connection, register);
}

if (isMain(import.meta.url)) await runExample((world) => createBot(world.connection()));
