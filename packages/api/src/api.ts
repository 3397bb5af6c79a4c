import type { InputFile } from "@tc/files";
import type { ParseMode } from "@tc/format";
import type { RequestOptions } from "@tc/transport";
import type { Dispatcher } from "undici";
import type * as v from "valibot";
import type { CallOptions } from "./call-options.js";
import type { ChatParticipantRole } from "./enums/chat-participant-role.js";
import type { SurveyType } from "./enums/survey-type.js";
import { ServerInfoUnavailableError } from "./errors/server-info-errors.js";
import { FileCaptionTooLongError, TextMessageTooLongError } from "./errors/text-too-long-errors.js";
import {
  ChannelTitleTooLongError,
  ChatTitleTooLongError,
  GroupTitleTooLongError,
} from "./errors/title-too-long-errors.js";
import { ChangedFileUploadLimits, UploadingProgress } from "./events/file-events.js";
import { Message } from "./events/message.js";
import type { RawUpdate, Update } from "./events/update.js";
import { downloadById } from "./file-download.js";
import { FileProgressWaiters } from "./file-progress-waiters.js";
import { type UploadContext, uploadToServer } from "./file-upload.js";
import { parseResponse } from "./response-parser.js";
import { type Chat, chatSchema } from "./schemas/chat.js";
import { envelopeSchema } from "./schemas/envelope.js";
import {
  type CreateChatResponse,
  chatHistorySchema,
  chatIdSchema,
  chatsSchema,
  displayNameSchema,
  type EditChatTitleResponse,
  type EditMessageResponse,
  type EditSurveyResponse,
  type EmptyResponse,
  editChatTitleSchema,
  editedMessageResponseSchema,
  emptySchema,
  type ForwardMessageResponse,
  fileInfoSchema,
  type GetChatParticipantResponse,
  type GetChatParticipantsResponse,
  type GetChatsResponse,
  type GetFileInfoResponse,
  type GetFileUploadLimitsResponse,
  type GetUserDisplayNameResponse,
  participantSchema,
  participantsSchema,
  type ResultResponse,
  resultFlagSchema,
  type SendFileResponse,
  type SendMessageResponse,
  type SendSurveyResponse,
  sentFileSchema,
  sentMessageSchema,
  uploadLimitsSchema,
  uploadTaskSchema,
} from "./schemas/responses.js";
import { ServerInfo } from "./server-info.js";
import { surveyEditContent, surveySendContent } from "./survey-content.js";
import { type IncomingEvent, parseUpdate } from "./update-parser.js";
import { UploadLimits } from "./upload-limits.js";
import {
  invalidArgument,
  optionalBoolean,
  optionalId,
  requireId,
  requireInputFile,
  requireOptions,
  requireParseMode,
  requirePositiveInteger,
  requireRole,
  requireSurveyType,
  requireText,
  requireTitle,
} from "./validation.js";

/**
 * What the Api needs from below: the transport's `request`, and optionally what it knows about the session.
 * `Transport` from `@tc/transport` fits as is; tests may pass any object with a `request` method.
 *
 * @example
 * const api = new Api(new Transport({ server: "video.example.org", token }));
 */
export interface ApiRequester {
  /** Sends one request and resolves with its response payload (rejects with `ApiErrorException` on an error code). */
  request(method: string, payload?: unknown, options?: RequestOptions): Promise<unknown>;
  /** The authorised session; `userId` is the bot's own id (used by `Message.mention`). */
  readonly session?: { readonly userId: string } | undefined;
  /** `http(s)://server:port`, for uploads and `GET /api/v4/server`. */
  readonly httpBaseUrl?: string;
  /** The undici dispatcher HTTP requests go through (TLS settings, pooling). */
  readonly dispatcher?: Dispatcher;
  /** When present, the Api listens to pushes itself to keep upload limits and download waits current. */
  on?(event: "update", listener: (update: RawUpdate) => void): unknown;
}

/** The fields `#sendFile` reads from the options of `sendDocument`, `sendPhoto` and `sendSticker`. */
interface SendFileFields {
  chatId: string;
  caption?: string | null;
  parseMode?: ParseMode;
  replyMessageId?: string | null;
}

/** Options of the {@link Api} constructor. */
export interface ApiOptions {
  /** Longest wait of `downloadFileById` for a file that is still uploading, in ms. Default 60 000. */
  fileReadyTimeout?: number;
  /** Interval of `getFileInfo` polls while waiting for a download URL, in ms. Default 250. */
  fileReadyPollInterval?: number;
  /** Timeout of `GET /api/v4/server`, in ms. Default 10 000. */
  serverInfoTimeout?: number;
}

