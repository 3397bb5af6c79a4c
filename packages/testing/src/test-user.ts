import { describeValue, InvalidArgumentError } from "@tc/bot";
import { type Emulator, type Human, WaitTimeoutError } from "@tc/emulator";
import { type ChatMessage, chatMessageOf, describeMessage } from "./chat-message.js";
import { chatTranscript } from "./chat-transcript.js";
import { ReplyTimeoutError, UnexpectedReplyError } from "./errors.js";
import { checkMatcher, describeMatcher, matches, type ReplyMatcher } from "./reply-matcher.js";
import { timeoutOf } from "./test-world-options.js";

/** A text as a human writes it: plain, or with a parse mode (`{ text: "**hi**", parseMode: "markdown" }`). */
export type UserText = Parameters<Human["send"]>[1];

/** A file a human sends: `{ name, data, mimeType?, caption?, preview?, ready? }` (`data` a Uint8Array or Buffer). */
export type UserFile = Parameters<Human["sendFile"]>[1];

/** A message a human sent, to reply to, edit or remove it later. */
export interface SentMessage {
  readonly messageId: string;
  readonly chatId: string;
}

/** A message named by its id, or anything that has one (a {@link SentMessage}, a {@link ChatMessage}). */
export type MessageRef = string | { readonly messageId: string };

/** Options of the waits: how long, in ms (default: the world's `timeout`, 2 000 unless set). */
export interface WaitOptions {
  timeout?: number;
}

/** What a user needs from its world. */
export interface UserWorld {
  readonly emulator: Emulator;
  readonly botUserId: string;
  readonly timeout: number;
  /** The same user in another chat (one object per user and chat, so the awaited replies are not handed out twice). */
  userIn(login: string, chatId: string): TestUser;
  idle(options?: WaitOptions): Promise<void>;
}

/**
 * A human in the test world, acting in one chat: the P2P chat with the bot for `world.user("alice")`, another
 * one for `world.user("alice").in(chatId)`. Actions produce the events a real server pushes to the bot; the
 * waits resolve with what the bot sends to this chat, each message handed out once, oldest first.
 *
 * @example
 * const alice = world.user("alice");
 * await alice.send("/start");
 * await alice.expectReply(/^Hi/);
 * const team = alice.in(world.chats.team);
 * await team.send("hello, team");
 */
export class TestUser {
  /** The user's login (`alice`). */
  readonly login: string;
  /** The user's TrueConf ID (`alice@emulator.local`). */
  readonly userId: string;
  /** The chat this object acts in. */
  readonly chatId: string;
  readonly #world: UserWorld;
  readonly #human: Human;
  /** Messages of the bot already handed out by `nextMessage` / `expectReply` / `expectNoReply`. */
  readonly #seen = new Set<string>();

  /** @internal Made by `world.user(login)` and `user.in(chatId)`. */
  constructor(world: UserWorld, login: string, chatId: string) {
    this.#world = world;
    this.#human = world.emulator.as(login);
    this.login = login;
    this.userId = this.#human.userId;
    this.chatId = chatId;
  }

  /**
   * The same user in another chat (a group chat, a channel …). Always the same object for a chat, so what one
   * test step has awaited is not handed out again.
   *
   * @example
   * await alice.in(world.chats.team).send("hi all");
   */
  in(chatId: string): TestUser {
    return this.#world.userIn(this.login, requireId("chatId", chatId));
  }

  /**
   * Posts a message in this chat.
   *
   * @example
   * const sent = await alice.send("hello");
   * await alice.edit(sent, "hello!");
   */
  async send(text: UserText): Promise<SentMessage> {
    const { messageId } = await this.#human.send(this.chatId, text);
    return { messageId, chatId: this.chatId };
  }

  /**
   * Replies to a message of this chat (one of the bot's, say).
   *
   * @example
   * const question = await alice.expectReply("What is your name?");
   * await alice.reply(question, "Alice");
   */
  async reply(to: MessageRef, text: UserText): Promise<SentMessage> {
    const { messageId } = await this.#human.reply(this.chatId, idOf(to), text);
    return { messageId, chatId: this.chatId };
  }

  /**
   * Sends a file in this chat, optionally with a caption.
   *
   * @example
   * await alice.sendFile({ name: "notes.txt", data: Buffer.from("hello"), mimeType: "text/plain" });
   */
  async sendFile(file: UserFile): Promise<SentMessage & { fileId: string }> {
    const { messageId, fileId } = await this.#human.sendFile(this.chatId, file);
    return { messageId, fileId, chatId: this.chatId };
  }

  /** Edits one of the user's own messages. */
  async edit(message: MessageRef, text: UserText): Promise<void> {
    await this.#human.edit(idOf(message), text);
  }

  /** Removes a message for the user only, or for everyone (`{ forAll: true }`). */
  async remove(message: MessageRef, options: { forAll?: boolean } = {}): Promise<void> {
    await this.#human.remove(idOf(message), options);
  }

  /**
   * Joins a group chat or channel: its owner adds the user, and the bot gets `addChatParticipant`. Resolves
   * with the user in that chat.
   *
   * @example
   * const bobInOps = await world.user("bob").joinChat(world.chats.ops);
   */
  async joinChat(chatId: string, options: { displayHistory?: boolean } = {}): Promise<TestUser> {
    const id = requireId("chatId", chatId);
    const owner = this.#world.emulator.chat(id)?.participants.find((member) => member.role === "owner");
    if (owner === undefined)
      throw new InvalidArgumentError(`joinChat: no chat ${id} with an owner in the world`);
    await this.#world.emulator.as(owner.userId).addParticipant(id, this.userId, options);
    return this.in(id);
  }

