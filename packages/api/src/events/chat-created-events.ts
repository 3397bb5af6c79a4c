import type { Api } from "../api.js";
import type { Chat } from "../schemas/chat.js";
import type { LastMessage } from "../schemas/envelope.js";
import { ApiEvent, type PushOrigin } from "./api-event.js";

/** What the four chat-created pushes share: the new chat object. */
export abstract class CreatedChat<B extends Api = Api> extends ApiEvent<B> {
  /** The new chat. */
  readonly chatId: string;
  /** The server does not say who created the chat. */
  readonly fromUserId: undefined = undefined;
  /** `null` for the Favorites chat. */
  readonly title: string | null;
  /** A `ChatType` value. */
  readonly chatType: number;
  readonly lastMessage: LastMessage | null;
  readonly unreadMessages: number;
  readonly avatarUrl: string | null;
  constructor(api: B, chat: Chat, origin?: PushOrigin) {
    super(api, origin);
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
export class CreatedPersonalChat<B extends Api = Api> extends CreatedChat<B> {
  /** The wire method of this event. */
  readonly method = "createP2PChat" as const;
}

/**
 * A group chat with the bot was created (`createGroupChat` push).
 *
 * @example
 * router.createdGroupChat((event) => console.log("new group", event.title));
 */
export class CreatedGroupChat<B extends Api = Api> extends CreatedChat<B> {
  /** The wire method of this event. */
  readonly method = "createGroupChat" as const;
}

/**
 * A channel with the bot was created (`createChannel` push).
 *
 * @example
 * router.createdChannel((event) => console.log("new channel", event.title));
 */
export class CreatedChannel<B extends Api = Api> extends CreatedChat<B> {
  /** The wire method of this event. */
  readonly method = "createChannel" as const;
}

/**
 * The bot's Favorites chat was created (`createFavoritesChat` push).
 *
 * @example
 * router.createdFavoritesChat((event) => console.log("favorites:", event.chatId));
 */
export class CreatedFavoritesChat<B extends Api = Api> extends CreatedChat<B> {
  /** The wire method of this event. */
  readonly method = "createFavoritesChat" as const;
}
