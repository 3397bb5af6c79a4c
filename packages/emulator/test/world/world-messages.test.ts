import { describe, expect, it } from "vitest";
import { worldFixture } from "./world-fixture.js";

describe("sendMessage", () => {
  it("posts a plain message, answers chatId/messageId/timestamp and echoes the envelope to the bot", () => {
    const f = worldFixture();
    const { p2pChatId } = f.seeded;
    const sent = f.ok("sendMessage", {
      chatId: p2pChatId,
      replyMessageId: null,
      content: { text: "<b>hi</b>", parseMode: "html" },
    });
    expect(Object.keys(sent).sort()).toEqual(["chatId", "messageId", "timestamp"]);
    expect(sent.chatId).toBe(p2pChatId);
    const [event] = f.eventsOf("sendMessage");
    expect(event).toEqual({
      messageId: sent.messageId,
      chatId: p2pChatId,
      timestamp: sent.timestamp,
      isEdited: false,
      type: 200,
      author: { id: f.bot, type: 1 },
      box: { id: 1, position: "1" },
      content: { text: "<b>hi</b>", parseMode: "html" },
    });
    expect(f.world.messages(p2pChatId)).toEqual([event]);
  });

  it("defaults parseMode to text and carries replyMessageId on replies", async () => {
    const f = worldFixture();
    const { p2pChatId } = f.seeded;
    const { messageId } = await f.world.as("alice").send(p2pChatId, "question");
    const reply = f.ok("sendMessage", {
      chatId: p2pChatId,
      replyMessageId: messageId,
      content: { text: "answer" },
    });
    const envelope = f.ok("getMessageById", { messageId: reply.messageId });
    expect(envelope).toMatchObject({
      replyMessageId: messageId,
      content: { text: "answer", parseMode: "text" },
    });
  });

  it("refuses bad input and foreign chats with the documented codes", async () => {
    const f = worldFixture();
    const { p2pChatId } = f.seeded;
    f.fails("sendMessage", { content: { text: "x" } }, 300);
    f.fails("sendMessage", { chatId: 42, content: { text: "x" } }, 300);
    f.fails("sendMessage", { chatId: p2pChatId, content: { text: "" } }, 300);
    f.fails("sendMessage", { chatId: p2pChatId, content: { text: "x", parseMode: "plain" } }, 300);
    f.fails("sendMessage", { chatId: p2pChatId, content: "x" }, 300);
    f.fails("sendMessage", { chatId: "f".repeat(40), content: { text: "x" } }, 304);
    const foreign = f.world.createChat({ type: "group", title: "Private", owner: "bob" });
    f.fails("sendMessage", { chatId: foreign, content: { text: "x" } }, 305);
    f.fails("sendMessage", { chatId: p2pChatId, replyMessageId: "nope", content: { text: "x" } }, 306);
    const elsewhere = await f.world.as("bob").send(foreign, "not yours");
    f.fails(
      "sendMessage",
      { chatId: p2pChatId, replyMessageId: elsewhere.messageId, content: { text: "x" } },
      306,
    );
    expect(f.eventsOf("sendMessage")).toEqual([]);
  });

  it("lets only the owner, admins and writers post in a channel (303)", async () => {
    const f = worldFixture();
    const channel = await f.world.as("alice").createChannel("News", ["bot"]);
    f.fails("sendMessage", { chatId: channel, content: { text: "x" } }, 303);
    await f.world.as("alice").changeRole(channel, "bot", "writer");
    expect(f.ok("sendMessage", { chatId: channel, content: { text: "x" } }).chatId).toBe(channel);
  });
});

