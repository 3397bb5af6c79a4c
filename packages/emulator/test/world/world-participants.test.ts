import { describe, expect, it } from "vitest";
import { worldFixture } from "./world-fixture.js";

function botOwnedGroup() {
  const f = worldFixture();
  const { chatId } = f.ok("createGroupChat", { title: "Ops duty" });
  f.events.length = 0;
  return { f, chatId: chatId as string };
}

describe("addChatParticipant", () => {
  it("adds a user, sends addChatParticipant and a system envelope 1", () => {
    const { f, chatId } = botOwnedGroup();
    expect(
      f.ok("addChatParticipant", { chatId, userId: "alice@emulator.local", displayHistory: true }),
    ).toEqual({});
    const [event] = f.eventsOf("addChatParticipant");
    expect(event).toEqual({
      timestamp: expect.any(Number),
      chatId,
      userId: "alice@emulator.local",
      addedBy: { id: f.bot, type: 1 },
    });
    expect(f.eventsOf("sendMessage").at(-1)).toMatchObject({
      type: 1,
      author: { id: f.bot, type: 0 },
      content: { userId: "alice@emulator.local", role: "user" },
    });
  });

  it("sends the event to a bot that is added, and refuses 309/302/303/300", async () => {
    const f = worldFixture();
    const other = f.world.addBot({ login: "helper", password: "pw" }).userId;
    const { groupChatId } = f.seeded;
    await f.world.as("alice").addParticipant(groupChatId, "helper");
    expect(f.eventsOf("addChatParticipant", other)).toEqual([expect.objectContaining({ userId: other })]);
    expect(f.eventsOf("addChatParticipant")).toHaveLength(1);
    f.fails("addChatParticipant", { chatId: groupChatId, userId: "bob" }, 303); // the bot is a plain member
    await f.world.as("alice").changeRole(groupChatId, "bot", "admin");
    f.fails("addChatParticipant", { chatId: groupChatId, userId: "alice" }, 309);
    f.fails("addChatParticipant", { chatId: groupChatId, userId: "ghost" }, 302);
    f.fails("addChatParticipant", { chatId: f.seeded.p2pChatId, userId: "bob" }, 302);
    f.fails("addChatParticipant", { chatId: groupChatId, userId: "bob", displayHistory: "no" }, 300);
  });
});

describe("removeChatParticipant", () => {
  it("removes a member (event to everyone before removal, system envelope 2)", () => {
    const { f, chatId } = botOwnedGroup();
    f.ok("addChatParticipant", { chatId, userId: "bob" });
    expect(f.ok("removeChatParticipant", { chatId, userId: "bob", clearHistory: false })).toEqual({});
    expect(f.eventsOf("removeChatParticipant")).toEqual([
      {
        timestamp: expect.any(Number),
        chatId,
        userId: "bob@emulator.local",
        removedBy: { id: f.bot, type: 1 },
      },
    ]);
    expect(f.world.messages(chatId).at(-1)).toMatchObject({
      type: 2,
      content: { userId: "bob@emulator.local" },
    });
    f.fails("removeChatParticipant", { chatId, userId: "bob" }, 305);
  });

  it("lets a member leave, refuses removing others without rights (303) and the owner (302)", async () => {
    const f = worldFixture();
    const { groupChatId } = f.seeded;
    await f.world.as("alice").addParticipant(groupChatId, "bob");
    f.fails("removeChatParticipant", { chatId: groupChatId, userId: "bob" }, 303);
    await f.world.as("alice").changeRole(groupChatId, "bot", "admin");
    f.fails("removeChatParticipant", { chatId: groupChatId, userId: "alice" }, 302);
    f.ok("removeChatParticipant", { chatId: groupChatId, userId: f.bot });
    expect(f.eventsOf("removeChatParticipant")).toHaveLength(1);
    f.fails("getChatByID", { chatId: groupChatId }, 305);
    f.fails("removeChatParticipant", { chatId: groupChatId, userId: "bob", clearHistory: "x" }, 300);
  });
});

