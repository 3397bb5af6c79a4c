import type { Transport } from "@tc/transport";
import { describe, expectTypeOf, it } from "vitest";
import {
  type AddedChatParticipant,
  Api,
  type ApiRequester,
  type Attachment,
  type CallOptions,
  type ChangedFileUploadLimits,
  type ChangedParticipantRole,
  type Chat,
  type ChatParticipantRole,
  type ClearedChatHistory,
  type CreatedChannel,
  type CreatedFavoritesChat,
  type CreatedGroupChat,
  type CreatedPersonalChat,
  type EditedChatAvatar,
  type EditedChatTitle,
  type EditedMessage,
  type IncomingEvent,
  type LastMessage,
  type Message,
  type MessageContent,
  type RemovedChat,
  type RemovedChatParticipant,
  type RemovedMessage,
  type Update,
  type UploadingProgress,
} from "../src/index.js";

declare const api: Api;

describe("result type of each method", () => {
  it("messages", () => {
    type Sent = { chatId: string; messageId: string; timestamp: number };
    expectTypeOf(api.sendMessage).returns.resolves.toEqualTypeOf<Sent>();
    expectTypeOf(api.replyMessage).returns.resolves.toEqualTypeOf<Sent>();
    expectTypeOf(api.forwardMessage).returns.resolves.toEqualTypeOf<Sent>();
    expectTypeOf(api.sendSurvey).returns.resolves.toEqualTypeOf<Sent>();
    expectTypeOf(api.editMessage).returns.resolves.toEqualTypeOf<{ messageId: string; timestamp: number }>();
    expectTypeOf(api.editSurvey).returns.resolves.toEqualTypeOf<{ messageId: string; timestamp: number }>();
    expectTypeOf(api.removeMessage).returns.resolves.toEqualTypeOf<Record<never, never>>();
    expectTypeOf(api.getMessageById).returns.resolves.toEqualTypeOf<Message>();
    expectTypeOf(api.getChatHistory).returns.resolves.toEqualTypeOf<{
      readonly count: number;
      readonly chatId: string;
      readonly messages: Message[];
    }>();
    expectTypeOf(api.sendMessage)
      .parameter(0)
      .toHaveProperty("parseMode")
      .toEqualTypeOf<"text" | "markdown" | "html" | undefined>();
  });

  it("chats and participants", () => {
    expectTypeOf(api.createPersonalChat).returns.resolves.toEqualTypeOf<{ chatId: string }>();
    expectTypeOf(api.createGroupChat).returns.resolves.toEqualTypeOf<{ chatId: string }>();
    expectTypeOf(api.createChannel).returns.resolves.toEqualTypeOf<{ chatId: string }>();
    expectTypeOf(api.createFavoritesChat).returns.resolves.toEqualTypeOf<{ chatId: string }>();
    expectTypeOf(api.meChat).returns.resolves.toEqualTypeOf<string>();
    expectTypeOf(api.deleteChat).returns.resolves.toEqualTypeOf<Record<never, never>>();
    expectTypeOf(api.getChats).returns.resolves.toEqualTypeOf<{ chats: Chat[] }>();
    expectTypeOf(api.getChatById).returns.resolves.toEqualTypeOf<Chat>();
    expectTypeOf<Chat>().toEqualTypeOf<{
      chatId: string;
      title: string | null;
      chatType: number;
      unreadMessages: number;
      avatarUrl: string | null;
      lastMessage: LastMessage | null;
    }>();
    expectTypeOf(api.addParticipantToChat).returns.resolves.toEqualTypeOf<Record<never, never>>();
    expectTypeOf(api.removeParticipantFromChat).returns.resolves.toEqualTypeOf<Record<never, never>>();
    expectTypeOf(api.getChatParticipants).returns.resolves.toEqualTypeOf<{
      participants: { userId: string; role: ChatParticipantRole | (string & {}) }[];
    }>();
    expectTypeOf(api.getChatParticipant).returns.resolves.toEqualTypeOf<{
      userId: string;
      role: ChatParticipantRole | (string & {});
      type: number;
    }>();
    expectTypeOf(api.hasChatParticipant).returns.resolves.toEqualTypeOf<{ result: boolean }>();
    expectTypeOf(api.changeParticipantRole).returns.resolves.toEqualTypeOf<Record<never, never>>();
    expectTypeOf(api.clearChatHistory).returns.resolves.toEqualTypeOf<Record<never, never>>();
    expectTypeOf(api.editChatTitle).returns.resolves.toEqualTypeOf<{
      chatId: string;
      timestamp?: number | undefined;
    }>();
    expectTypeOf(api.editChatAvatar).returns.resolves.toEqualTypeOf<Record<never, never>>();
    expectTypeOf(api.getUserDisplayName).returns.resolves.toEqualTypeOf<{ displayName: string }>();
  });

  it("files and server", () => {
    type Sent = { chatId: string; messageId: string; timestamp: number; fileId: string | null };
    expectTypeOf(api.sendDocument).returns.resolves.toEqualTypeOf<Sent>();
    expectTypeOf(api.sendPhoto).returns.resolves.toEqualTypeOf<Sent>();
    expectTypeOf(api.sendSticker).returns.resolves.toEqualTypeOf<Sent>();
    expectTypeOf(api.getFileInfo).returns.resolves.toEqualTypeOf<{
      name: string;
      size: number;
      mimeType: string;
      readyState: number;
      fileId: string;
      downloadUrl: string | null;
      previews: { name: string; size: number; mimeType: string; downloadUrl: string | null }[] | null;
    }>();
    expectTypeOf(api.subscribeFileProgress).returns.resolves.toEqualTypeOf<{ result: boolean }>();
    expectTypeOf(api.unsubscribeFileProgress).returns.resolves.toEqualTypeOf<{ result: boolean }>();
    expectTypeOf(api.getFileInfoUploadLimits).returns.resolves.toEqualTypeOf<{
      maxSize: number | null;
      extensions: { mode: "allow" | "block"; list: string[] } | null;
    }>();
    expectTypeOf(api.downloadFileById("f")).resolves.toEqualTypeOf<Uint8Array>();
    expectTypeOf(
      api.downloadFileById("f", { destPath: "inbox/report.pdf" }),
    ).resolves.toEqualTypeOf<string>();
    expectTypeOf(api.serverName).returns.resolves.toEqualTypeOf<string>();
    expectTypeOf(api.serverVersion).returns.resolves.toEqualTypeOf<string>();
    expectTypeOf(api.checkVersion).returns.resolves.toEqualTypeOf<string>();
  });
});

