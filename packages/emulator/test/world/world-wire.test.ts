import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Emulator } from "../../src/index.js";
import { protocolSamples, type SampleMethodName } from "../../src/protocol-samples.js";
import { connectRawBot, type RawBot } from "../support/raw-bot.js";
import { uploadOverHttp } from "./http-files.js";
import { eventWhere, shapeMismatches } from "./wire-shape.js";

const { methods, events } = protocolSamples;
/** The `sendMessage` envelopes of section D: 200 mention, 200 reply, 202 file, 202 sticker, 201, 203, 204, system 21. */
const envelopeSamples = events
  .filter((frame) => frame.method === "sendMessage")
  .map((frame) => frame.payload);
/** The sample payload of the push `method` (E2-E16). */
const eventSample = (method: string) => events.find((frame) => frame.method === method)?.payload;

let emu: Emulator;
let bot: RawBot;
let p2p: string;
let group: string;
const alice = "alice@emulator.local";

beforeAll(async () => {
  emu = await Emulator.start();
  p2p = emu.createChat({ type: "p2p", owner: "bot", participants: ["alice"] });
  group = emu.createChat({ type: "group", title: "Ops duty", owner: "bot", participants: ["alice"] });
  bot = await connectRawBot(emu, { receiveSystemMessageEnvelopes: true });
});
afterAll(async () => {
  await bot.close();
  await emu.stop();
});

/** Call over the socket and check the response against the sample response of the same method. */
async function callLikeSample(method: SampleMethodName, payload: unknown): Promise<Record<string, unknown>> {
  const response = await bot.call(method, payload);
  expect(response.errorCode, `${method}: ${String(response.errorDescription)}`).toBeUndefined();
  expect(shapeMismatches(response, methods[method].response.payload), method).toEqual([]);
  return response;
}

/** The next event of `method` for `chatId`, checked against its sample. */
async function eventLikeSample(method: string, chatId: string) {
  const frame = await eventWhere(bot, method, (payload) => payload.chatId === chatId);
  expect(frame.type).toBe(1);
  expect(shapeMismatches(frame.payload, eventSample(method)), method).toEqual([]);
  return frame.payload as Record<string, unknown>;
}

/** The next `sendMessage` of `type` in `chatId` (and matching `also`), checked against envelope sample `sampleIndex`. */
async function envelopeLikeSample(
  chatId: string,
  type: number,
  sampleIndex: number,
  also: (payload: Record<string, unknown>) => boolean = () => true,
) {
  const frame = await eventWhere(
    bot,
    "sendMessage",
    (payload) => payload.chatId === chatId && payload.type === type && also(payload),
  );
  expect(shapeMismatches(frame.payload, envelopeSamples[sampleIndex]), `envelope ${type}`).toEqual([]);
  return frame.payload as Record<string, unknown>;
}

