import type { Api } from "../api.js";
import type { Chat } from "../schemas/chat.js";
import type { LastMessage } from "../schemas/envelope.js";
import { ApiEvent } from "./api-event.js";

/** What the four chat-created pushes share: the new chat object. */
export abstract class CreatedChat extends ApiEvent {
  readonly chatId: string;
  /** `null` for the Favorites chat. */
  readonly title: string | null;
  /** A `ChatType` value. */
  readonly chatType: number;
  readonly lastMessage: LastMessage | null;
  readonly unreadMessages: number;
  readonly avatarUrl: string | null;
  constructor(api: Api, chat: Chat) {
    super(api);
    this.chatId = chat.chatId;
    this.title = chat.title;
    this.chatType = chat.chatType;
    this.lastMessage = chat.lastMessage;
    this.unreadMessages = chat.unreadMessages;
    this.avatarUrl = chat.avatarUrl;
  }
}

/**
 * A personal (P2P) chat with the bot was created (`createP2PChat` push).
 *
 * @example
 * router.createdPersonalChat((event) => event.api.sendMessage({ chatId: event.chatId, text: "Hi!" }));
 */
export class CreatedPersonalChat extends CreatedChat {
  /** The wire method of this event. */
  readonly method = "createP2PChat" as const;
}

/**
 * A group chat with the bot was created (`createGroupChat` push).
 *
 * @example
 * router.createdGroupChat((event) => console.log("new group", event.title));
 */
export class CreatedGroupChat extends CreatedChat {
  /** The wire method of this event. */
  readonly method = "createGroupChat" as const;
}

/**
 * A channel with the bot was created (`createChannel` push).
 *
 * @example
 * router.createdChannel((event) => console.log("new channel", event.title));
 */
export class CreatedChannel extends CreatedChat {
  /** The wire method of this event. */
  readonly method = "createChannel" as const;
}

/**
 * The bot's Favorites chat was created (`createFavoritesChat` push).
 *
 * @example
 * router.createdFavoritesChat((event) => console.log("favorites:", event.chatId));
 */
export class CreatedFavoritesChat extends CreatedChat {
  /** The wire method of this event. */
  readonly method = "createFavoritesChat" as const;
}