describe("editMessage", () => {
  it("edits the author's text, marks it edited and sends editMessage with messageId", () => {
    const f = worldFixture();
    const { p2pChatId } = f.seeded;
    const sent = f.ok("sendMessage", { chatId: p2pChatId, content: { text: "v1" } });
    const edited = f.ok("editMessage", {
      messageId: sent.messageId,
      content: { text: "**v2**", parseMode: "markdown" },
    });
    expect(Object.keys(edited).sort()).toEqual(["messageId", "timestamp"]);
    expect(f.eventsOf("editMessage")).toEqual([
      {
        messageId: sent.messageId,
        chatId: p2pChatId,
        timestamp: edited.timestamp,
        content: { text: "**v2**", parseMode: "markdown" },
      },
    ]);
    expect(f.ok("getMessageById", { messageId: sent.messageId })).toMatchObject({
      isEdited: true,
      content: { text: "**v2**" },
    });
  });

  it("omits messageId from the event when the option says so", () => {
    const f = worldFixture({ editMessageEventHasMessageId: false });
    const sent = f.ok("sendMessage", { chatId: f.seeded.p2pChatId, content: { text: "v1" } });
    f.ok("editMessage", { messageId: sent.messageId, content: { text: "v2" } });
    expect(Object.keys(f.eventsOf("editMessage")[0] ?? {}).sort()).toEqual([
      "chatId",
      "content",
      "timestamp",
    ]);
  });

  it("refuses other people's messages (302), unknown ones (306) and bad content (300)", async () => {
    const f = worldFixture();
    const { messageId } = await f.world.as("alice").send(f.seeded.p2pChatId, "mine");
    f.fails("editMessage", { messageId, content: { text: "hijack" } }, 302);
    f.fails("editMessage", { messageId: "missing", content: { text: "x" } }, 306);
    f.fails("editMessage", { messageId, content: {} }, 300);
    expect(f.eventsOf("editMessage")).toEqual([]);
  });
});

describe("removeMessage", () => {
  it("removes for everyone: gone from history, removeMessage to every bot that saw it", async () => {
    const f = worldFixture();
    const { groupChatId } = f.seeded;
    const { messageId } = await f.world.as("alice").send(groupChatId, "oops");
    f.fails("removeMessage", { messageId, forAll: true }, 303); // the bot is a plain member
    await f.world.as("alice").changeRole(groupChatId, "bot", "admin");
    expect(f.ok("removeMessage", { messageId, forAll: true })).toEqual({});
    expect(f.eventsOf("removeMessage")).toEqual([
      { chatId: groupChatId, messageId, removedBy: { id: f.bot, type: 1 } },
    ]);
    expect(f.world.messages(groupChatId).some((m) => m.messageId === messageId)).toBe(false);
    f.fails("getMessageById", { messageId }, 306);
  });

  it("removes for self only: hidden from the bot, still there for the humans", async () => {
    const f = worldFixture();
    const { p2pChatId } = f.seeded;
    const { messageId } = await f.world.as("alice").send(p2pChatId, "keep");
    f.ok("removeMessage", { messageId, forAll: false });
    expect(f.eventsOf("removeMessage")).toHaveLength(1);
    f.fails("getMessageById", { messageId }, 306);
    expect(f.world.messages(p2pChatId).map((m) => m.messageId)).toEqual([messageId]);
    f.fails("removeMessage", { messageId }, 306);
    f.fails("removeMessage", { messageId: p2pChatId, forAll: "yes" }, 300);
  });

  it("lets an author remove their own message for everyone in a group", () => {
    const f = worldFixture();
    const sent = f.ok("sendMessage", { chatId: f.seeded.groupChatId, content: { text: "mine" } });
    expect(f.ok("removeMessage", { messageId: sent.messageId, forAll: true })).toEqual({});
  });
});

describe("forwardMessage", () => {
  it("forwards as type 201 with the nested source envelope by default", async () => {
    const f = worldFixture();
    const { groupChatId, p2pChatId } = f.seeded;
    const { messageId } = await f.world.as("alice").send(groupChatId, "Who is on call tonight?");
    const source = f.ok("getMessageById", { messageId });
    const forwarded = f.ok("forwardMessage", { messageId, chatId: p2pChatId });
    expect(Object.keys(forwarded).sort()).toEqual(["chatId", "messageId", "timestamp"]);
    const envelope = f.ok("getMessageById", { messageId: forwarded.messageId });
    expect(envelope).toMatchObject({
      type: 201,
      chatId: p2pChatId,
      author: { id: f.bot, type: 1 },
      content: source,
    });
  });

  it("forwards flat text content when forwardedContent is flat", async () => {
    const f = worldFixture({ forwardedContent: "flat" });
    const { messageId } = await f.world
      .as("alice")
      .send(f.seeded.groupChatId, { text: "<i>x</i>", parseMode: "html" });
    const forwarded = f.ok("forwardMessage", { messageId, chatId: f.seeded.p2pChatId });
    expect(f.ok("getMessageById", { messageId: forwarded.messageId }).content).toEqual({
      text: "<i>x</i>",
      parseMode: "html",
    });
  });

  it("refuses unknown messages (306), unknown or foreign targets (304/305) and unfinished files (311)", async () => {
    const f = worldFixture();
    const { groupChatId, p2pChatId } = f.seeded;
    const { messageId } = await f.world.as("alice").send(groupChatId, "x");
    f.fails("forwardMessage", { messageId: "nope", chatId: p2pChatId }, 306);
    f.fails("forwardMessage", { messageId, chatId: "nope" }, 304);
    const foreign = f.world.createChat({ type: "group", title: "Other", owner: "bob" });
    f.fails("forwardMessage", { messageId, chatId: foreign }, 305);
    f.fails("forwardMessage", { messageId }, 300);
    const uploading = await f.world
      .as("alice")
      .sendFile(groupChatId, { name: "a.txt", data: new Uint8Array([1]), ready: false });
    f.fails("forwardMessage", { messageId: uploading.messageId, chatId: p2pChatId }, 311);
  });
});

