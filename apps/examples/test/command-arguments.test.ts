import { describe, expect, it } from "vitest";
import { createBot } from "../src/command-arguments.js";
import { say, startEmulator, started, texts } from "./support/conversation.js";

describe("commands with arguments", () => {
  it("reads the arguments of /greet and /sum, and explains a command used without them", async () => {
    const { emu, connection } = await startEmulator();
    const bot = await started(await createBot(connection));
    const chat = emu.seeded!.p2pChatId;
    const answer = async (text: string) => texts(await say(emu, bot, "alice", chat, text));

    expect(await answer("/greet Alice <3")).toEqual(["Hello, Alice <3!"]);
    expect(await answer("/greet")).toEqual(["Usage: /greet <name>"]);
    expect(await answer("/sum 1 2 3.5")).toEqual(["1 + 2 + 3.5 = 6.5"]);
    expect(await answer("/sum one two")).toEqual(["Usage: /sum <numbers separated by spaces>"]);
    expect(await answer("/sum")).toEqual(["Usage: /sum <numbers separated by spaces>"]);
    expect(emu.messages(chat).at(-1)?.content).toMatchObject({ parseMode: "text" });
  });
});