describe("messages over the wire", () => {
  it("sendMessage, getMessageById, getChatHistory, editMessage, forwardMessage, removeMessage", async () => {
    const question = await emu.as("alice").send(p2p, "Hi! Is the build server down?");
    await envelopeLikeSample(p2p, 200, 0);
    const sent = await callLikeSample("sendMessage", {
      chatId: p2p,
      replyMessageId: question.messageId,
      content: { text: "<b>Build server</b> is up", parseMode: "html" },
    });
    const echo = await envelopeLikeSample(p2p, 200, 1); // the bot's own reply comes back to its sessions
    expect(echo).toMatchObject({
      messageId: sent.messageId,
      replyMessageId: question.messageId,
      author: { id: "bot@emulator.local" },
    });
    await callLikeSample("getMessageById", { messageId: question.messageId });
    const history = await callLikeSample("getChatHistory", { chatId: p2p, count: 2, fromMessageId: null });
    expect((history.messages as { messageId: string }[]).map((m) => m.messageId)).toEqual([
      sent.messageId,
      question.messageId,
    ]);
    await callLikeSample("editMessage", {
      messageId: sent.messageId,
      content: { text: "**up** again", parseMode: "markdown" },
    });
    const edit = await eventLikeSample("editMessage", p2p);
    expect(edit.messageId).toBe(sent.messageId);
    await callLikeSample("forwardMessage", { messageId: question.messageId, chatId: group });
    const forwarded = await envelopeLikeSample(group, 201, 4);
    expect((forwarded.content as Record<string, unknown>).messageId).toBe(question.messageId);
    await callLikeSample("removeMessage", { messageId: sent.messageId, forAll: true });
    const removed = await eventLikeSample("removeMessage", p2p);
    expect(removed).toMatchObject({
      messageId: sent.messageId,
      removedBy: { id: "bot@emulator.local", type: 1 },
    });
  });

  it("delivers location, survey and attachment envelopes in the sample shapes", async () => {
    await emu
      .as("alice")
      .sendLocation(p2p, { latitude: 59.93863, longitude: 30.31413, title: "Data centre, gate 3" });
    await envelopeLikeSample(p2p, 203, 5);
    await emu
      .as("alice")
      .sendFile(p2p, { name: "thumbs_up.webp", data: new Uint8Array(8), mimeType: "sticker/webp" });
    await envelopeLikeSample(p2p, 202, 3);
    const survey = methods.sendSurvey.request.payload.content as { url: string; title: string };
    await callLikeSample("sendSurvey", { chatId: group, replyMessageId: null, content: survey });
    const posted = await envelopeLikeSample(group, 204, 6);
    const editContent = methods.editSurvey.request.payload.content;
    await callLikeSample("editSurvey", { messageId: posted.messageId, content: editContent });
    expect(await bot.call("getMessageById", { messageId: posted.messageId })).toMatchObject({
      isEdited: true,
      content: { title: "On-call rotation feedback (closes Friday)" },
    });
  });

  it("answers errors as {errorCode, errorDescription} frames", async () => {
    const missing = await bot.call("getMessageById", { messageId: "0db6003c-2fb3-4637-9977-e729a09f2180" });
    expect(missing).toEqual({ errorCode: 306, errorDescription: expect.any(String) });
    expect(
      await bot.call("sendMessage", {
        chatId: "c273c883f5475b123bcdf126eb272f4395061ba9",
        content: { text: "x" },
      }),
    ).toMatchObject({
      errorCode: 304,
    });
    expect(await bot.call("getChatHistory", { chatId: p2p, count: 0 })).toMatchObject({ errorCode: 300 });
  });
});

describe("chats and participants over the wire", () => {
  it("create*, getChats (bare array), getChatByID, editChatTitle, clearHistory, removeChat", async () => {
    const created = await callLikeSample("createGroupChat", methods.createGroupChat.request.payload);
    await eventLikeSample("createGroupChat", created.chatId as string);
    const channel = await callLikeSample("createChannel", methods.createChannel.request.payload);
    await eventLikeSample("createChannel", channel.chatId as string);
    const favorites = await callLikeSample("createFavoritesChat", {});
    await eventLikeSample("createFavoritesChat", favorites.chatId as string);
    const withBob = await callLikeSample("createP2PChat", { userId: "bob@emulator.local" });
    await eventLikeSample("createP2PChat", withBob.chatId as string);
    const chats = await bot.call("getChats", { count: 3, page: 1 });
    expect(Array.isArray(chats)).toBe(true);
    expect(shapeMismatches(chats, methods.getChats.response.payload)).toEqual([]);
    expect(chats as unknown as unknown[]).toHaveLength(3);
    await callLikeSample("getChatByID", { chatId: group });
    await callLikeSample("editChatTitle", { chatId: group, title: "Ops duty — Q1" });
    await eventLikeSample("editChatTitle", group);
    await envelopeLikeSample(group, 21, 7);
    await callLikeSample("clearHistory", { chatId: withBob.chatId, forAll: true });
    await eventLikeSample("clearHistory", withBob.chatId as string);
    await callLikeSample("removeChat", { chatId: created.chatId });
    await eventLikeSample("removeChat", created.chatId as string);
    await callLikeSample("getUserDisplayName", { userId: "bob@emulator.local" });
  });

  it("addChatParticipant, getChatParticipants, getChatParticipant, hasChatParticipant, changeParticipantRole, removeChatParticipant", async () => {
    await callLikeSample("addChatParticipant", {
      chatId: group,
      userId: "bob@emulator.local",
      displayHistory: true,
    });
    const added = await eventLikeSample("addChatParticipant", group);
    expect(added.userId).toBe("bob@emulator.local");
    await callLikeSample("getChatParticipants", { chatId: group, pageSize: 50, pageNumber: 1 });
    await callLikeSample("getChatParticipant", { chatId: group, userId: alice });
    await callLikeSample("hasChatParticipant", { chatId: group, userId: "carol@emulator.local" });
    expect(
      await bot.call("getChatParticipant", { chatId: group, userId: "carol@emulator.local" }),
    ).toMatchObject({ errorCode: 305 });
    await callLikeSample("changeParticipantRole", { chatId: group, userId: alice, role: "admin" });
    expect((await eventLikeSample("changeParticipantRole", group)).role).toBe("admin");
    await callLikeSample("removeChatParticipant", {
      chatId: group,
      userId: "bob@emulator.local",
      clearHistory: false,
    });
    await eventLikeSample("removeChatParticipant", group);
    const systemTypes = bot.events
      .filter((e) => e.method === "sendMessage" && (e.payload as Record<string, unknown>).chatId === group)
      .map((e) => (e.payload as Record<string, unknown>).type);
    expect(systemTypes).toEqual(expect.arrayContaining([1, 110, 2]));
  });

  it("pushes avatar changes made by a human and upload limits set by the admin", async () => {
    await emu.as("alice").editAvatar(group, new Uint8Array([1, 2, 3]));
    const avatar = await eventLikeSample("editChatAvatar", group);
    expect(avatar.avatarUrl).toMatch(new RegExp(`^${emu.httpUrl}/emulator/files/`));
    emu.setUploadLimits({ maxSize: 52428800, extensions: { mode: "allow", list: ["pdf", "png", "txt"] } });
    const limits = await bot.nextEvent("getFileUploadLimits");
    expect(shapeMismatches(limits.payload, eventSample("getFileUploadLimits"))).toEqual([]);
    await callLikeSample("getFileUploadLimits", {});
    expect(await bot.call("uploadFile", { fileSize: 10, fileName: "setup.exe" })).toMatchObject({
      errorCode: 310,
    });
    emu.setUploadLimits({ maxSize: null, extensions: null });
  });
});

