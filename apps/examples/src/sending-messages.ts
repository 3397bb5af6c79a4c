// The "Sending messages" and "Shortcuts" pages: finding a chat id, sending, replying and forwarding, with the
// Bot's methods and with the shortcuts of an incoming Message (which fill in the chat and message ids).
import { type Bot, Command, F, type Message, type Router } from "@tc/bot";
import { type Connection, connectRouted, isMain, runExample } from "./run-example.js";

/**
 * The first chat titled `title` among the bot's chats, or `undefined`. Group chats and channels are created
 * anew by every `createGroupChat`/`createChannel`, so a bot looks an existing one up (and should remember it).
 *
 * @example
 * const support = await findChat(bot, "Support");
 */
export async function findChat(bot: Message["bot"], title: string): Promise<string | undefined> {
  const response = await bot.getChats({ count: 100, page: 1 });
  return response.chats.find((chat) => chat.title === title)?.chatId;
}

/**
 * Registers `/dm`, `/reply`, `/support <text>`, `/chatid`, `/favorite`, and an answer to any other text.
 *
 * @example
 * register(router);
 */
export function register(router: Router): void {
  // A personal chat's id: createPersonalChat returns the existing chat, or creates it.
  router.message(Command("dm"), async (message) => {
    const chat = await message.bot.createPersonalChat({ userId: message.fromUserId });
    await message.bot.sendMessage({ chatId: chat.chatId, text: "Hello!" });
    await message.answer("I have written to you in private.");
  });

  // Replying: the shortcut, and the Bot's method with replyMessageId.
  router.message(Command("reply"), async (message) => {
    await message.reply("This is a reply");
    await message.bot.sendMessage({
      chatId: message.chatId,
      text: "This is a reply too",
      replyMessageId: message.messageId,
    });
  });

  // Forwarding, to a chat found by its title.
  router.message(Command("support"), async (message) => {
    const support = await findChat(message.bot, "Support");
    if (support === undefined) {
      await message.answer('There is no chat titled "Support" yet.');
      return;
    }
    await message.bot.forwardMessage({ chatId: support, messageId: message.messageId });
    await message.answer("Forwarded to Support.");
  });

  // The id of the chat a message came from: add the bot to a chat, write there, and read it.
  router.message(Command("chatid"), async (message) => {
    console.log(message.chatId);
    await message.answer(`This chat's id is ${message.chatId}`);
  });

  // Forwarding with a shortcut: into the bot's own Favorites chat.
  router.message(Command("favorite"), async (message) => {
    await message.saveToFavorites();
    await message.answer("Saved to my favorites.");
  });

  // The Bot behind a message is `message.bot`: no global variable needed.
  router.message(F.text, async (message) => {
    await message.bot.sendMessage({ chatId: message.chatId, text: "Message received" });
  });
}

/**
 * The sending bot.
 *
 * @example
 * const bot = await createBot({ server: "video.example.com", token: process.env.TRUECONF_TOKEN });
 */
export function createBot(connection: Connection): Promise<Bot> {
  return connectRouted(connection, register);
}

if (isMain(import.meta.url)) {
  await runExample(({ connection, emulator }) => {
    // A "Support" chat for /support to find, in the embedded emulator.
    emulator?.createChat({ type: "group", title: "Support", owner: "bob", participants: ["bot"] });
    return createBot(connection());
  });
}
