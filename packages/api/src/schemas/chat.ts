import * as v from "valibot";
import { idSchema, nullableString } from "./common.js";
import { lastMessageSchema } from "./envelope.js";

/**
 * A chat object (`getChatByID`, items of `getChats`, payload of the chat-created events). `title` may be `null`
 * (Favorites), `avatarUrl` and `lastMessage` may be missing; both are read as `null`.
 */
export const chatSchema = v.object({
  chatId: idSchema,
  title: nullableString,
  /** A {@link ChatType} value. */
  chatType: v.pipe(v.number(), v.integer()),
  unreadMessages: v.optional(v.number(), 0),
  avatarUrl: nullableString,
  lastMessage: v.optional(lastMessageSchema, null),
});

/** A chat as the server describes it. `chatType` is a `ChatType` value. */
export type Chat = v.InferOutput<typeof chatSchema>;
