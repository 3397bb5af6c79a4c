import type * as v from "valibot";
import type { Api } from "../api.js";
import type {
  clearedHistoryEventSchema,
  editedChatAvatarEventSchema,
  editedChatTitleEventSchema,
  removedChatEventSchema,
} from "../schemas/events.js";
import { ApiEvent } from "./api-event.js";

/**
 * A chat of the bot was removed (`removeChat` push).
 *
 * @example
 * router.removedChat((event) => cache.delete(event.chatId));
 */
export class RemovedChat extends ApiEvent {
  /** The wire method of this event. */
  readonly method = "removeChat" as const;
  readonly chatId: string;
  constructor(api: Api, payload: v.InferOutput<typeof removedChatEventSchema>) {
    super(api);
    this.chatId = payload.chatId;
  }
}

/**
 * A chat was renamed (`editChatTitle` push).
 *
 * @example
 * router.editedChatTitle((event) => console.log(event.chatId, "is now", event.title));
 */
export class EditedChatTitle extends ApiEvent {
  /** The wire method of this event. */
  readonly method = "editChatTitle" as const;
  readonly chatId: string;
  readonly title: string;
  constructor(api: Api, payload: v.InferOutput<typeof editedChatTitleEventSchema>) {
    super(api);
    this.chatId = payload.chatId;
    this.title = payload.title;
  }
}

/**
 * A chat's avatar changed (`editChatAvatar` push); `avatarUrl` is `null` when it was removed.
 *
 * @example
 * router.editedChatAvatar((event) => console.log(event.avatarUrl));
 */
export class EditedChatAvatar extends ApiEvent {
  /** The wire method of this event. */
  readonly method = "editChatAvatar" as const;
  readonly chatId: string;
  readonly avatarUrl: string | null;
  constructor(api: Api, payload: v.InferOutput<typeof editedChatAvatarEventSchema>) {
    super(api);
    this.chatId = payload.chatId;
    this.avatarUrl = payload.avatarUrl;
  }
}

/**
 * A chat's history was cleared (`clearHistory` push), for everyone when `forAll`.
 *
 * @example
 * router.clearedChatHistory((event) => console.log(event.chatId, event.forAll));
 */
export class ClearedChatHistory extends ApiEvent {
  /** The wire method of this event. */
  readonly method = "clearHistory" as const;
  readonly chatId: string;
  /** Read from a boolean or a `"true"`/`"false"` string. */
  readonly forAll: boolean;
  constructor(api: Api, payload: v.InferOutput<typeof clearedHistoryEventSchema>) {
    super(api);
    this.chatId = payload.chatId;
    this.forAll = payload.forAll;
  }
}
