import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AddedChatParticipant,
  ChangedFileUploadLimits,
  ChangedParticipantRole,
  ClearedChatHistory,
  CreatedChannel,
  CreatedFavoritesChat,
  CreatedGroupChat,
  CreatedPersonalChat,
  EditedChatAvatar,
  EditedChatTitle,
  EditedMessage,
  Message,
  RemovedChat,
  RemovedChatParticipant,
  RemovedMessage,
  Update,
  UploadingProgress,
} from "../../src/index.js";
import { type Connected, connect, isA } from "./connect.js";

let world: Connected;
beforeAll(async () => {
  world = await connect();
});
afterAll(async () => {
  await world?.close();
});

describe("every event, triggered through the emulator's control API", () => {
  it("sendMessage → Message, with the bot's mention seen", async () => {
    const { emu, nextEvent } = world;
    const chatId = emu.createChat({ type: "group", title: "Events", owner: "alice", participants: ["bot"] });
    await emu
      .as("alice")
      .send(chatId, { text: `<a href="trueconf:bot@${emu.serverName}">Bot</a> status?`, parseMode: "html" });
    const message = await nextEvent(isA(Message, (m) => m.chatId === chatId));
    expect(message.fromUser.id).toBe(`alice@${emu.serverName}`);
    expect(message.mention).toBe(true);
    expect(message.api).toBe(world.api);
  });

  it("editMessage → EditedMessage, removeMessage → RemovedMessage", async () => {
    const { emu, nextEvent } = world;
    const chatId = emu.createChat({ type: "group", title: "Edits", owner: "alice", participants: ["bot"] });
    const { messageId } = await emu.as("alice").send(chatId, "draft");
    await emu.as("alice").edit(messageId, "final");
    const edited = await nextEvent(isA(EditedMessage, (e) => e.chatId === chatId));
    expect(edited.text).toBe("final");
    expect(edited.messageId).toBe(messageId);
    await emu.as("alice").remove(messageId, { forAll: true });
    const removed = await nextEvent(isA(RemovedMessage, (e) => e.messageId === messageId));
    expect(removed.chatId).toBe(chatId);
    expect(removed.removedBy?.id).toBe(`alice@${emu.serverName}`);
  });

  it("participant events: added, role changed, removed", async () => {
    const { emu, nextEvent } = world;
    const chatId = emu.createChat({ type: "group", title: "People", owner: "alice", participants: ["bot"] });
    await emu.as("alice").addParticipant(chatId, "carol");
    const added = await nextEvent(isA(AddedChatParticipant, (e) => e.chatId === chatId));
    expect(added.userId).toBe(`carol@${emu.serverName}`);
    expect(added.addedBy?.id).toBe(`alice@${emu.serverName}`);
    await emu.as("alice").changeRole(chatId, "carol", "admin");
    const role = await nextEvent(isA(ChangedParticipantRole, (e) => e.chatId === chatId));
    expect(role).toMatchObject({ userId: `carol@${emu.serverName}`, role: "admin" });
    await emu.as("alice").removeParticipant(chatId, "carol");
    const removed = await nextEvent(isA(RemovedChatParticipant, (e) => e.chatId === chatId));
    expect(removed.userId).toBe(`carol@${emu.serverName}`);
  });

  it("chat-created events for P2P, group, channel and Favorites", async () => {
    const { emu, api, nextEvent } = world;
    const p2p = await emu.as("bob").createP2PChat("bot");
    expect((await nextEvent(isA(CreatedPersonalChat, (e) => e.chatId === p2p))).chatType).toBe(1);
    const group = await emu.as("bob").createGroupChat("Bob's group", ["bot"]);
    expect((await nextEvent(isA(CreatedGroupChat, (e) => e.chatId === group))).title).toBe("Bob's group");
    const channel = await emu.as("bob").createChannel("Bob's channel", ["bot"]);
    expect((await nextEvent(isA(CreatedChannel, (e) => e.chatId === channel))).chatType).toBe(6);
    const { chatId } = await api.createFavoritesChat();
    expect((await nextEvent(isA(CreatedFavoritesChat, (e) => e.chatId === chatId))).chatType).toBe(5);
  });

  it("chat events: title, avatar, cleared history, removed chat", async () => {
    const { emu, nextEvent } = world;
    const chatId = emu.createChat({ type: "group", title: "Old", owner: "alice", participants: ["bot"] });
    await emu.as("alice").editTitle(chatId, "New");
    expect((await nextEvent(isA(EditedChatTitle, (e) => e.chatId === chatId))).title).toBe("New");
    await emu.as("alice").editAvatar(chatId, new Uint8Array([0x89, 0x50, 0x4e, 0x47]));
    const avatar = await nextEvent(isA(EditedChatAvatar, (e) => e.chatId === chatId));
    expect(typeof avatar.avatarUrl).toBe("string");
    await emu.as("alice").clearHistory(chatId, { forAll: true });
    expect((await nextEvent(isA(ClearedChatHistory, (e) => e.chatId === chatId))).forAll).toBe(true);
    await emu.as("alice").removeChat(chatId);
    await nextEvent(isA(RemovedChat, (e) => e.chatId === chatId));
  });

  it("getFileUploadLimits push → ChangedFileUploadLimits, applied to the Api", async () => {
    const { emu, api, nextEvent } = world;
    emu.setUploadLimits({ maxSize: 1234, extensions: { mode: "block", list: ["exe"] } });
    const limits = await nextEvent(isA(ChangedFileUploadLimits, (e) => e.maxSize === 1234));
    expect(limits.extensions).toEqual({ mode: "block", list: ["exe"] });
    expect(api.uploadLimits).toEqual({ maxSize: 1234, extensions: { mode: "block", list: ["exe"] } });
    emu.setUploadLimits({ maxSize: null, extensions: null });
    await nextEvent(isA(ChangedFileUploadLimits, (e) => e.maxSize === null));
    expect(api.uploadLimits).toEqual({ maxSize: null, extensions: null });
  });

  it("uploadFileProgress → UploadingProgress after subscribing", async () => {
    const { emu, api, nextEvent } = world;
    const chatId = emu.createChat({
      type: "group",
      title: "Progress",
      owner: "alice",
      participants: ["bot"],
    });
    const { fileId } = await emu
      .as("alice")
      .sendFile(chatId, { name: "big.bin", data: new Uint8Array(4000), ready: false });
    expect(await api.subscribeFileProgress({ fileId })).toEqual({ result: true });
    emu.finishUpload(fileId, { steps: 2 });
    const last = await nextEvent(isA(UploadingProgress, (e) => e.fileId === fileId && e.progress >= 4000));
    expect(last.progress).toBe(4000);
    expect(await api.unsubscribeFileProgress({ fileId })).toEqual({ result: true });
  });

  it("an unknown method arrives as a raw Update and a malformed frame is skipped", async () => {
    const { emu, nextEvent } = world;
    emu.faults.sendRaw("{not json");
    emu.faults.sendRaw(
      JSON.stringify({ type: 1, id: 99001, method: "someFutureEvent", payload: { chatId: "c" } }),
    );
    const update = await nextEvent(isA(Update, (u) => String(u.method) === "someFutureEvent"));
    expect(update.payload).toEqual({ chatId: "c" });
    emu.faults.sendRaw(
      JSON.stringify({ type: 1, id: 99002, method: "sendMessage", payload: { broken: true } }),
    );
    const broken = await nextEvent(isA(Update, (u) => u.id === 99002));
    expect(broken.method).toBe("sendMessage");
  });
});

