import { Dispatcher } from "@tc/bot";
import { describe, expect, it } from "vitest";
import { register } from "../src/dynamic-routers.js";
import { connectBot } from "../src/run-example.js";
import { say, startEmulator, started, texts } from "./support/conversation.js";

describe("dynamic routers", () => {
  it("adds a router for a user on /start and removes it on /forget, while the bot runs", async () => {
    const { emu, connection } = await startEmulator();
    const chat = emu.createChat({
      type: "group",
      title: "Dynamic",
      owner: "alice",
      participants: ["bot", "bob"],
    });
    const dp = new Dispatcher();
    const { remembered } = register(dp);
    const bot = await started(await connectBot(connection, { dispatcher: dp }));
    const answer = async (user: string, text: string) => texts(await say(emu, bot, user, chat, text));

    expect(await answer("alice", "hi")).toEqual(["Send /start, and I will remember you."]);
    expect(await answer("alice", "/start")).toEqual(["From now on I will remember you."]);
    expect(remembered.routers.map((r) => r.name)).toEqual([`user:${emu.seeded!.users.alice}`]);
    expect(await answer("alice", "hi")).toEqual(["I remember you."]);
    expect(await answer("alice", "/start")).toEqual(["I already remember you."]);
    expect(await answer("bob", "hi")).toEqual(["Send /start, and I will remember you."]);

    expect(await answer("alice", "/forget")).toEqual(["Forgotten."]);
    expect(remembered.routers).toEqual([]);
    expect(await answer("alice", "hi")).toEqual(["Send /start, and I will remember you."]);
  });
});
