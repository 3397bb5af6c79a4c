import { afterAll, beforeAll, expect, it } from "vitest";
import { Emulator } from "../../src/index.js";
import { connectRawBot, type RawBot, type WireFrame } from "../support/raw-bot.js";

let emu: Emulator;
let bot: RawBot;
beforeAll(async () => {
  emu = await Emulator.start();
  bot = await connectRawBot(emu);
});
afterAll(async () => {
  await bot.close();
  await emu.stop();
});

interface Envelope {
  messageId: string;
  chatId: string;
  author: { id: string };
  content: { text: string };
}

it("echo: a human sends, the bot receives and acks, replies, and the human's view shows the reply", async () => {
  const chatId = emu.createChat({ type: "p2p", owner: "alice", participants: ["bot"] });
  const me = bot.userId.split("/")[0];
  // A minimal echo bot: answer every message not written by itself, as both reference clients do.
  const answered = new Promise<Record<string, unknown>>((resolve, reject) => {
    const loop = async () => {
      for (let handled = 0; handled < 5; handled += 1) {
        const event: WireFrame = await bot.nextEvent("sendMessage");
        const message = event.payload as unknown as Envelope;
        if (message.author.id === me) continue;
        return bot.call("sendMessage", {
          chatId: message.chatId,
          replyMessageId: message.messageId,
          content: { text: `echo: ${message.content.text}`, parseMode: "text" },
        });
      }
      throw new Error("no message from a human arrived");
    };
    loop().then(resolve, reject);
  });

  const { messageId } = await emu.as("alice").send(chatId, "ping");
  const response = await answered;
  expect(response).toMatchObject({ chatId, messageId: expect.any(String), timestamp: expect.any(Number) });

  const delivered = bot.events.find((e) => (e.payload as unknown as Envelope).messageId === messageId);
  const acked = emu.frames.some(
    (r) => r.direction === "in" && r.frame?.type === 2 && r.frame.id === delivered?.id,
  );
  expect(acked).toBe(true);

  const view = await emu.waitFor(() => {
    const messages = emu.messages(chatId) as unknown as (Envelope & { replyMessageId?: string })[];
    return messages.length === 2 ? messages : undefined;
  });
  expect(view[0]).toMatchObject({
    messageId,
    author: { id: "alice@emulator.local" },
    content: { text: "ping" },
  });
  expect(view[1]).toMatchObject({
    messageId: response.messageId,
    replyMessageId: messageId,
    author: { id: "bot@emulator.local" },
    content: { text: "echo: ping" },
  });
  // The reply is echoed back to the bot's own session, where the bot recognises itself as the author.
  const echo = await bot.nextEvent("sendMessage");
  expect((echo.payload as unknown as Envelope).author.id).toBe(me);
});
