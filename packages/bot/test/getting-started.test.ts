// The Python SDK's Getting Started bot, in TypeScript, against the emulator: a human writes, the bot echoes.
import { describe, expect, it } from "vitest";
import { Dispatcher, F, Router } from "../src/index.js";
import { botFor, messagesOf, startEmulator } from "./support/world.js";

describe("the Getting Started echo bot", () => {
  it("answers a human's text with the same text", async () => {
    const emu = await startEmulator();
    const r = new Router();
    r.message(F.text, (message) => message.answer(message.text));
    const dp = new Dispatcher();
    dp.includeRouter(r);
    const bot = await botFor(emu, { dispatcher: dp });
    await bot.start();

    const chatId = emu.seeded!.p2pChatId;
    await emu.as("alice").send(chatId, "Hello, bot!");
    await emu.waitForRequest("sendMessage");
    await bot.dispatcher.idle();
    const texts = messagesOf(emu, chatId).map((m) => m.content.text);
    expect(texts.slice(-2)).toEqual(["Hello, bot!", "Hello, bot!"]);
    expect(messagesOf(emu, chatId).at(-1)?.author.id).toBe(bot.meId);
  });
});
