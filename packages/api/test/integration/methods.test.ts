import { BufferedInputFile } from "@tc/files";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Api, ApiErrorException, ChatType, ErrorCode, Message } from "../../src/index.js";
import { type Connected, connect } from "./connect.js";

let world: Connected;
beforeAll(async () => {
  world = await connect();
});
afterAll(async () => {
  await world?.close();
});

/** The ApiErrorException code a call fails with. */
async function codeOf(call: Promise<unknown>): Promise<number> {
  const error = await call.then(
    () => {
      throw new Error("expected an ApiErrorException");
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiErrorException);
  return (error as ApiErrorException).code;
}

function groupWithAlice(title = "Ops duty"): string {
  return world.emu.createChat({ type: "group", title, owner: "bot", participants: ["alice", "bob"] });
}

describe("message methods against the emulator", () => {
  it("sendMessage / replyMessage / editMessage / removeMessage / forwardMessage", async () => {
    const { api, emu } = world;
    const chatId = groupWithAlice();
    const sent = await api.sendMessage({ chatId, text: "<b>Build</b> is green", parseMode: "html" });
    expect(sent.chatId).toBe(chatId);
    expect(typeof sent.timestamp).toBe("number");
    const { messageId: fromAlice } = await emu.as("alice").send(chatId, "is it?");
    const reply = await api.replyMessage({ chatId, messageId: fromAlice, text: "yes" });
    const seen = emu.messages(chatId) as {
      messageId: string;
      replyMessageId?: string;
      content: { text?: string; parseMode?: string };
    }[];
    expect(seen.find((m) => m.messageId === sent.messageId)?.content).toMatchObject({
      text: "<b>Build</b> is green",
      parseMode: "html",
    });
    expect(seen.find((m) => m.messageId === reply.messageId)?.replyMessageId).toBe(fromAlice);

    const edited = await api.editMessage({
      messageId: sent.messageId,
      text: "**still** green",
      parseMode: "markdown",
    });
    expect(edited.messageId).toBe(sent.messageId);
    expect((await api.getMessageById({ messageId: sent.messageId })).text).toBe("**still** green");

    const other = world.emu.createChat({ type: "group", title: "Archive", owner: "bot" });
    const forwarded = await api.forwardMessage({ chatId: other, messageId: fromAlice });
    expect(forwarded.chatId).toBe(other);
    const copy = await api.getMessageById({ messageId: forwarded.messageId });
    expect(copy.type).toBe(201);
    expect(copy.forwarded?.text).toBe("is it?");

    expect(await api.removeMessage({ messageId: sent.messageId, forAll: true })).toEqual({});
    expect(await codeOf(api.getMessageById({ messageId: sent.messageId }))).toBe(ErrorCode.MESSAGE_NOT_FOUND);
  });

  it("getMessageById / getChatHistory return bound Message objects", async () => {
    const { api, emu } = world;
    const chatId = groupWithAlice();
    await emu.as("alice").send(chatId, "one");
    await emu.as("bob").send(chatId, "two");
    const history = await api.getChatHistory({ chatId, count: 10 });
    expect(history.chatId).toBe(chatId);
    expect(history.messages.every((m) => m instanceof Message)).toBe(true);
    expect(history.messages.map((m) => m.text).sort()).toEqual(["one", "two"]);
    const limited = await api.getChatHistory({ chatId, count: 1 });
    expect(limited.messages).toHaveLength(1);
    const first = history.messages[0] as Message;
    const answer = await first.reply("seen");
    expect(emu.messages(chatId).some((m) => m.messageId === answer.messageId)).toBe(true);
  });

  it("answers unknown ids with the server's error codes", async () => {
    const { api } = world;
    expect(await codeOf(api.sendMessage({ chatId: "no-such-chat", text: "x" }))).toBe(
      ErrorCode.CHAT_NOT_FOUND,
    );
    expect(await codeOf(api.editMessage({ messageId: "no-such-message", text: "x" }))).toBe(
      ErrorCode.MESSAGE_NOT_FOUND,
    );
    expect(await codeOf(api.removeMessage({ messageId: "no-such-message" }))).toBe(
      ErrorCode.MESSAGE_NOT_FOUND,
    );
    expect(await codeOf(api.getChatHistory({ chatId: "no-such-chat", count: 5 }))).toBe(
      ErrorCode.CHAT_NOT_FOUND,
    );
    expect(
      await codeOf(api.forwardMessage({ chatId: "no-such-chat", messageId: "no-such-message" })),
    ).toBeGreaterThan(0);
  });
});

describe("chat methods against the emulator", () => {
  it("create personal / group / channel / favorites chats and delete one", async () => {
    const { api, emu } = world;
    const p2p = await api.createPersonalChat({ userId: "alice" });
    expect(emu.chat(p2p.chatId)?.type).toBe("p2p");
    expect((await api.createPersonalChat({ userId: `alice@${emu.serverName}` })).chatId).toBe(p2p.chatId);
    const group = await api.createGroupChat({ title: "Incident 42" });
    expect(emu.chat(group.chatId)).toMatchObject({ type: "group", title: "Incident 42" });
    const channel = await api.createChannel({ title: "Release notes" });
    expect(emu.chat(channel.chatId)?.type).toBe("channel");
    const favorites = await api.createFavoritesChat();
    expect(emu.chat(favorites.chatId)?.type).toBe("favorites");
    expect(await api.meChat()).toBe(favorites.chatId);
    expect(await api.deleteChat({ chatId: group.chatId })).toEqual({});
    expect(emu.chat(group.chatId)).toBeUndefined();
    expect(await codeOf(api.deleteChat({ chatId: group.chatId }))).toBe(ErrorCode.CHAT_NOT_FOUND);
    expect(await codeOf(api.createPersonalChat({ userId: "nobody" }))).toBe(ErrorCode.ACCESS_DENIED);
  });

  it("getChats / getChatById describe chats", async () => {
    const { api } = world;
    const chatId = groupWithAlice("Described");
    await world.emu.as("alice").send(chatId, "last words");
    const chat = await api.getChatById({ chatId });
    expect(chat).toMatchObject({ chatId, title: "Described", chatType: ChatType.GROUP });
    expect(chat.lastMessage?.content).toMatchObject({ kind: "text", text: "last words" });
    const { chats } = await api.getChats({ count: 100, page: 1 });
    expect(chats.map((c) => c.chatId)).toContain(chatId);
    const paged = await api.getChats({ count: 1, page: 1 });
    expect(paged.chats).toHaveLength(1);
    expect(await codeOf(api.getChatById({ chatId: "no-such-chat" }))).toBe(ErrorCode.CHAT_NOT_FOUND);
  });

  it("participants: add, list, get, has, change role, remove", async () => {
    const { api, emu } = world;
    const chatId = emu.createChat({ type: "group", title: "Team", owner: "bot", participants: ["alice"] });
    expect(await api.addParticipantToChat({ chatId, userId: "carol", displayHistory: true })).toEqual({});
    expect(emu.chat(chatId)?.participants.map((p) => p.userId)).toContain(`carol@${emu.serverName}`);
    expect(await codeOf(api.addParticipantToChat({ chatId, userId: "carol" }))).toBe(
      ErrorCode.USER_ALREADY_IN_CHAT,
    );

    const { participants } = await api.getChatParticipants({ chatId, pageSize: 10, pageNumber: 1 });
    expect(participants).toContainEqual({ userId: `bot@${emu.serverName}`, role: "owner" });
    expect(participants).toContainEqual({ userId: `carol@${emu.serverName}`, role: "user" });
    expect(await api.getChatParticipant({ chatId, userId: "carol" })).toMatchObject({
      role: "user",
      type: 1,
    });
    expect(await api.hasChatParticipant({ chatId, userId: "carol" })).toEqual({ result: true });
    expect(await api.hasChatParticipant({ chatId, userId: "bob" })).toEqual({ result: false });
    expect(await codeOf(api.getChatParticipant({ chatId, userId: "bob" }))).toBe(
      ErrorCode.USER_IS_NOT_CHAT_PARTICIPANT,
    );

    expect(await api.changeParticipantRole({ chatId, userId: "carol", role: "admin" })).toEqual({});
    expect(await api.getChatParticipant({ chatId, userId: "carol" })).toMatchObject({ role: "admin" });
    expect(await codeOf(api.changeParticipantRole({ chatId, userId: "bob", role: "admin" }))).toBeGreaterThan(
      0,
    );

    expect(await api.removeParticipantFromChat({ chatId, userId: "carol", clearHistory: true })).toEqual({});
    expect(await codeOf(api.removeParticipantFromChat({ chatId, userId: "carol" }))).toBe(
      ErrorCode.USER_IS_NOT_CHAT_PARTICIPANT,
    );
  });

  it("a bot without rights gets NOT_ENOUGH_RIGHTS", async () => {
    const { api, emu } = world;
    const chatId = emu.createChat({
      type: "group",
      title: "Alice's",
      owner: "alice",
      participants: ["bot", "bob"],
    });
    expect(await codeOf(api.changeParticipantRole({ chatId, userId: "bob", role: "admin" }))).toBe(
      ErrorCode.NOT_ENOUGH_RIGHTS,
    );
    expect(await codeOf(api.editChatTitle({ chatId, title: "Mine now" }))).toBe(ErrorCode.NOT_ENOUGH_RIGHTS);
  });

  it("clearChatHistory / editChatTitle / getUserDisplayName", async () => {
    const { api, emu } = world;
    const chatId = groupWithAlice("Before");
    await emu.as("alice").send(chatId, "to be cleared");
    expect(await api.clearChatHistory({ chatId, forAll: true })).toEqual({});
    const left = emu.messages(chatId) as { content: { text?: string } }[];
    expect(left.some((m) => m.content.text === "to be cleared")).toBe(false);
    const renamed = await api.editChatTitle({ chatId, title: "After" });
    expect(renamed.chatId).toBe(chatId);
    expect(emu.chat(chatId)?.title).toBe("After");
    const { displayName } = await api.getUserDisplayName({ userId: "alice" });
    expect(typeof displayName).toBe("string");
    expect(displayName.length).toBeGreaterThan(0);
  });

  it("turns an injected error code into ApiErrorException with code, detail and payload", async () => {
    const { api, emu } = world;
    const chatId = groupWithAlice();
    emu.faults.failNext("sendMessage", ErrorCode.INTERNAL_SERVER_ERROR);
    const error = await api.sendMessage({ chatId, text: "x" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiErrorException);
    expect(error).toMatchObject({ code: 300 });
    expect((error as ApiErrorException).payload).toMatchObject({ errorCode: 300 });
    expect(typeof (error as ApiErrorException).detail).toBe("string");
    // The next call is unaffected.
    expect((await api.sendMessage({ chatId, text: "y" })).chatId).toBe(chatId);
  });

  it("reads getChats in the { chats } shape too (protocol option)", async () => {
    const odd = await connect({
      emulator: { protocol: { getChatsShape: "object", successErrorCode: true } },
    });
    try {
      const chatId = odd.emu.createChat({ type: "group", title: "Shape", owner: "bot" });
      const { chats } = await odd.api.getChats({ count: 5, page: 1 });
      expect(chats.map((c) => c.chatId)).toContain(chatId);
    } finally {
      await odd.close();
    }
  });

  it("file and survey methods answer with their error codes", async () => {
    const { api, emu, transport } = world;
    expect(await codeOf(api.getFileInfo({ fileId: "no-such-file" }))).toBe(ErrorCode.FILE_NOT_FOUND);
    expect(await codeOf(api.subscribeFileProgress({ fileId: "no-such-file" }))).toBe(
      ErrorCode.FILE_NOT_FOUND,
    );
    expect(await codeOf(api.sendSurvey({ chatId: "no-such-chat", title: "t", surveyCampaignId: "c" }))).toBe(
      ErrorCode.CHAT_NOT_FOUND,
    );
    expect(
      await codeOf(api.editSurvey({ messageId: "no-such-message", title: "t", surveyCampaignId: "c" })),
    ).toBe(ErrorCode.MESSAGE_NOT_FOUND);
    expect(
      await codeOf(api.getChatParticipants({ chatId: "no-such-chat", pageSize: 1, pageNumber: 1 })),
    ).toBe(ErrorCode.CHAT_NOT_FOUND);

    // An Api that does not listen to pushes learns the limits once, then misses a change: the server's own
    // check answers uploadFile with 310 and nothing is sent to the chat.
    const deaf = new Api({
      request: (method, payload, options) => transport.request(method, payload as object, options),
      httpBaseUrl: transport.httpBaseUrl,
      httpDispatcher: transport.httpDispatcher,
    });
    const chatId = groupWithAlice();
    await deaf.sendDocument({
      chatId,
      file: new BufferedInputFile(new Uint8Array(10), { fileName: "a.txt" }),
    });
    emu.setUploadLimits({ maxSize: 5, extensions: null });
    const sendFiles = emu.requests("sendFile").length;
    const file = new BufferedInputFile(new Uint8Array(10), { fileName: "b.txt" });
    expect(await codeOf(deaf.sendDocument({ chatId, file }))).toBe(ErrorCode.FILE_UPLOAD_FAILED);
    expect(emu.requests("sendFile").length).toBe(sendFiles);
    emu.setUploadLimits({ maxSize: null, extensions: null });
  });
});
