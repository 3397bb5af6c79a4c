import { describe, expect, it } from "vitest";
import { EmulatorConfigError, EmulatorError } from "../../src/errors.js";
import { defaultProtocolOptions } from "../../src/protocol-options.js";
import { World } from "../../src/world/world.js";
import { WorldRequestError } from "../../src/world/world-request-error.js";
import { worldFixture } from "./world-fixture.js";

describe("the simulated human", () => {
  it("sends, replies, edits and removes with the same events a bot's API call produces", async () => {
    const f = worldFixture();
    const alice = f.world.as("alice@emulator.local");
    const { p2pChatId } = f.seeded;
    const { messageId } = await alice.send(p2pChatId, { text: "<b>hi</b>", parseMode: "html" });
    const reply = await alice.reply(p2pChatId, messageId, "again");
    await alice.edit(reply.messageId, "edited");
    await alice.remove(messageId, { forAll: true });
    expect(f.events.map((e) => e.method)).toEqual([
      "sendMessage",
      "sendMessage",
      "editMessage",
      "removeMessage",
    ]);
    expect(f.eventsOf("sendMessage")[1]).toMatchObject({
      replyMessageId: messageId,
      author: { id: "alice@emulator.local", type: 1 },
    });
    expect(f.eventsOf("removeMessage")[0]).toEqual({
      chatId: p2pChatId,
      messageId,
      removedBy: { id: "alice@emulator.local", type: 1 },
    });
    await alice.remove(reply.messageId);
    expect(f.eventsOf("removeMessage")).toHaveLength(1); // removal for alice only concerns no bot
  });

  it("forwards, shares locations and surveys (every user envelope type 200-204)", async () => {
    const f = worldFixture({ locationDescription: true });
    const alice = f.world.as("alice");
    const { groupChatId, p2pChatId } = f.seeded;
    const { messageId } = await alice.send(groupChatId, "text");
    await alice.forward(messageId, p2pChatId);
    await alice.sendFile(p2pChatId, { name: "a.txt", data: new Uint8Array([1, 2]), caption: "see attached" });
    await alice.sendLocation(p2pChatId, { latitude: 59.9, longitude: 30.3, title: "Gate 3" });
    await alice.sendSurvey(p2pChatId, { url: "https://emulator.local/webtools/survey", title: "Lunch?" });
    const types = f.eventsOf("sendMessage").map((e) => e.type);
    expect(types).toEqual([200, 201, 202, 203, 204]);
    expect(f.eventsOf("sendMessage")[2]?.content).toMatchObject({
      name: "a.txt",
      size: 2,
      mimeType: "application/octet-stream",
      caption: { text: "see attached", parseMode: "text" },
    });
    expect(f.eventsOf("sendMessage")[3]?.content).toEqual({
      latitude: 59.9,
      longitude: 30.3,
      title: "Gate 3",
      description: "Gate 3",
    });
    await expect(
      alice.sendLocation(p2pChatId, { latitude: 91, longitude: 0, title: "x" }),
    ).rejects.toMatchObject({ errorCode: 300 });
    await f.world.dispose();
  });

  it("creates chats of every kind and manages members, titles, avatars and history with events", async () => {
    const f = worldFixture();
    const alice = f.world.as("alice");
    const group = await alice.createGroupChat("Ops", ["bot", "bob"]);
    const channel = await alice.createChannel("News", ["bot"]);
    const p2p = await f.world.as("carol").createP2PChat("bot");
    await alice.addParticipant(group, "carol", { displayHistory: true });
    await alice.changeRole(group, "bob", 1);
    await alice.removeParticipant(group, "carol");
    await alice.editTitle(group, "Ops 2");
    await alice.editAvatar(group, new Uint8Array([137, 80, 78, 71]));
    await alice.clearHistory(group, { forAll: true });
    await alice.removeChat(channel);
    expect(f.events.filter((e) => e.method !== "sendMessage").map((e) => e.method)).toEqual([
      "createGroupChat",
      "createChannel",
      "createP2PChat",
      "addChatParticipant",
      "changeParticipantRole",
      "removeChatParticipant",
      "editChatTitle",
      "editChatAvatar",
      "clearHistory",
      "removeChat",
    ]);
    expect(f.eventsOf("createP2PChat")[0]).toMatchObject({ chatId: p2p, title: "Carol Jones", chatType: 1 });
    expect(f.eventsOf("sendMessage").map((e) => e.type)).toEqual([1, 110, 2, 21, 22, 23]);
    expect(f.world.chat(group)).toEqual({
      chatId: group,
      type: "group",
      title: "Ops 2",
      participants: [
        { userId: "alice@emulator.local", role: "owner" },
        { userId: f.bot, role: "user" },
        { userId: "bob@emulator.local", role: "admin" },
      ],
    });
    expect(f.world.chat(channel)).toBeUndefined();
    await alice.clearHistory(group);
    expect(f.eventsOf("clearHistory")).toHaveLength(1);
    await f.world.dispose();
  });

  it("rejects refused actions with WorldRequestError carrying the wire code, and bad input before acting", async () => {
    const f = worldFixture();
    const bob = f.world.as("bob");
    const refusal = await bob.send(f.seeded.groupChatId, "let me in").catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(WorldRequestError);
    expect(refusal).toBeInstanceOf(EmulatorError);
    expect(refusal).toMatchObject({ errorCode: 305 });
    await expect(bob.send("nope", "x")).rejects.toMatchObject({ errorCode: 304 });
    await expect(bob.send(f.seeded.groupChatId, "")).rejects.toMatchObject({ errorCode: 300 });
    await expect(bob.createGroupChat("", [])).rejects.toMatchObject({ errorCode: 300 });
    await expect(bob.createGroupChat("x", ["ghost"])).rejects.toMatchObject({ errorCode: 302 });
    await expect(
      bob.sendFile(f.seeded.groupChatId, { name: "", data: new Uint8Array() }),
    ).rejects.toBeInstanceOf(EmulatorConfigError);
    await expect(
      bob.sendFile(f.seeded.groupChatId, { name: "a", data: "x" as unknown as Uint8Array }),
    ).rejects.toThrow(/Uint8Array/);
    await expect(bob.editAvatar(f.seeded.groupChatId, [1] as unknown as Uint8Array)).rejects.toThrow(
      /Uint8Array/,
    );
    f.world.setUploadLimits({ maxSize: 1, extensions: null });
    await expect(
      f.world.as("alice").sendFile(f.seeded.p2pChatId, { name: "a", data: new Uint8Array(2) }),
    ).rejects.toMatchObject({
      errorCode: 310,
    });
    expect(f.events.filter((e) => e.method !== "getFileUploadLimits")).toEqual([]);
  });
});

