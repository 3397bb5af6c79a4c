// What a bot built with @tc/bot must survive, against the emulator over real sockets: forced drops while humans
// write, token expiry, and shutdown with handlers still running.
import { describe, expect, it } from "vitest";
import { Bot, Dispatcher, MemoryStorage, type Message, Router } from "../src/index.js";
import { botFor, messagesOf, recordingDispatcher, startEmulator, waitFor } from "./support/world.js";

/** Resolves at the bot's next successful `auth`. */
const nextAuth = (bot: { on(type: "authorized", fn: () => void): () => void }) =>
  new Promise<void>((resolve) => {
    const off = bot.on("authorized", () => {
      off();
      resolve();
    });
  });

describe("a bot under faults", () => {
  it("handles every message once, in order per chat, through 20 forced drops", async () => {
    const emu = await startEmulator();
    const chats = [
      emu.seeded!.p2pChatId,
      emu.seeded!.groupChatId,
      emu.createChat({ type: "p2p", owner: "bob", participants: ["bot"] }),
    ];
    const { seen, dp } = recordingDispatcher();
    const bot = await botFor(emu, {
      dispatcher: dp,
      receiveUnreadMessages: true,
      // Reconnect quickly: the test drops the connection twenty times.
      logger: { debug() {}, info() {}, warn() {}, error() {} },
    });
    await bot.start();

    const sent = new Map<string, string[]>(chats.map((chat) => [chat, []]));
    const writers = ["alice", "alice", "bob"];
    for (let round = 0; round < 20; round++) {
      for (const [index, chat] of chats.entries()) {
        const text = `${round}-${index}`;
        sent.get(chat)!.push(text);
        await emu.as(writers[index]!).send(chat, text);
      }
      const reconnected = nextAuth(bot);
      emu.faults.dropSessions({ clean: round % 2 === 0 });
      // Humans keep writing while the bot is away; the server keeps these as unread.
      for (const [index, chat] of chats.entries()) {
        const text = `${round}-${index}-away`;
        sent.get(chat)!.push(text);
        await emu.as(writers[index]!).send(chat, text);
      }
      await reconnected;
    }
    await waitFor(() => chats.every((chat) => seen.get(chat)?.length === sent.get(chat)!.length), 20_000);
    await bot.dispatcher.idle();
    for (const chat of chats) expect(seen.get(chat)).toEqual(sent.get(chat));
  }, 60_000);

  it("handles the unread messages delivered right after auth, and skips its own among them", async () => {
    const emu = await startEmulator();
    const chat = emu.seeded!.p2pChatId;
    // Written while the bot is offline: the server delivers them as soon as `auth` succeeds.
    for (const text of ["first", "second", "third"]) await emu.as("alice").send(chat, text);
    const { seen, dp } = recordingDispatcher();
    const bot = await botFor(emu, { dispatcher: dp, receiveUnreadMessages: true });
    await bot.start();
    await waitFor(() => seen.get(chat)?.length === 3, 5_000);
    await bot.sendMessage({ chatId: chat, text: "mine" });
    await emu.as("alice").send(chat, "fourth");
    await waitFor(() => seen.get(chat)?.length === 4, 5_000);
    await bot.dispatcher.idle();
    expect(seen.get(chat)).toEqual(["first", "second", "third", "fourth"]);
  });

  it("a fatal stop of the last bot of a dispatcher closes its FSM storage, as shutdown does", async () => {
    const emu = await startEmulator();
    const storage = new MemoryStorage();
    let closed = false;
    const close = storage.close.bind(storage);
    storage.close = async () => {
      closed = true;
      await close();
    };
    const bot = await Bot.fromCredentials("127.0.0.1", "bot", "not-the-password", {
      https: false,
      webPort: emu.port,
      dispatcher: new Dispatcher({ storage }),
      logger: { debug() {}, info() {}, warn() {}, error() {} },
    });
    await expect(bot.start()).rejects.toThrow();
    await expect(bot.stopped).rejects.toThrow();
    expect(closed).toBe(true);
  });

  it("refreshes an expired token with its credentials and loses nothing", async () => {
    const emu = await startEmulator();
    const router = new Router();
    router.message((message: Message) => message.answer(`echo ${message.text}`));
    const dp = new Dispatcher();
    dp.includeRouter(router);
    const bot = await botFor(emu, { dispatcher: dp });
    await bot.start();
    const chat = emu.seeded!.p2pChatId;

    emu.faults.expireTokens({ onRequests: true });
    for (const text of ["one", "two", "three"]) await emu.as("alice").send(chat, text);
    await waitFor(() => messagesOf(emu, chat).filter((m) => m.author.id === bot.meId).length === 3, 10_000);
    const answers = messagesOf(emu, chat)
      .filter((m) => m.author.id === bot.meId)
      .map((m) => m.content.text);
    expect(answers).toEqual(["echo one", "echo two", "echo three"]);
    expect(bot.healthCheck().authorized).toBe(true);
  });

  it("shutdown lets quick handlers finish and send, aborts slow ones at the deadline, and closes with 1000", async () => {
    const emu = await startEmulator();
    const router = new Router();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let slowAborted = false;
    router.message(async (message: Message, ctx) => {
      if (message.text === "slow") {
        await new Promise<void>((resolve) => ctx.signal.addEventListener("abort", () => resolve()));
        slowAborted = ctx.signal.aborted;
        return;
      }
      await gate;
      await message.answer("quick done");
    });
    const dp = new Dispatcher();
    dp.includeRouter(router);
    const bot = await botFor(emu, { dispatcher: dp });
    await bot.start();
    await emu.as("alice").send(emu.seeded!.p2pChatId, "quick");
    await emu.as("alice").send(emu.seeded!.groupChatId, "slow");
    await waitFor(() => bot.dispatcher.running === 2, 5_000);

    const stopping = bot.shutdown({ deadline: 500 });
    release();
    const report = await stopping;
    expect(slowAborted).toBe(true);
    expect(report?.cut.map((event) => (event as Message).text)).toEqual(["slow"]);
    expect(messagesOf(emu, emu.seeded!.p2pChatId).at(-1)?.content.text).toBe("quick done");
    expect(bot.healthCheck().status).toBe("stopped");
    await expect(bot.stopped).resolves.toBeUndefined();
  });
});
