import * as v from "valibot";
import { chatSchema } from "./chat.js";
import { idSchema, nullableString, roleSchema } from "./common.js";
import { envelopeSchema } from "./envelope.js";

/*
 * One schema per response payload, and each result type inferred from its schema. `v.object` accepts extra keys
 * (such as `errorCode: 0`) and leaves them out of the output, which keeps only the documented fields, camelCase
 * as on the wire.
 */

/** `sendMessage`, `forwardMessage`, `sendSurvey`. */
export const sentMessageSchema = v.object({ chatId: idSchema, messageId: idSchema, timestamp: v.number() });
/** Result of `sendMessage` / `replyMessage`. */
export type SendMessageResponse = v.InferOutput<typeof sentMessageSchema>;
/** Result of `forwardMessage`. */
export type ForwardMessageResponse = SendMessageResponse;
/** Result of `sendSurvey`. */
export type SendSurveyResponse = SendMessageResponse;

/** `editMessage`, `editSurvey`. */
export const editedMessageResponseSchema = v.object({ messageId: idSchema, timestamp: v.number() });
/** Result of `editMessage`. */
export type EditMessageResponse = v.InferOutput<typeof editedMessageResponseSchema>;
/** Result of `editSurvey`. */
export type EditSurveyResponse = EditMessageResponse;

/** Methods that answer with nothing but success (`{}`). */
export const emptySchema = v.object({});
/** Result of methods the server answers with an empty object (`removeMessage`, `removeChat`, …). */
export type EmptyResponse = v.InferOutput<typeof emptySchema>;

/** `createP2PChat`, `createGroupChat`, `createChannel`, `createFavoritesChat`. */
export const chatIdSchema = v.object({ chatId: idSchema });
/** Result of the chat-creating methods. */
export type CreateChatResponse = v.InferOutput<typeof chatIdSchema>;

/** `getChatHistory`. */
export const chatHistorySchema = v.pipe(
  v.looseObject({
    count: v.optional(v.number()),
    chatId: idSchema,
    messages: v.optional(v.array(envelopeSchema), []),
  }),
  v.transform(({ count, chatId, messages }) => ({ count: count ?? messages.length, chatId, messages })),
);

/** `getChats`: a bare array (real server) or `{ chats: [...] }` (also accepted by the Python SDK). */
export const chatsSchema = v.pipe(
  v.union([v.array(chatSchema), v.object({ chats: v.array(chatSchema) })]),
  v.transform((value) => ({ chats: Array.isArray(value) ? value : value.chats })),
);
/** Result of `getChats`. */
export type GetChatsResponse = v.InferOutput<typeof chatsSchema>;

/** `getChatParticipants`. */
export const participantsSchema = v.object({
  participants: v.array(v.object({ userId: idSchema, role: roleSchema })),
});
/** Result of `getChatParticipants`. `role` is a `ChatParticipantRole` (or a newer server's string). */
export type GetChatParticipantsResponse = v.InferOutput<typeof participantsSchema>;

/** `getChatParticipant`. */
export const participantSchema = v.object({
  userId: idSchema,
  role: roleSchema,
  type: v.optional(v.number(), 1),
});
/** Result of `getChatParticipant`; `type` is an `EnvelopeAuthorType`. */
export type GetChatParticipantResponse = v.InferOutput<typeof participantSchema>;

/** `hasChatParticipant`, `subscribeFileProgress`, `unsubscribeFileProgress`. */
export const resultFlagSchema = v.object({ result: v.boolean() });
/** Result of `hasChatParticipant` and the file-progress subscriptions. */
export type ResultResponse = v.InferOutput<typeof resultFlagSchema>;

/** `editChatTitle`. */
export const editChatTitleSchema = v.object({ chatId: idSchema, timestamp: v.optional(v.number()) });
/** Result of `editChatTitle`. */
export type EditChatTitleResponse = v.InferOutput<typeof editChatTitleSchema>;

/** `getUserDisplayName`. */
export const displayNameSchema = v.object({ displayName: v.string() });
/** Result of `getUserDisplayName`. */
export type GetUserDisplayNameResponse = v.InferOutput<typeof displayNameSchema>;

/** `uploadFile` (the WebSocket half of an upload). */
export const uploadTaskSchema = v.object({ uploadTaskId: idSchema });

/** `sendFile`. */
export const sentFileSchema = v.object({
  chatId: idSchema,
  messageId: idSchema,
  timestamp: v.number(),
  fileId: nullableString,
});
/** Result of `sendDocument`, `sendPhoto`, `sendSticker`. */
export type SendFileResponse = v.InferOutput<typeof sentFileSchema>;

const previewSchema = v.object({
  name: v.optional(v.string(), ""),
  size: v.optional(v.number(), 0),
  mimeType: v.optional(v.string(), ""),
  downloadUrl: nullableString,
});

/** `getFileInfo`; the file id is read from `fileId` (newer servers) or `infoHash` (older ones). */
export const fileInfoSchema = v.pipe(
  v.looseObject({
    name: v.string(),
    size: v.number(),
    mimeType: v.optional(v.string(), ""),
    readyState: v.pipe(v.number(), v.integer()),
    fileId: v.optional(v.string()),
    infoHash: v.optional(v.string()),
    downloadUrl: nullableString,
    previews: v.nullish(v.array(previewSchema)),
  }),
  v.check((f) => typeof (f.fileId ?? f.infoHash) === "string", "fileId or infoHash is required"),
  v.transform(({ name, size, mimeType, readyState, fileId, infoHash, downloadUrl, previews }) => ({
    name,
    size,
    mimeType,
    /** A `FileReadyState` value. */
    readyState,
    fileId: (fileId ?? infoHash) as string,
    downloadUrl,
    previews: previews ?? null,
  })),
);
/** Result of `getFileInfo`. `downloadUrl` is `null` until the file is READY. */
export type GetFileInfoResponse = v.InferOutput<typeof fileInfoSchema>;
/** One preview image of a file. */
export type FilePreview = NonNullable<GetFileInfoResponse["previews"]>[number];

/** `getFileUploadLimits` (response and push): `null` means "no limit" / "no filter". */
export const uploadLimitsSchema = v.pipe(
  v.looseObject({
    maxSize: v.nullish(v.number()),
    extensions: v.nullish(v.object({ mode: v.picklist(["allow", "block"]), list: v.array(v.string()) })),
  }),
  v.transform(({ maxSize, extensions }) => ({ maxSize: maxSize ?? null, extensions: extensions ?? null })),
);
/** Result of `getFileInfoUploadLimits`: the administrator's upload limits. */
export type GetFileUploadLimitsResponse = v.InferOutput<typeof uploadLimitsSchema>;
