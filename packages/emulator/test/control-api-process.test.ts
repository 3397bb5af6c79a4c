import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { Emulator } from "../src/index.js";
import { spawnNode } from "./support/child-process.js";
import { connectRawBot } from "./support/raw-bot.js";

const script = fileURLToPath(new URL("./fixtures/humans-over-http.mjs", import.meta.url));
let emu: Emulator | undefined;
afterEach(async () => {
  await emu?.stop();
});

describe("humans in another process, a bot on a raw WebSocket", () => {
  it("the bot answers what a separate process's humans wrote over the control API", async () => {
    emu = await Emulator.start();
    const chatId = emu.createChat({
      type: "group",
      title: "Cross",
      owner: "alice",
      participants: ["bot", "bob"],
    });
    const bot = await connectRawBot(emu);
    const { exited, output, errors } = spawnNode([script, String(emu.controlApiUrl), chatId]);
    const event = await bot.nextEvent("sendMessage", { timeout: 10_000 });
    const payload = event.payload as { chatId: string; content: { text: string } };
    expect(payload.content.text).toBe("ping from <another> process");
    await bot.call("sendMessage", {
      chatId,
      content: { text: `<b>pong</b> to ${payload.content.text.length} chars`, parseMode: "html" },
    });
    expect(await exited, errors()).toBe(0);
    const steps = output()
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(steps).toEqual([
      { step: "sent", status: 201, body: { messageId: expect.any(String) } },
      { step: "answered", text: "<b>pong</b> to 27 chars" },
      { step: "bob", status: 200, texts: ["ping from <another> process", "<b>pong</b> to 27 chars"] },
    ]);
    await bot.close();
  });
});