describe("getMessageById", () => {
  it("returns the full envelope, 306 for unknown ids and for chats the bot is not in", async () => {
    const f = worldFixture();
    const foreign = f.world.createChat({ type: "group", title: "Other", owner: "bob" });
    const { messageId } = await f.world.as("bob").send(foreign, "secret");
    f.fails("getMessageById", { messageId }, 306);
    f.fails("getMessageById", { messageId: "nope" }, 306);
    f.fails("getMessageById", {}, 300);
    const own = await f.world.as("alice").send(f.seeded.p2pChatId, "hello");
    expect(Object.keys(f.ok("getMessageById", { messageId: own.messageId })).sort()).toEqual(
      ["author", "box", "chatId", "content", "isEdited", "messageId", "timestamp", "type"].sort(),
    );
  });
});

describe("getChatHistory", () => {
  it("pages newest first with count and an exclusive fromMessageId", async () => {
    const f = worldFixture();
    const { p2pChatId } = f.seeded;
    const ids: string[] = [];
    for (let i = 1; i <= 5; i += 1) ids.push((await f.world.as("alice").send(p2pChatId, `m${i}`)).messageId);
    const first = f.ok("getChatHistory", { chatId: p2pChatId, count: 2, fromMessageId: null });
    expect(first.count).toBe(2);
    expect(first.chatId).toBe(p2pChatId);
    const firstIds = (first.messages as { messageId: string }[]).map((m) => m.messageId);
    expect(firstIds).toEqual([ids[4], ids[3]]);
    const second = f.ok("getChatHistory", { chatId: p2pChatId, count: 10, fromMessageId: ids[3] });
    expect((second.messages as { messageId: string }[]).map((m) => m.messageId)).toEqual([
      ids[2],
      ids[1],
      ids[0],
    ]);
    expect(second.count).toBe(3);
    const none = f.ok("getChatHistory", { chatId: p2pChatId, count: 10, fromMessageId: ids[0] });
    expect(none).toEqual({ count: 0, chatId: p2pChatId, messages: [] });
  });

  it("refuses count < 1, unknown chats and anchors", () => {
    const f = worldFixture();
    const { p2pChatId } = f.seeded;
    f.fails("getChatHistory", { chatId: p2pChatId, count: 0 }, 300);
    f.fails("getChatHistory", { chatId: p2pChatId, count: 1.5 }, 300);
    f.fails("getChatHistory", { chatId: p2pChatId }, 300);
    f.fails("getChatHistory", { chatId: "nope", count: 1 }, 304);
    f.fails("getChatHistory", { chatId: p2pChatId, count: 1, fromMessageId: "nope" }, 306);
    const foreign = f.world.createChat({ type: "group", title: "Other", owner: "bob" });
    f.fails("getChatHistory", { chatId: foreign, count: 1 }, 305);
  });

  it("shows a member added without history only what came after", async () => {
    const f = worldFixture();
    const group = await f.world.as("alice").createGroupChat("Later", []);
    await f.world.as("alice").send(group, "before");
    await f.world.as("alice").addParticipant(group, "bot");
    await f.world.as("alice").send(group, "after");
    const history = f.ok("getChatHistory", { chatId: group, count: 10 });
    const texts = (history.messages as { content: { text?: string } }[]).map((m) => m.content.text);
    expect(texts).toEqual(["after", undefined]); // newest first: the message, then the system envelope of the join
  });
});
