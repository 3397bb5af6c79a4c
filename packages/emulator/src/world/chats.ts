import type { MessageRecord } from "./envelopes.js";
import { WorldErrorCode } from "./error-codes.js";
import { newHexId } from "./ids.js";
import type { ChatParticipantRole } from "./roles.js";
import { WorldRequestError } from "./world-request-error.js";

/**
 * `chatType` values on the wire (PROTOCOL.md 6).
 *
 * @example
 * chatObject.chatType === ChatType.GROUP; // 2
 */
export const ChatType = { UNDEF: 0, P2P: 1, GROUP: 2, SYSTEM: 3, FAVORITES: 5, CHANNEL: 6 } as const;

/** One of the {@link ChatType} values. */
export type ChatType = (typeof ChatType)[keyof typeof ChatType];

/** The kinds of chat the world can hold, as the control API names them. */
export type ChatKind = "p2p" | "group" | "channel" | "favorites";

/** The wire `chatType` of each kind. */
export const chatTypeOfKind: Readonly<Record<ChatKind, ChatType>> = {
  p2p: ChatType.P2P,
  group: ChatType.GROUP,
  channel: ChatType.CHANNEL,
  favorites: ChatType.FAVORITES,
};

/** One member of a chat and what that member sees of it. */
export interface Participant {
  readonly userId: string;
  role: ChatParticipantRole;
  /** Messages with a lower `box` are hidden (joined without history, or cleared history for self). */
  visibleFromBox: number;
  /** Messages removed for this member only. */
  readonly hidden: Set<string>;
  /** The highest `box` this member has read (posted after, or fetched in history). */
  readBox: number;
}

/** A chat with its members and messages (oldest first). */
export interface ChatRecord {
  readonly chatId: string;
  readonly kind: ChatKind;
  title: string;
  avatarUrl: string | null;
  readonly participants: Map<string, Participant>;
  readonly messages: MessageRecord[];
  /** The `box` the next message gets. */
  nextBox: number;
  /** Bumped on every message, so that chat lists can show the most active chat first. */
  lastActivity: number;
}

/**
 * Every chat of the world, keyed by id.
 *
 * @example
 * const chat = chats.create("group", "Ops duty");
 * chats.join(chat, "alice@emulator.local", "owner", true);
 */
export class Chats {
  private readonly byId = new Map<string, ChatRecord>();
  /** Message id → chat, so lookups stay O(1) however long histories grow. */
  private readonly messageIndex = new Map<string, { chat: ChatRecord; message: MessageRecord }>();
  /** Every chat ever created counts, so that equal activity times still order chats by creation. */
  private activityClock = 0;

  /** Create an empty chat. */
  create(kind: ChatKind, title: string): ChatRecord {
    const chat: ChatRecord = {
      chatId: newHexId(),
      kind,
      title,
      avatarUrl: null,
      participants: new Map(),
      messages: [],
      nextBox: 1,
      lastActivity: this.tick(),
    };
    this.byId.set(chat.chatId, chat);
    return chat;
  }

  /** The chat, if it exists. */
  get(chatId: string): ChatRecord | undefined {
    return this.byId.get(chatId);
  }

  /** The chat, or 304. */
  require(chatId: string): ChatRecord {
    const chat = this.byId.get(chatId);
    if (!chat) throw new WorldRequestError(WorldErrorCode.CHAT_NOT_FOUND, `chat ${chatId} not found`);
    return chat;
  }

  /** The chat, which `userId` must belong to: 304 when it does not exist, 305 when the user is not a member. */
  requireMembership(chatId: string, userId: string): { chat: ChatRecord; member: Participant } {
    const chat = this.require(chatId);
    const member = chat.participants.get(userId);
    if (!member)
      throw new WorldRequestError(
        WorldErrorCode.NOT_A_PARTICIPANT,
        `${userId} is not a participant of chat ${chatId}`,
      );
    return { chat, member };
  }

  /** Add a member; `withHistory` decides whether earlier messages become visible to it. */
  join(chat: ChatRecord, userId: string, role: ChatParticipantRole, withHistory: boolean): Participant {
    const member: Participant = {
      userId,
      role,
      visibleFromBox: withHistory ? 0 : chat.nextBox,
      hidden: new Set(),
      readBox: withHistory ? 0 : chat.nextBox - 1,
    };
    chat.participants.set(userId, member);
    return member;
  }

  /** Delete a chat and its messages. */
  delete(chat: ChatRecord): void {
    this.byId.delete(chat.chatId);
    this.dropMessages(chat, () => true);
  }

  /** Append a message to its chat (it takes the chat's next `box`, which the caller reserved). */
  append(chat: ChatRecord, message: MessageRecord): void {
    chat.messages.push(message);
    this.messageIndex.set(message.messageId, { chat, message });
    chat.lastActivity = this.tick();
  }

  /** Remove the messages matching `predicate` from a chat for everyone. */
  dropMessages(chat: ChatRecord, predicate: (message: MessageRecord) => boolean): void {
    const kept = chat.messages.filter((message) => {
      if (!predicate(message)) return true;
      this.messageIndex.delete(message.messageId);
      return false;
    });
    chat.messages.splice(0, chat.messages.length, ...kept);
  }

  /** Every chat, in the order they were created. */
  all(): ChatRecord[] {
    return [...this.byId.values()];
  }

  /** The chats `userId` belongs to, most recently active first. */
  of(userId: string): ChatRecord[] {
    return [...this.byId.values()]
      .filter((chat) => chat.participants.has(userId))
      .sort((a, b) => b.lastActivity - a.lastActivity);
  }

  /** The P2P chat of two users, if one exists. */
  p2pBetween(a: string, b: string): ChatRecord | undefined {
    for (const chat of this.byId.values()) {
      if (chat.kind === "p2p" && chat.participants.has(a) && chat.participants.has(b)) return chat;
    }
    return undefined;
  }

  /** The Favorites chat of a user, if it exists. */
  favoritesOf(userId: string): ChatRecord | undefined {
    for (const chat of this.byId.values()) {
      if (chat.kind === "favorites" && chat.participants.has(userId)) return chat;
    }
    return undefined;
  }

  /** Find a message by id in any chat. */
  findMessage(messageId: string): { chat: ChatRecord; message: MessageRecord } | undefined {
    return this.messageIndex.get(messageId);
  }

  private tick(): number {
    this.activityClock += 1;
    return this.activityClock;
  }
}

/** Whether `member` sees `message` (not hidden by a late join, a cleared history or a removal for self). */
export function isVisibleTo(member: Participant, message: MessageRecord): boolean {
  return message.box >= member.visibleFromBox && !member.hidden.has(message.messageId);
}
