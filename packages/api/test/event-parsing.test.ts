import { describe, expect, it } from "vitest";
import {
  AddedChatParticipant,
  Api,
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
} from "../src/index.js";
import { sampleEvents } from "./fixtures/protocol-samples.js";
import { ScriptedRequester } from "./support/scripted-requester.js";

const api = new Api(new ScriptedRequester({}, "support_bot@video.example.org/80830e3b"));

function sample(method: string, index = 0) {
  const found = sampleEvents.filter((e) => e.method === method)[index];
  if (found === undefined) throw new Error(`no sample ${method}#${index}`);
  return found;
}

function withPayload(method: string, payload: unknown) {
  return api.parseUpdate({ method, id: 1, payload });
}

describe("parseUpdate on the protocol samples", () => {
  it("turns each of the 16 event methods into its class", () => {
    const expected: Record<string, unknown> = {
      sendMessage: Message,
      editMessage: EditedMessage,
      removeMessage: RemovedMessage,
      addChatParticipant: AddedChatParticipant,
      removeChatParticipant: RemovedChatParticipant,
      changeParticipantRole: ChangedParticipantRole,
      createP2PChat: CreatedPersonalChat,
      createGroupChat: CreatedGroupChat,
      createChannel: CreatedChannel,
      createFavoritesChat: CreatedFavoritesChat,
      removeChat: RemovedChat,
      editChatTitle: EditedChatTitle,
      editChatAvatar: EditedChatAvatar,
      clearHistory: ClearedChatHistory,
      getFileUploadLimits: ChangedFileUploadLimits,
      uploadFileProgress: UploadingProgress,
    };
    for (const event of sampleEvents) {
      const parsed = api.parseUpdate(event);
      const cls = expected[event.method] ?? Update;
      expect(parsed, event.method).toBeInstanceOf(cls as never);
      expect(parsed.method).toBe(event.method);
    }
    expect(Object.keys(expected)).toHaveLength(16);
  });

  it("reads a text message with its fields and the bot mention", () => {
    const m = api.parseUpdate(sample("sendMessage", 1)) as Message;
    expect(m.messageId).toBe("5e41c7d0-8a1b-4f3e-9b55-0c2d7e6a9f10");
    expect(m.chatId).toBe("c273c883f5475b123bcdf126eb272f4395061ba9");
    expect(m.timestamp).toBe(1767712600512);
    expect(m.fromUser).toEqual({ id: "b.ivanov@video.example.org", type: 1 });
    expect(m.contentType).toBe(200);
    expect(m.box).toEqual({ id: 88, position: "88" });
    expect(m.isEdited).toBe(false);
    expect(m.replyMessageId).toBeNull();
    expect(m.parseMode).toBe("html");
    expect(m.text).toContain("who is on call tonight?");
    expect(m.mention).toBe(true);
    expect(m.api).toBe(api);
  });

  it("reads a reply and does not see a mention in it", () => {
    const m = api.parseUpdate(sample("sendMessage", 2)) as Message;
    expect(m.replyMessageId).toBe("2909d22d-0f56-4be3-889e-acf8ccf04239");
    expect(m.text).toBe("/status ci-main");
    expect(m.mention).toBe(false);
  });

  it("classifies attachments: a text file is a document, a sticker only a sticker", () => {
    const doc = api.parseUpdate(sample("sendMessage", 3)) as Message;
    expect(doc.document).toMatchObject({
      fileId: "f3eeab4a6f5bdb92e043b9078b7fa90d0a826636",
      name: "error-trace.txt",
      size: 18342,
      readyState: 1,
    });
    expect(doc.photo ?? doc.video ?? doc.audio ?? doc.sticker).toBeUndefined();
    expect(doc.text).toBeUndefined();
    const sticker = api.parseUpdate(sample("sendMessage", 4)) as Message;
    expect(sticker.sticker?.mimeType).toBe("sticker/webp");
    expect(sticker.document).toBeUndefined();
  });

  it("reads photos, videos and audio by MIME type", () => {
    const base = sample("sendMessage", 3).payload as Record<string, unknown>;
    const withMime = (mimeType: string) =>
      withPayload("sendMessage", { ...base, content: { ...(base.content as object), mimeType } }) as Message;
    expect(withMime("image/png").photo?.name).toBe("error-trace.txt");
    expect(withMime("video/mp4").video).toBeDefined();
    expect(withMime("audio/ogg").audio).toBeDefined();
    expect(withMime("audio/ogg").document).toBeUndefined();
  });

  it("reads a nested forward and a flat one", () => {
    const nested = api.parseUpdate(sample("sendMessage", 5)) as Message;
    expect(nested.forwarded?.author.id).toBe("b.ivanov@video.example.org");
    expect(nested.forwarded?.text).toBe("Who is on call tonight?");
    expect(nested.content).toMatchObject({
      kind: "forwarded",
      text: "Who is on call tonight?",
      parseMode: "text",
    });
    const base = sample("sendMessage", 5).payload as Record<string, unknown>;
    const flat = withPayload("sendMessage", {
      ...base,
      content: { text: "flat form", parseMode: "text" },
    }) as Message;
    expect(flat.forwarded).toBeUndefined();
    expect(flat.content).toMatchObject({ kind: "forwarded", envelope: null, text: "flat form" });
  });

  it("reads a location with title or description, and a survey", () => {
    const location = api.parseUpdate(sample("sendMessage", 6)) as Message;
    expect(location.location).toMatchObject({
      latitude: 59.93863,
      longitude: 30.31413,
      title: "Data centre, gate 3",
      description: null,
    });
    const base = sample("sendMessage", 6).payload as Record<string, unknown>;
    const described = withPayload("sendMessage", {
      ...base,
      content: { latitude: 1, longitude: 2, description: "gate" },
    }) as Message;
    expect(described.location).toMatchObject({ title: null, description: "gate" });
    const survey = api.parseUpdate(sample("sendMessage", 7)) as Message;
    expect(survey.survey).toMatchObject({
      title: "Team lunch on Friday?",
      path: "lunch_poll",
      appVersion: 1,
    });
  });

  it("passes a system envelope and an unknown envelope type through with raw content", () => {
    const system = api.parseUpdate(sample("sendMessage", 8)) as Message;
    expect(system.system).toMatchObject({ title: "Ops duty — Q1", raw: { title: "Ops duty — Q1" } });
    const base = sample("sendMessage", 1).payload as Record<string, unknown>;
    const future = withPayload("sendMessage", { ...base, type: 999, content: { what: "new" } }) as Message;
    expect(future).toBeInstanceOf(Message);
    expect(future.content).toEqual({ kind: "unknown", raw: { what: "new" } });
    expect(future.text).toBeUndefined();
  });

  it("reads every other event's fields", () => {
    expect(api.parseUpdate(sample("editMessage"))).toMatchObject({
      messageId: "5e41c7d0-8a1b-4f3e-9b55-0c2d7e6a9f10",
      text: "Who is on call tonight and tomorrow?",
      timestamp: 1767712810000,
    });
    expect(api.parseUpdate(sample("removeMessage"))).toMatchObject({
      removedBy: { id: "b.ivanov@video.example.org", type: 1 },
    });
    expect(api.parseUpdate(sample("addChatParticipant"))).toMatchObject({
      userId: "alice.smirnova@video.example.org",
      addedBy: { type: 1 },
    });
    expect(api.parseUpdate(sample("removeChatParticipant"))).toMatchObject({
      removedBy: { id: "b.ivanov@video.example.org" },
    });
    expect(api.parseUpdate(sample("changeParticipantRole"))).toMatchObject({
      role: "admin",
      userId: "support_bot@video.example.org",
    });
    expect(api.parseUpdate(sample("createP2PChat"))).toMatchObject({
      chatType: 1,
      title: "Boris Ivanov",
      lastMessage: null,
    });
    expect(api.parseUpdate(sample("createFavoritesChat"))).toMatchObject({ chatType: 5, title: null });
    expect(api.parseUpdate(sample("removeChat"))).toMatchObject({
      chatId: "2de87d3069eef8913aa58ba97bfd8c483b331975",
    });
    expect(api.parseUpdate(sample("editChatTitle"))).toMatchObject({ title: "Ops duty — Q1" });
    expect(api.parseUpdate(sample("editChatAvatar"))).toMatchObject({
      avatarUrl: "https://video.example.org/avatars/c273c883-v2.png",
    });
    expect(api.parseUpdate(sample("clearHistory"))).toMatchObject({ forAll: true });
    expect(api.parseUpdate(sample("getFileUploadLimits"))).toMatchObject({
      maxSize: 52428800,
      extensions: { mode: "allow" },
    });
    expect(api.parseUpdate(sample("uploadFileProgress"))).toMatchObject({
      fileId: "f3eeab4a6f5bdb92e043b9078b7fa90d0a826636",
      progress: 18342,
    });
    const unknown = api.parseUpdate(sample("someFutureEvent"));
    expect(unknown).toBeInstanceOf(Update);
    expect(unknown).toMatchObject({
      method: "someFutureEvent",
      updateId: 5755,
      frameType: 1,
      issues: undefined,
    });
    expect((unknown as Update).id).toBe(5755);
  });
});

