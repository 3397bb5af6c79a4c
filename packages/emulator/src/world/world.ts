import type { Readable } from "node:stream";
import { EmulatorConfigError } from "../errors.js";
import type { ProtocolOptions } from "../protocol-options.js";
import { chatMethods, createChat } from "./chat-methods.js";
import type { ChatKind } from "./chats.js";
import type { Envelope } from "./envelopes.js";
import { WorldErrorCode } from "./error-codes.js";
import { fileInfo, fileMethods, finishUpload, limitsPayload } from "./file-methods.js";
import { Human } from "./human.js";
import { messageMethods } from "./message-methods.js";
import type { MethodTable } from "./method-table.js";
import { participantMethods } from "./participant-methods.js";
import { PayloadReader } from "./payload-reader.js";
import { surveyMethods } from "./survey-methods.js";
import { checkUploadLimits, type UploadLimits } from "./upload-limits.js";
import type { EventSink, MethodResult, StoredFile, UploadTask, WorldApi } from "./world-contract.js";
import { WorldCore } from "./world-core.js";
import { type AccountSnapshot, type ChatSnapshot, snapshotOf, type WorldEvent } from "./world-events.js";
import { WorldRequestError } from "./world-request-error.js";

/** Options of {@link World}. */
export interface WorldOptions {
  /** The server's domain: user ids are `login@serverName`. */
  serverName: string;
  /** The resolved protocol options. */
  protocol: ProtocolOptions;
  /** Where events go (the server fans them out to sessions). */
  sink: EventSink;
  /** A directory under which the world creates its own storage directory; default the OS temp directory. */
  storageDir?: string;
}

export type { ChatSnapshot } from "./world-events.js";

/** A chat as one member's client lists it: the wire chat object (title as that member sees it) and the members. */
export type ChatView = ChatSnapshot & {
  chatType: number;
  unreadMessages: number;
  avatarUrl: string | null;
  lastMessage: Envelope | null;
};

/** Every wire method the world answers (all of PROTOCOL.md section 4 except `auth`, which the server handles). */
const methods: MethodTable = {
  ...messageMethods,
  ...chatMethods,
  ...participantMethods,
  ...fileMethods,
  ...surveyMethods,
};

/**
 * The in-memory TrueConf world behind the emulator: accounts, chats, messages, files and upload limits. It
 * answers bot requests (`handle`), pushes the events they cause through the sink, and offers the control API the
 * `Emulator` delegates to (build the world, act as a human, observe it).
 *
 * @example
 * const world = new World({ serverName: "emulator.local", protocol: defaultProtocolOptions, sink });
 * const bot = world.addBot({ login: "bot", password: "secret" });
 * const chatId = world.createChat({ type: "group", title: "Ops", owner: "alice", participants: ["bot"] });
 * await world.as("alice").send(chatId, "hello"); // sink.push(bot.userId, "sendMessage", envelope)
 * world.handle(bot.userId, "getChatHistory", { chatId, count: 10 });
 */
export class World implements WorldApi {
  private readonly core: WorldCore;

  constructor(options: WorldOptions) {
    if (typeof options?.serverName !== "string" || !/^[^\s@/]+$/.test(options.serverName)) {
      throw new EmulatorConfigError('serverName must be a non-empty domain without spaces, "@" or "/"');
    }
    this.core = new WorldCore(options.serverName, options.protocol, options.sink, options.storageDir);
  }

  /** The server's domain. */
  get serverName(): string {
    return this.core.serverName;
  }

  // ── the seam with the server (WorldApi) ──

  /** The bot account's user id when login (or full id) and password match a bot account. */
  authenticate(login: string, password: string): string | undefined {
    return this.core.accounts.authenticate(login, password);
  }

  /** Whether `userId` is a bot account. */
  isBot(userId: string): boolean {
    return this.core.accounts.resolve(userId)?.isBot ?? false;
  }

