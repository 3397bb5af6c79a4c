import type { Emulator } from "../../src/index.js";
import { connectRawBot, type RawBot } from "./raw-bot.js";

/** The HTML of a text, so that an echo shows exactly what the human wrote. */
function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * A bot on a raw WebSocket that answers every human message in HTML: texts with `<b>echo</b>: …`, files with
 * `got <i>name</i> (size bytes)`. Its own messages (echoed back by the server) are ignored.
 */
export async function startEchoBot(emu: Emulator): Promise<RawBot & { stop(): void }> {
  const bot = await connectRawBot(emu);
  const me = bot.userId.split("/")[0];
  let running = true;
  void (async () => {
    while (running) {
      const event = await bot.nextEvent("sendMessage", { timeout: 60_000 }).catch(() => undefined);
      if (!event || !running) continue;
      const message = event.payload as {
        chatId: string;
        type: number;
        author: { id: string };
        content: { text?: string; name?: string; size?: number };
      };
      if (message.author.id === me) continue;
      const text =
        message.type === 202
          ? `got <i>${escapeHtml(String(message.content.name))}</i> (${message.content.size} bytes)`
          : message.type === 200
            ? `<b>echo</b>: ${escapeHtml(String(message.content.text))}`
            : undefined;
      if (text === undefined) continue;
      await bot.call("sendMessage", { chatId: message.chatId, content: { text, parseMode: "html" } });
    }
  })();
  return Object.assign(bot, {
    stop() {
      running = false;
    },
  });
}
