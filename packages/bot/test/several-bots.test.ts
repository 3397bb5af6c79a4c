import { describe, expect, it } from "vitest";
import { Bot, Dispatcher, type Message, Router, runBots, State, StatesGroup } from "../src/index.js";
import { botFor, recordingDispatcher, startEmulator, waitFor } from "./support/world.js";

describe("several bots in one process", () => {
  it("one dispatcher serves two bots; each skips its own messages; FSM keys carry the bot id", async () => {
    const emu = await startEmulator();
    emu.addBot({ login: "helper", password: "helper-password" });
    const chat = emu.createChat({
      type: "group",
      title: "Both",
      owner: "alice",
      participants: ["bot", "helper"],
    });
    const Form = StatesGroup("Form", { waiting: State() });
    const router = new Router();
    const handled: string[] = [];
    const name = (message: Message) => (message.bot === first ? "first" : "second");
    router.message(Form.waiting, async (message: Message, ctx) => {
      handled.push(`${name(message)} in the form: ${message.text}`);
      await ctx.state.clear();
    });
    router.message(async (message: Message, ctx) => {
      handled.push(`${name(message)}: ${message.text}`);
      if (message.text === "start" && message.bot === first) {
        await ctx.state.setState(Form.waiting);
        await message.answer("started");
      }
    });
    const dp = new Dispatcher();
    dp.includeRouter(router);
    const first = await botFor(emu, { dispatcher: dp });
    const second = await Bot.fromCredentials("127.0.0.1", "helper", "helper-password", {
      https: false,
      webPort: emu.port,
      dispatcher: dp,
    });
    await Promise.all([first.start(), second.start()]);

    await emu.as("alice").send(chat, "start");
    await waitFor(() => handled.length === 3);
    await dp.idle();
    await emu.as("alice").send(chat, "Alice");
    await waitFor(() => handled.length === 5);
    await dp.idle();
    // The second bot sees the first one's answer, the first bot never sees its own; the same user in the same
    // chat is in the form for the first bot only.
    expect(handled.sort()).toEqual(
      [
        "first: start",
        "second: start",
        "second: started",
        "first in the form: Alice",
        "second: Alice",
      ].sort(),
    );
    await second.shutdown();
  });

  it("shutting down a bot that never started leaves the dispatcher it shares serving the other bot", async () => {
    const emu = await startEmulator();
    const { dp, seen } = recordingDispatcher();
    const texts = () => seen.get(emu.seeded!.p2pChatId) ?? [];
    const serving = await botFor(emu, { dispatcher: dp });
    const idle = new Bot({
      server: "127.0.0.1",
      https: false,
      webPort: emu.port,
      token: emu.issueToken("bot"),
      dispatcher: dp,
    });
    await serving.start();
    await idle.shutdown();
    await emu.as("alice").send(emu.seeded!.p2pChatId, "still here");
    await waitFor(() => texts().length === 1);
    expect(texts()).toEqual(["still here"]);
  });

  it("runBots installs one signal handler for all bots and drains every bot on SIGINT", async () => {
    const emu = await startEmulator();
    emu.addBot({ login: "helper", password: "helper-password" });
    const a = await botFor(emu);
    const b = await Bot.fromCredentials("127.0.0.1", "helper", "helper-password", {
      https: false,
      webPort: emu.port,
    });
    const before = process.listenerCount("SIGINT");
    const running = runBots([a, b]);
    await waitFor(() => a.healthCheck().authorized && b.healthCheck().authorized);
    expect(process.listenerCount("SIGINT")).toBe(before + 1);
    process.emit("SIGINT");
    await running;
    expect([a.healthCheck().status, b.healthCheck().status]).toEqual(["stopped", "stopped"]);
    expect(process.listenerCount("SIGINT")).toBe(before);
  });

  it("Ctrl+C while the bots are still connecting stops them, and runBots resolves", async () => {
    const emu = await startEmulator();
    emu.addBot({ login: "helper", password: "helper-password" });
    emu.faults.delayResponses("auth", 10_000);
    const a = await botFor(emu);
    const b = await Bot.fromCredentials("127.0.0.1", "helper", "helper-password", {
      https: false,
      webPort: emu.port,
    });
    const running = runBots([a, b]);
    await waitFor(() => emu.sessions.filter((s) => s.open).length === 2);
    process.emit("SIGINT");
    await expect(running).resolves.toBeUndefined();
    expect(emu.sessions.some((s) => s.open)).toBe(false);
  });

  it("a bot that fails to start has its stopped promise rejected with the same error", async () => {
    const emu = await startEmulator({ serverVersion: "5.4.1" });
    const bot = await botFor(emu);
    const failure = await bot.start().catch((error: unknown) => error);
    await expect(bot.stopped).rejects.toBe(failure);
    await expect(bot.run()).rejects.toBe(failure);
  });
});
