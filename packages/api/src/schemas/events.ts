import * as v from "valibot";
import { authorSchema, idSchema, looseBooleanSchema, nullableString, roleSchema } from "./common.js";

/*
 * Payload schemas of the server pushes other than `sendMessage` (whose envelope lives in envelope.ts) and the
 * chat-created pushes (chat.ts). Where PROTOCOL.md marks a key as unknown or disputed it is optional here.
 */

/** `editMessage` push; `messageId` is optional because neither reference client reads one. */
export const editedMessageEventSchema = v.looseObject({
  messageId: v.optional(v.string()),
  chatId: idSchema,
  timestamp: v.optional(v.number()),
  content: v.looseObject({ text: v.string(), parseMode: v.optional(v.string(), "text") }),
});

/** `removeMessage` push; `removedBy` is optional (OpenClaw treats it so). */
export const removedMessageEventSchema = v.looseObject({
  chatId: idSchema,
  messageId: idSchema,
  removedBy: v.optional(authorSchema),
});

/** `addChatParticipant` push. */
export const addedParticipantEventSchema = v.looseObject({
  timestamp: v.optional(v.number()),
  chatId: idSchema,
  userId: idSchema,
  addedBy: v.optional(authorSchema),
});

/** `removeChatParticipant` push. */
export const removedParticipantEventSchema = v.looseObject({
  timestamp: v.optional(v.number()),
  chatId: idSchema,
  userId: idSchema,
  removedBy: v.optional(authorSchema),
});

/** `changeParticipantRole` push; the role may be a string or a number. */
export const changedRoleEventSchema = v.looseObject({
  timestamp: v.optional(v.number()),
  chatId: idSchema,
  userId: idSchema,
  role: roleSchema,
});

/** `removeChat` push. */
export const removedChatEventSchema = v.looseObject({ chatId: idSchema });

/** `editChatTitle` push. */
export const editedChatTitleEventSchema = v.looseObject({ chatId: idSchema, title: v.string() });

/** `editChatAvatar` push; a removed avatar may come as `null`. */
export const editedChatAvatarEventSchema = v.looseObject({ chatId: idSchema, avatarUrl: nullableString });

/** `clearHistory` push; `forAll` is a boolean or a `"true"`/`"false"` string. */
export const clearedHistoryEventSchema = v.looseObject({
  chatId: idSchema,
  forAll: v.optional(looseBooleanSchema, false),
});

/** `uploadFileProgress` push; the id may come as `fileId` or `infoHash`. */
export const uploadProgressEventSchema = v.pipe(
  v.looseObject({ fileId: v.optional(v.string()), infoHash: v.optional(v.string()), progress: v.number() }),
  v.check((p) => typeof (p.fileId ?? p.infoHash) === "string", "fileId is required"),
);
