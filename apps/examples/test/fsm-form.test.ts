import { describe, expect, it } from "vitest";
import { createBot } from "../src/fsm-form.js";
import { say, startEmulator, started, texts } from "./support/conversation.js";

describe("an FSM form (name, age, validation, cancel)", () => {
  it("asks for a name and an age, refuses a bad age, and answers", async () => {
    const { emu, connection } = await startEmulator();
    const bot = await started(await createBot(connection));
    const chat = emu.seeded!.p2pChatId;
    const answer = async (text: string) => texts(await say(emu, bot, "alice", chat, text));

    expect(await answer("/start")).toEqual(["Hi! What is your name?"]);
    expect(await answer("Alice")).toEqual(["How old are you?"]);
    expect(await answer("very old")).toEqual(["Please send your age as a whole number."]);
    expect(await answer("-3")).toEqual(["Please send your age as a whole number."]);
    expect(await answer("30")).toEqual(["Nice to meet you, Alice (30)."]);
    // The form is over: another number is not an age any more.
    expect(await answer("/cancel")).toEqual(["There is nothing to cancel."]);
  });

  it("leaves the form on /cancel, and keeps one form per user in a group", async () => {
    const { emu, connection } = await startEmulator();
    const chat = emu.createChat({
      type: "group",
      title: "Forms",
      owner: "alice",
      participants: ["bot", "bob"],
    });
    const bot = await started(await createBot(connection));
    const answer = async (user: string, text: string) => texts(await say(emu, bot, user, chat, text));

    expect(await answer("alice", "/start")).toEqual(["Hi! What is your name?"]);
    expect(await answer("bob", "/start")).toEqual(["Hi! What is your name?"]);
    expect(await answer("alice", "Alice")).toEqual(["How old are you?"]);
    expect(await answer("bob", "/cancel")).toEqual(["Cancelled."]);
    expect(await answer("alice", "41")).toEqual(["Nice to meet you, Alice (41)."]);
    expect(await answer("bob", "/cancel")).toEqual(["There is nothing to cancel."]);
  });
});