/** Options of `downloadFileById` and `Attachment.download` that keep the file in memory. */
export interface DownloadOptions {
  /** Largest accepted download in bytes; defaults to the size the server declares. */
  maxBytes?: number;
  /** Longest wait for a file that is still uploading, in ms (defaults to the Api's `fileReadyTimeout`). */
  timeout?: number;
  /**
   * Cancels the download, whatever step it is at; it then rejects with the signal's reason (like `fetch`). The
   * progress subscription is still removed.
   */
  signal?: AbortSignal;
}

/** Options of `downloadFileById` and `Attachment.download` that write the file to disk. */
export interface DownloadToFileOptions extends Omit<DownloadOptions, "maxBytes"> {
  /** The file to write (a path to a file, not a directory). */
  destPath: string;
}

/** Result of `getChatHistory`: the messages as bound {@link Message} objects. */
export interface GetChatHistoryResponse {
  readonly count: number;
  readonly chatId: string;
  readonly messages: Message[];
}

/** Result of `getChatById` and items of `getChats`. */
export type GetChatByIdResponse = Chat;

/**
 * One typed method per TrueConf chat-bot API method, with client-side validation before anything is sent and
 * a schema check of every response. Construct it over a `Transport` (or anything with its `request`).
 *
 * @example
 * const api = new Api(transport);
 * const { messageId } = await api.sendMessage({ chatId, text: "<b>Hello</b>", parseMode: ParseMode.HTML });
 */
export class Api {
  readonly #requester: ApiRequester;
  readonly #limits = new UploadLimits();
  readonly #progress = new FileProgressWaiters();
  readonly #serverInfo: ServerInfo;
  readonly #fileReadyTimeout: number;
  readonly #pollInterval: number;
  #favorites: Promise<string> | undefined;
  #warnedHasChatParticipant = false;

  constructor(requester: ApiRequester, options: ApiOptions = {}) {
    if (typeof requester?.request !== "function") {
      throw invalidArgument("requester", "expected an object with a request(method, payload) method");
    }
    const o = requireOptions(options);
    this.#requester = requester;
    this.#fileReadyTimeout = requirePositiveInteger("fileReadyTimeout", o.fileReadyTimeout ?? 60_000);
    this.#pollInterval = requirePositiveInteger("fileReadyPollInterval", o.fileReadyPollInterval ?? 250);
    const serverInfoTimeout = requirePositiveInteger("serverInfoTimeout", o.serverInfoTimeout ?? 10_000);
    this.#serverInfo = new ServerInfo(requester.httpBaseUrl, requester.dispatcher, serverInfoTimeout);
    requester.on?.("update", (update) => this.handleUpdate(update));
  }

  /** The bot's own TrueConf ID from the authorised session, without the instance suffix (`bot@server`). */
  get meId(): string | undefined {
    const userId = this.#requester.session?.userId;
    return userId === undefined ? undefined : userId.split("/")[0];
  }

  /** The upload limits as last learned (`undefined` before any answer or push). */
  get uploadLimits(): GetFileUploadLimitsResponse | undefined {
    return this.#limits.current;
  }

  /**
   * Turns a raw server push into its typed event (`Message`, `EditedMessage`, …) bound to this Api, or an
   * `Update` for unknown methods and malformed payloads. Pure and never throws.
   *
   * @example
   * transport.on("update", (raw) => { const event = api.parseUpdate(raw); if (event instanceof Message) … });
   */
  parseUpdate(update: RawUpdate): IncomingEvent | Update {
    return parseUpdate(this, update);
  }

  /**
   * Applies what a push means for the Api itself: new upload limits, progress of files being downloaded. Called
   * automatically when the requester has `on("update")`; call it yourself otherwise. Never throws.
   *
   * @example
   * myRequester.onPush((raw) => api.handleUpdate(raw));
   */
  handleUpdate(update: RawUpdate): void {
    const event = this.parseUpdate(update);
    if (event instanceof ChangedFileUploadLimits) {
      this.#limits.update({ maxSize: event.maxSize, extensions: event.extensions });
    } else if (event instanceof UploadingProgress) {
      this.#progress.notify(event.fileId, event.progress);
    }
  }

  // ---- messages ---------------------------------------------------------------------------------------------

