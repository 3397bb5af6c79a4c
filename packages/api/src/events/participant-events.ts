import type * as v from "valibot";
import type { Api } from "../api.js";
import type { ChatParticipantRole } from "../enums/chat-participant-role.js";
import type { EnvelopeAuthor } from "../schemas/common.js";
import type {
  addedParticipantEventSchema,
  changedRoleEventSchema,
  removedParticipantEventSchema,
} from "../schemas/events.js";
import { ApiEvent, type PushOrigin } from "./api-event.js";

/**
 * Someone was added to a chat of the bot (`addChatParticipant` push).
 *
 * @example
 * router.addedChatParticipant((event) => event.api.sendMessage({ chatId: event.chatId, text: "Welcome!" }));
 */
export class AddedChatParticipant<B extends Api = Api> extends ApiEvent<B> {
  /** The wire method of this event. */
  readonly method = "addChatParticipant" as const;
  readonly timestamp: number | undefined;
  readonly chatId: string;
  /** The user who joined. */
  readonly userId: string;
  /** Who added them, when the server says. */
  readonly addedBy: EnvelopeAuthor | undefined;
  /** Who added them (`addedBy.id`), when the server says. */
  readonly fromUserId: string | undefined;
  constructor(api: B, payload: v.InferOutput<typeof addedParticipantEventSchema>, origin?: PushOrigin) {
    super(api, origin);
    this.timestamp = payload.timestamp;
    this.chatId = payload.chatId;
    this.userId = payload.userId;
    this.addedBy = payload.addedBy;
    this.fromUserId = payload.addedBy?.id;
  }
}

/**
 * Someone was removed from a chat of the bot (`removeChatParticipant` push).
 *
 * @example
 * router.removedChatParticipant((event) => console.log(event.userId, "left", event.chatId));
 */
export class RemovedChatParticipant<B extends Api = Api> extends ApiEvent<B> {
  /** The wire method of this event. */
  readonly method = "removeChatParticipant" as const;
  readonly timestamp: number | undefined;
  readonly chatId: string;
  /** The user who was removed. */
  readonly userId: string;
  /** Who removed them, when the server says. */
  readonly removedBy: EnvelopeAuthor | undefined;
  /** Who removed them (`removedBy.id`), when the server says. */
  readonly fromUserId: string | undefined;
  constructor(api: B, payload: v.InferOutput<typeof removedParticipantEventSchema>, origin?: PushOrigin) {
    super(api, origin);
    this.timestamp = payload.timestamp;
    this.chatId = payload.chatId;
    this.userId = payload.userId;
    this.removedBy = payload.removedBy;
    this.fromUserId = payload.removedBy?.id;
  }
}

/**
 * A participant's role changed (`changeParticipantRole` push). Numeric roles are mapped to the role strings.
 *
 * @example
 * router.changedParticipantRole((event) => console.log(event.userId, "is now", event.role));
 */
export class ChangedParticipantRole<B extends Api = Api> extends ApiEvent<B> {
  /** The wire method of this event. */
  readonly method = "changeParticipantRole" as const;
  /** The server does not say who changed the role. */
  readonly fromUserId: undefined = undefined;
  readonly timestamp: number | undefined;
  readonly chatId: string;
  readonly userId: string;
  /** The new role. */
  readonly role: ChatParticipantRole | (string & {});
  constructor(api: B, payload: v.InferOutput<typeof changedRoleEventSchema>, origin?: PushOrigin) {
    super(api, origin);
    this.timestamp = payload.timestamp;
    this.chatId = payload.chatId;
    this.userId = payload.userId;
    this.role = payload.role;
  }
}
