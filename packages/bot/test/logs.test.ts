// Secrets never reach the logs: a run with an auth error, token expiry, drops and file transfers, logged at
// debug, and every captured line checked for the password, any token and any signed URL.
import { describe, expect, it } from "vitest";
import { Bot, BufferedInputFile, Dispatcher, type Message, Router } from "../src/index.js";
import { botFor, captureLog, messagesOf, startEmulator, waitFor } from "./support/world.js";

describe("logs", () => {
  it("carry no password, token, Authorization header or signed URL, at any level", async () => {
    const emu = await startEmulator();
    const log = captureLog();

    const wrong = await Bot.fromCredentials("127.0.0.1", "bot", "not-the-password", {
      https: false,
      webPort: emu.port,
      logger: log,
      debug: true,
    });
    await expect(wrong.start()).rejects.toThrow();

    const router = new Router();
    router.message(async (message: Message) => {
      if (message.document) {
        const bytes = await message.document.download();
        await message.answerDocument(new BufferedInputFile(bytes, { fileName: "copy.txt" }));
      } else await message.answer(`echo ${message.text}`);
    });
    const dp = new Dispatcher({ logger: log });
    dp.includeRouter(router);
    const bot = await botFor(emu, { dispatcher: dp, logger: log, debug: true, receiveUnreadMessages: true });
    await bot.start();
    const chat = emu.seeded!.p2pChatId;
    await emu.as("alice").send(chat, "before the drop");
    await waitFor(() => messagesOf(emu, chat).some((m) => m.content.text === "echo before the drop"));
    emu.faults.dropSessions({ clean: false });
    emu.faults.expireTokens({ onRequests: true });
    await emu.as("alice").send(chat, "after the drop");
    await emu
      .as("alice")
      .sendFile(chat, { name: "notes.txt", data: new TextEncoder().encode("secret notes") });
    await waitFor(() => messagesOf(emu, chat).filter((m) => m.author.id === bot.meId).length === 3);
    await bot.shutdown();

    const text = log.lines.join("\n");
    expect(log.lines.length).toBeGreaterThan(10);
    expect(text).not.toContain("bot-password");
    expect(text).not.toContain("not-the-password");
    expect(text).not.toMatch(/eyJ[\w-]+\.[\w-]+/);
    expect(text).not.toMatch(/[?&](access_token|token)=(?!\[redacted\])/);
    expect(text).not.toMatch(/authorization\W+(bearer|jwt)\s+(?!\[redacted\])/i);
    // Message texts appear at debug only.
    for (const line of log.lines.filter((l) => !l.startsWith("debug")))
      expect(line).not.toContain("secret notes");
  }, 30_000);
});
