import { describe, expect, it } from "vitest";
import { worldFixture } from "./world-fixture.js";

const chatObjectKeys = ["avatarUrl", "chatId", "chatType", "lastMessage", "title", "unreadMessages"];

describe("createP2PChat", () => {
  it("creates a chat titled with the other user's name, announces it, and returns the same chat again", () => {
    const f = worldFixture();
    const created = f.ok("createP2PChat", { userId: "bob@emulator.local" });
    expect(Object.keys(created)).toEqual(["chatId"]);
    expect(f.eventsOf("createP2PChat").at(-1)).toEqual({
      chatId: created.chatId,
      title: "Boris Ivanov",
      chatType: 1,
      unreadMessages: 0,
      lastMessage: null,
    });
    const before = f.events.length;
    expect(f.ok("createP2PChat", { userId: "bob" })).toEqual(created);
    expect(f.events).toHaveLength(before);
  });

  it("refuses unknown users and the bot itself (302) and malformed input (300)", () => {
    const f = worldFixture();
    f.fails("createP2PChat", { userId: "nobody" }, 302);
    f.fails("createP2PChat", { userId: "alice@other.server" }, 302);
    f.fails("createP2PChat", { userId: f.bot }, 302);
    f.fails("createP2PChat", { userId: 7 }, 300);
  });
});

describe("createGroupChat and createChannel", () => {
  it("accepts title or name by default and announces the chat with the bot as owner", () => {
    const f = worldFixture();
    const byTitle = f.ok("createGroupChat", { title: "Incident" });
    const byName = f.ok("createGroupChat", { name: "Incident 2" });
    expect(f.eventsOf("createGroupChat").map((e) => e.title)).toEqual(["Incident", "Incident 2"]);
    expect(f.eventsOf("createGroupChat")[0]).toMatchObject({
      chatId: byTitle.chatId,
      chatType: 2,
      lastMessage: null,
    });
    expect(f.world.chat(byName.chatId as string)?.participants).toEqual([{ userId: f.bot, role: "owner" }]);
  });

  it("reads only the configured key", () => {
    const onlyName = worldFixture({ createGroupChatKey: "name" });
    onlyName.fails("createGroupChat", { title: "x" }, 300);
    expect(onlyName.ok("createGroupChat", { name: "x" }).chatId).toBeTypeOf("string");
    const onlyTitle = worldFixture({ createGroupChatKey: "title" });
    onlyTitle.fails("createGroupChat", { name: "x" }, 300);
  });

  it("creates channels (chatType 6) and refuses empty or over-long titles", () => {
    const f = worldFixture();
    const channel = f.ok("createChannel", { title: "Release notes" });
    expect(f.eventsOf("createChannel")).toEqual([
      expect.objectContaining({ chatId: channel.chatId, chatType: 6 }),
    ]);
    f.fails("createChannel", { title: "" }, 300);
    f.fails("createGroupChat", { title: "x".repeat(257) }, 300);
  });
});

describe("createFavoritesChat", () => {
  it("creates the bot's Favorites once (chatType 5, favorites_owner)", () => {
    const f = worldFixture();
    const first = f.ok("createFavoritesChat", {});
    expect(f.ok("createFavoritesChat", {})).toEqual(first);
    expect(f.eventsOf("createFavoritesChat")).toEqual([
      expect.objectContaining({ chatId: first.chatId, chatType: 5 }),
    ]);
    const participant = f.ok("getChatParticipant", { chatId: first.chatId, userId: f.bot });
    expect(participant).toEqual({ userId: f.bot, role: "favorites_owner", type: 1 });
  });
});

describe("removeChat", () => {
  it("removes a chat the bot owns and tells every bot member", () => {
    const f = worldFixture();
    const { chatId } = f.ok("createGroupChat", { title: "Temp" });
    expect(f.ok("removeChat", { chatId })).toEqual({});
    expect(f.eventsOf("removeChat")).toEqual([{ chatId }]);
    f.fails("getChatByID", { chatId }, 304);
    f.fails("removeChat", { chatId }, 304);
  });

  it("lets only the owner remove a group (303) and anyone remove a P2P chat", () => {
    const f = worldFixture();
    f.fails("removeChat", { chatId: f.seeded.groupChatId }, 303);
    f.ok("removeChat", { chatId: f.seeded.p2pChatId });
    f.fails("removeChat", {}, 300);
  });
});

describe("getChats and getChatByID", () => {
  it("returns a bare array of chat objects, most recently active first, paged", async () => {
    const f = worldFixture();
    await f.world.as("alice").send(f.seeded.groupChatId, "latest");
    const chats = f.call("getChats", { count: 10, page: 1 });
    expect("payload" in chats && Array.isArray(chats.payload)).toBe(true);
    const list = (chats as { payload: Record<string, unknown>[] }).payload;
    expect(list.map((c) => c.chatId)).toEqual([f.seeded.groupChatId, f.seeded.p2pChatId]);
    expect(Object.keys(list[0] ?? {}).sort()).toEqual(chatObjectKeys);
    expect(list[0]).toMatchObject({
      title: "Team",
      chatType: 2,
      unreadMessages: 1,
      lastMessage: { type: 200, content: { text: "latest" } },
    });
    expect(list[1]).toMatchObject({ title: "Alice Smirnova", chatType: 1 });
    const second = f.call("getChats", { count: 1, page: 2 }) as { payload: { chatId: string }[] };
    expect(second.payload.map((c) => c.chatId)).toEqual([f.seeded.p2pChatId]);
    expect((f.call("getChats", { count: 5, page: 9 }) as { payload: unknown[] }).payload).toEqual([]);
    f.fails("getChats", { count: 10, page: 0 }, 300);
    f.fails("getChats", { count: "ten", page: 1 }, 300);
  });

  it("wraps the list when getChatsShape is object", () => {
    const f = worldFixture({ getChatsShape: "object" });
    expect((f.ok("getChats", {}).chats as unknown[]).length).toBe(2);
  });

  it("returns one chat with unread counting reset by reading history", async () => {
    const f = worldFixture();
    const { p2pChatId } = f.seeded;
    await f.world.as("alice").send(p2pChatId, "one");
    await f.world.as("alice").send(p2pChatId, "two");
    expect(f.ok("getChatByID", { chatId: p2pChatId })).toMatchObject({
      chatId: p2pChatId,
      unreadMessages: 2,
    });
    f.ok("getChatHistory", { chatId: p2pChatId, count: 5 });
    expect(f.ok("getChatByID", { chatId: p2pChatId }).unreadMessages).toBe(0);
    f.fails("getChatByID", { chatId: "nope" }, 304);
    f.fails("getChatByID", { chatId: f.world.createChat({ type: "group", title: "x", owner: "bob" }) }, 305);
  });
});

