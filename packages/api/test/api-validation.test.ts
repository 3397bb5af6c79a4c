import { BufferedInputFile } from "@tc/files";
import { describe, expect, it } from "vitest";
import {
  Api,
  ChannelTitleTooLongError,
  ChatTitleTooLongError,
  FileCaptionTooLongError,
  FileSizeTooLargeError,
  GroupTitleTooLongError,
  InvalidArgumentError,
  InvalidFileExtensionError,
  LimitExceededError,
  ServerInfoUnavailableError,
  TextMessageTooLongError,
  TrueConfChatBotError,
} from "../src/index.js";
import { ScriptedRequester } from "./support/scripted-requester.js";

const chatId = "chat-1";
const long = "x".repeat(4097);

/** An Api whose requester answers nothing: any call that reaches it fails the test's "nothing sent" check. */
function setup() {
  const requester = new ScriptedRequester({});
  requester.httpBaseUrl = "http://127.0.0.1:9";
  return { requester, api: new Api(requester) };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: unknown) => error,
  );
}

describe("client-side validation: typed errors before anything is sent", () => {
  it("rejects empty and non-string ids", async () => {
    const { api, requester } = setup();
    const cases: [string, () => Promise<unknown>][] = [
      ["chatId", () => api.sendMessage({ chatId: "", text: "x" })],
      ["chatId", () => api.sendMessage({ chatId: "  ", text: "x" })],
      ["chatId", () => api.getChatById({ chatId: 5 as never })],
      ["messageId", () => api.editMessage({ messageId: "", text: "x" })],
      ["messageId", () => api.replyMessage({ chatId, messageId: "", text: "x" })],
      ["replyMessageId", () => api.sendMessage({ chatId, text: "x", replyMessageId: "" })],
      ["fileId", () => api.getFileInfo({ fileId: "" })],
      ["fileId", () => api.downloadFileById("")],
      ["userId", () => api.createPersonalChat({ userId: "" })],
      ["fromMessageId", () => api.getChatHistory({ chatId, count: 1, fromMessageId: "" })],
      ["surveyCampaignId", () => api.sendSurvey({ chatId, title: "t", surveyCampaignId: "" })],
      ["options", () => api.deleteChat(undefined as never)],
    ];
    for (const [name, call] of cases) {
      const error = await rejection(call());
      expect(error, name).toBeInstanceOf(InvalidArgumentError);
      expect(error, name).toBeInstanceOf(TrueConfChatBotError);
      expect((error as Error).message, name).toContain(name);
    }
    expect(requester.calls).toEqual([]);
  });

  it("rejects counts and pages below 1 or not integers", async () => {
    const { api, requester } = setup();
    const cases: [string, () => Promise<unknown>][] = [
      ["count", () => api.getChatHistory({ chatId, count: 0 })],
      ["count", () => api.getChats({ count: 1.5 })],
      ["page", () => api.getChats({ page: 0 })],
      ["pageSize", () => api.getChatParticipants({ chatId, pageSize: -1, pageNumber: 1 })],
      ["pageNumber", () => api.getChatParticipants({ chatId, pageSize: 1, pageNumber: Number.NaN })],
      ["maxBytes", () => api.downloadFileById("f", { maxBytes: 0 })],
    ];
    for (const [name, call] of cases) {
      const error = await rejection(call());
      expect(error, name).toBeInstanceOf(InvalidArgumentError);
      expect((error as Error).message, name).toContain(name);
    }
    expect(requester.calls).toEqual([]);
  });

  it("rejects bad parse modes, roles, flags and survey types", async () => {
    const { api, requester } = setup();
    await expect(api.sendMessage({ chatId, text: "x", parseMode: "plain" as never })).rejects.toThrow(
      /parseMode/,
    );
    await expect(api.changeParticipantRole({ chatId, userId: "a@b", role: "boss" as never })).rejects.toThrow(
      /role/,
    );
    await expect(api.removeMessage({ messageId: "m", forAll: "yes" as never })).rejects.toThrow(/forAll/);
    await expect(
      api.sendSurvey({ chatId, title: "t", surveyCampaignId: "c", surveyType: "{{Other}}" as never }),
    ).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(requester.calls).toEqual([]);
  });

  it("limits texts to 4096 visible characters under the parse mode", async () => {
    const { api, requester } = setup();
    const error = await rejection(api.sendMessage({ chatId, text: long }));
    expect(error).toBeInstanceOf(TextMessageTooLongError);
    expect(error).toBeInstanceOf(LimitExceededError);
    expect(error).toMatchObject({ actualValue: 4097, limit: 4096 });
    await expect(api.editMessage({ messageId: "m", text: long })).rejects.toBeInstanceOf(
      TextMessageTooLongError,
    );
    await expect(api.sendMessage({ chatId, text: "" })).rejects.toBeInstanceOf(InvalidArgumentError);
    // Markup does not count in HTML mode: 4096 visible characters inside a bold tag pass.
    const answered = new ScriptedRequester({ sendMessage: { chatId, messageId: "m", timestamp: 1 } });
    await new Api(answered).sendMessage({ chatId, text: `<b>${"y".repeat(4096)}</b>`, parseMode: "html" });
    expect(answered.methods()).toEqual(["sendMessage"]);
    expect(requester.calls).toEqual([]);
  });

  it("measures texts and captions under their parse mode: markup is free, visible characters count", async () => {
    const { api, requester } = setup();
    const bold = (mode: "markdown" | "html", n: number) =>
      mode === "html" ? `<b>${"y".repeat(n)}</b>` : `**${"y".repeat(n)}**`;
    for (const parseMode of ["markdown", "html"] as const) {
      const text = await rejection(api.sendMessage({ chatId, text: bold(parseMode, 4097), parseMode }));
      expect(text, parseMode).toMatchObject({ actualValue: 4097, limit: 4096 });
      expect(text, parseMode).toBeInstanceOf(TextMessageTooLongError);
      await expect(
        api.editMessage({ messageId: "m", text: bold(parseMode, 4097), parseMode }),
      ).rejects.toBeInstanceOf(TextMessageTooLongError);
      const file = new BufferedInputFile(new Uint8Array([1]), { fileName: "a.txt" });
      await expect(
        api.sendDocument({ chatId, file, caption: bold(parseMode, 4097), parseMode }),
      ).rejects.toBeInstanceOf(FileCaptionTooLongError);
    }
    // Plain text counts the markup characters themselves.
    await expect(api.sendMessage({ chatId, text: bold("html", 4090) })).rejects.toBeInstanceOf(
      TextMessageTooLongError,
    );
    expect(requester.calls).toEqual([]);
    // A caption of 4096 visible characters passes: the upload is the first thing attempted.
    const limitsKnown = new ScriptedRequester({});
    limitsKnown.httpBaseUrl = "http://127.0.0.1:9";
    const withLimits = new Api(limitsKnown);
    withLimits.handleUpdate({
      method: "getFileUploadLimits",
      id: 1,
      payload: { maxSize: null, extensions: null },
    });
    const file = new BufferedInputFile(new Uint8Array([1]), { fileName: "a.txt" });
    await expect(
      withLimits.sendDocument({ chatId, file, caption: bold("html", 4096), parseMode: "html" }),
    ).rejects.toThrow(/unexpected call of uploadFile/);
    expect(limitsKnown.methods()).toEqual(["uploadFile"]);
  });

  it("limits titles to 256 code points with the seed's error classes", async () => {
    const { api, requester } = setup();
    const title = "😀".repeat(257);
    await expect(api.createGroupChat({ title })).rejects.toBeInstanceOf(GroupTitleTooLongError);
    await expect(api.createChannel({ title })).rejects.toBeInstanceOf(ChannelTitleTooLongError);
    const edit = await rejection(api.editChatTitle({ chatId, title }));
    expect(edit).toBeInstanceOf(ChatTitleTooLongError);
    expect(edit).toMatchObject({ actualValue: 257, limit: 256 });
    expect(await rejection(api.createChannel({ title }))).toBeInstanceOf(ChatTitleTooLongError);
    await expect(api.createGroupChat({ title: "" })).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(api.sendSurvey({ chatId, title, surveyCampaignId: "c" })).rejects.toBeInstanceOf(
      ChatTitleTooLongError,
    );
    await expect(api.editSurvey({ messageId: "m", title, surveyCampaignId: "c" })).rejects.toBeInstanceOf(
      ChatTitleTooLongError,
    );
    await expect(api.editChatTitle({ chatId, title: " " })).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(requester.calls).toEqual([]);
    // 256 emoji are 512 UTF-16 units but 256 code points: accepted.
    const answered = new ScriptedRequester({ createGroupChat: { chatId } });
    await new Api(answered).createGroupChat({ title: "😀".repeat(256) });
    expect(answered.methods()).toEqual(["createGroupChat"]);
  });

  it("checks files, captions and stickers before uploading", async () => {
    const { api, requester } = setup();
    const file = new BufferedInputFile(new Uint8Array([1, 2, 3]), { fileName: "a.txt" });
    await expect(api.sendDocument({ chatId, file: "a.txt" as never })).rejects.toBeInstanceOf(
      InvalidArgumentError,
    );
    await expect(api.sendPhoto({ chatId, file, preview: {} as never })).rejects.toThrow(/preview/);
    await expect(api.sendDocument({ chatId, file, caption: long })).rejects.toBeInstanceOf(
      FileCaptionTooLongError,
    );
    const sticker = await rejection(api.sendSticker({ chatId, file }));
    expect(sticker).toBeInstanceOf(InvalidArgumentError);
    expect((sticker as Error).message).toMatch(/image\/webp/);
    await expect(api.editChatAvatar({ chatId, file: null as never })).rejects.toBeInstanceOf(
      InvalidArgumentError,
    );
    expect(requester.calls).toEqual([]);
  });

  it("checks uploads against limits learned from a push, and a null push clears them", async () => {
    const requester = new ScriptedRequester({});
    requester.httpBaseUrl = "http://127.0.0.1:9";
    const api = new Api(requester);
    requester.push({
      method: "getFileUploadLimits",
      id: 1,
      payload: { maxSize: 2, extensions: { mode: "block", list: [".EXE"] } },
    });
    expect(api.uploadLimits).toEqual({ maxSize: 2, extensions: { mode: "block", list: [".EXE"] } });
    const big = new BufferedInputFile(new Uint8Array(3), { fileName: "a.txt" });
    const error = await rejection(api.sendDocument({ chatId, file: big }));
    expect(error).toBeInstanceOf(FileSizeTooLargeError);
    expect(error).toMatchObject({ actualValue: 3, limit: 2 });
    const exe = new BufferedInputFile(new Uint8Array(1), { fileName: "setup.exe" });
    await expect(api.sendDocument({ chatId, file: exe })).rejects.toBeInstanceOf(InvalidFileExtensionError);
    await expect(api.editChatAvatar({ chatId, file: big })).rejects.toBeInstanceOf(FileSizeTooLargeError);
    expect(requester.calls).toEqual([]);

    requester.push({ method: "getFileUploadLimits", id: 2, payload: { maxSize: null, extensions: null } });
    expect(api.uploadLimits).toEqual({ maxSize: null, extensions: null });
    // Now the upload is attempted: the WebSocket half is the first thing sent.
    await expect(api.sendDocument({ chatId, file: exe })).rejects.toThrow(/unexpected call of uploadFile/);
    expect(requester.methods()).toEqual(["uploadFile"]);
  });

  it("never sends user@undefined: a bare user id without a learnable domain fails clearly", async () => {
    const requester = new ScriptedRequester({});
    const api = new Api(requester);
    for (const call of [
      () => api.createPersonalChat({ userId: "alice" }),
      () => api.addParticipantToChat({ chatId, userId: "alice" }),
      () => api.removeParticipantFromChat({ chatId, userId: "alice" }),
      () => api.getChatParticipant({ chatId, userId: "alice" }),
      () => api.hasChatParticipant({ chatId, userId: "alice" }),
      () => api.changeParticipantRole({ chatId, userId: "alice", role: "admin" }),
      () => api.getUserDisplayName({ userId: "alice" }),
    ]) {
      const error = await rejection(call());
      expect(error).toBeInstanceOf(ServerInfoUnavailableError);
      expect((error as Error).message).not.toContain("undefined");
    }
    expect(requester.calls).toEqual([]);
  });

  it("rejects a requester without request() and unusable constructor options", () => {
    expect(() => new Api({} as never)).toThrow(InvalidArgumentError);
    const requester = new ScriptedRequester({});
    expect(() => new Api(requester, { fileReadyTimeout: 0 })).toThrow(/fileReadyTimeout/);
    expect(() => new Api(requester, { fileReadyPollInterval: -5 })).toThrow(/fileReadyPollInterval/);
    expect(() => new Api(requester, { serverInfoTimeout: Number.POSITIVE_INFINITY })).toThrow(
      /serverInfoTimeout/,
    );
  });
});
