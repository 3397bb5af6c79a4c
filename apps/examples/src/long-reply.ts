// A long answer, such as a language model's, is longer than the server's 4096 characters: safeSplitText cuts
// it into messages that each fit, at paragraph, line or sentence breaks, and closes and reopens the HTML
// tags open at a cut so that every message is well-formed on its own.
import { Bold, type Bot, F, Italic, Link, ParseMode, type Router, safeSplitText, Text } from "@tc/bot";
import { type Connection, connectRouted, isMain, runExample } from "./run-example.js";

/**
 * A stand-in for a language model: a long, formatted HTML answer about `question` (about 12 000 characters).
 * Swap in your model's client here.
 *
 * @example
 * const html = await generateReply("How do I deploy the bot?");
 */
export async function generateReply(question: string): Promise<string> {
  const sections = Array.from({ length: 12 }, (_, i) =>
    Text(
      Bold(`${i + 1}. Step ${i + 1}`),
      "\n",
      "Here is what to do for ",
      Italic(question),
      ". ",
      "Check the configuration, restart the service and watch the logs until it settles. ".repeat(10),
      Link("Read more", { url: `https://example.com/steps/${i + 1}` }),
    ).asHtml(),
  );
  return sections.join("\n\n");
}

/**
 * Registers a handler that answers every text with the model's reply, in as many messages as it takes.
 *
 * @example
 * register(router);
 */
export function register(router: Router): void {
  router.message(F.text, async (message) => {
    const reply = await generateReply(message.text);
    // Pass the parse mode the chunks are sent with: it decides what counts as visible and what must not be cut.
    for (const chunk of safeSplitText(reply, { parseMode: ParseMode.HTML })) {
      await message.answer(chunk, { parseMode: ParseMode.HTML });
    }
  });
}

/**
 * The long-reply bot.
 *
 * @example
 * const bot = await createBot({ server: "video.example.com", token: process.env.TRUECONF_TOKEN });
 */
export function createBot(connection: Connection): Promise<Bot> {
  return connectRouted(connection, register);
}

if (isMain(import.meta.url)) await runExample((world) => createBot(world.connection()));
