import { describe, expect, it } from "vitest";
import { createBot } from "../src/filters.js";
import { type Act, say, startEmulator, started, texts } from "./support/conversation.js";

const png = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

describe("filters (every example of the Filters page)", () => {
  it("routes each message to the first handler whose filters match", async () => {
    const { emu, connection } = await startEmulator();
    const { users, groupChatId } = emu.seeded!;
    const sandbox = emu.createChat({
      type: "group",
      title: "Sandbox",
      owner: "alice",
      participants: ["bot", "bob", "carol"],
    });
    const bot = await started(
      await createBot(connection, {
        elisa: users.carol,
        moderators: [users.bob],
        watchedChatId: groupChatId,
        groups: { [users.alice]: ["0032", "0003"] },
      }),
    );

    // [who, where, what they post, what the bot answers]
    const cases: [string, string, Act, string][] = [
      ["alice", sandbox, "/ping", "pong"],
      ["alice", sandbox, "/about", "Used /about"],
      ["alice", sandbox, "/whoami", "Used /whoami"],
      ["alice", sandbox, "/echo_7 hi there", "Special: echo_7 -> hi there"],
      ["alice", sandbox, "/echo_7", "Echo: echo_7"],
      ["alice", sandbox, "!cmd", "!cmd works"],
      ["alice", sandbox, "/cmd", "/cmd works"],
      ["alice", sandbox, "/START", "Started"],
      ["alice", sandbox, "/echo say this", "say this"],
      ["alice", sandbox, "/upper shout", "SHOUT"],
      // Arguments of three characters fail the magic filter: the message goes on to the text filters.
      ["alice", sandbox, "/upper abc", "F.text: not spam"],
      ["alice", sandbox, "/repeat hey", "hey hey"],
      ["alice", sandbox, "/repeat two words", "F.text: not spam"],
      ["alice", sandbox, "/admin", "Welcome to the admin panel!"],
      ["carol", sandbox, "/admin", "Hi Elisa!"],
      ["alice", sandbox, "I need help", "The support team has been notified of your request."],
      ["alice", sandbox, "ping", "pong"],
      [
        "alice",
        sandbox,
        { file: { name: "cat.png", data: png, mimeType: "image/png" } },
        "F.photo: a photo, cat.png",
      ],
      [
        "alice",
        sandbox,
        { file: { name: "notes.txt", data: Buffer.from("x"), mimeType: "text/plain" } },
        "F.text.not(): a message without text",
      ],
      ["carol", sandbox, "hello", "Hi Elisa!"],
      ["bob", sandbox, "!ban carol", "A moderator's ban command"],
      ["bob", sandbox, "admin", "The first moderator said admin"],
      ["bob", sandbox, "hi", "F.fromUser.id.in: a moderator"],
      ["alice", groupChatId, "hello", "F.chatId.func: the watched chat"],
      ["alice", sandbox, "/ban carol", "F.text: not spam"],
      ["alice", sandbox, "hello", 'F.text.eq("hello")'],
      ["alice", sandbox, "Hello, bot", "F.text.regexp: matched Hello, bot"],
      ["alice", sandbox, "TeSt", 'F.text.lower().eq("test")'],
      ["alice", sandbox, "Foo", "F.text.upper().in: FOO or BAR"],
      ["alice", sandbox, "baz", "F.text.in: foo, bar or baz"],
      ["alice", sandbox, "food", 'F.text.startsWith("foo")'],
      ["alice", sandbox, "crowbar", 'F.text.endsWith("bar")'],
      ["alice", sandbox, "buffoon", 'F.text.contains("foo")'],
      ["alice", sandbox, "apple", "F.text: starts with a or ends with b"],
      ["alice", sandbox, "kebab", "F.text: starts with a or ends with b"],
      ["alice", sandbox, "seven", "F.text.len().eq(5)"],
      ["alice", sandbox, "nothing else", "F.text: not spam"],
      ["alice", sandbox, "spam and eggs", 'F.text.ne("spam"): spam, and more'],
      ["alice", sandbox, "spam", "F.text: just spam"],
    ];
    const answered: [string, string, Act, string | undefined][] = [];
    for (const [user, chat, act] of cases) {
      const [answer, ...more] = texts(await say(emu, bot, user, chat, act));
      expect(more).toEqual([]);
      answered.push([user, chat, act, answer]);
    }
    expect(answered).toEqual(cases);
  });
});