  /**
   * Answer one request of an authorised bot account. Never throws: refusals and malformed input become
   * `{ errorCode, errorDescription }`; an unexpected failure becomes 300 without internals in the description.
   */
  handle(caller: string, method: string, payload: unknown): MethodResult {
    try {
      const handler = Object.hasOwn(methods, method) ? methods[method] : undefined;
      if (!handler)
        throw new WorldRequestError(WorldErrorCode.MALFORMED, `unknown method "${String(method)}"`);
      const account = this.core.accounts.resolve(caller);
      if (!account?.isBot)
        throw new WorldRequestError(WorldErrorCode.ACCESS_DENIED, "the caller is not a bot account");
      const result = handler(this.core, account.userId, PayloadReader.from(payload));
      // `successErrorCode` and `errorDescriptions` shape the frame, so the server applies them, not the world.
      return { payload: result };
    } catch (error) {
      if (error instanceof WorldRequestError)
        return { errorCode: error.errorCode, errorDescription: error.message };
      return { errorCode: WorldErrorCode.MALFORMED, errorDescription: "internal error" };
    }
  }

  /** The open upload task with this id, if any. */
  uploadTask(taskId: string): UploadTask | undefined {
    return this.core.files.task(taskId);
  }

  /** Close an upload task with the streamed file (and preview); returns the single-use `temporalFileId`. */
  completeUpload(taskId: string, file: StoredFile, preview?: StoredFile): string {
    const temporalFileId = this.core.files.completeUpload(taskId, file, preview);
    this.core.changed();
    return temporalFileId;
  }

  /** Stream bytes into the world's storage directory. */
  storeStream(source: Readable, meta: { name: string; mimeType: string }): Promise<StoredFile> {
    return this.core.storage.store(source, meta);
  }

  /** The stored file behind a download URL path the world handed out. */
  resolveDownload(pathname: string): StoredFile | undefined {
    return this.core.files.resolveDownload(pathname);
  }

  /** The scheme, host and port of download URLs. */
  setBaseUrl(url: string): void {
    this.core.files.setBaseUrl(url);
  }

  /** Subscribe to every change of the world. */
  onChange(listener: () => void): () => void {
    return this.core.onChange(listener);
  }

  /** Remove every stored file and the storage directory. */
  dispose(): Promise<void> {
    return this.core.storage.dispose();
  }

  // ── the control API ──

  /** Add a bot account (it can log in with `login`/`password`). */
  addBot(input: { login: string; password: string; displayName?: string }): {
    userId: string;
    login: string;
    password: string;
  } {
    if (typeof input?.password !== "string") throw new EmulatorConfigError("a bot account needs a password");
    const account = this.core.accounts.add(input);
    this.core.report({ kind: "accountAdded", account: { ...account } });
    this.core.changed();
    return { userId: account.userId, login: account.login, password: input.password };
  }

  /** Add a human user. */
  addUser(input: { login: string; displayName?: string }): { userId: string } {
    const account = this.core.accounts.add({ login: input?.login, displayName: input?.displayName });
    this.core.report({ kind: "accountAdded", account: { ...account } });
    this.core.changed();
    return { userId: account.userId };
  }

  /**
   * Create a chat as if `owner` had created it (bot members get the create event). A P2P chat needs exactly one
   * other participant, a Favorites chat none; a P2P chat that already exists is returned as it is.
   */
  createChat(input: { type: ChatKind; title?: string; owner: string; participants?: string[] }): string {
    const kinds: readonly ChatKind[] = ["p2p", "group", "channel", "favorites"];
    if (!kinds.includes(input?.type))
      throw new EmulatorConfigError(`chat type must be one of ${kinds.join(", ")}`);
    if (input.title !== undefined && (typeof input.title !== "string" || input.title.length === 0)) {
      throw new EmulatorConfigError("chat title must be a non-empty string");
    }
    const owner = this.core.accounts.expect(input.owner).userId;
    const members = (input.participants ?? []).map((user) => this.core.accounts.expect(user).userId);
    const others = [...new Set(members)].filter((userId) => userId !== owner);
    if (input.type === "p2p" && others.length !== 1) {
      throw new EmulatorConfigError("a p2p chat needs exactly one participant besides the owner");
    }
    if (input.type === "favorites" && others.length !== 0)
      throw new EmulatorConfigError("a favorites chat has no participants");
    const existing =
      input.type === "p2p"
        ? this.core.chats.p2pBetween(owner, others[0] ?? "")
        : input.type === "favorites"
          ? this.core.chats.favoritesOf(owner)
          : undefined;
    if (existing) return existing.chatId;
    const title =
      input.title ?? (input.type === "favorites" ? "Favorites" : input.type === "p2p" ? "" : "Untitled");
    return this.guard(() => createChat(this.core, { kind: input.type, title, owner, members: others }))
      .chatId;
  }