describe("per-call options", () => {
  it("every method takes timeout and signal in its options object", () => {
    type Call = { timeout?: number | undefined; signal?: AbortSignal | undefined };
    expectTypeOf<CallOptions>().toEqualTypeOf<Call>();
    expectTypeOf(api.sendMessage).parameter(0).toExtend<Call>();
    expectTypeOf(api.getChats).parameter(0).toExtend<Call | undefined>();
    expectTypeOf(api.sendDocument).parameter(0).toExtend<Call>();
    expectTypeOf(api.changeParticipantRole).parameter(0).toExtend<Call>();
    expectTypeOf(api.createFavoritesChat).toBeCallableWith({ timeout: 1_000 });
    expectTypeOf(api.getFileInfoUploadLimits).toBeCallableWith({ signal: AbortSignal.timeout(1_000) });
    expectTypeOf(api.downloadFileById).toBeCallableWith("f", { signal: AbortSignal.timeout(1_000) });
    expectTypeOf<Message["answer"]>().toBeCallableWith("hi", { parseMode: "text", timeout: 1_000 });
    expectTypeOf<Message["forward"]>().toBeCallableWith("chat", { signal: AbortSignal.timeout(1_000) });
    expectTypeOf<Message["delete"]>().toBeCallableWith({ forAll: true, timeout: 1_000 });
  });
});

