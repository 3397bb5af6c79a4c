import type * as v from "valibot";
import type { Api } from "../api.js";
import type {
  clearedHistoryEventSchema,
  editedChatAvatarEventSchema,
  editedChatTitleEventSchema,
  removedChatEventSchema,
} from "../schemas/events.js";
import { ApiEvent, type PushOrigin } from "./api-event.js";

/**
 * A chat of the bot was removed (`removeChat` push).
 *
 * @example
 * router.removedChat((event) => cache.delete(event.chatId));
 */
export class RemovedChat<B extends Api = Api> extends ApiEvent<B> {
  /** The wire method of this event. */
  readonly method = "removeChat" as const;
  readonly chatId: string;
  /** The server does not say who did it. */
  readonly fromUserId: undefined = undefined;
  constructor(api: B, payload: v.InferOutput<typeof removedChatEventSchema>, origin?: PushOrigin) {
    super(api, origin);
    this.chatId = payload.chatId;
  }
}

/**
 * A chat was renamed (`editChatTitle` push).
 *
 * @example
 * router.editedChatTitle((event) => console.log(event.chatId, "is now", event.title));
 */
export class EditedChatTitle<B extends Api = Api> extends ApiEvent<B> {
  /** The wire method of this event. */
  readonly method = "editChatTitle" as const;
  readonly chatId: string;
  /** The server does not say who did it. */
  readonly fromUserId: undefined = undefined;
  readonly title: string;
  constructor(api: B, payload: v.InferOutput<typeof editedChatTitleEventSchema>, origin?: PushOrigin) {
    super(api, origin);
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
export class EditedChatAvatar<B extends Api = Api> extends ApiEvent<B> {
  /** The wire method of this event. */
  readonly method = "editChatAvatar" as const;
  readonly chatId: string;
  /** The server does not say who did it. */
  readonly fromUserId: undefined = undefined;
  readonly avatarUrl: string | null;
  constructor(api: B, payload: v.InferOutput<typeof editedChatAvatarEventSchema>, origin?: PushOrigin) {
    super(api, origin);
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
export class ClearedChatHistory<B extends Api = Api> extends ApiEvent<B> {
  /** The wire method of this event. */
  readonly method = "clearHistory" as const;
  readonly chatId: string;
  /** The server does not say who did it. */
  readonly fromUserId: undefined = undefined;
  /** Read from a boolean or a `"true"`/`"false"` string. */
  readonly forAll: boolean;
  constructor(api: B, payload: v.InferOutput<typeof clearedHistoryEventSchema>, origin?: PushOrigin) {
    super(api, origin);
    this.chatId = payload.chatId;
    this.forAll = payload.forAll;
  }
}
