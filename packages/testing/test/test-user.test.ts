import { F, InvalidArgumentError } from "@tc/bot";
import { describe, expect, it } from "vitest";
import {
  ReplyTimeoutError,
  TestExpectationError,
  UnexpectedReplyError,
  WaitTimeoutError,
} from "../src/index.js";
import { recordingWorld } from "./support/echo-bot.js";

describe("a human in the world", () => {
  it("acts in the P2P chat with the bot by default, and in another chat with in()", async () => {
    const { world } = await recordingWorld();
    const alice = world.user("alice");
    expect(alice.chatId).toBe(world.emulator.seeded?.p2pChatId);
    expect(world.user("alice")).toBe(alice);
    const team = alice.in(world.chats.team);
    expect(team.chatId).toBe(world.chats.team);
    expect(alice.in(world.chats.team)).toBe(team);
    await team.send("in the team");
    await team.expectReply("in the team");
    expect(alice.messages()).toEqual([]);
  });

  it("opens the P2P chat with the bot for other users, which the bot is told about", async () => {
    const { world, recorded } = await recordingWorld();
    const bob = world.user("bob");
    expect(world.emulator.chat(bob.chatId)?.type).toBe("p2p");
    await bob.send("hello");
    await bob.expectReply("hello");
    expect(recorded.events.map((e) => e.method)).toContain("createP2PChat");
  });

  it("sends, replies, edits, removes and sends files, each reaching the bot as its event", async () => {
    const { world, recorded } = await recordingWorld((router) => {
      router.message(F.document, (message) =>
        message.answer(`got ${message.document?.name}`, { parseMode: "text" }),
      );
    });
    const alice = world.user("alice");
    const sent = await alice.send("first");
    expect(sent).toEqual({ messageId: expect.any(String), chatId: alice.chatId });
    const echo = await alice.expectReply("first");
    const reply = await alice.reply(echo, "a reply");
    await alice.expectReply("a reply");
    await alice.edit(sent, "first, edited");
    await alice.remove(reply.messageId, { forAll: true });
    await alice.sendFile({ name: "notes.txt", data: Buffer.from("hello"), mimeType: "text/plain" });
    const fileAnswer = await alice.expectReply("got notes.txt");
    expect(fileAnswer.type).toBe(200);
    await world.idle();
    const methods = recorded.events.filter((e) => e.fromUserId !== world.botUserId).map((e) => e.method);
    expect(methods).toEqual(["sendMessage", "sendMessage", "editMessage", "removeMessage", "sendMessage"]);
    const replied = recorded.events.find(
      (e) => e.method === "sendMessage" && e.messageId === reply.messageId,
    );
    expect(replied).toMatchObject({ replyMessageId: echo.messageId });
  });

  it("joins and leaves chats, the bot getting the participant events", async () => {
    const { world, recorded } = await recordingWorld();
    const carol = world.user("carol");
    const inTeam = await carol.joinChat(world.chats.team);
    expect(inTeam).toBe(carol.in(world.chats.team));
    expect(world.emulator.chat(world.chats.team)?.participants.map((p) => p.userId)).toContain(carol.userId);
    await inTeam.send("hi team");
    await inTeam.expectReply("hi team");
    await inTeam.leaveChat();
    await world.idle();
    expect(world.emulator.chat(world.chats.team)?.participants.map((p) => p.userId)).not.toContain(
      carol.userId,
    );
    const methods = recorded.events.map((e) => e.method);
    expect(methods).toContain("addChatParticipant");
    expect(methods).toContain("removeChatParticipant");
  });

  it("refuses unknown users, the bot itself, and bad ids with typed errors", async () => {
    const { world } = await recordingWorld();
    expect(() => world.user("dave")).toThrow(InvalidArgumentError);
    expect(() => world.user("dave")).toThrow(/no user "dave".*createTestWorld\(\{ users: \["dave"\] \}\)/);
    expect(() => world.user("bot")).toThrow(/is the bot itself/);
    expect(() => world.user("" as string)).toThrow(/needs a login/);
    expect(() => world.user("alice").in(42 as never)).toThrow(/Invalid chatId: expected an id.*got a number/);
    await expect(world.user("alice").edit({} as never, "x")).rejects.toThrow(/Invalid message/);
    await expect(world.user("alice").joinChat("no-such-chat")).rejects.toThrow(/no chat no-such-chat/);
  });
});

