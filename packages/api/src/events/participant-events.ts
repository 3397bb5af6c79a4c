import type * as v from "valibot";
import type { Api } from "../api.js";
import type { ChatParticipantRole } from "../enums/chat-participant-role.js";
import type { EnvelopeAuthor } from "../schemas/common.js";
import type {
  addedParticipantEventSchema,
  changedRoleEventSchema,
  removedParticipantEventSchema,
} from "../schemas/events.js";
import { ApiEvent } from "./api-event.js";

/**
 * Someone was added to a chat of the bot (`addChatParticipant` push).
 *
 * @example
 * router.addedChatParticipant((event) => event.api.sendMessage({ chatId: event.chatId, text: "Welcome!" }));
 */
export class AddedChatParticipant extends ApiEvent {
  /** The wire method of this event. */
  readonly method = "addChatParticipant" as const;
  readonly timestamp: number | undefined;
  readonly chatId: string;
  /** The user who joined. */
  readonly userId: string;
  /** Who added them, when the server says. */
  readonly addedBy: EnvelopeAuthor | undefined;
  constructor(api: Api, payload: v.InferOutput<typeof addedParticipantEventSchema>) {
    super(api);
    this.timestamp = payload.timestamp;
    this.chatId = payload.chatId;
    this.userId = payload.userId;
    this.addedBy = payload.addedBy;
  }
}

/**
 * Someone was removed from a chat of the bot (`removeChatParticipant` push).
 *
 * @example
 * router.removedChatParticipant((event) => console.log(event.userId, "left", event.chatId));
 */
export class RemovedChatParticipant extends ApiEvent {
  /** The wire method of this event. */
  readonly method = "removeChatParticipant" as const;
  readonly timestamp: number | undefined;
  readonly chatId: string;
  /** The user who was removed. */
  readonly userId: string;
  /** Who removed them, when the server says. */
  readonly removedBy: EnvelopeAuthor | undefined;
  constructor(api: Api, payload: v.InferOutput<typeof removedParticipantEventSchema>) {
    super(api);
    this.timestamp = payload.timestamp;
    this.chatId = payload.chatId;
    this.userId = payload.userId;
    this.removedBy = payload.removedBy;
  }
}

/**
 * A participant's role changed (`changeParticipantRole` push). Numeric roles are mapped to the role strings.
 *
 * @example
 * router.changedParticipantRole((event) => console.log(event.userId, "is now", event.role));
 */
export class ChangedParticipantRole extends ApiEvent {
  /** The wire method of this event. */
  readonly method = "changeParticipantRole" as const;
  readonly timestamp: number | undefined;
  readonly chatId: string;
  readonly userId: string;
  /** The new role. */
  readonly role: ChatParticipantRole | (string & {});
  constructor(api: Api, payload: v.InferOutput<typeof changedRoleEventSchema>) {
    super(api);
    this.timestamp = payload.timestamp;
    this.chatId = payload.chatId;
    this.userId = payload.userId;
    this.role = payload.role;
  }
}