describe("events under the emulator's alternative protocol forms", () => {
  it("numeric roles, flat forwards, string forAll, infoHash, no messageId on edits", async () => {
    const alt = await connect({
      emulator: {
        protocol: {
          roleFormat: "number",
          forwardedContent: "flat",
          clearHistoryForAll: "string",
          fileInfoIdKey: "infoHash",
          editMessageEventHasMessageId: false,
          locationDescription: true,
          userIdInstanceSuffix: false,
        },
      },
    });
    try {
      const { emu, api, nextEvent } = alt;
      const chatId = emu.createChat({
        type: "group",
        title: "Alt",
        owner: "alice",
        participants: ["bot", "bob"],
      });
      await emu.as("alice").changeRole(chatId, "bob", "admin");
      expect((await nextEvent(isA(ChangedParticipantRole, (e) => e.chatId === chatId))).role).toBe("admin");
      expect(await api.getChatParticipant({ chatId, userId: "bob" })).toMatchObject({ role: "admin" });

      const { messageId } = await emu.as("bob").send(chatId, "original");
      await emu.as("bob").edit(messageId, "changed");
      expect((await nextEvent(isA(EditedMessage, (e) => e.chatId === chatId))).messageId).toBeUndefined();

      const p2p = emu.createChat({ type: "p2p", owner: "alice", participants: ["bot"] });
      await emu.as("alice").forward(messageId, p2p);
      const forwarded = await nextEvent(isA(Message, (m) => m.chatId === p2p && m.type === 201));
      expect(forwarded.content).toMatchObject({ kind: "forwarded", text: "changed" });

      await emu.as("alice").clearHistory(chatId, { forAll: true });
      expect((await nextEvent(isA(ClearedChatHistory, (e) => e.chatId === chatId))).forAll).toBe(true);

      const { fileId } = await emu
        .as("alice")
        .sendFile(chatId, { name: "a.txt", data: new Uint8Array([1, 2]) });
      expect((await api.getFileInfo({ fileId })).fileId).toBe(fileId);
      expect(api.meId).toBe(`bot@${emu.serverName}`);
    } finally {
      await alt.close();
    }
  });

  it("system envelopes (receiveSystemMessages) arrive as Messages with system content", async () => {
    const sys = await connect({ receiveSystemMessages: true });
    try {
      const { emu, nextEvent } = sys;
      const chatId = emu.createChat({ type: "group", title: "Sys", owner: "alice", participants: ["bot"] });
      await emu.as("alice").editTitle(chatId, "Sys 2");
      const notice = await nextEvent(isA(Message, (m) => m.chatId === chatId && m.type === 21));
      expect(notice.system).toMatchObject({ kind: "system", title: "Sys 2" });
      expect(notice.text).toBeUndefined();
      expect(notice.mention).toBe(false);
    } finally {
      await sys.close();
    }
  });
});