describe("getChatParticipants, getChatParticipant, hasChatParticipant", () => {
  it("lists members with roles, paged", () => {
    const { f, chatId } = botOwnedGroup();
    f.ok("addChatParticipant", { chatId, userId: "bob" });
    f.ok("addChatParticipant", { chatId, userId: "alice" });
    f.ok("changeParticipantRole", { chatId, userId: "bob", role: "admin" });
    expect(f.ok("getChatParticipants", { chatId, pageSize: 50, pageNumber: 1 })).toEqual({
      participants: [
        { userId: f.bot, role: "owner" },
        { userId: "bob@emulator.local", role: "admin" },
        { userId: "alice@emulator.local", role: "user" },
      ],
    });
    const page2 = f.ok("getChatParticipants", { chatId, pageSize: 2, pageNumber: 2 });
    expect(page2.participants).toEqual([{ userId: "alice@emulator.local", role: "user" }]);
    f.fails("getChatParticipants", { chatId, pageSize: 0, pageNumber: 1 }, 300);
    f.fails("getChatParticipants", { chatId: "nope" }, 304);
  });

  it("reports one member (305 for others) and membership as a boolean", () => {
    const f = worldFixture();
    const { groupChatId } = f.seeded;
    expect(f.ok("getChatParticipant", { chatId: groupChatId, userId: "alice" })).toEqual({
      userId: "alice@emulator.local",
      role: "owner",
      type: 1,
    });
    f.fails("getChatParticipant", { chatId: groupChatId, userId: "bob@emulator.local" }, 305);
    f.fails("getChatParticipant", { chatId: groupChatId, userId: "ghost" }, 305);
    expect(f.ok("hasChatParticipant", { chatId: groupChatId, userId: "alice@emulator.local" })).toEqual({
      result: true,
    });
    expect(f.ok("hasChatParticipant", { chatId: groupChatId, userId: "bob" })).toEqual({ result: false });
    f.fails("hasChatParticipant", { chatId: groupChatId }, 300);
  });

  it("writes roles as numbers with roleFormat number and reads both forms", () => {
    const f = worldFixture({ roleFormat: "number" });
    const { chatId } = f.ok("createGroupChat", { title: "Numbers" });
    f.ok("addChatParticipant", { chatId, userId: "bob" });
    f.ok("changeParticipantRole", { chatId, userId: "bob", role: 1 });
    expect(f.eventsOf("changeParticipantRole").at(-1)?.role).toBe(1);
    expect(f.ok("getChatParticipant", { chatId, userId: "bob" }).role).toBe(1);
    f.ok("changeParticipantRole", { chatId, userId: "bob", role: "user" });
    expect(f.ok("getChatParticipants", { chatId }).participants).toEqual([
      { userId: f.bot, role: 0 },
      { userId: "bob@emulator.local", role: 2 },
    ]);
  });
});

describe("changeParticipantRole", () => {
  it("changes a role, sends changeParticipantRole and a system envelope 110", () => {
    const { f, chatId } = botOwnedGroup();
    f.ok("addChatParticipant", { chatId, userId: "alice" });
    expect(f.ok("changeParticipantRole", { chatId, userId: "alice", role: "admin" })).toEqual({});
    expect(f.eventsOf("changeParticipantRole")).toEqual([
      { timestamp: expect.any(Number), role: "admin", chatId, userId: "alice@emulator.local" },
    ]);
    expect(f.world.messages(chatId).at(-1)).toMatchObject({
      type: 110,
      content: { userId: "alice@emulator.local", role: "admin" },
    });
  });

  it("refuses unknown roles (312), missing rights (303), the owner's role (302), non-members (305)", async () => {
    const f = worldFixture();
    const { groupChatId } = f.seeded;
    f.fails("changeParticipantRole", { chatId: groupChatId, userId: "alice", role: "emperor" }, 312);
    f.fails("changeParticipantRole", { chatId: groupChatId, userId: "alice", role: 9 }, 312);
    f.fails("changeParticipantRole", { chatId: groupChatId, userId: "alice", role: "writer" }, 312); // channels only
    f.fails("changeParticipantRole", { chatId: groupChatId, userId: f.bot, role: "admin" }, 303);
    await f.world.as("alice").changeRole(groupChatId, "bot", "admin");
    f.fails("changeParticipantRole", { chatId: groupChatId, userId: "alice", role: "user" }, 302);
    f.fails("changeParticipantRole", { chatId: groupChatId, userId: "carol", role: "user" }, 305);
    f.fails("changeParticipantRole", { chatId: groupChatId, userId: "carol" }, 300);
    f.fails("changeParticipantRole", { chatId: groupChatId, userId: f.bot, role: "owner" }, 302);
  });
});