describe("parseUpdate tolerance where the sources disagree", () => {
  it("maps numeric roles to role strings and keeps unknown role strings", () => {
    const base = sample("changeParticipantRole").payload as Record<string, unknown>;
    expect(withPayload("changeParticipantRole", { ...base, role: 0 })).toMatchObject({ role: "owner" });
    expect(withPayload("changeParticipantRole", { ...base, role: 6 })).toMatchObject({ role: "writer" });
    expect(withPayload("changeParticipantRole", { ...base, role: "moderator_v2" })).toMatchObject({
      role: "moderator_v2",
    });
    expect(withPayload("changeParticipantRole", { ...base, role: 42 })).toBeInstanceOf(Update);
  });

  it("reads forAll as a boolean or a string", () => {
    const chatId = "b394656fbd6eb0687939221c60c11018852eecac";
    expect(withPayload("clearHistory", { chatId, forAll: "true" })).toMatchObject({ forAll: true });
    expect(withPayload("clearHistory", { chatId, forAll: "false" })).toMatchObject({ forAll: false });
    expect(withPayload("clearHistory", { chatId, forAll: false })).toMatchObject({ forAll: false });
    expect(withPayload("clearHistory", { chatId })).toMatchObject({ forAll: false });
  });

  it("takes infoHash for fileId, and accepts events without optional keys", () => {
    expect(withPayload("uploadFileProgress", { infoHash: "abc", progress: 5 })).toMatchObject({
      fileId: "abc",
    });
    const edited = withPayload("editMessage", {
      chatId: "c",
      content: { text: "t", parseMode: "text" },
    }) as EditedMessage;
    expect(edited).toBeInstanceOf(EditedMessage);
    expect(edited.messageId).toBeUndefined();
    expect(withPayload("removeMessage", { chatId: "c", messageId: "m" })).toMatchObject({
      removedBy: undefined,
    });
    expect(withPayload("getFileUploadLimits", { maxSize: null, extensions: null })).toMatchObject({
      maxSize: null,
      extensions: null,
    });
    expect(withPayload("getFileUploadLimits", {})).toMatchObject({ maxSize: null, extensions: null });
  });

  it("falls back to a raw Update when a known event lacks its required keys", () => {
    for (const method of [
      "sendMessage",
      "editMessage",
      "removeChat",
      "uploadFileProgress",
      "createGroupChat",
    ]) {
      const parsed = withPayload(method, { nothing: true });
      expect(parsed, method).toBeInstanceOf(Update);
      expect((parsed as Update).payload).toEqual({ nothing: true });
    }
    expect(withPayload("sendMessage", null)).toBeInstanceOf(Update);
    expect(withPayload("sendMessage", [1, 2])).toBeInstanceOf(Update);
  });

  it("keeps an attachment whose content breaks its shape as unknown content", () => {
    const base = sample("sendMessage", 3).payload as Record<string, unknown>;
    const broken = withPayload("sendMessage", { ...base, content: { name: 5 } }) as Message;
    expect(broken.content.kind).toBe("unknown");
    expect(broken.document).toBeUndefined();
  });

  it("binds every event to the Api that parsed it", () => {
    const removed = api.parseUpdate(sample("removeChat")) as RemovedChat;
    expect(removed.api).toBe(api);
    expect(Object.keys(removed)).not.toContain("api");
  });
});