describe("the control API", () => {
  it("adds accounts, validates them and never echoes passwords", () => {
    const f = worldFixture();
    expect(f.world.addBot({ login: "helper", password: "s3cret", displayName: "Helper" })).toEqual({
      userId: "helper@emulator.local",
      login: "helper",
      password: "s3cret",
    });
    expect(f.world.authenticate("helper", "s3cret")).toBe("helper@emulator.local");
    expect(f.world.authenticate("helper@emulator.local", "s3cret")).toBe("helper@emulator.local");
    expect(f.world.authenticate("helper", "wrong")).toBeUndefined();
    expect(f.world.authenticate("alice", "")).toBeUndefined();
    expect(f.world.isBot("helper@emulator.local/abc")).toBe(true);
    expect(f.world.isBot("alice")).toBe(false);
    expect(() => f.world.addBot({ login: "helper", password: "other-secret" })).toThrow(EmulatorConfigError);
    const bad = (() => {
      try {
        f.world.addBot({ login: "x y", password: "hunter2" });
      } catch (error) {
        return error as Error;
      }
    })();
    expect(bad?.message).toMatch(/login/);
    expect(bad?.message).not.toContain("hunter2");
    expect(() => f.world.addBot({ login: "nopw", password: "" })).toThrow(/password/);
    expect(() => f.world.addUser({ login: "" })).toThrow(EmulatorConfigError);
    expect(() => f.world.as("ghost")).toThrow(EmulatorConfigError);
  });

  it("creates chats of every type and checks their shape", () => {
    const f = worldFixture();
    expect(f.world.createChat({ type: "p2p", owner: "alice", participants: ["bot"] })).toBe(
      f.seeded.p2pChatId,
    );
    const favorites = f.world.createChat({ type: "favorites", owner: "bot" });
    expect(f.world.createChat({ type: "favorites", owner: "bot@emulator.local" })).toBe(favorites);
    expect(f.world.chat(favorites)).toMatchObject({
      type: "favorites",
      participants: [{ userId: f.bot, role: "favorites_owner" }],
    });
    const channel = f.world.createChat({
      type: "channel",
      title: "News",
      owner: "alice",
      participants: ["bot", "bob"],
    });
    expect(f.eventsOf("createChannel")).toEqual([
      expect.objectContaining({ chatId: channel, title: "News", chatType: 6 }),
    ]);
    expect(() => f.world.createChat({ type: "p2p", owner: "alice" })).toThrow(/exactly one/);
    expect(() => f.world.createChat({ type: "favorites", owner: "alice", participants: ["bob"] })).toThrow(
      /no participants/,
    );
    expect(() => f.world.createChat({ type: "room" as "group", owner: "alice" })).toThrow(/chat type/);
    expect(() => f.world.createChat({ type: "group", owner: "ghost" })).toThrow(/ghost/);
    expect(() => f.world.createChat({ type: "group", title: "x".repeat(300), owner: "alice" })).toThrow(
      EmulatorConfigError,
    );
    expect(f.world.chat("nope")).toBeUndefined();
    expect(f.world.messages("nope")).toEqual([]);
  });

  it("notifies change listeners and survives a throwing one", async () => {
    const f = worldFixture();
    let calls = 0;
    const stopThrowing = f.world.onChange(() => {
      throw new Error("listener bug");
    });
    const stop = f.world.onChange(() => {
      calls += 1;
    });
    await f.world.as("alice").send(f.seeded.p2pChatId, "x");
    expect(calls).toBeGreaterThan(0);
    stop();
    stopThrowing();
    const before = calls;
    await f.world.as("alice").send(f.seeded.p2pChatId, "y");
    expect(calls).toBe(before);
  });

  it("rejects a bad server name", () => {
    expect(
      () => new World({ serverName: "bad name", protocol: defaultProtocolOptions, sink: { push() {} } }),
    ).toThrow(/serverName/);
  });
});
