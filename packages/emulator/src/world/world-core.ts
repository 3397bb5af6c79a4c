import type { ProtocolOptions } from "../protocol-options.js";
import { Accounts } from "./accounts.js";
import { type ChatRecord, Chats, chatTypeOfKind, isVisibleTo, type Participant } from "./chats.js";
import {
  AuthorType,
  type Envelope,
  type EnvelopeAuthor,
  type MessageRecord,
  type MessageType,
  renderEnvelope,
  renderLastMessage,
} from "./envelopes.js";
import { FileStorage } from "./file-storage.js";
import { FileRegistry } from "./files.js";
import { newUuid } from "./ids.js";
import { type ChatParticipantRole, roleToWire } from "./roles.js";
import { noUploadLimits, type UploadLimits } from "./upload-limits.js";
import type { EventSink } from "./world-contract.js";
import { snapshotOf, type WorldEvent } from "./world-events.js";

/** What a new message consists of; the core adds id, chat, box and timestamp. */
export interface NewMessage {
  author: EnvelopeAuthor;
  type: MessageType;
  content: Record<string, unknown>;
  replyMessageId?: string | undefined;
}

/**
 * The state every method area works on, and the few rules they share: who receives an event, how a message is
 * posted, how a chat looks to one member. Areas (message-methods.ts, chat-methods.ts …) hold the behaviour.
 */
export class WorldCore {
  readonly accounts: Accounts;
  readonly chats = new Chats();
  readonly files = new FileRegistry();
  readonly storage: FileStorage;
  limits: UploadLimits = noUploadLimits;
  /** While on, files sent through the API stay UPLOADING until `finishUpload`. */
  stallReadiness = false;
  private readonly listeners = new Set<() => void>();
  private readonly observers = new Set<(event: WorldEvent) => void>();
  private lastTimestamp = 0;

  constructor(
    readonly serverName: string,
    readonly options: ProtocolOptions,
    private readonly sink: EventSink,
    storageDir?: string,
  ) {
    this.accounts = new Accounts(serverName);
    this.storage = new FileStorage(storageDir);
  }

  /** A Unix-millisecond timestamp that never goes backwards, so that history order and timestamps agree. */
  now(): number {
    this.lastTimestamp = Math.max(Date.now(), this.lastTimestamp);
    return this.lastTimestamp;
  }

  /** Subscribe to world changes. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tell every listener that the world changed. A throwing listener must not break the request in progress. */
  changed(): void {
    for (const listener of [...this.listeners]) {
      try {
        listener();
      } catch {
        // A listener's failure is its own business (wait helpers report their own errors).
      }
    }
  }

  /** Subscribe to what happens in the world (see {@link WorldEvent}); returns the unsubscribe function. */
  observe(observer: (event: WorldEvent) => void): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  /** Tell every observer what happened. A throwing observer must not break the request in progress. */
  report(event: WorldEvent): void {
    for (const observer of [...this.observers]) {
      try {
        observer(event);
      } catch {
        // an observer's failure is its own business
      }
    }
  }

  /** Report that a chat's title, avatar, members or roles changed. */
  reportChatChanged(chat: ChatRecord): void {
    this.report({ kind: "chatChanged", chat: snapshotOf(chat), avatarUrl: chat.avatarUrl });
  }

  /**
   * Push an event to those of `userIds` that are bot accounts. Each recipient gets its own copy, so that the
   * server (which may rewrite payloads for faults) never shares objects between sessions.
   */
  push(userIds: Iterable<string>, method: string, payload: Record<string, unknown>): void {
    for (const userId of new Set(userIds)) {
      if (this.accounts.resolve(userId)?.isBot) this.sink.push(userId, method, structuredClone(payload));
    }
  }

  /** The members of a chat (the accounts chat events concern). */
  members(chat: ChatRecord): string[] {
    return [...chat.participants.keys()];
  }

  /** The members that see `message`. */
  viewersOf(chat: ChatRecord, message: MessageRecord): string[] {
    return [...chat.participants.values()]
      .filter((member) => isVisibleTo(member, message))
      .map((m) => m.userId);
  }

  /**
   * Append a message and deliver it as a `sendMessage` event to every bot member, the author included: a real
   * server echoes an account's own messages to its sessions, and clients filter self-authored messages.
   */
  post(chat: ChatRecord, input: NewMessage): MessageRecord {
    const message: MessageRecord = {
      messageId: newUuid(),
      chatId: chat.chatId,
      box: chat.nextBox,
      timestamp: this.now(),
      type: input.type,
      author: input.author,
      content: input.content,
      isEdited: false,
      replyMessageId: input.replyMessageId,
    };
    chat.nextBox += 1;
    this.chats.append(chat, message);
    const author = chat.participants.get(input.author.id);
    if (author) author.readBox = message.box;
    this.push(this.members(chat), "sendMessage", this.envelope(message));
    this.report({ kind: "message", chatId: chat.chatId, message: this.envelope(message) });
    this.changed();
    return message;
  }

  /** Post a system envelope (types 1-110) authored by the acting user; the server filters them per session. */
  postSystem(
    chat: ChatRecord,
    actor: string,
    type: MessageType,
    content: Record<string, unknown>,
  ): MessageRecord {
    return this.post(chat, { author: { id: actor, type: AuthorType.SYSTEM }, type, content });
  }

  /** The wire envelope of a message. */
  envelope(message: MessageRecord): Envelope {
    return renderEnvelope(message, this.files.readyStateOf);
  }

  /** The messages of a chat that `member` sees, oldest first. */
  visibleMessages(chat: ChatRecord, member: Participant): MessageRecord[] {
    return chat.messages.filter((message) => isVisibleTo(member, message));
  }

  /**
   * A chat as `viewer` sees it (the object of `getChatByID`, `getChats` and the create events). A P2P chat is
   * titled with the other member's display name, as TrueConf clients show it.
   */
  chatObject(chat: ChatRecord, viewer: string): Record<string, unknown> {
    const member = chat.participants.get(viewer);
    const visible = member ? this.visibleMessages(chat, member) : chat.messages;
    const last = visible.at(-1);
    const unread = member
      ? visible.filter((message) => message.box > member.readBox && message.author.id !== viewer).length
      : 0;
    return {
      chatId: chat.chatId,
      title: this.titleFor(chat, viewer),
      chatType: chatTypeOfKind[chat.kind],
      unreadMessages: unread,
      avatarUrl: chat.avatarUrl,
      lastMessage: last ? renderLastMessage(last, this.files.readyStateOf) : null,
    };
  }

  /** A role in the configured wire form. */
  wireRole(role: ChatParticipantRole): string | number {
    return roleToWire(role, this.options.roleFormat);
  }

  private titleFor(chat: ChatRecord, viewer: string): string {
    if (chat.kind !== "p2p") return chat.title;
    const other = [...chat.participants.keys()].find((userId) => userId !== viewer);
    return (other && this.accounts.resolve(other)?.displayName) ?? chat.title;
  }
}
