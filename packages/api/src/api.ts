import {
  checkOptions,
  describeValue,
  InvalidArgumentError,
  invalidOption,
  requireBoolean,
  requireDuration,
} from "@tc/core";
import type { InputFile } from "@tc/files";
import type { Logger, RequestOptions } from "@tc/transport";
import type { Dispatcher } from "undici";
import type * as v from "valibot";
import { requireLogger } from "./api-logger.js";
import { type ApiCall, type ApiTransformer, runTransformers } from "./api-transformer.js";
import type { CallOptions } from "./call-options.js";
import { ServerInfoUnavailableError } from "./errors/server-info-errors.js";
import { FileCaptionTooLongError, TextMessageTooLongError } from "./errors/text-too-long-errors.js";
import {
  ChannelTitleTooLongError,
  ChatTitleTooLongError,
  GroupTitleTooLongError,
} from "./errors/title-too-long-errors.js";
import { EventListeners } from "./event-listeners.js";
import { ChangedFileUploadLimits, UploadingProgress } from "./events/file-events.js";
import { Message } from "./events/message.js";
import { type RawUpdate, Update } from "./events/update.js";
import { downloadById } from "./file-download.js";
import { FileProgressWaiters } from "./file-progress-waiters.js";
import { type UploadContext, uploadToServer } from "./file-upload.js";
import {
  type AddParticipantToChatOptions,
  type ChangeParticipantRoleOptions,
  type ClearChatHistoryOptions,
  type CreateChannelOptions,
  type CreateFavoritesChatOptions,
  type CreateGroupChatOptions,
  type CreatePersonalChatOptions,
  type DeleteChatOptions,
  type DownloadOptions,
  type DownloadToFileOptions,
  type EditChatAvatarOptions,
  type EditChatTitleOptions,
  type EditMessageOptions,
  type EditSurveyOptions,
  type ForwardMessageOptions,
  type GetChatByIdOptions,
  type GetChatHistoryOptions,
  type GetChatParticipantOptions,
  type GetChatParticipantsOptions,
  type GetChatsOptions,
  type GetFileInfoOptions,
  type GetFileInfoUploadLimitsOptions,
  type GetMessageByIdOptions,
  type GetUserDisplayNameOptions,
  type HasChatParticipantOptions,
  optionKeys,
  type RemoveMessageOptions,
  type RemoveParticipantFromChatOptions,
  type ReplyMessageOptions,
  type SendDocumentOptions,
  type SendMessageOptions,
  type SendPhotoOptions,
  type SendStickerOptions,
  type SendSurveyOptions,
  type SubscribeFileProgressOptions,
  type UnsubscribeFileProgressOptions,
} from "./method-options.js";
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
  readonly httpDispatcher?: Dispatcher;
  /**
   * When present, the Api listens to pushes itself: it parses each one once, keeps upload limits and download
   * waits current, and hands the typed event to `api.on("event")` listeners.
   */
  on?(event: "update", listener: (update: RawUpdate) => void): unknown;
  /** Removes the listener of `on`; `api.close()` calls it. */
  off?(event: "update", listener: (update: RawUpdate) => void): unknown;
  /** Acknowledges a push in manual-ack mode; `event.ack()` calls it. */
  ack?(id: number): void;
  /** Whether pushes are acked with `ack(id)`; when not said, `ack` is tried and a refusal ignored. */
  readonly manualAck?: boolean;
}

/** Options of the {@link Api} constructor. */
export interface ApiOptions {
  /** Longest wait of `downloadFileById` for a file that is still uploading, in ms. Default 60 000. */
  fileReadyTimeout?: number;
  /** Interval of `getFileInfo` polls while waiting for a download URL, in ms. Default 250. */
  fileReadyPollInterval?: number;
  /** Timeout of `GET /api/v4/server`, in ms. Default 10 000. */
  serverInfoTimeout?: number;
  /**
   * Where the Api reports what needs attention: a push of a known method that broke its schema (once per
   * method), an event listener that threw. Any object with `debug`, `info`, `warn` and `error` (`console`,
   * pino, …). Default: silent.
   */
  logger?: Logger;
}

