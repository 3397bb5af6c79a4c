import type * as v from "valibot";
import type { Api } from "../api.js";
import type { EnvelopeAuthor } from "../schemas/common.js";
import type { editedMessageEventSchema, removedMessageEventSchema } from "../schemas/events.js";
import { ApiEvent, type PushOrigin } from "./api-event.js";

/**
 * A message in a chat of the bot was edited (`editMessage` push).
 *
 * @example
 * router.editedMessage((event) => console.log(event.chatId, event.content.text));
 */
export class EditedMessage<B extends Api = Api> extends ApiEvent<B> {
  /** The wire method of this event. */
  readonly method = "editMessage" as const;
  /** The edit push does not name its author. */
  readonly fromUserId: undefined = undefined;
  /** The edited message, when the server names it (not every source shows it). */
  readonly messageId: string | undefined;
  readonly chatId: string;
  /** Unix time in milliseconds, when sent. */
  readonly timestamp: number | undefined;
  /** The new text and its parse mode. */
  readonly content: { readonly text: string; readonly parseMode: string };
  constructor(api: B, payload: v.InferOutput<typeof editedMessageEventSchema>, origin?: PushOrigin) {
    super(api, origin);
    this.messageId = payload.messageId;
    this.chatId = payload.chatId;
    this.timestamp = payload.timestamp;
    this.content = { text: payload.content.text, parseMode: payload.content.parseMode };
  }

  /** The new text. */
  get text(): string {
    return this.content.text;
  }
}

/**
 * A message was removed (`removeMessage` push).
 *
 * @example
 * router.removedMessage((event) => console.log(event.messageId, "removed by", event.removedBy?.id));
 */
export class RemovedMessage<B extends Api = Api> extends ApiEvent<B> {
  /** The wire method of this event. */
  readonly method = "removeMessage" as const;
  readonly chatId: string;
  readonly messageId: string;
  /** Who removed it, when the server says. */
  readonly removedBy: EnvelopeAuthor | undefined;
  /** Who removed it (`removedBy.id`), when the server says. */
  readonly fromUserId: string | undefined;
  constructor(api: B, payload: v.InferOutput<typeof removedMessageEventSchema>, origin?: PushOrigin) {
    super(api, origin);
    this.chatId = payload.chatId;
    this.messageId = payload.messageId;
    this.removedBy = payload.removedBy;
    this.fromUserId = payload.removedBy?.id;
  }
}
