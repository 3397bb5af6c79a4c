import { randomBytes } from "node:crypto";
import { BufferedInputFile } from "@tc/files";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Api,
  ApiErrorException,
  ChangedFileUploadLimits,
  type ChatParticipantRole,
  ErrorCode,
  InvalidArgumentError,
  Message,
  RequestAbortedError,
  RequestTimeoutError,
} from "../../src/index.js";
import { type Connected, connect, isA } from "./connect.js";

let world: Connected;
let chatId: string;
let messageId: string;
let fileId: string;
beforeAll(async () => {
  world = await connect();
  const { emu, nextEvent } = world;
  chatId = emu.createChat({ type: "group", title: "Per call", owner: "bot", participants: ["alice"] });
  ({ messageId } = await emu.as("alice").send(chatId, "hello"));
  ({ fileId } = await emu.as("alice").sendFile(chatId, { name: "a.bin", data: randomBytes(10) }));
  // Known limits: no getFileUploadLimits request precedes an upload in these tests.
  emu.setUploadLimits({ maxSize: null, extensions: null });
  await nextEvent(isA(ChangedFileUploadLimits));
  await world.api.serverName();
});
afterAll(async () => {
  await world?.close();
});

const png = () => new BufferedInputFile(randomBytes(16), { fileName: "a.png", mimeType: "image/png" });
const webp = () => new BufferedInputFile(randomBytes(16), { fileName: "a.webp", mimeType: "image/webp" });
const role: ChatParticipantRole = "admin";

/**
 * Every Api method that sends a wire request: the first wire method it sends, and a call of it with extra options
 * merged into its options object.
 */
const calls: [string, (api: Api, extra: object) => Promise<unknown>][] = [
  ["sendMessage", (api, x) => api.sendMessage({ chatId, text: "t", ...x })],
  ["sendMessage", (api, x) => api.replyMessage({ chatId, messageId, text: "t", ...x })],
  ["editMessage", (api, x) => api.editMessage({ messageId, text: "t", ...x })],
  ["removeMessage", (api, x) => api.removeMessage({ messageId, ...x })],
  ["forwardMessage", (api, x) => api.forwardMessage({ chatId, messageId, ...x })],
  ["getMessageById", (api, x) => api.getMessageById({ messageId, ...x })],
  ["getChatHistory", (api, x) => api.getChatHistory({ chatId, count: 1, ...x })],
  ["createP2PChat", (api, x) => api.createPersonalChat({ userId: "alice", ...x })],
  ["createGroupChat", (api, x) => api.createGroupChat({ title: "t", ...x })],
  ["createChannel", (api, x) => api.createChannel({ title: "t", ...x })],
  ["createFavoritesChat", (api, x) => api.createFavoritesChat(x)],
  ["removeChat", (api, x) => api.deleteChat({ chatId, ...x })],
  ["getChats", (api, x) => api.getChats(x)],
  ["getChatByID", (api, x) => api.getChatById({ chatId, ...x })],
  ["addChatParticipant", (api, x) => api.addParticipantToChat({ chatId, userId: "bob", ...x })],
  ["removeChatParticipant", (api, x) => api.removeParticipantFromChat({ chatId, userId: "alice", ...x })],
  ["getChatParticipants", (api, x) => api.getChatParticipants({ chatId, pageSize: 1, pageNumber: 1, ...x })],
  ["getChatParticipant", (api, x) => api.getChatParticipant({ chatId, userId: "alice", ...x })],
  ["hasChatParticipant", (api, x) => api.hasChatParticipant({ chatId, userId: "alice", ...x })],
  ["changeParticipantRole", (api, x) => api.changeParticipantRole({ chatId, userId: "alice", role, ...x })],
  ["clearHistory", (api, x) => api.clearChatHistory({ chatId, ...x })],
  ["editChatTitle", (api, x) => api.editChatTitle({ chatId, title: "t", ...x })],
  ["uploadFile", (api, x) => api.editChatAvatar({ chatId, file: png(), ...x })],
  ["getUserDisplayName", (api, x) => api.getUserDisplayName({ userId: "alice", ...x })],
  ["uploadFile", (api, x) => api.sendDocument({ chatId, file: png(), ...x })],
  ["uploadFile", (api, x) => api.sendPhoto({ chatId, file: png(), preview: webp(), ...x })],
  ["uploadFile", (api, x) => api.sendSticker({ chatId, file: webp(), ...x })],
  ["getFileInfo", (api, x) => api.getFileInfo({ fileId, ...x })],
  ["subscribeFileProgress", (api, x) => api.subscribeFileProgress({ fileId, ...x })],
  ["unsubscribeFileProgress", (api, x) => api.unsubscribeFileProgress({ fileId, ...x })],
  ["getFileUploadLimits", (api, x) => api.getFileInfoUploadLimits(x)],
  ["sendSurvey", (api, x) => api.sendSurvey({ chatId, title: "t", surveyCampaignId: "c", ...x })],
  ["editSurvey", (api, x) => api.editSurvey({ messageId, title: "t", surveyCampaignId: "c", ...x })],
];

/** How many requests the emulator has logged (auth included). */
const logged = () => world.emu.requests().length;