describe("awaiting the bot's messages", () => {
  it("hands out each message once, oldest first, per user and chat", async () => {
    const { world } = await recordingWorld((router) => {
      router.message(F.text.eq("three"), async (message) => {
        await message.answer("one", { parseMode: "text" });
        await message.answer("two", { parseMode: "text" });
        await message.answer("three", { parseMode: "text" });
      });
    });
    const alice = world.user("alice");
    await alice.send("three");
    expect((await alice.nextMessage()).text).toBe("one");
    expect((await alice.nextMessage()).text).toBe("two");
    expect((await alice.nextMessage()).text).toBe("three");
    // another member of the same chat has a view of its own
    await world.user("bob").joinChat(world.chats.team);
    await alice.in(world.chats.team).send("x");
    expect((await world.user("bob").in(world.chats.team).nextMessage()).text).toBe("x");
    expect((await alice.in(world.chats.team).nextMessage()).text).toBe("x");
  });

  it("returns the message with its fields", async () => {
    const { world } = await recordingWorld();
    const alice = world.user("alice");
    await alice.send({ text: "**bold**", parseMode: "markdown" });
    const reply = await alice.nextMessage();
    expect(reply).toMatchObject({
      chatId: alice.chatId,
      authorId: world.botUserId,
      type: 200,
      text: "**bold**",
      parseMode: "text",
      file: undefined,
      isEdited: false,
    });
    expect(reply.envelope.messageId).toBe(reply.messageId);
  });

  it("matches a string exactly, a RegExp, or a predicate", async () => {
    const { world } = await recordingWorld();
    const alice = world.user("alice");
    await alice.send("/start");
    await alice.expectReply("Hi!");
    await alice.send("Hello world");
    await alice.expectReply(/^hello/i);
    await alice.send("abc");
    const message = await alice.expectReply((m) => m.text?.length === 3);
    expect(message.text).toBe("abc");
    const global = /b/g;
    await alice.send("b1");
    await alice.expectReply(global);
    await alice.send("b2");
    await alice.expectReply(global); // lastIndex is reset between checks
  });

  it("a different reply fails with UnexpectedReplyError: expected, actual and the chat transcript", async () => {
    const { world } = await recordingWorld();
    const alice = world.user("alice");
    await alice.send("/start");
    const error = (await alice.expectReply("Hello!").catch((e: unknown) => e)) as UnexpectedReplyError;
    expect(error).toBeInstanceOf(UnexpectedReplyError);
    expect(error).toBeInstanceOf(TestExpectationError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("UnexpectedReplyError");
    expect(error.expected).toBe("Hello!");
    expect(error.actual).toBe("Hi!");
    expect(error.message).toBe(
      [
        `alice expected the bot's next message in the P2P chat of alice and the bot to be "Hello!", but it was "Hi!"`,
        "",
        "Transcript of the P2P chat of alice and the bot (oldest first):",
        '  alice: "/start"',
        '→ bot: "Hi!"',
      ].join("\n"),
    );
    expect(error.transcript).toBe(alice.transcript().replace('  bot: "Hi!"', '→ bot: "Hi!"'));
  });

  it("names the pattern, and a predicate's own error, in the failure", async () => {
    const { world } = await recordingWorld();
    const alice = world.user("alice");
    await alice.send("one");
    await expect(alice.expectReply(/two/)).rejects.toThrow(/to be \/two\/, but it was "one"/);
    await alice.send("three");
    const thrown = new Error("expected four");
    const error = (await alice
      .expectReply(function isFour() {
        throw thrown;
      })
      .catch((e: unknown) => e)) as UnexpectedReplyError;
    expect(error.message).toMatch(
      /to be a message accepted by isFour, but it was "three" \(the predicate threw: expected four\)/,
    );
    expect(error.cause).toBe(thrown);
  });

  it("no reply fails with ReplyTimeoutError after the timeout, the transcript in its message", async () => {
    const { world } = await recordingWorld((router) => {
      router.message(F.text.eq("quiet"), () => undefined);
    });
    const alice = world.user("alice");
    await alice.send("quiet");
    const started = Date.now();
    const error = (await alice
      .expectReply("anything", { timeout: 150 })
      .catch((e: unknown) => e)) as ReplyTimeoutError;
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(error).toBeInstanceOf(ReplyTimeoutError);
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(error.timeout).toBe(150);
    expect(error.message).toBe(
      [
        `alice expected "anything" in the P2P chat of alice and the bot within 150 ms, but the bot sent nothing new`,
        "",
        "Transcript of the P2P chat of alice and the bot (oldest first):",
        '  alice: "quiet"',
      ].join("\n"),
    );
    await expect(alice.nextMessage({ timeout: 50 })).rejects.toThrow(/expected a message from the bot/);
  });

  it("expectNoReply passes when the bot is silent and fails naming what it sent", async () => {
    const { world } = await recordingWorld();
    const alice = world.user("alice");
    const sent = await alice.send("hello");
    await alice.expectReply("hello");
    await alice.edit(sent, "hello!");
    await alice.expectNoReply();
    await alice.send("again");
    const error = (await alice.expectNoReply().catch((e: unknown) => e)) as UnexpectedReplyError;
    expect(error).toBeInstanceOf(UnexpectedReplyError);
    expect(error.message).toMatch(/expected no message from the bot .*, but it sent "again"/);
    expect(error.expected).toBe("no message");
    // what the failure named is handed out: the next wait looks at newer messages
    await expect(alice.nextMessage({ timeout: 50 })).rejects.toThrow(ReplyTimeoutError);
  });

  it("refuses a bad matcher or timeout before waiting", async () => {
    const { world } = await recordingWorld();
    const alice = world.user("alice");
    await expect(alice.expectReply(42 as never)).rejects.toThrow(
      new InvalidArgumentError("expectReply needs a string, a RegExp or a predicate, got a number"),
    );
    await expect(alice.nextMessage({ timeout: -5 })).rejects.toThrow(/Invalid timeout/);
    await expect(alice.nextMessage({ timout: 5 } as never)).rejects.toThrow(/did you mean "timeout"/);
  });

  it("shows files, captions and system messages readably in the transcript", async () => {
    const { world } = await recordingWorld();
    const alice = world.user("alice").in(world.chats.team);
    await alice.sendFile({ name: "a.txt", data: Buffer.from("abc"), caption: "see this" });
    await world.user("bob").joinChat(world.chats.team);
    const transcript = alice.transcript();
    expect(transcript).toContain('Transcript of the group chat "Team" (oldest first):');
    expect(transcript).toContain('  alice: [file a.txt, 3 B] "see this"');
    expect(transcript).toMatch(/ {2}alice: \[system 1\] \{"userId":"bob@emulator.local"/);
  });
});
