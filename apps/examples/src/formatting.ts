// The formatting builders (Text, Bold, Italic, Underline, Strikethrough, Link, Mention, AllMention): a
// message is built from nodes instead of hand-written HTML or Markdown, and the user's own text is escaped on
// the way.
import {
  AllMention,
  Bold,
  type Bot,
  Command,
  type FormatNode,
  Italic,
  Link,
  Mention,
  type Message,
  ParseMode,
  type Router,
  Strikethrough,
  Text,
  Underline,
} from "@tc/bot";
import { type Connection, connectRouted, isMain, runExample } from "./run-example.js";

/**
 * The "Important message" of the Sending messages page, addressed to the author of `message`.
 *
 * @example
 * const html = (await announcement(message)).asHtml();
 */
export async function announcement(message: Message): Promise<FormatNode> {
  const { displayName } = await message.bot.getUserDisplayName({ userId: message.fromUserId });
  return Text(
    Bold("Important"),
    " message for ",
    Mention(displayName, { userId: message.fromUserId }),
    "\n",
    Link("Open website", { url: "https://trueconf.com" }),
  );
}

/**
 * Registers `/html`, `/markdown`, `/styles`, `/all`, `/raw` and `/quote <text>`.
 *
 * @example
 * register(router);
 */
export function register(router: Router): void {
  router.message(Command("html"), async (message) => {
    const content = await announcement(message);
    await message.bot.sendMessage({
      chatId: message.chatId,
      text: content.asHtml(),
      parseMode: ParseMode.HTML,
    });
  });

  router.message(Command("markdown"), async (message) => {
    const content = await announcement(message);
    await message.bot.sendMessage({
      chatId: message.chatId,
      text: content.asMarkdown(),
      parseMode: ParseMode.MARKDOWN,
    });
  });

  // A node can be sent as it is: it is rendered as HTML (and sent with the HTML parse mode).
  router.message(Command("styles"), (message) =>
    message.answer(
      Text(
        Bold("bold"),
        ", ",
        Italic("italic"),
        ", ",
        Underline("underlined"),
        ", ",
        Strikethrough("struck"),
      ),
    ),
  );

  router.message(Command("all"), (message) => message.answer(Text(AllMention(), " standup in 5 minutes")));

  // Hand-written markup, with the parse mode that reads it.
  router.message(Command("raw"), (message) =>
    message.bot.sendMessage({ chatId: message.chatId, text: "<b>Important</b>", parseMode: ParseMode.HTML }),
  );

  // What the user typed is a plain string inside a node: "<b>" stays "<b>" and cannot break the markup.
  router.message(Command("quote"), (message, ctx) =>
    message.answer(Text("You said: ", Italic(ctx.command.args ?? "nothing"))),
  );
}

/**
 * The formatting bot.
 *
 * @example
 * const bot = await createBot({ server: "video.example.com", token: process.env.TRUECONF_TOKEN });
 */
export function createBot(connection: Connection): Promise<Bot> {
  return connectRouted(connection, register);
}

if (isMain(import.meta.url)) await runExample((world) => createBot(world.connection()));
