import { randomBytes } from "node:crypto";
import { protocolSamples } from "@tc/emulator/protocol-samples";
import { BufferedInputFile } from "@tc/files";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Update } from "../../src/index.js";
import { type Connected, connect } from "./connect.js";

/** The wire methods of PROTOCOL.md section 4: one sample each in the protocol's sample frames. */
const wireMethods = Object.keys(protocolSamples.methods);
/** The server pushes of PROTOCOL.md section 5 (the samples also show one unknown push, which is no event). */
const eventMethods = [...new Set(protocolSamples.events.map((frame) => frame.method))].filter(
  (method) => method !== "someFutureEvent",
);

let world: Connected;
beforeAll(async () => {
  world = await connect();
});
afterAll(async () => {
  await world?.close();
});

describe("coverage of the protocol", () => {
  it("reaches every wire method through the Api and types every event the emulator can push", async () => {
    const { api, emu, events } = world;
    const bob = emu.as("bob");
    const png = () => new BufferedInputFile(randomBytes(32), { fileName: "a.png", mimeType: "image/png" });

    // Pushes, triggered by a simulated human.
    const chatId = await bob.createGroupChat("Coverage", ["bot", "alice"]);
    await bob.createChannel("Coverage channel", ["bot"]);
    await bob.createP2PChat("bot");
    const { messageId } = await bob.send(chatId, "hi");
    await bob.edit(messageId, "hi!");
    await bob.addParticipant(chatId, "carol");
    await bob.changeRole(chatId, "carol", "admin");
    await bob.changeRole(chatId, "bot", "admin");
    await bob.removeParticipant(chatId, "carol");
    await bob.editTitle(chatId, "Coverage 2");
    await bob.editAvatar(chatId, new Uint8Array([1, 2, 3]));
    emu.setUploadLimits({ maxSize: 10_000_000, extensions: null });

    // Every Api method.
    const sent = await api.sendMessage({ chatId, text: "x" });
    await api.replyMessage({ chatId, messageId, text: "y" });
    await api.editMessage({ messageId: sent.messageId, text: "x2" });
    await api.forwardMessage({ chatId, messageId });
    await api.getMessageById({ messageId });
    await api.getChatHistory({ chatId, count: 5 });
    await api.removeMessage({ messageId: sent.messageId });
    const own = await api.createGroupChat({ title: "Own" });
    await api.createChannel({ title: "Own channel" });
    await api.createPersonalChat({ userId: "alice" });
    await api.createFavoritesChat();
    await api.getChats();
    await api.getChatById({ chatId });
    await api.addParticipantToChat({ chatId: own.chatId, userId: "alice" });
    await api.getChatParticipants({ chatId: own.chatId, pageSize: 5, pageNumber: 1 });
    await api.getChatParticipant({ chatId: own.chatId, userId: "alice" });
    await api.hasChatParticipant({ chatId: own.chatId, userId: "alice" });
    await api.changeParticipantRole({ chatId: own.chatId, userId: "alice", role: "admin" });
    await api.removeParticipantFromChat({ chatId: own.chatId, userId: "alice" });
    await api.editChatTitle({ chatId: own.chatId, title: "Own 2" });
    await api.editChatAvatar({ chatId: own.chatId, file: png() });
    await api.getUserDisplayName({ userId: "alice" });
    await api.getFileInfoUploadLimits();
    const doc = await api.sendDocument({ chatId, file: png() });
    await api.getFileInfo({ fileId: doc.fileId as string });
    const survey = await api.sendSurvey({ chatId, title: "Poll", surveyCampaignId: "poll_1" });
    await api.editSurvey({ messageId: survey.messageId, title: "Poll 2", surveyCampaignId: "poll_1" });
    const late = await bob.sendFile(chatId, { name: "late.bin", data: randomBytes(100), ready: false });
    const download = api.downloadFileById(late.fileId);
    await emu.waitForRequest("subscribeFileProgress");
    emu.finishUpload(late.fileId);
    await download;
    await api.clearChatHistory({ chatId: own.chatId, forAll: true });
    await api.deleteChat({ chatId: own.chatId });
    await bob.clearHistory(chatId, { forAll: true });
    await bob.removeChat(chatId);
    await emu.waitFor(
      () => events.some((e) => e.method === "removeChat" && !(e instanceof Update)) || undefined,
    );

    const reached = new Set(emu.requests().map((r) => (r.frame as { method: string }).method));
    const typed = new Set<string>(events.filter((e) => !(e instanceof Update)).map((e) => e.method));
    const methodsCovered = wireMethods.filter((m) => reached.has(m));
    const eventsCovered = eventMethods.filter((m) => typed.has(m));
    console.log(
      `wire methods covered: ${methodsCovered.length}/${wireMethods.length}; events covered: ${eventsCovered.length}/${eventMethods.length}`,
    );
    expect(wireMethods.filter((m) => !reached.has(m))).toEqual([]);
    expect(eventMethods.filter((m) => !typed.has(m))).toEqual([]);
    expect(methodsCovered.length).toBe(32);
    expect(eventsCovered.length).toBe(16);
  });
});