describe("each event class", () => {
  it("parseUpdate returns the event union or a raw Update", () => {
    expectTypeOf(api.parseUpdate).returns.toEqualTypeOf<IncomingEvent | Update>();
    expectTypeOf<IncomingEvent["method"]>().toEqualTypeOf<
      | "sendMessage"
      | "editMessage"
      | "removeMessage"
      | "addChatParticipant"
      | "removeChatParticipant"
      | "changeParticipantRole"
      | "createP2PChat"
      | "createGroupChat"
      | "createChannel"
      | "createFavoritesChat"
      | "removeChat"
      | "editChatTitle"
      | "editChatAvatar"
      | "clearHistory"
      | "getFileUploadLimits"
      | "uploadFileProgress"
    >();
  });

  it("Message", () => {
    expectTypeOf<Message["text"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<Message["mention"]>().toEqualTypeOf<boolean>();
    expectTypeOf<Message["content"]>().toEqualTypeOf<MessageContent>();
    expectTypeOf<Message["replyMessageId"]>().toEqualTypeOf<string | null>();
    expectTypeOf<NonNullable<Message["document"]>>().toExtend<Attachment>();
    expectTypeOf<Message["forwarded"]>().toEqualTypeOf<Message | undefined>();
    expectTypeOf<Message["api"]>().toEqualTypeOf<Api>();
    expectTypeOf<Message["answer"]>().returns.resolves.toHaveProperty("messageId");
    expectTypeOf<Message["copyTo"]>().returns.resolves.toEqualTypeOf<Awaited<
      ReturnType<Api["sendMessage"]>
    > | null>();
    expectTypeOf<NonNullable<Message["photo"]>["download"]>().toBeCallableWith({ destPath: "x" });
  });

  it("the other fifteen", () => {
    type Author = { id: string; type: number } | undefined;
    type Role = ChatParticipantRole | (string & {});
    expectTypeOf<EditedMessage["messageId"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<EditedMessage["text"]>().toEqualTypeOf<string>();
    expectTypeOf<EditedMessage["method"]>().toEqualTypeOf<"editMessage">();
    expectTypeOf<RemovedMessage["removedBy"]>().toEqualTypeOf<Author>();
    expectTypeOf<RemovedMessage["method"]>().toEqualTypeOf<"removeMessage">();
    expectTypeOf<AddedChatParticipant["addedBy"]>().toEqualTypeOf<Author>();
    expectTypeOf<AddedChatParticipant["userId"]>().toEqualTypeOf<string>();
    expectTypeOf<RemovedChatParticipant["removedBy"]>().toEqualTypeOf<Author>();
    expectTypeOf<RemovedChatParticipant["timestamp"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<ChangedParticipantRole["role"]>().toEqualTypeOf<Role>();
    expectTypeOf<CreatedPersonalChat["method"]>().toEqualTypeOf<"createP2PChat">();
    expectTypeOf<CreatedPersonalChat["lastMessage"]>().toEqualTypeOf<LastMessage | null>();
    expectTypeOf<CreatedGroupChat["method"]>().toEqualTypeOf<"createGroupChat">();
    expectTypeOf<CreatedGroupChat["title"]>().toEqualTypeOf<string | null>();
    expectTypeOf<CreatedChannel["method"]>().toEqualTypeOf<"createChannel">();
    expectTypeOf<CreatedChannel["chatType"]>().toEqualTypeOf<number>();
    expectTypeOf<CreatedFavoritesChat["method"]>().toEqualTypeOf<"createFavoritesChat">();
    expectTypeOf<CreatedFavoritesChat["unreadMessages"]>().toEqualTypeOf<number>();
    expectTypeOf<RemovedChat["chatId"]>().toEqualTypeOf<string>();
    expectTypeOf<EditedChatTitle["title"]>().toEqualTypeOf<string>();
    expectTypeOf<EditedChatAvatar["avatarUrl"]>().toEqualTypeOf<string | null>();
    expectTypeOf<ClearedChatHistory["forAll"]>().toEqualTypeOf<boolean>();
    expectTypeOf<ChangedFileUploadLimits["maxSize"]>().toEqualTypeOf<number | null>();
    expectTypeOf<ChangedFileUploadLimits["extensions"]>().toEqualTypeOf<{
      mode: "allow" | "block";
      list: string[];
    } | null>();
    expectTypeOf<UploadingProgress["fileId"]>().toEqualTypeOf<string>();
    expectTypeOf<UploadingProgress["progress"]>().toEqualTypeOf<number>();
    expectTypeOf<UploadingProgress["api"]>().toEqualTypeOf<Api>();
    expectTypeOf<Update["payload"]>().toEqualTypeOf<unknown>();
    expectTypeOf<Update["method"]>().toExtend<string>();
  });

  it("Api constructs over a plain requester", () => {
    expectTypeOf(Api).toBeConstructibleWith({ request: async () => ({}) });
    expectTypeOf<Transport>().toExtend<ApiRequester>();
  });
});
