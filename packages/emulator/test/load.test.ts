import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Emulator } from "../src/index.js";
import { connectRawBot, type RawBot, type WireFrame } from "./support/raw-bot.js";

const botCount = 100;
const messagesPerBot = 100;

let emu: Emulator;
beforeAll(async () => {
  emu = await Emulator.start({ seed: false });
  emu.addUser({ login: "alice" });
  for (let i = 0; i < botCount; i += 1) emu.addBot({ login: `load-${i}`, password: `pw-${i}` });
});
afterAll(() => emu.stop());

describe("load", () => {
  it(`${botCount} concurrent bot sessions exchange ${botCount * messagesPerBot} messages, none lost`, async () => {
    // a ring: chat i holds bot i (the sender) and bot i+1 (the receiver)
    const chats = Array.from({ length: botCount }, (_, i) =>
      emu.createChat({
        type: "group",
        title: `ring ${i}`,
        owner: "alice",
        participants: [`load-${i}`, `load-${(i + 1) % botCount}`],
      }),
    );
    const bots: RawBot[] = await Promise.all(
      Array.from({ length: botCount }, (_, i) => connectRawBot(emu, { login: `load-${i}` })),
    );
    const started = performance.now();
    const replies = await Promise.all(
      bots.map((bot, i) =>
        Promise.all(
          Array.from({ length: messagesPerBot }, (_, k) =>
            bot.call(
              "sendMessage",
              { chatId: chats[i], replyMessageId: null, content: { text: `m-${i}-${k}`, parseMode: "text" } },
              { timeout: 30_000 },
            ),
          ),
        ),
      ),
    );
    const sendSeconds = (performance.now() - started) / 1000;
    const messageIds = new Set<string>();
    replies.forEach((botReplies, i) => {
      for (const reply of botReplies) {
        expect(reply.errorCode).toBeUndefined();
        expect(reply.chatId).toBe(chats[i]);
        expect(typeof reply.timestamp).toBe("number");
        messageIds.add(String(reply.messageId));
      }
    });
    expect(messageIds.size).toBe(botCount * messagesPerBot);

    const fromChat = (frame: WireFrame, chatId: string | undefined) =>
      frame.method === "sendMessage" && (frame.payload as { chatId?: string }).chatId === chatId;
    // every receiver sees every message of its sender, in order
    await emu.waitFor(
      () =>
        bots.every(
          (bot, r) =>
            bot.events.filter((f) => fromChat(f, chats[(r - 1 + botCount) % botCount])).length ===
            messagesPerBot,
        ),
      { timeout: 30_000 },
    );
    bots.forEach((bot, r) => {
      const sender = (r - 1 + botCount) % botCount;
      const texts = bot.events
        .filter((f) => fromChat(f, chats[sender]))
        .map((f) => ((f.payload as { content: { text: string } }).content as { text: string }).text);
      expect(texts).toEqual(Array.from({ length: messagesPerBot }, (_, k) => `m-${sender}-${k}`));
    });
    for (const [i, chatId] of chats.entries()) {
      const texts = emu.messages(chatId).map((m) => (m.content as { text?: string }).text);
      expect(texts.filter((t) => t?.startsWith(`m-${i}-`))).toHaveLength(messagesPerBot);
    }
    const totalSeconds = (performance.now() - started) / 1000;
    console.log(
      `load: ${botCount * messagesPerBot} messages from ${botCount} sessions answered in ${sendSeconds.toFixed(2)} s, all delivered in ${totalSeconds.toFixed(2)} s (${((botCount * messagesPerBot) / totalSeconds).toFixed(0)} msg/s)`,
    );
    await Promise.all(bots.map((bot) => bot.close()));
  }, 60_000);
});