describe("files over the wire", () => {
  it("uploadFile, sendFile, getFileInfo, subscribeFileProgress, unsubscribeFileProgress, editChatAvatar", async () => {
    const { uploadTaskId } = await callLikeSample("uploadFile", { fileSize: 3, fileName: "build-log.txt" });
    const uploaded = await uploadOverHttp(emu, uploadTaskId as string, {
      name: "build-log.txt",
      data: Buffer.from("abc"),
    });
    expect(uploaded.status).toBeLessThan(300);
    const sent = await callLikeSample("sendFile", {
      chatId: p2p,
      replyMessageId: null,
      content: {
        temporalFileId: uploaded.body.temporalFileId,
        caption: { text: "Screenshot of the failing stage", parseMode: "text" },
      },
    });
    const info = await callLikeSample("getFileInfo", { fileId: sent.fileId });
    expect(info.readyState).toBe(2);
    await callLikeSample("subscribeFileProgress", { fileId: sent.fileId });
    await callLikeSample("unsubscribeFileProgress", { fileId: sent.fileId });
    const avatarTask = await bot.call("uploadFile", { fileSize: 3, fileName: "avatar.png" });
    const avatar = await uploadOverHttp(emu, avatarTask.uploadTaskId as string, {
      name: "avatar.png",
      data: Buffer.from("png"),
    });
    await callLikeSample("editChatAvatar", { chatId: group, temporalFileId: avatar.body.temporalFileId });
  });

  it("sends uploadFileProgress to a subscriber while a human's file finishes uploading", async () => {
    const { fileId } = await emu
      .as("alice")
      .sendFile(p2p, { name: "error-trace.txt", data: new Uint8Array(18342), ready: false });
    const attachment = await envelopeLikeSample(
      p2p,
      202,
      2,
      (p) => (p.content as { fileId?: string }).fileId === fileId,
    );
    expect((attachment.content as Record<string, unknown>).readyState).toBe(1);
    expect(await bot.call("getFileInfo", { fileId })).toMatchObject({ readyState: 1, downloadUrl: null });
    await bot.call("subscribeFileProgress", { fileId });
    emu.finishUpload(fileId, { steps: 2 });
    const first = await bot.nextEvent("uploadFileProgress");
    const last = await bot.nextEvent("uploadFileProgress");
    expect(shapeMismatches(last.payload, eventSample("uploadFileProgress"))).toEqual([]);
    expect([first.payload, last.payload]).toEqual([
      { fileId, progress: 9171 },
      { fileId, progress: 18342 },
    ]);
    expect(await bot.call("getFileInfo", { fileId })).toMatchObject({
      readyState: 2,
      downloadUrl: expect.any(String),
    });
  });
});