  /** Change the upload limits and push `getFileUploadLimits` to every bot account. */
  setUploadLimits(limits: UploadLimits): void {
    this.core.limits = checkUploadLimits(limits);
    this.core.push(
      this.core.accounts.bots().map((bot) => bot.userId),
      "getFileUploadLimits",
      limitsPayload(this.core.limits),
    );
    this.core.report({ kind: "uploadLimits", limits: structuredClone(this.core.limits) });
    this.core.changed();
  }

  /** Let a still-uploading file progress (`steps` progress events, default 4) and become READY. */
  finishUpload(fileId: string, options: { steps?: number } = {}): void {
    const steps = options.steps ?? 4;
    if (!Number.isSafeInteger(steps) || steps < 1 || steps > 1000) {
      throw new EmulatorConfigError("steps must be an integer between 1 and 1000");
    }
    const file = this.core.files.get(fileId);
    if (!file) throw new EmulatorConfigError(`no file ${String(fileId)}`);
    finishUpload(this.core, file, steps);
  }

  /** While on, files sent with `sendFile` stay UPLOADING until `finishUpload`. */
  stallReadiness(on: boolean): void {
    this.core.stallReadiness = on;
  }

  /** A chat's type, title and members, or `undefined`. */
  chat(chatId: string): ChatSnapshot | undefined {
    const chat = this.core.chats.get(chatId);
    return chat && snapshotOf(chat);
  }

  /** Every chat, in the order they were created. */
  chats(): ChatSnapshot[] {
    return this.core.chats.all().map(snapshotOf);
  }

  /** The account named by login or full id, if there is one. */
  account(user: string): AccountSnapshot | undefined {
    const account = this.core.accounts.resolve(user);
    return account && { ...account };
  }

  /** Every account (humans and bots), in the order they were added; never a password. */
  accounts(): AccountSnapshot[] {
    return this.core.accounts.list();
  }

  /** The upload limits in force. */
  get uploadLimits(): UploadLimits {
    return structuredClone(this.core.limits);
  }

  /** Subscribe to everything that happens in the world (see {@link WorldEvent}); returns the unsubscribe function. */
  observe(observer: (event: WorldEvent) => void): () => void {
    return this.core.observe(observer);
  }

  /**
   * The chats of `user` as that user's client lists them, most recently active first: the wire chat object
   * (title as the user sees it, `unreadMessages`, `lastMessage`) with the members.
   */
  chatsOf(user: string): ChatView[] {
    const userId = this.core.accounts.expect(user).userId;
    return this.core.chats
      .of(userId)
      .map((chat) => ({ ...snapshotOf(chat), ...this.core.chatObject(chat, userId) }) as ChatView);
  }

  /** The messages of a chat that `user` sees, oldest first (304/305 as a {@link WorldRequestError}). */
  historyOf(user: string, chatId: string): Envelope[] {
    const userId = this.core.accounts.expect(user).userId;
    const { chat, member } = this.core.chats.requireMembership(chatId, userId);
    return this.core.visibleMessages(chat, member).map((message) => this.core.envelope(message));
  }

  /** Marks every message of the chat as read by `user` (its `unreadMessages` drops to 0). */
  markRead(user: string, chatId: string): void {
    const userId = this.core.accounts.expect(user).userId;
    const { chat, member } = this.core.chats.requireMembership(chatId, userId);
    member.readBox = chat.nextBox - 1;
    this.core.changed();
  }

  /** A file as `user` may see it, with its download URLs (the `getFileInfo` answer); 308 when hidden. */
  fileOf(user: string, fileId: string): Record<string, unknown> {
    const userId = this.core.accounts.expect(user).userId;
    return fileInfo(this.core, userId, fileId);
  }

  /** Every message of a chat that was not removed for everyone, oldest first, as wire envelopes. */
  messages(chatId: string): Envelope[] {
    return (this.core.chats.get(chatId)?.messages ?? []).map((message) => this.core.envelope(message));
  }

  /** Act as a user (login or full id). */
  as(user: string): Human {
    return new Human(this.core, this.core.accounts.expect(user).userId);
  }

  /** Run a control action that goes through request checks; a refusal there is a configuration mistake. */
  private guard<T>(action: () => T): T {
    try {
      return action();
    } catch (error) {
      if (error instanceof WorldRequestError) throw new EmulatorConfigError(error.message, { cause: error });
      throw error;
    }
  }
}

/** The default world lives next to the class that the Emulator builds it on. */
export { type SeededWorld, seedWorld } from "./seed-world.js";