  /**
   * Sends a text message (wire `sendMessage`). The text must be 1-4096 visible characters under its parse mode.
   *
   * @example
   * const res = await api.sendMessage({ chatId, text: "**Done**", parseMode: "markdown" });
   * console.log(res.messageId);
   */
  async sendMessage(
    options: {
      chatId: string;
      text: string;
      parseMode?: ParseMode;
      replyMessageId?: string | null;
    } & CallOptions,
  ): Promise<SendMessageResponse> {
    const o = requireOptions(options);
    const chatId = requireId("chatId", o.chatId);
    const parseMode = requireParseMode(o.parseMode);
    const text = requireText("text", o.text, parseMode, TextMessageTooLongError);
    const replyMessageId = optionalId("replyMessageId", o.replyMessageId);
    return this.#call(
      "sendMessage",
      { chatId, replyMessageId, content: { text, parseMode } },
      sentMessageSchema,
      options,
    );
  }

  /**
   * Replies to a message (wire `sendMessage` with `replyMessageId`).
   *
   * @example
   * await api.replyMessage({ chatId, messageId, text: "Got it" });
   */
  async replyMessage(
    options: { chatId: string; messageId: string; text: string; parseMode?: ParseMode } & CallOptions,
  ): Promise<SendMessageResponse> {
    const o = requireOptions(options);
    return this.sendMessage({
      chatId: o.chatId,
      text: o.text,
      parseMode: o.parseMode,
      replyMessageId: requireId("messageId", o.messageId),
      timeout: o.timeout,
      signal: o.signal,
    });
  }

  /**
   * Replaces the text of a message the bot sent (wire `editMessage`).
   *
   * @example
   * await api.editMessage({ messageId, text: "Updated" });
   */
  async editMessage(
    options: { messageId: string; text: string; parseMode?: ParseMode } & CallOptions,
  ): Promise<EditMessageResponse> {
    const o = requireOptions(options);
    const messageId = requireId("messageId", o.messageId);
    const parseMode = requireParseMode(o.parseMode);
    const text = requireText("text", o.text, parseMode, TextMessageTooLongError);
    return this.#call(
      "editMessage",
      { messageId, content: { text, parseMode } },
      editedMessageResponseSchema,
      options,
    );
  }

  /**
   * Removes a message, for the bot only or (`forAll`) for everyone (wire `removeMessage`).
   *
   * @example
   * await api.removeMessage({ messageId, forAll: true });
   */
  async removeMessage(
    options: { messageId: string; forAll?: boolean } & CallOptions,
  ): Promise<EmptyResponse> {
    const o = requireOptions(options);
    const messageId = requireId("messageId", o.messageId);
    const forAll = optionalBoolean("forAll", o.forAll, false);
    return this.#call("removeMessage", { messageId, forAll }, emptySchema, options);
  }

  /**
   * Forwards a message to a chat (wire `forwardMessage`).
   *
   * @example
   * await api.forwardMessage({ chatId: archiveChatId, messageId });
   */
  async forwardMessage(
    options: { chatId: string; messageId: string } & CallOptions,
  ): Promise<ForwardMessageResponse> {
    const o = requireOptions(options);
    const chatId = requireId("chatId", o.chatId);
    const messageId = requireId("messageId", o.messageId);
    return this.#call("forwardMessage", { messageId, chatId }, sentMessageSchema, options);
  }

  /**
   * Fetches one message as a bound {@link Message} (wire `getMessageById`).
   *
   * @example
   * const message = await api.getMessageById({ messageId });
   * await message.reply("Found you");
   */
  async getMessageById(options: { messageId: string } & CallOptions): Promise<Message> {
    const o = requireOptions(options);
    const messageId = requireId("messageId", o.messageId);
    return new Message(this, await this.#call("getMessageById", { messageId }, envelopeSchema, options));
  }

  /**
   * Fetches up to `count` messages of a chat, optionally starting from `fromMessageId` (wire `getChatHistory`).
   *
   * @example
   * const { messages } = await api.getChatHistory({ chatId, count: 20 });
   */
  async getChatHistory(
    options: { chatId: string; count: number; fromMessageId?: string | null } & CallOptions,
  ): Promise<GetChatHistoryResponse> {
    const o = requireOptions(options);
    const chatId = requireId("chatId", o.chatId);
    const count = requirePositiveInteger("count", o.count);
    const fromMessageId = optionalId("fromMessageId", o.fromMessageId);
    const history = await this.#call(
      "getChatHistory",
      { chatId, count, fromMessageId },
      chatHistorySchema,
      options,
    );
    return {
      count: history.count,
      chatId: history.chatId,
      messages: history.messages.map((envelope) => new Message(this, envelope)),
    };
  }

  // ---- chats ------------------------------------------------------------------------------------------------

  /**
   * Opens (or returns the existing) personal chat with a user (wire `createP2PChat`). A bare login gets the
   * server's domain.
   *
   * @example
   * const { chatId } = await api.createPersonalChat({ userId: "alice" });
   */
  async createPersonalChat(options: { userId: string } & CallOptions): Promise<CreateChatResponse> {
    const o = requireOptions(options);
    const userId = await this.#userId(o.userId);
    return this.#call("createP2PChat", { userId }, chatIdSchema, options);
  }

  /**
   * Creates a group chat owned by the bot (wire `createGroupChat`). Title: 1-256 characters.
   *
   * @example
   * const { chatId } = await api.createGroupChat({ title: "Incident 42" });
   */
  async createGroupChat(options: { title: string } & CallOptions): Promise<CreateChatResponse> {
    const title = requireTitle(requireOptions(options).title, GroupTitleTooLongError);
    // Sources disagree on the key (`title` in the Python SDK, `name` in TrueConf's docs): send both.
    return this.#call("createGroupChat", { title, name: title }, chatIdSchema, options);
  }

  /**
   * Creates a channel owned by the bot (wire `createChannel`). Title: 1-256 characters.
   *
   * @example
   * const { chatId } = await api.createChannel({ title: "Release notes" });
   */
  async createChannel(options: { title: string } & CallOptions): Promise<CreateChatResponse> {
    const title = requireTitle(requireOptions(options).title, ChannelTitleTooLongError);
    return this.#call("createChannel", { title }, chatIdSchema, options);
  }

  /**
   * Creates (or returns) the bot's Favorites chat (wire `createFavoritesChat`).
   *
   * @example
   * const { chatId } = await api.createFavoritesChat();
   */
  async createFavoritesChat(options: CallOptions = {}): Promise<CreateChatResponse> {
    return this.#call("createFavoritesChat", {}, chatIdSchema, requireOptions(options));
  }

  /**
   * The id of the bot's Favorites chat, created on first use and cached.
   *
   * @example
   * await api.forwardMessage({ chatId: await api.meChat(), messageId });
   */
  meChat(): Promise<string> {
    if (this.#favorites === undefined) {
      const pending = this.createFavoritesChat().then((res) => res.chatId);
      this.#favorites = pending;
      pending.catch(() => {
        if (this.#favorites === pending) this.#favorites = undefined;
      });
    }
    return this.#favorites;
  }

  /**
   * Deletes a chat (wire `removeChat`).
   *
   * @example
   * await api.deleteChat({ chatId });
   */
  async deleteChat(options: { chatId: string } & CallOptions): Promise<EmptyResponse> {
    const chatId = requireId("chatId", requireOptions(options).chatId);
    return this.#call("removeChat", { chatId }, emptySchema, options);
  }

  /**
   * Lists the bot's chats, `count` per page, pages from 1 (wire `getChats`).
   *
   * @example
   * const { chats } = await api.getChats({ count: 50, page: 1 });
   */
  async getChats(options: { count?: number; page?: number } & CallOptions = {}): Promise<GetChatsResponse> {
    const o = requireOptions(options);
    const count = requirePositiveInteger("count", o.count ?? 10);
    const page = requirePositiveInteger("page", o.page ?? 1);
    return this.#call("getChats", { count, page }, chatsSchema, options);
  }

  /**
   * Describes one chat (wire `getChatByID`).
   *
   * @example
   * const chat = await api.getChatById({ chatId });
   * console.log(chat.title, chat.chatType === ChatType.GROUP);
   */
  async getChatById(options: { chatId: string } & CallOptions): Promise<GetChatByIdResponse> {
    const chatId = requireId("chatId", requireOptions(options).chatId);
    return this.#call("getChatByID", { chatId }, chatSchema, options);
  }

  /**
   * Adds a user to a chat, optionally showing them the history (wire `addChatParticipant`).
   *
   * @example
   * await api.addParticipantToChat({ chatId, userId: "alice", displayHistory: true });
   */
  async addParticipantToChat(
    options: { chatId: string; userId: string; displayHistory?: boolean } & CallOptions,
  ): Promise<EmptyResponse> {
    const o = requireOptions(options);
    const chatId = requireId("chatId", o.chatId);
    const displayHistory = optionalBoolean("displayHistory", o.displayHistory, false);
    const userId = await this.#userId(o.userId);
    return this.#call("addChatParticipant", { chatId, userId, displayHistory }, emptySchema, options);
  }

  /**
   * Removes a user from a chat, optionally clearing their history (wire `removeChatParticipant`).
   *
   * @example
   * await api.removeParticipantFromChat({ chatId, userId: "bob" });
   */
  async removeParticipantFromChat(
    options: { chatId: string; userId: string; clearHistory?: boolean } & CallOptions,
  ): Promise<EmptyResponse> {
    const o = requireOptions(options);
    const chatId = requireId("chatId", o.chatId);
    const clearHistory = optionalBoolean("clearHistory", o.clearHistory, false);
    const userId = await this.#userId(o.userId);
    return this.#call("removeChatParticipant", { chatId, userId, clearHistory }, emptySchema, options);
  }

  /**
   * Lists a chat's participants, `pageSize` per page, pages from 1 (wire `getChatParticipants`).
   *
   * @example
   * const { participants } = await api.getChatParticipants({ chatId, pageSize: 50, pageNumber: 1 });
   */
  async getChatParticipants(
    options: { chatId: string; pageSize: number; pageNumber: number } & CallOptions,
  ): Promise<GetChatParticipantsResponse> {
    const o = requireOptions(options);
    const chatId = requireId("chatId", o.chatId);
    const pageSize = requirePositiveInteger("pageSize", o.pageSize);
    const pageNumber = requirePositiveInteger("pageNumber", o.pageNumber);
    return this.#call("getChatParticipants", { chatId, pageSize, pageNumber }, participantsSchema, options);
  }

  /**
   * Describes one participant of a chat; a non-member is an `ApiErrorException` (wire `getChatParticipant`).
   *
   * @example
   * const { role } = await api.getChatParticipant({ chatId, userId: "alice" });
   */
  async getChatParticipant(
    options: { chatId: string; userId: string } & CallOptions,
  ): Promise<GetChatParticipantResponse> {
    const o = requireOptions(options);
    const chatId = requireId("chatId", o.chatId);
    const userId = await this.#userId(o.userId);
    return this.#call("getChatParticipant", { chatId, userId }, participantSchema, options);
  }

  /**
   * Whether a user is in a chat (wire `hasChatParticipant`).
   *
   * @deprecated Use {@link Api.getChatParticipant}; this warns once per Api.
   * @example
   * const { result } = await api.hasChatParticipant({ chatId, userId: "alice" });
   */
  async hasChatParticipant(
    options: { chatId: string; userId: string } & CallOptions,
  ): Promise<ResultResponse> {
    if (!this.#warnedHasChatParticipant) {
      this.#warnedHasChatParticipant = true;
      process.emitWarning("hasChatParticipant is deprecated; use getChatParticipant instead.", {
        type: "DeprecationWarning",
        code: "TC_API_HAS_CHAT_PARTICIPANT",
      });
    }
    const o = requireOptions(options);
    const chatId = requireId("chatId", o.chatId);
    const userId = await this.#userId(o.userId);
    return this.#call("hasChatParticipant", { chatId, userId }, resultFlagSchema, options);
  }

  /**
   * Changes a participant's role; the bot needs owner or admin rights (wire `changeParticipantRole`).
   *
   * @example
   * await api.changeParticipantRole({ chatId, userId: "alice", role: ChatParticipantRole.ADMIN });
   */
  async changeParticipantRole(
    options: { chatId: string; userId: string; role: ChatParticipantRole } & CallOptions,
  ): Promise<EmptyResponse> {
    const o = requireOptions(options);
    const chatId = requireId("chatId", o.chatId);
    const role = requireRole(o.role);
    const userId = await this.#userId(o.userId);
    return this.#call("changeParticipantRole", { chatId, userId, role }, emptySchema, options);
  }

  /**
   * Clears a chat's history, for the bot only or (`forAll`) for everyone (wire `clearHistory`).
   *
   * @example
   * await api.clearChatHistory({ chatId, forAll: true });
   */
  async clearChatHistory(
    options: { chatId: string; forAll?: boolean } & CallOptions,
  ): Promise<EmptyResponse> {
    const o = requireOptions(options);
    const chatId = requireId("chatId", o.chatId);
    const forAll = optionalBoolean("forAll", o.forAll, false);
    return this.#call("clearHistory", { chatId, forAll }, emptySchema, options);
  }

  /**
   * Renames a chat (wire `editChatTitle`). Title: 1-256 characters.
   *
   * @example
   * await api.editChatTitle({ chatId, title: "Ops duty — Q2" });
   */
  async editChatTitle(
    options: { chatId: string; title: string } & CallOptions,
  ): Promise<EditChatTitleResponse> {
    const o = requireOptions(options);
    const chatId = requireId("chatId", o.chatId);
    const title = requireTitle(o.title, ChatTitleTooLongError);
    return this.#call("editChatTitle", { chatId, title }, editChatTitleSchema, options);
  }

  /**
   * Uploads an image and makes it the chat's avatar (wire `uploadFile` + HTTP upload + `editChatAvatar`).
   *
   * @example
   * await api.editChatAvatar({ chatId, file: new FSInputFile("logo.png") });
   */
  async editChatAvatar(options: { chatId: string; file: InputFile } & CallOptions): Promise<EmptyResponse> {
    const o = requireOptions(options);
    const chatId = requireId("chatId", o.chatId);
    const file = requireInputFile("file", o.file);
    const temporalFileId = await uploadToServer(this.#uploadContext(o), file);
    return this.#call("editChatAvatar", { chatId, temporalFileId }, emptySchema, options);
  }

  /**
   * A user's display name (wire `getUserDisplayName`).
   *
   * @example
   * const { displayName } = await api.getUserDisplayName({ userId: "alice" });
   */
  async getUserDisplayName(options: { userId: string } & CallOptions): Promise<GetUserDisplayNameResponse> {
    const userId = await this.#userId(requireOptions(options).userId);
    return this.#call("getUserDisplayName", { userId }, displayNameSchema, options);
  }

  // ---- files ------------------------------------------------------------------------------------------------

  /**
   * Sends any file as a document (wire `uploadFile` + HTTP upload + `sendFile`). The caption is optional
   * (≤ 4096 visible characters); the upload limits are checked first.
   *
   * @example
   * await api.sendDocument({ chatId, file: new FSInputFile("report.pdf"), caption: "Q1 report" });
   */
  async sendDocument(
    options: {
      chatId: string;
      file: InputFile;
      caption?: string | null;
      parseMode?: ParseMode;
      replyMessageId?: string | null;
    } & CallOptions,
  ): Promise<SendFileResponse> {
    const o = requireOptions(options);
    return this.#sendFile(o, requireInputFile("file", o.file), {});
  }

  /**
   * Sends an image, with an optional preview that makes clients show it inline (wire `uploadFile` + HTTP upload
   * + `sendFile`).
   *
   * @example
   * await api.sendPhoto({ chatId, file: new FSInputFile("chart.png"), preview: new FSInputFile("chart.webp") });
   */
  async sendPhoto(
    options: {
      chatId: string;
      file: InputFile;
      preview?: InputFile | null;
      caption?: string | null;
      parseMode?: ParseMode;
      replyMessageId?: string | null;
    } & CallOptions,
  ): Promise<SendFileResponse> {
    const o = requireOptions(options);
    const file = requireInputFile("file", o.file);
    const preview =
      o.preview === undefined || o.preview === null ? undefined : requireInputFile("preview", o.preview);
    return this.#sendFile(o, file, { preview });
  }

  /**
   * Sends a WebP image as a sticker (wire `uploadFile` + HTTP upload + `sendFile`). The file must be
   * `image/webp`; it goes up as `sticker/webp` with itself as the preview.
   *
   * @example
   * await api.sendSticker({ chatId, file: new FSInputFile("thumbs-up.webp") });
   */
  async sendSticker(
    options: { chatId: string; file: InputFile; replyMessageId?: string | null } & CallOptions,
  ): Promise<SendFileResponse> {
    const o = requireOptions(options);
    const file = requireInputFile("file", o.file);
    const { mimeType } = await file.describe();
    if (mimeType !== "image/webp") {
      throw invalidArgument("file", `a sticker must be image/webp, got ${mimeType || "an unknown type"}`);
    }
    const { chatId, replyMessageId, timeout, signal } = o;
    return this.#sendFile({ chatId, replyMessageId, timeout, signal }, file, {
      preview: file.clone(),
      fileContentType: "sticker/webp",
    });
  }

  /**
   * Describes a stored file; `downloadUrl` is `null` until it is READY (wire `getFileInfo`).
   *
   * @example
   * const info = await api.getFileInfo({ fileId });
   */
  async getFileInfo(options: { fileId: string } & CallOptions): Promise<GetFileInfoResponse> {
    const fileId = requireId("fileId", requireOptions(options).fileId);
    return this.#call("getFileInfo", { fileId }, fileInfoSchema, options);
  }

  /**
   * Asks for `uploadFileProgress` pushes about a file that is still uploading (wire `subscribeFileProgress`).
   *
   * @example
   * await api.subscribeFileProgress({ fileId });
   */
  async subscribeFileProgress(options: { fileId: string } & CallOptions): Promise<ResultResponse> {
    const fileId = requireId("fileId", requireOptions(options).fileId);
    return this.#call("subscribeFileProgress", { fileId }, resultFlagSchema, options);
  }

  /**
   * Stops the progress pushes of a file (wire `unsubscribeFileProgress`).
   *
   * @example
   * await api.unsubscribeFileProgress({ fileId });
   */
  async unsubscribeFileProgress(options: { fileId: string } & CallOptions): Promise<ResultResponse> {
    const fileId = requireId("fileId", requireOptions(options).fileId);
    return this.#call("unsubscribeFileProgress", { fileId }, resultFlagSchema, options);
  }

  /**
   * The administrator's upload limits (wire `getFileUploadLimits`); the answer also updates the limits every
   * upload is checked against.
   *
   * @example
   * const { maxSize, extensions } = await api.getFileInfoUploadLimits();
   */
  async getFileInfoUploadLimits(options: CallOptions = {}): Promise<GetFileUploadLimitsResponse> {
    const limits = await this.#call("getFileUploadLimits", {}, uploadLimitsSchema, requireOptions(options));
    this.#limits.update(limits);
    return limits;
  }

  /**
   * Downloads a file by id, waiting (bounded by `timeout`) for it to finish uploading if needed: to `destPath`
   * (resolves to the path) or into memory (resolves to the bytes). A NOT_AVAILABLE file is a
   * `FileNotAvailableError`, a wait that runs out a `FileNotReadyError`.
   *
   * @example
   * const bytes = await api.downloadFileById(fileId);
   * const path = await api.downloadFileById(fileId, { destPath: "./inbox/report.pdf" });
   */
  downloadFileById(fileId: string, options: DownloadToFileOptions): Promise<string>;
  downloadFileById(fileId: string, options?: DownloadOptions): Promise<Uint8Array>;
  async downloadFileById(
    fileId: string,
    options: DownloadOptions | DownloadToFileOptions = {},
  ): Promise<string | Uint8Array> {
    const id = requireId("fileId", fileId);
    const o = requireOptions(options);
    const destPath = "destPath" in o ? requireId("destPath", o.destPath) : undefined;
    const maxBytes =
      "maxBytes" in o && o.maxBytes !== undefined
        ? requirePositiveInteger("maxBytes", o.maxBytes)
        : undefined;
    const timeoutMs =
      o.timeout === undefined ? this.#fileReadyTimeout : requirePositiveInteger("timeout", o.timeout);
    const { signal } = o;
    return downloadById(
      {
        fileInfo: (file) => this.getFileInfo({ fileId: file, signal }),
        subscribe: (file) => this.subscribeFileProgress({ fileId: file, signal }),
        // Not cancelled with the call: the subscription must go even when the download was aborted.
        unsubscribe: (file) => this.unsubscribeFileProgress({ fileId: file }),
        progress: this.#progress,
        dispatcher: this.#requester.dispatcher,
        pollIntervalMs: this.#pollInterval,
      },
      id,
      { destPath, maxBytes, timeoutMs, signal },
    );
  }

  // ---- surveys ----------------------------------------------------------------------------------------------

  /**
   * Posts a survey of a survey campaign to a chat (wire `sendSurvey`).
   *
   * @example
   * await api.sendSurvey({ chatId, title: "Lunch on Friday?", surveyCampaignId: "lunch_poll" });
   */
  async sendSurvey(
    options: {
      chatId: string;
      title: string;
      surveyCampaignId: string;
      replyMessageId?: string | null;
      surveyType?: SurveyType;
    } & CallOptions,
  ): Promise<SendSurveyResponse> {
    const o = requireOptions(options);
    const chatId = requireId("chatId", o.chatId);
    const title = requireTitle(o.title, ChatTitleTooLongError);
    const campaignId = requireId("surveyCampaignId", o.surveyCampaignId);
    const replyMessageId = optionalId("replyMessageId", o.replyMessageId);
    const surveyType = requireSurveyType(o.surveyType);
    const content = surveySendContent(this.#host(), title, campaignId, surveyType);
    return this.#call("sendSurvey", { chatId, replyMessageId, content }, sentMessageSchema, options);
  }

  /**
   * Changes a survey the bot posted (wire `editSurvey`).
   *
   * @example
   * await api.editSurvey({ messageId, title: "Lunch on Friday? (closes at noon)", surveyCampaignId: "lunch_poll" });
   */
  async editSurvey(
    options: {
      messageId: string;
      title: string;
      surveyCampaignId: string;
      surveyType?: SurveyType;
    } & CallOptions,
  ): Promise<EditSurveyResponse> {
    const o = requireOptions(options);
    const messageId = requireId("messageId", o.messageId);
    const title = requireTitle(o.title, ChatTitleTooLongError);
    const campaignId = requireId("surveyCampaignId", o.surveyCampaignId);
    const content = surveyEditContent(this.#host(), title, campaignId, requireSurveyType(o.surveyType));
    return this.#call("editSurvey", { messageId, content }, editedMessageResponseSchema, options);
  }

  // ---- server -----------------------------------------------------------------------------------------------

  /**
   * The server's domain (`product.display_name` of `GET /api/v4/server`), fetched once and cached. Bare user ids
   * get it appended.
   *
   * @example
   * console.log(await api.serverName()); // "video.example.org"
   */
  serverName(): Promise<string> {
    return this.#serverInfo.name();
  }

  /**
   * The server's version (`product.version` of `GET /api/v4/server`), fetched once and cached.
   *
   * @example
   * console.log(await api.serverVersion()); // "5.5.3"
   */
  serverVersion(): Promise<string> {
    return this.#serverInfo.version();
  }

  /**
   * Checks that the server is recent enough for this SDK (5.5.3+) and resolves to its version. An older server is
   * an `UnsupportedServerVersionError`; an unparseable version passes (it cannot be judged).
   *
   * @example
   * await api.checkVersion();
   */
  checkVersion(): Promise<string> {
    return this.#serverInfo.checkVersion();
  }

  // ---- internals --------------------------------------------------------------------------------------------

  /** One wire request with the call's timeout and signal, its answer checked against `schema`. */
  async #call<S extends v.GenericSchema>(
    method: string,
    payload: unknown,
    schema: S,
    { timeout, signal }: CallOptions,
  ): Promise<v.InferOutput<S>> {
    const raw = await this.#requester.request(method, payload, { timeout, signal });
    return parseResponse(method, schema, raw);
  }

  /** A user id with the server's domain appended when it has none (never `user@undefined`). */
  async #userId(value: unknown): Promise<string> {
    const userId = requireId("userId", value);
    if (userId.includes("@")) return userId;
    return `${userId}@${await this.serverName()}`;
  }

  /** The server's host name for survey links, from the requester's HTTP base URL. */
  #host(): string {
    const base = this.#requester.httpBaseUrl;
    if (base === undefined)
      throw new ServerInfoUnavailableError("Survey links need the requester's httpBaseUrl.");
    return new URL(base).hostname;
  }

  async #sendFile(
    o: SendFileFields & CallOptions,
    file: InputFile,
    parts: { preview?: InputFile | undefined; fileContentType?: string },
  ): Promise<SendFileResponse> {
    const chatId = requireId("chatId", o.chatId);
    const parseMode = requireParseMode(o.parseMode);
    const caption =
      o.caption === undefined || o.caption === null || o.caption === ""
        ? undefined
        : requireText("caption", o.caption, parseMode, FileCaptionTooLongError);
    const replyMessageId = optionalId("replyMessageId", o.replyMessageId);
    const temporalFileId = await uploadToServer(this.#uploadContext(o), file, parts);
    const content =
      caption === undefined ? { temporalFileId } : { temporalFileId, caption: { text: caption, parseMode } };
    const payload = replyMessageId === null ? { chatId, content } : { chatId, replyMessageId, content };
    return this.#call("sendFile", payload, sentFileSchema, o);
  }

  /** What an upload of this call needs: its WebSocket requests and the HTTP transfer share its timeout/signal. */
  #uploadContext(call: CallOptions): UploadContext {
    return {
      announce: async (fileName: string, fileSize: number) =>
        (await this.#call("uploadFile", { fileSize, fileName }, uploadTaskSchema, call)).uploadTaskId,
      signal: call.signal,
      limits: async () => {
        await this.#limits.learn(() => this.getFileInfoUploadLimits());
        return this.#limits;
      },
      httpBaseUrl: this.#requester.httpBaseUrl,
      dispatcher: this.#requester.dispatcher,
    };
  }
}
