import { describe, expect, it } from "vitest";
import { createBot } from "../src/echo-bot.js";
import { say, startEmulator, started, texts } from "./support/conversation.js";

describe("echo bot (Getting Started)", () => {
  it("answers a human's text with the same text, in the same chat", async () => {
    const { emu, connection } = await startEmulator();
    const bot = await started(await createBot(connection));
    const chat = emu.seeded!.p2pChatId;

    expect(texts(await say(emu, bot, "alice", chat, "Hello, bot!"))).toEqual(["Hello, bot!"]);
    expect(texts(await say(emu, bot, "alice", emu.seeded!.groupChatId, "Hi all"))).toEqual(["Hi all"]);
  });
});
