import type * as v from "valibot";
import type { Api } from "../api.js";
import type { EnvelopeAuthor } from "../schemas/common.js";
import type { editedMessageEventSchema, removedMessageEventSchema } from "../schemas/events.js";
import { ApiEvent } from "./api-event.js";

/**
 * A message in a chat of the bot was edited (`editMessage` push).
 *
 * @example
 * router.editedMessage((event) => console.log(event.chatId, event.content.text));
 */
export class EditedMessage extends ApiEvent {
  /** The wire method of this event. */
  readonly method = "editMessage" as const;
  /** The edited message, when the server names it (not every source shows it). */
  readonly messageId: string | undefined;
  readonly chatId: string;
  /** Unix time in milliseconds, when sent. */
  readonly timestamp: number | undefined;
  /** The new text and its parse mode. */
  readonly content: { readonly text: string; readonly parseMode: string };
  constructor(api: Api, payload: v.InferOutput<typeof editedMessageEventSchema>) {
    super(api);
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
export class RemovedMessage extends ApiEvent {
  /** The wire method of this event. */
  readonly method = "removeMessage" as const;
  readonly chatId: string;
  readonly messageId: string;
  /** Who removed it, when the server says. */
  readonly removedBy: EnvelopeAuthor | undefined;
  constructor(api: Api, payload: v.InferOutput<typeof removedMessageEventSchema>) {
    super(api);
    this.chatId = payload.chatId;
    this.messageId = payload.messageId;
    this.removedBy = payload.removedBy;
  }
}
