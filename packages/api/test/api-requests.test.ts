import { describe, expect, it } from "vitest";
import {
  Api,
  ChatParticipantRole,
  Message,
  ResponseValidationError,
  SurveyType,
  TrueConfChatBotError,
} from "../src/index.js";
import { sampleResponses } from "./fixtures/protocol-samples.js";
import { ScriptedRequester } from "./support/scripted-requester.js";

const chatId = "c273c883f5475b123bcdf126eb272f4395061ba9";
const messageId = "0db6003c-2fb3-4637-9977-e729a09f2180";
const userId = "alice.smirnova@video.example.org";
const fileId = "f3eeab4a6f5bdb92e043b9078b7fa90d0a826636";

function setup() {
  const requester = new ScriptedRequester(sampleResponses, "support_bot@video.example.org/80830e3b");
  requester.httpBaseUrl = "https://video.example.org:443";
  return { requester, api: new Api(requester) };
}

describe("Api requests and results (unit, in-test requester answering with the sample payloads)", () => {
  it("sends each method with its wire name and payload, and maps the result", async () => {
    const { api, requester } = setup();
    const sent = await api.sendMessage({ chatId, text: "<b>hi</b>", parseMode: "html" });
    expect(sent).toEqual({
      chatId: "b394656fbd6eb0687939221c60c11018852eecac",
      messageId: "2909d22d-0f56-4be3-889e-acf8ccf04239",
      timestamp: 1767712389410,
    });
    expect(requester.calls.at(-1)).toEqual({
      method: "sendMessage",
      payload: { chatId, replyMessageId: null, content: { text: "<b>hi</b>", parseMode: "html" } },
    });

    await api.replyMessage({ chatId, messageId, text: "ok" });
    expect(requester.calls.at(-1)?.payload).toMatchObject({
      replyMessageId: messageId,
      content: { parseMode: "text" },
    });

    expect(await api.editMessage({ messageId, text: "x", parseMode: "markdown" })).toEqual({
      messageId: "2909d22d-0f56-4be3-889e-acf8ccf04239",
      timestamp: 1767712402077,
    });
    expect(requester.calls.at(-1)?.payload).toEqual({
      messageId,
      content: { text: "x", parseMode: "markdown" },
    });

    expect(await api.removeMessage({ messageId })).toEqual({});
    expect(requester.calls.at(-1)?.payload).toEqual({ messageId, forAll: false });

    expect(await api.forwardMessage({ chatId, messageId })).toMatchObject({
      messageId: "a1e98136-674a-4da1-918a-219911c89250",
    });
    expect(requester.calls.at(-1)).toEqual({ method: "forwardMessage", payload: { messageId, chatId } });

    const message = await api.getMessageById({ messageId });
    expect(message).toBeInstanceOf(Message);
    expect(message.text).toBe("Hi! Is the build server down?");

    const history = await api.getChatHistory({ chatId, count: 2 });
    expect(history.count).toBe(2);
    expect(history.messages.map((m) => m.type)).toEqual([202, 200]);
    expect(history.messages[0]?.document?.name).toBe("error-trace.txt");
    expect(requester.calls.at(-1)?.payload).toEqual({ chatId, count: 2, fromMessageId: null });
  });

  it("covers the chat methods", async () => {
    const { api, requester } = setup();
    expect(await api.createPersonalChat({ userId })).toEqual({
      chatId: "4c2ef3cc6e78768f07569707cbd616f92def0f85",
    });
    expect(requester.calls.at(-1)).toEqual({ method: "createP2PChat", payload: { userId } });
    await api.createGroupChat({ title: "Incident" });
    expect(requester.calls.at(-1)).toEqual({
      method: "createGroupChat",
      payload: { title: "Incident", name: "Incident" },
    });
    await api.createChannel({ title: "News" });
    expect(requester.calls.at(-1)).toEqual({ method: "createChannel", payload: { title: "News" } });
    expect(await api.createFavoritesChat()).toEqual({ chatId: "9935c34a733559d4976bc1ec697ac8bd6cdf5e3f" });
    expect(await api.deleteChat({ chatId })).toEqual({});
    expect(requester.calls.at(-1)).toEqual({ method: "removeChat", payload: { chatId } });

    const { chats } = await api.getChats();
    expect(requester.calls.at(-1)).toEqual({ method: "getChats", payload: { count: 10, page: 1 } });
    expect(chats.map((c) => c.chatType)).toEqual([1, 2, 5]);
    expect(chats[0]?.lastMessage?.content).toMatchObject({ kind: "attachment", name: "error-trace.txt" });
    expect(chats[2]).toMatchObject({ avatarUrl: null, lastMessage: null, unreadMessages: 0 });

    const chat = await api.getChatById({ chatId });
    expect(requester.calls.at(-1)?.method).toBe("getChatByID");
    expect(chat).toMatchObject({ title: "Ops duty", chatType: 2, unreadMessages: 3 });

    await api.addParticipantToChat({ chatId, userId, displayHistory: true });
    expect(requester.calls.at(-1)).toEqual({
      method: "addChatParticipant",
      payload: { chatId, userId, displayHistory: true },
    });
    await api.removeParticipantFromChat({ chatId, userId });
    expect(requester.calls.at(-1)).toEqual({
      method: "removeChatParticipant",
      payload: { chatId, userId, clearHistory: false },
    });
    const { participants } = await api.getChatParticipants({ chatId, pageSize: 50, pageNumber: 1 });
    expect(participants.map((p) => p.role)).toEqual(["owner", "admin", "user"]);
    expect(await api.getChatParticipant({ chatId, userId })).toEqual({ userId, role: "user", type: 1 });
    await api.changeParticipantRole({ chatId, userId, role: ChatParticipantRole.ADMIN });
    expect(requester.calls.at(-1)).toEqual({
      method: "changeParticipantRole",
      payload: { chatId, userId, role: "admin" },
    });
    await api.clearChatHistory({ chatId, forAll: true });
    expect(requester.calls.at(-1)).toEqual({ method: "clearHistory", payload: { chatId, forAll: true } });
    expect(await api.editChatTitle({ chatId, title: "Ops" })).toEqual({ chatId, timestamp: 1767712733018 });
    expect(await api.getUserDisplayName({ userId })).toEqual({ displayName: "Boris Ivanov" });
  });

  it("warns once about the deprecated hasChatParticipant", async () => {
    const { api } = setup();
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on("warning", onWarning);
    try {
      expect(await api.hasChatParticipant({ chatId, userId })).toEqual({ result: false });
      await api.hasChatParticipant({ chatId, userId });
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off("warning", onWarning);
    }
    expect(warnings.filter((w) => w.message.includes("hasChatParticipant"))).toHaveLength(1);
  });

  it("covers file info, subscriptions and limits (the answer updates the Api's limits)", async () => {
    const { api, requester } = setup();
    const info = await api.getFileInfo({ fileId });
    expect(info).toMatchObject({ fileId, readyState: 2, mimeType: "text/plain", previews: null });
    expect(await api.subscribeFileProgress({ fileId })).toEqual({ result: true });
    expect(await api.unsubscribeFileProgress({ fileId })).toEqual({ result: true });
    expect(api.uploadLimits).toBeUndefined();
    const limits = await api.getFileInfoUploadLimits();
    expect(requester.calls.at(-1)).toEqual({ method: "getFileUploadLimits", payload: {} });
    expect(limits).toEqual({
      maxSize: 104857600,
      extensions: { mode: "block", list: ["exe", "bat", "cmd", "msi"] },
    });
    expect(api.uploadLimits).toEqual(limits);
  });

  it("reads the older infoHash key of getFileInfo", async () => {
    const requester = new ScriptedRequester({
      getFileInfo: {
        name: "a",
        size: 1,
        mimeType: "x/y",
        readyState: 1,
        infoHash: "h1",
        downloadUrl: null,
        previews: [{ name: "p", size: 2, mimeType: "image/webp", downloadUrl: "http://x/p" }],
      },
    });
    const info = await new Api(requester).getFileInfo({ fileId: "h1" });
    expect(info).toMatchObject({
      fileId: "h1",
      downloadUrl: null,
      previews: [{ downloadUrl: "http://x/p" }],
    });
  });

  it("builds survey content like the server's clients", async () => {
    const { api, requester } = setup();
    await api.sendSurvey({
      chatId,
      title: "Lunch <Friday>",
      surveyCampaignId: "lunch_poll",
      surveyType: SurveyType.ANONYMOUS,
    });
    const sent = requester.calls.at(-1)?.payload as {
      replyMessageId: unknown;
      content: Record<string, unknown>;
    };
    expect(sent.replyMessageId).toBeNull();
    expect(sent.content).toMatchObject({
      url: "https://video.example.org/webtools/survey",
      appVersion: 1,
      path: "lunch_poll",
      title: "Lunch <Friday>",
      description: "{{Anonymous survey}}",
      buttonText: "{{Go to survey}}",
      alt: "📊 <a href='https://video.example.org/webtools/survey?id=lunch_poll&error=autologin_not_supported'>Lunch &lt;Friday&gt;</a>",
    });
    expect(sent.content.secret).toMatch(/^[0-9a-f]{40}$/);
    await api.editSurvey({ messageId, title: "Lunch", surveyCampaignId: "lunch_poll" });
    const edited = requester.calls.at(-1)?.payload as { content: Record<string, unknown> };
    expect(Object.keys(edited.content).sort()).toEqual(["alt", "buttonText", "description", "path", "title"]);
    expect(edited.content.description).toBe("{{Survey}}");
  });

  it("turns a response that breaks its schema into a typed error for that call only", async () => {
    const requester = new ScriptedRequester({
      sendMessage: { chatId, messageId: 7 },
      getChats: { unexpected: true },
      getUserDisplayName: { displayName: "Alice" },
    });
    const api = new Api(requester);
    const error = await api.sendMessage({ chatId, text: "x" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error).toBeInstanceOf(TrueConfChatBotError);
    expect((error as ResponseValidationError).method).toBe("sendMessage");
    expect((error as ResponseValidationError).issues.join()).toMatch(/messageId|timestamp/);
    await expect(api.getChats()).rejects.toBeInstanceOf(ResponseValidationError);
    await expect(api.getMessageById({ messageId })).rejects.toThrow(/unexpected call/);
    expect(await api.getUserDisplayName({ userId })).toEqual({ displayName: "Alice" });
  });

  it("accepts getChats as { chats } and success payloads carrying errorCode 0", async () => {
    const requester = new ScriptedRequester({
      getChats: { chats: [{ chatId, title: "t", chatType: 2 }] },
      removeChat: { errorCode: 0 },
    });
    const api = new Api(requester);
    expect((await api.getChats({ count: 1, page: 2 })).chats[0]).toMatchObject({ chatId, unreadMessages: 0 });
    expect(await api.deleteChat({ chatId })).toEqual({});
  });

  it("keeps limits current through handleUpdate when the requester has no on()", () => {
    const api = new Api({ request: async () => ({}) });
    expect(api.uploadLimits).toBeUndefined();
    api.handleUpdate({ method: "getFileUploadLimits", id: 1, payload: { maxSize: 7, extensions: null } });
    expect(api.uploadLimits).toEqual({ maxSize: 7, extensions: null });
    api.handleUpdate({ method: "getFileUploadLimits", id: 2, payload: { maxSize: "junk" } });
    expect(api.uploadLimits).toEqual({ maxSize: 7, extensions: null });
    api.handleUpdate({ method: "getFileUploadLimits", id: 3, payload: { maxSize: null, extensions: null } });
    expect(api.uploadLimits).toEqual({ maxSize: null, extensions: null });
  });
});