  /** Leaves a chat (this one by default); the bot gets `removeChatParticipant`. */
  async leaveChat(chatId: string = this.chatId): Promise<void> {
    await this.#human.removeParticipant(requireId("chatId", chatId), this.userId);
  }

  /**
   * Resolves with the bot's next message in this chat (one not handed out before), waiting for it if needed.
   * Rejects with {@link ReplyTimeoutError}, the chat's transcript in its message, when none comes in time.
   *
   * @example
   * const greeting = await alice.nextMessage();
   * expect(greeting.text).toContain("Hi");
   */
  async nextMessage(options: WaitOptions = {}): Promise<ChatMessage> {
    return this.#next(timeoutOf(options, this.#world.timeout, "nextMessage"), "a message from the bot");
  }

  /**
   * Awaits the bot's next message in this chat and checks it: a string is the exact text, a RegExp is tested
   * against the text, a predicate gets the whole message. Resolves with the message; rejects with
   * {@link UnexpectedReplyError} when it does not match, or {@link ReplyTimeoutError} when none comes.
   *
   * @example
   * await alice.send("/start");
   * await alice.expectReply("Hi! What is your name?");
   * await alice.expectReply(/photo/i, { timeout: 5_000 });
   */
  async expectReply(matcher: ReplyMatcher, options: WaitOptions = {}): Promise<ChatMessage> {
    checkMatcher(matcher);
    const expected = describeMatcher(matcher);
    const message = await this.#next(timeoutOf(options, this.#world.timeout, "expectReply"), expected);
    const result = matches(matcher, message);
    if (result.ok) return message;
    const why = result.cause === undefined ? "" : ` (the predicate threw: ${messageOf(result.cause)})`;
    throw new UnexpectedReplyError(
      `${this.login} expected the bot's next message in the ${this.#chatTitle()} to be ${expected}, but it was ${describeMessage(message)}${why}`,
      this.#transcript(new Set([message.messageId])),
      {
        actual: message.text ?? describeMessage(message),
        expected: typeof matcher === "string" ? matcher : expected,
      },
      result.cause === undefined ? undefined : { cause: result.cause },
    );
  }

  /**
   * Waits until the bot has handled everything (`world.idle()`), then checks that it sent nothing new to this
   * chat; rejects with {@link UnexpectedReplyError} naming what it sent.
   *
   * @example
   * await alice.edit(sent, "typo fixed");
   * await alice.expectNoReply(); // the bot ignores edits
   */
  async expectNoReply(options: WaitOptions = {}): Promise<void> {
    await this.#world.idle({ timeout: timeoutOf(options, this.#world.timeout, "expectNoReply") });
    const unexpected = this.#unseen();
    if (unexpected.length === 0) return;
    for (const message of unexpected) this.#seen.add(message.messageId);
    const first = unexpected[0] as ChatMessage;
    throw new UnexpectedReplyError(
      `${this.login} expected no message from the bot in the ${this.#chatTitle()}, but it sent ${unexpected.map(describeMessage).join(", ")}`,
      this.#transcript(new Set(unexpected.map((message) => message.messageId))),
      { actual: first.text ?? describeMessage(first), expected: "no message" },
    );
  }

  /**
   * Every message of this chat, oldest first, as this user sees it (the user's own, the bot's, other members').
   */
  messages(): ChatMessage[] {
    return this.#world.emulator.messages(this.chatId).map(chatMessageOf);
  }

  /**
   * The chat as a readable transcript, one line a message, oldest first: what the failures show.
   *
   * @example
   * console.log(alice.transcript());
   * // Transcript of the P2P chat of alice and the bot (oldest first):
   * //   alice: "/start"
   * //   bot: "Hi! What is your name?"
   */
  transcript(): string {
    return this.#transcript(new Set());
  }

  async #next(timeout: number, expected: string): Promise<ChatMessage> {
    let message: ChatMessage;
    try {
      message = await this.#world.emulator.waitFor(() => this.#unseen()[0], { timeout });
    } catch (error) {
      if (!(error instanceof WaitTimeoutError)) throw error;
      throw new ReplyTimeoutError(
        `${this.login} expected ${expected} in the ${this.#chatTitle()} within ${timeout} ms, but the bot sent nothing new`,
        this.#transcript(new Set()),
        timeout,
      );
    }
    this.#seen.add(message.messageId);
    return message;
  }

  /** The bot's messages in this chat not handed out yet, oldest first. */
  #unseen(): ChatMessage[] {
    const bot = this.#world.botUserId.toLowerCase();
    return this.messages().filter(
      (message) => message.authorId.toLowerCase() === bot && !this.#seen.has(message.messageId),
    );
  }

  #transcript(marked: ReadonlySet<string>): string {
    return chatTranscript(this.#chatTitle(), this.messages(), marked);
  }

  #chatTitle(): string {
    const chat = this.#world.emulator.chat(this.chatId);
    if (chat === undefined) return `chat ${this.chatId} (removed)`;
    const bot = this.#world.botUserId.toLowerCase();
    const members = chat.participants.map((member) => member.userId.toLowerCase());
    if (chat.type === "p2p" && members.includes(bot) && members.includes(this.userId.toLowerCase())) {
      return `P2P chat of ${this.login} and the bot`;
    }
    return `${chat.type === "group" ? "group chat" : chat.type} "${chat.title}"`;
  }
}

function idOf(message: MessageRef): string {
  return requireId("message", typeof message === "object" && message !== null ? message.messageId : message);
}

function requireId(name: string, value: unknown): string {
  if (typeof value === "string" && value !== "") return value;
  throw new InvalidArgumentError(
    `Invalid ${name}: expected an id (a non-empty string), got ${describeValue(value)}`,
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
