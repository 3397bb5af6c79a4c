import { Api } from "@tc/api";
import { Emulator } from "@tc/emulator";
import { Transport } from "@tc/transport";
import { afterEach, describe, expect, it } from "vitest";
import { Dispatcher, Router } from "../../src/index.js";

describe("over a real transport against the emulator", () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it("a human sends a message, the dispatcher handles it, the bot answers", async () => {
    const emu = await Emulator.start();
    cleanups.push(() => emu.stop());
    const transport = new Transport({
      server: "127.0.0.1",
      port: emu.port,
      https: false,
      credentials: { username: "bot", password: "bot-password" },
      timeout: 3_000,
    });
    const api = new Api(transport);
    const dp = new Dispatcher();
    const router = dp.includeRouter(new Router({ name: "echo" }));
    router.message(
      (message) => message.text === "/ping",
      async (message) => {
        await message.reply("pong");
      },
    );
    router.message(async (message, ctx) => {
      const count = ((await ctx.state.getValue("count")) as number | undefined) ?? 0;
      await ctx.state.updateData({ count: count + 1 });
      await message.answer(`echo ${count + 1}: ${message.text}`);
    });
    dp.attach(api, { intake: transport });
    cleanups.push(async () => {
      await dp.stop({ deadline: 1_000 });
      await transport.stop();
    });
    await transport.start();

    const chatId = emu.createChat({ type: "group", title: "Demo", owner: "bot", participants: ["alice"] });
    await emu.as("alice").send(chatId, "/ping");
    await emu.as("alice").send(chatId, "hello");
    await emu.as("alice").send(chatId, "again");
    const fromBot = () =>
      emu
        .messages(chatId)
        .filter((m) => (m.author as { id: string }).id === api.meId)
        .map((m) => (m.content as { text?: string }).text);
    await emu.waitFor(() => (fromBot().length >= 3 ? true : undefined), { timeout: 5_000 });
    expect(fromBot()).toEqual(["pong", "echo 1: hello", "echo 2: again"]);
    const pong = emu.messages(chatId).find((m) => (m.content as { text?: string }).text === "pong");
    expect(pong?.replyMessageId).toBe(emu.messages(chatId)[0]?.messageId);
  });
});