describe("every method's error code reaches its caller (emulator fault injection)", () => {
  it("an injected error code is an ApiErrorException of that call only", async () => {
    const { api, emu } = world;
    const codes = Object.values(ErrorCode).filter((code) => code >= 300);
    // The upload methods fail at their last step too, after the file went up.
    const failing: typeof calls = [
      ...calls,
      ["sendFile", (api) => api.sendDocument({ chatId, file: png() })],
      ["editChatAvatar", (api) => api.editChatAvatar({ chatId, file: png() })],
    ];
    for (const [index, [wire, call]] of failing.entries()) {
      const code = codes[index % codes.length] as number;
      emu.faults.failNext(wire, code);
      const error = await call(api, {}).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, wire).toBeInstanceOf(ApiErrorException);
      expect((error as ApiErrorException).code, wire).toBe(code);
      expect((error as ApiErrorException).payload, wire).toMatchObject({ errorCode: code });
    }
    // Every wire method of PROTOCOL.md section 4 but `auth` (sent by the transport) failed once.
    expect(new Set(failing.map(([wire]) => wire)).size).toBe(31);
    expect((await api.getChatById({ chatId })).chatId).toBe(chatId);
  });
});

describe("per-call timeout and signal, passed to the transport", () => {
  it("an already aborted signal rejects every method with RequestAbortedError and sends nothing", async () => {
    const { api } = world;
    const signal = AbortSignal.abort();
    const before = logged();
    for (const [wire, call] of calls) {
      const error = await call(api, { signal }).catch((e: unknown) => e);
      expect(error, wire).toBeInstanceOf(RequestAbortedError);
      expect((error as RequestAbortedError).method, wire).toBe(wire);
    }
    expect(logged()).toBe(before);
  });

  it("a request the server never answers fails after the call's own timeout", async () => {
    const { api, emu } = world;
    emu.faults.neverAnswer("getChats", { count: 1 });
    const started = Date.now();
    const error = await api.getChats({ count: 5, timeout: 150 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect(error).toMatchObject({ method: "getChats", timeout: 150, written: true });
    expect(Date.now() - started).toBeLessThan(2_500); // the transport's default here is 3 000 ms
    expect((await api.getChats({ count: 5 })).chats.length).toBeGreaterThan(0);
  });

  it("aborting a written request rejects the call; shortcuts take the options too", async () => {
    const { api, emu, nextEvent } = world;
    emu.faults.neverAnswer("sendMessage", { count: 1 });
    const controller = new AbortController();
    const pending = api.sendMessage({ chatId, text: "slow", signal: controller.signal });
    const written = () =>
      emu
        .requests("sendMessage")
        .some((r) => (r.frame as { payload: { content: { text: string } } }).payload.content.text === "slow");
    await emu.waitFor(written, { timeout: 2_000 });
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(RequestAbortedError);

    await emu.as("alice").send(chatId, "shortcut target");
    const message = await nextEvent(isA(Message, (m) => m.text === "shortcut target"));
    const signal = AbortSignal.abort();
    const before = logged();
    for (const shortcut of [
      () => message.answer("x", { signal }),
      () => message.reply("x", { signal }),
      () => message.forward(chatId, { signal }),
      () => message.copyTo(chatId, { signal }),
      () => message.answerDocument(png(), { signal }),
      () => message.answerPhoto(png(), { signal }),
      () => message.answerSticker(webp(), { signal }),
      () => message.replyDocument(png(), { signal }),
      () => message.replyPhoto(png(), { signal }),
      () => message.replySticker(webp(), { signal }),
      () => message.delete({ signal }),
    ]) {
      await expect(shortcut()).rejects.toBeInstanceOf(RequestAbortedError);
    }
    expect(logged()).toBe(before);
  });

  it("downloadFileById: aborting the wait for an upload rejects with the reason and still unsubscribes", async () => {
    const { api, emu } = world;
    const { fileId: late } = await emu
      .as("alice")
      .sendFile(chatId, { name: "late.bin", data: randomBytes(10), ready: false });
    const controller = new AbortController();
    const sentFor = (method: string) =>
      emu.requests(method).some((r) => (r.frame as { payload: { fileId: string } }).payload.fileId === late);
    const download = api.downloadFileById(late, { signal: controller.signal, timeout: 10_000 });
    await emu.waitFor(() => sentFor("subscribeFileProgress"), { timeout: 2_000 });
    const reason = new Error("user gave up");
    controller.abort(reason);
    await expect(download).rejects.toBe(reason);
    await emu.waitFor(() => sentFor("unsubscribeFileProgress"), { timeout: 2_000 });
    // An already aborted signal sends nothing at all.
    const before = logged();
    await expect(api.downloadFileById(fileId, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(logged()).toBe(before);
  });

  it("an unusable timeout or signal is an InvalidArgumentError before anything is sent", async () => {
    const { api } = world;
    const before = logged();
    for (const extra of [{ timeout: 0 }, { timeout: Number.NaN }, { timeout: "1s" }, { signal: {} }]) {
      for (const [wire, call] of calls) {
        const error = await call(api, extra).catch((e: unknown) => e);
        expect(error, `${wire} ${JSON.stringify(extra)}`).toBeInstanceOf(InvalidArgumentError);
      }
    }
    expect(logged()).toBe(before);
  });
});