/** Result of `getChatHistory`: the messages as bound {@link Message} objects. */
export interface GetChatHistoryResponse<B extends Api = Api> {
  readonly count: number;
  readonly chatId: string;
  readonly messages: Message<B>[];
}

/** Result of `getChatById` and items of `getChats`. */
export type GetChatByIdResponse = Chat;

/** A listener of `api.on("event")`: gets every push, parsed once. It may be async; failures are logged. */
export type ApiEventListener<B extends Api = Api> = (event: IncomingEvent<B> | Update) => unknown;

const apiOptionKeys = ["fileReadyTimeout", "fileReadyPollInterval", "serverInfoTimeout", "logger"] as const;

/**
 * One typed method per TrueConf chat-bot API method, with client-side validation before anything is sent and
 * a schema check of every response. Construct it over a `Transport` (or anything with its `request`); it then
 * parses every push once and hands the typed events to `api.on("event")`.
 *
 * @example
 * const api = new Api(transport);
 * api.on("event", (event) => { if (event.method === "sendMessage") void event.answer("Hi"); });
 * const { messageId } = await api.sendMessage({ chatId, text: "<b>Hello</b>", parseMode: ParseMode.HTML });
 */
export class Api {
  readonly #requester: ApiRequester;
  readonly #limits = new UploadLimits();
  readonly #progress = new FileProgressWaiters();
  readonly #serverInfo: ServerInfo;
  readonly #fileReadyTimeout: number;
  readonly #pollInterval: number;
  readonly #logger: Logger;
  // Typed with the base class: a `this`-typed private field would make subclasses unassignable to Api.
  readonly #listeners: EventListeners<IncomingEvent | Update>;
  readonly #transformers: ApiTransformer[] = [];
  readonly #reportedBroken = new Set<string>();
  readonly #onPush = (update: RawUpdate): void => {
    this.handleUpdate(update);
  };
  #favorites: Promise<string> | undefined;
  #warnedHasChatParticipant = false;
  #closed = false;

  constructor(requester: ApiRequester, options: ApiOptions = {}) {
    if (typeof requester?.request !== "function") {
      throw invalidOption("requester", "expected an object with a request(method, payload) method");
    }
    const o = checkOptions("Api options", options, apiOptionKeys);
    this.#requester = requester;
    this.#fileReadyTimeout = requireDuration("fileReadyTimeout", o.fileReadyTimeout, 60_000);
    this.#pollInterval = requireDuration("fileReadyPollInterval", o.fileReadyPollInterval, 250);
    const serverInfoTimeout = requireDuration("serverInfoTimeout", o.serverInfoTimeout, 10_000);
    this.#logger = requireLogger(o.logger);
    this.#listeners = new EventListeners(this.#logger);
    this.#serverInfo = new ServerInfo(requester.httpBaseUrl, requester.httpDispatcher, serverInfoTimeout);
    requester.on?.("update", this.#onPush);
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
   * `Update` for unknown methods and for payloads that break their schema (with `issues`). Pure and never throws;
   * pushes the Api receives itself are parsed already, so listen with {@link Api.on} rather than parse them again.
   *
   * @example
   * const event = api.parseUpdate({ method: "sendMessage", id: 1, payload: envelope });
   * if (event.method === "sendMessage") console.log(event.text);
   */
  parseUpdate(update: RawUpdate): IncomingEvent<this> | Update {
    return parseUpdate(this, update, (id) => this.#ack(id));
  }

  /**
   * Subscribes to every push, parsed once into its typed event (or an `Update`). Returns the function that
   * unsubscribes. A listener that throws or rejects is reported to the `logger` and never reaches the transport.
   *
   * @example
   * const off = api.on("event", (event) => {
   *   if (event.method === "sendMessage") console.log(event.fromUserId, event.text);
   * });
   * off();
   */
  on(type: "event", listener: ApiEventListener<this>): () => void {
    if (type !== "event") throw invalidOption("type", 'the only event of an Api is "event"');
    if (typeof listener !== "function") {
      throw invalidOption("listener", `expected a function, got ${describeValue(listener)}`);
    }
    return this.#listeners.add(listener as ApiEventListener);
  }

  /**
   * Handles one push: parses it, applies what it means for the Api itself (new upload limits, progress of files
   * being downloaded) and hands the event to the `on("event")` listeners. Called for every push when the
   * requester has `on("update")`; call it yourself otherwise. Returns the event; never throws.
   *
   * @example
   * myRequester.onPush((raw) => api.handleUpdate(raw));
   */
  handleUpdate(update: RawUpdate): IncomingEvent<this> | Update {
    const event = this.parseUpdate(update);
    try {
      if (event instanceof ChangedFileUploadLimits) {
        this.#limits.update({ maxSize: event.maxSize, extensions: event.extensions });
      } else if (event instanceof UploadingProgress) {
        this.#progress.notify(event.fileId, event.progress);
      } else if (event instanceof Update && event.issues !== undefined) {
        this.#reportBroken(event);
      }
    } catch (error) {
      this.#logger.error(`Applying a ${event.method} push failed`, error);
    }
    this.#listeners.emit(event, event.method);
    return event;
  }

  /**
   * Installs outgoing middleware: every wire request of this Api goes through the transformers, in the order
   * they were installed. Returns the Api, so calls chain.
   *
   * @example
   * api.use(autoRetry({ maxRetries: 3 }), rateLimiter({ perChat: { limit: 1, interval: 1_000 } }));
   */
  use(...transformers: ApiTransformer[]): this {
    for (const transformer of transformers) {
      if (typeof transformer !== "function") {
        throw invalidOption("transformer", `expected a function, got ${describeValue(transformer)}`);
      }
    }
    this.#transformers.push(...transformers);
    return this;
  }

  /**
   * Stops listening to the requester's pushes (the listener `new Api` added). Listeners of `api.on` stay, and
   * `handleUpdate` still works. Calling it again does nothing.
   *
   * @example
   * api.close();
   * await transport.stop();
   */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#requester.off?.("update", this.#onPush);
  }

  // ---- messages ---------------------------------------------------------------------------------------------

  /**
   * Sends a text message (wire `sendMessage`). The text must be 1-4096 visible characters under its parse mode;
   * a `@tc/format` node is rendered first (as HTML unless `parseMode` says otherwise).
   *
   * @example
   * const res = await api.sendMessage({ chatId, text: "**Done**", parseMode: "markdown" });
   * await api.sendMessage({ chatId, text: Text("Build ", Bold("passed")) }); // HTML
   * console.log(res.messageId);
   */
  async sendMessage(options: SendMessageOptions): Promise<SendMessageResponse> {
    const o = requireOptions("sendMessage options", options, optionKeys.sendMessage);
    const chatId = requireId("chatId", o.chatId);
    const content = requireText("text", o.text, o.parseMode, TextMessageTooLongError);
    const replyMessageId = optionalId("replyMessageId", o.replyMessageId);
    return this.#call("sendMessage", { chatId, replyMessageId, content }, sentMessageSchema, options);
  }

  /**
   * Replies to a message (wire `sendMessage` with `replyMessageId`).
   *
   * @example
   * await api.replyMessage({ chatId, messageId, text: "Got it" });
   */
  async replyMessage(options: ReplyMessageOptions): Promise<SendMessageResponse> {
    const o = requireOptions("replyMessage options", options, optionKeys.replyMessage);
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
  async editMessage(options: EditMessageOptions): Promise<EditMessageResponse> {
    const o = requireOptions("editMessage options", options, optionKeys.editMessage);
    const messageId = requireId("messageId", o.messageId);
    const content = requireText("text", o.text, o.parseMode, TextMessageTooLongError);
    return this.#call("editMessage", { messageId, content }, editedMessageResponseSchema, options);
  }

  /**
   * Removes a message, for the bot only or (`forAll`) for everyone (wire `removeMessage`).
   *
   * @example
   * await api.removeMessage({ messageId, forAll: true });
   */
  async removeMessage(options: RemoveMessageOptions): Promise<EmptyResponse> {
    const o = requireOptions("removeMessage options", options, optionKeys.removeMessage);
    const messageId = requireId("messageId", o.messageId);
    const forAll = requireBoolean("forAll", o.forAll, false);
    return this.#call("removeMessage", { messageId, forAll }, emptySchema, options);
  }

  /**
   * Forwards a message to a chat (wire `forwardMessage`).
   *
   * @example
   * await api.forwardMessage({ chatId: archiveChatId, messageId });
   */
  async forwardMessage(options: ForwardMessageOptions): Promise<ForwardMessageResponse> {
    const o = requireOptions("forwardMessage options", options, optionKeys.forwardMessage);
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
  async getMessageById(options: GetMessageByIdOptions): Promise<Message<this>> {
    const o = requireOptions("getMessageById options", options, optionKeys.getMessageById);
    const messageId = requireId("messageId", o.messageId);
    return new Message(this, await this.#call("getMessageById", { messageId }, envelopeSchema, options));
  }

  /**
   * Fetches up to `count` messages of a chat, optionally starting from `fromMessageId` (wire `getChatHistory`).
   *
   * @example
   * const { messages } = await api.getChatHistory({ chatId, count: 20 });
   */
  async getChatHistory(options: GetChatHistoryOptions): Promise<GetChatHistoryResponse<this>> {
    const o = requireOptions("getChatHistory options", options, optionKeys.getChatHistory);
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
  async createPersonalChat(options: CreatePersonalChatOptions): Promise<CreateChatResponse> {
    const o = requireOptions("createPersonalChat options", options, optionKeys.createPersonalChat);
    const userId = await this.#userId(o.userId);
    return this.#call("createP2PChat", { userId }, chatIdSchema, options);
  }

  /**
   * Creates a group chat owned by the bot (wire `createGroupChat`). Title: 1-256 characters.
   *
   * @example
   * const { chatId } = await api.createGroupChat({ title: "Incident 42" });
   */
  async createGroupChat(options: CreateGroupChatOptions): Promise<CreateChatResponse> {
    const title = requireTitle(
      requireOptions("createGroupChat options", options, optionKeys.createGroupChat).title,
      GroupTitleTooLongError,
    );
    // Sources disagree on the key (`title` in the Python SDK, `name` in TrueConf's docs): send both.
    return this.#call("createGroupChat", { title, name: title }, chatIdSchema, options);
  }

  /**
   * Creates a channel owned by the bot (wire `createChannel`). Title: 1-256 characters.
   *
   * @example
   * const { chatId } = await api.createChannel({ title: "Release notes" });
   */
  async createChannel(options: CreateChannelOptions): Promise<CreateChatResponse> {
    const title = requireTitle(
      requireOptions("createChannel options", options, optionKeys.createChannel).title,
      ChannelTitleTooLongError,
    );
    return this.#call("createChannel", { title }, chatIdSchema, options);
  }

  /**
   * Creates (or returns) the bot's Favorites chat (wire `createFavoritesChat`).
   *
   * @example
   * const { chatId } = await api.createFavoritesChat();
   */
  async createFavoritesChat(options: CreateFavoritesChatOptions = {}): Promise<CreateChatResponse> {
    return this.#call(
      "createFavoritesChat",
      {},
      chatIdSchema,
      requireOptions("createFavoritesChat options", options, optionKeys.createFavoritesChat),
    );
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
  async deleteChat(options: DeleteChatOptions): Promise<EmptyResponse> {
    const chatId = requireId(
      "chatId",
      requireOptions("deleteChat options", options, optionKeys.deleteChat).chatId,
    );
    return this.#call("removeChat", { chatId }, emptySchema, options);
  }

  /**
   * Lists the bot's chats, `count` per page, pages from 1 (wire `getChats`).
   *
   * @example
   * const { chats } = await api.getChats({ count: 50, page: 1 });
   */
  async getChats(options: GetChatsOptions = {}): Promise<GetChatsResponse> {
    const o = requireOptions("getChats options", options, optionKeys.getChats);
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
  async getChatById(options: GetChatByIdOptions): Promise<GetChatByIdResponse> {
    const chatId = requireId(
      "chatId",
      requireOptions("getChatById options", options, optionKeys.getChatById).chatId,
    );
    return this.#call("getChatByID", { chatId }, chatSchema, options);
  }

  /**
   * Adds a user to a chat, optionally showing them the history (wire `addChatParticipant`).
   *
   * @example
   * await api.addParticipantToChat({ chatId, userId: "alice", displayHistory: true });
   */
  async addParticipantToChat(options: AddParticipantToChatOptions): Promise<EmptyResponse> {
    const o = requireOptions("addParticipantToChat options", options, optionKeys.addParticipantToChat);
    const chatId = requireId("chatId", o.chatId);
    const displayHistory = requireBoolean("displayHistory", o.displayHistory, false);
    const userId = await this.#userId(o.userId);
    return this.#call("addChatParticipant", { chatId, userId, displayHistory }, emptySchema, options);
  }

  /**
   * Removes a user from a chat, optionally clearing their history (wire `removeChatParticipant`).
   *
   * @example
   * await api.removeParticipantFromChat({ chatId, userId: "bob" });
   */
  async removeParticipantFromChat(options: RemoveParticipantFromChatOptions): Promise<EmptyResponse> {
    const o = requireOptions(
      "removeParticipantFromChat options",
      options,
      optionKeys.removeParticipantFromChat,
    );
    const chatId = requireId("chatId", o.chatId);
    const clearHistory = requireBoolean("clearHistory", o.clearHistory, false);
    const userId = await this.#userId(o.userId);
    return this.#call("removeChatParticipant", { chatId, userId, clearHistory }, emptySchema, options);
  }

  /**
   * Lists a chat's participants, `pageSize` per page, pages from 1 (wire `getChatParticipants`).
   *
   * @example
   * const { participants } = await api.getChatParticipants({ chatId, pageSize: 50, pageNumber: 1 });
   */
  async getChatParticipants(options: GetChatParticipantsOptions): Promise<GetChatParticipantsResponse> {
    const o = requireOptions("getChatParticipants options", options, optionKeys.getChatParticipants);
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
  async getChatParticipant(options: GetChatParticipantOptions): Promise<GetChatParticipantResponse> {
    const o = requireOptions("getChatParticipant options", options, optionKeys.getChatParticipant);
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
  async hasChatParticipant(options: HasChatParticipantOptions): Promise<ResultResponse> {
    if (!this.#warnedHasChatParticipant) {
      this.#warnedHasChatParticipant = true;
      process.emitWarning("hasChatParticipant is deprecated; use getChatParticipant instead.", {
        type: "DeprecationWarning",
        code: "TC_API_HAS_CHAT_PARTICIPANT",
      });
    }
    const o = requireOptions("hasChatParticipant options", options, optionKeys.hasChatParticipant);
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
  async changeParticipantRole(options: ChangeParticipantRoleOptions): Promise<EmptyResponse> {
    const o = requireOptions("changeParticipantRole options", options, optionKeys.changeParticipantRole);
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
  async clearChatHistory(options: ClearChatHistoryOptions): Promise<EmptyResponse> {
    const o = requireOptions("clearChatHistory options", options, optionKeys.clearChatHistory);
    const chatId = requireId("chatId", o.chatId);
    const forAll = requireBoolean("forAll", o.forAll, false);
    return this.#call("clearHistory", { chatId, forAll }, emptySchema, options);
  }

  /**
   * Renames a chat (wire `editChatTitle`). Title: 1-256 characters.
   *
   * @example
   * await api.editChatTitle({ chatId, title: "Ops duty — Q2" });
   */
  async editChatTitle(options: EditChatTitleOptions): Promise<EditChatTitleResponse> {
    const o = requireOptions("editChatTitle options", options, optionKeys.editChatTitle);
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
  async editChatAvatar(options: EditChatAvatarOptions): Promise<EmptyResponse> {
    const o = requireOptions("editChatAvatar options", options, optionKeys.editChatAvatar);
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
  async getUserDisplayName(options: GetUserDisplayNameOptions): Promise<GetUserDisplayNameResponse> {
    const userId = await this.#userId(
      requireOptions("getUserDisplayName options", options, optionKeys.getUserDisplayName).userId,
    );
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
  async sendDocument(options: SendDocumentOptions): Promise<SendFileResponse> {
    const o = requireOptions("sendDocument options", options, optionKeys.sendDocument);
    return this.#sendFile(o, requireInputFile("file", o.file), {});
  }

  /**
   * Sends an image, with an optional preview that makes clients show it inline (wire `uploadFile` + HTTP upload
   * + `sendFile`).
   *
   * @example
   * await api.sendPhoto({ chatId, file: new FSInputFile("chart.png"), preview: new FSInputFile("chart.webp") });
   */
  async sendPhoto(options: SendPhotoOptions): Promise<SendFileResponse> {
    const o = requireOptions("sendPhoto options", options, optionKeys.sendPhoto);
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
  async sendSticker(options: SendStickerOptions): Promise<SendFileResponse> {
    const o = requireOptions("sendSticker options", options, optionKeys.sendSticker);
    const file = requireInputFile("file", o.file);
    const { mimeType } = await file.describe();
    if (mimeType !== "image/webp") {
      throw invalidOption("file", `a sticker must be image/webp, got ${mimeType || "an unknown type"}`);
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
  async getFileInfo(options: GetFileInfoOptions): Promise<GetFileInfoResponse> {
    const fileId = requireId(
      "fileId",
      requireOptions("getFileInfo options", options, optionKeys.getFileInfo).fileId,
    );
    return this.#call("getFileInfo", { fileId }, fileInfoSchema, options);
  }

  /**
   * Asks for `uploadFileProgress` pushes about a file that is still uploading (wire `subscribeFileProgress`).
   *
   * @example
   * await api.subscribeFileProgress({ fileId });
   */
  async subscribeFileProgress(options: SubscribeFileProgressOptions): Promise<ResultResponse> {
    const fileId = requireId(
      "fileId",
      requireOptions("subscribeFileProgress options", options, optionKeys.subscribeFileProgress).fileId,
    );
    return this.#call("subscribeFileProgress", { fileId }, resultFlagSchema, options);
  }

  /**
   * Stops the progress pushes of a file (wire `unsubscribeFileProgress`).
   *
   * @example
   * await api.unsubscribeFileProgress({ fileId });
   */
  async unsubscribeFileProgress(options: UnsubscribeFileProgressOptions): Promise<ResultResponse> {
    const fileId = requireId(
      "fileId",
      requireOptions("unsubscribeFileProgress options", options, optionKeys.unsubscribeFileProgress).fileId,
    );
    return this.#call("unsubscribeFileProgress", { fileId }, resultFlagSchema, options);
  }

  /**
   * The administrator's upload limits (wire `getFileUploadLimits`); the answer also updates the limits every
   * upload is checked against.
   *
   * @example
   * const { maxSize, extensions } = await api.getFileInfoUploadLimits();
   */
  async getFileInfoUploadLimits(
    options: GetFileInfoUploadLimitsOptions = {},
  ): Promise<GetFileUploadLimitsResponse> {
    const limits = await this.#call(
      "getFileUploadLimits",
      {},
      uploadLimitsSchema,
      requireOptions("getFileInfoUploadLimits options", options, optionKeys.getFileInfoUploadLimits),
    );
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
    const o = requireOptions("downloadFileById options", options, optionKeys.downloadFileById);
    const destPath = "destPath" in o ? requireId("destPath", o.destPath) : undefined;
    const maxBytes =
      "maxBytes" in o && o.maxBytes !== undefined
        ? requirePositiveInteger("maxBytes", o.maxBytes)
        : undefined;
    const timeoutMs = requireDuration("timeout", o.timeout, this.#fileReadyTimeout);
    const { signal } = o;
    return downloadById(
      {
        fileInfo: (file) => this.getFileInfo({ fileId: file, signal }),
        subscribe: (file) => this.subscribeFileProgress({ fileId: file, signal }),
        // Not cancelled with the call: the subscription must go even when the download was aborted.
        unsubscribe: (file) => this.unsubscribeFileProgress({ fileId: file }),
        progress: this.#progress,
        httpDispatcher: this.#requester.httpDispatcher,
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
  async sendSurvey(options: SendSurveyOptions): Promise<SendSurveyResponse> {
    const o = requireOptions("sendSurvey options", options, optionKeys.sendSurvey);
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
  async editSurvey(options: EditSurveyOptions): Promise<EditSurveyResponse> {
    const o = requireOptions("editSurvey options", options, optionKeys.editSurvey);
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

  /**
   * One wire request with the call's timeout and signal, through the transformers of {@link Api.use}, its answer
   * checked against `schema`.
   */
  async #call<S extends v.GenericSchema>(
    method: string,
    payload: unknown,
    schema: S,
    { timeout, signal }: CallOptions,
  ): Promise<v.InferOutput<S>> {
    const call: ApiCall = { method, payload, options: { timeout, signal } };
    const send = (c: ApiCall) => this.#requester.request(c.method, c.payload, c.options);
    const raw =
      this.#transformers.length === 0
        ? await send(call)
        : await runTransformers(this.#transformers, call, send);
    return parseResponse(method, schema, raw);
  }

  /**
   * Acks a push for `event.ack()`. Only the requester knows whether it runs in manual-ack mode; when it does not
   * say, a refusal (`InvalidArgumentError`, as `Transport.ack` throws outside that mode) means "nothing to ack".
   */
  #ack(updateId: number): void {
    const requester = this.#requester;
    if (requester.ack === undefined || requester.manualAck === false) return;
    try {
      requester.ack(updateId);
    } catch (error) {
      if (!(error instanceof InvalidArgumentError) || requester.manualAck === true) throw error;
    }
  }

  /** Tells the logger, once per method, that pushes of a known method arrive in a shape this SDK cannot read. */
  #reportBroken(update: Update): void {
    const method = String(update.method);
    if (this.#reportedBroken.has(method)) return;
    this.#reportedBroken.add(method);
    this.#logger.warn(
      `A ${method} push did not match its schema and is delivered as a raw Update (reported once per method): ${update.issues?.join("; ")}`,
    );
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

  /** The shared part of `sendDocument`, `sendPhoto` and `sendSticker`: checks, upload, then `sendFile`. */
  async #sendFile(
    o: Omit<SendDocumentOptions, "file">,
    file: InputFile,
    parts: { preview?: InputFile | undefined; fileContentType?: string },
  ): Promise<SendFileResponse> {
    const chatId = requireId("chatId", o.chatId);
    const caption =
      o.caption === undefined || o.caption === null || o.caption === ""
        ? undefined
        : requireText("caption", o.caption, o.parseMode, FileCaptionTooLongError);
    if (caption === undefined) requireParseMode(o.parseMode);
    const replyMessageId = optionalId("replyMessageId", o.replyMessageId);
    const temporalFileId = await uploadToServer(this.#uploadContext(o), file, parts);
    const content = caption === undefined ? { temporalFileId } : { temporalFileId, caption };
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
      httpDispatcher: this.#requester.httpDispatcher,
    };
  }
}