describe("editChatTitle", () => {
  it("renames (owner/admin), answers chatId/timestamp, sends editChatTitle and a system envelope 21", async () => {
    const f = worldFixture();
    const { groupChatId } = f.seeded;
    f.fails("editChatTitle", { chatId: groupChatId, title: "New" }, 303);
    await f.world.as("alice").changeRole(groupChatId, "bot", "admin");
    const result = f.ok("editChatTitle", { chatId: groupChatId, title: "Team — Q1" });
    expect(Object.keys(result).sort()).toEqual(["chatId", "timestamp"]);
    expect(f.eventsOf("editChatTitle")).toEqual([{ chatId: groupChatId, title: "Team — Q1" }]);
    expect(f.world.messages(groupChatId).at(-1)).toMatchObject({
      type: 21,
      author: { id: f.bot, type: 0 },
      content: { title: "Team — Q1" },
    });
    f.fails("editChatTitle", { chatId: f.seeded.p2pChatId, title: "x" }, 302);
    f.fails("editChatTitle", { chatId: groupChatId }, 300);
  });
});

describe("editChatAvatar", () => {
  it("sets the avatar from an uploaded temporal file and refuses unknown ones (308)", async () => {
    const f = worldFixture();
    const { chatId } = f.ok("createGroupChat", { title: "With avatar" });
    const { uploadTaskId } = f.ok("uploadFile", { fileSize: 3, fileName: "a.png" });
    const stored = await f.world.storeStream(
      (await import("node:stream")).Readable.from([Buffer.from("png")]),
      {
        name: "a.png",
        mimeType: "image/png",
      },
    );
    const temporalFileId = f.world.completeUpload(uploadTaskId as string, stored);
    expect(f.ok("editChatAvatar", { chatId, temporalFileId })).toEqual({});
    const [event] = f.eventsOf("editChatAvatar");
    expect(event?.avatarUrl).toMatch(/^http:\/\/127\.0\.0\.1:4309\/emulator\/files\/[0-9a-f]{40}\/a\.png$/);
    expect(f.world.resolveDownload(new URL(event?.avatarUrl as string).pathname)?.size).toBe(3);
    expect(f.ok("getChatByID", { chatId }).avatarUrl).toBe(event?.avatarUrl);
    expect(f.world.messages(chatId as string).at(-1)).toMatchObject({
      type: 22,
      content: { avatarUrl: event?.avatarUrl },
    });
    f.fails("editChatAvatar", { chatId, temporalFileId }, 308); // single use
    f.fails("editChatAvatar", { chatId: f.seeded.groupChatId, temporalFileId: "x" }, 303);
    await f.world.dispose();
  });
});

describe("clearHistory", () => {
  it("clears for everyone with a boolean forAll and a system envelope 23", async () => {
    const f = worldFixture();
    const { p2pChatId } = f.seeded;
    await f.world.as("alice").send(p2pChatId, "gone soon");
    expect(f.ok("clearHistory", { chatId: p2pChatId, forAll: true })).toEqual({});
    expect(f.eventsOf("clearHistory")).toEqual([{ chatId: p2pChatId, forAll: true }]);
    expect(f.world.messages(p2pChatId).map((m) => m.type)).toEqual([23]);
  });

  it("clears for the bot only, and sends forAll as a string when configured", async () => {
    const f = worldFixture({ clearHistoryForAll: "string" });
    const { p2pChatId } = f.seeded;
    await f.world.as("alice").send(p2pChatId, "still there for alice");
    f.ok("clearHistory", { chatId: p2pChatId, forAll: false });
    expect(f.eventsOf("clearHistory")).toEqual([{ chatId: p2pChatId, forAll: "false" }]);
    expect(f.ok("getChatHistory", { chatId: p2pChatId, count: 10 }).messages).toEqual([]);
    expect(f.world.messages(p2pChatId)).toHaveLength(1);
  });

  it("needs owner/admin rights to clear a group for everyone (303)", () => {
    const f = worldFixture();
    f.fails("clearHistory", { chatId: f.seeded.groupChatId, forAll: true }, 303);
    f.fails("clearHistory", { chatId: f.seeded.groupChatId, forAll: 1 }, 300);
  });
});

describe("getUserDisplayName", () => {
  it("returns display names by full id or login, 302 for unknown users", () => {
    const f = worldFixture();
    expect(f.ok("getUserDisplayName", { userId: "carol@emulator.local" })).toEqual({
      displayName: "Carol Jones",
    });
    expect(f.ok("getUserDisplayName", { userId: "alice" })).toEqual({ displayName: "Alice Smirnova" });
    f.fails("getUserDisplayName", { userId: "zed" }, 302);
    f.fails("getUserDisplayName", {}, 300);
  });
});
