import type { InputFile } from "@tc/files";
import type { FormatNode, ParseMode } from "@tc/format";
import type { CallOptions } from "./call-options.js";
import type { ChatParticipantRole } from "./enums/chat-participant-role.js";
import type { SurveyType } from "./enums/survey-type.js";

/*
 * The options object of every Api method, one named type per method, and the list of its keys that the
 * unknown-key check uses. `keysOf` makes the compiler prove each list names exactly the keys of its type.
 */

/**
 * A message text or caption: a string written in `parseMode`, or a `@tc/format` node (rendered with `parseMode`,
 * HTML when none is given).
 *
 * @example
 * await api.sendMessage({ chatId, text: Text("Build ", Bold("failed")) }); // sent as HTML
 */
export type MessageText = string | FormatNode;

/** Options of `sendMessage`. */
export interface SendMessageOptions extends CallOptions {
  chatId: string;
  /** 1-4096 visible characters under the parse mode. */
  text: MessageText;
  /** Parse mode of `text`: plain text for strings, HTML for format nodes unless given. */
  parseMode?: ParseMode;
  replyMessageId?: string | null;
}

/** Options of `replyMessage`. */
export interface ReplyMessageOptions extends CallOptions {
  chatId: string;
  /** The message to reply to. */
  messageId: string;
  text: MessageText;
  parseMode?: ParseMode;
}

/** Options of `editMessage`. */
export interface EditMessageOptions extends CallOptions {
  messageId: string;
  text: MessageText;
  parseMode?: ParseMode;
}

/** Options of `removeMessage`. */
export interface RemoveMessageOptions extends CallOptions {
  messageId: string;
  /** Remove it for everyone, not only for the bot. Default false. */
  forAll?: boolean;
}

/** Options of `forwardMessage`. */
export interface ForwardMessageOptions extends CallOptions {
  /** The chat to forward to. */
  chatId: string;
  messageId: string;
}

/** Options of `getMessageById`. */
export interface GetMessageByIdOptions extends CallOptions {
  messageId: string;
}

/** Options of `getChatHistory`. */
export interface GetChatHistoryOptions extends CallOptions {
  chatId: string;
  /** How many messages, at least 1. */
  count: number;
  /** Start from this message instead of the newest. */
  fromMessageId?: string | null;
}

/** Options of `createPersonalChat`. */
export interface CreatePersonalChatOptions extends CallOptions {
  /** A TrueConf ID; a bare login gets the server's domain. */
  userId: string;
}

/** Options of `createGroupChat`. */
export interface CreateGroupChatOptions extends CallOptions {
  /** 1-256 characters. */
  title: string;
}

/** Options of `createChannel`. */
export interface CreateChannelOptions extends CallOptions {
  /** 1-256 characters. */
  title: string;
}

/** Options of `createFavoritesChat`: the per-call options only. */
export type CreateFavoritesChatOptions = CallOptions;

/** Options of `deleteChat`. */
export interface DeleteChatOptions extends CallOptions {
  chatId: string;
}

/** Options of `getChats`. */
export interface GetChatsOptions extends CallOptions {
  /** Chats per page, at least 1. Default 10. */
  count?: number;
  /** Page number from 1. Default 1. */
  page?: number;
}

/** Options of `getChatById`. */
export interface GetChatByIdOptions extends CallOptions {
  chatId: string;
}

/** Options of `addParticipantToChat`. */
export interface AddParticipantToChatOptions extends CallOptions {
  chatId: string;
  userId: string;
  /** Show the chat's history to the new participant. Default false. */
  displayHistory?: boolean;
}

/** Options of `removeParticipantFromChat`. */
export interface RemoveParticipantFromChatOptions extends CallOptions {
  chatId: string;
  userId: string;
  /** Also clear the history for the removed user. Default false. */
  clearHistory?: boolean;
}

/** Options of `getChatParticipants`. */
export interface GetChatParticipantsOptions extends CallOptions {
  chatId: string;
  /** Participants per page, at least 1. */
  pageSize: number;
  /** Page number from 1. */
  pageNumber: number;
}

/** Options of `getChatParticipant`. */
export interface GetChatParticipantOptions extends CallOptions {
  chatId: string;
  userId: string;
}

/** Options of `hasChatParticipant`. */
export interface HasChatParticipantOptions extends CallOptions {
  chatId: string;
  userId: string;
}

/** Options of `changeParticipantRole`. */
export interface ChangeParticipantRoleOptions extends CallOptions {
  chatId: string;
  userId: string;
  role: ChatParticipantRole;
}

/** Options of `clearChatHistory`. */
export interface ClearChatHistoryOptions extends CallOptions {
  chatId: string;
  /** Clear it for everyone, not only for the bot. Default false. */
  forAll?: boolean;
}

/** Options of `editChatTitle`. */
export interface EditChatTitleOptions extends CallOptions {
  chatId: string;
  /** 1-256 characters. */
  title: string;
}

/** Options of `editChatAvatar`. */
export interface EditChatAvatarOptions extends CallOptions {
  chatId: string;
  /** The image to upload. */
  file: InputFile;
}

/** Options of `getUserDisplayName`. */
export interface GetUserDisplayNameOptions extends CallOptions {
  userId: string;
}

/** Options of `sendDocument`. */
export interface SendDocumentOptions extends CallOptions {
  chatId: string;
  file: InputFile;
  /** Text shown under the file (≤ 4096 visible characters); a string or a format node. */
  caption?: MessageText | null;
  /** Parse mode of the caption: plain text for strings, HTML for format nodes unless given. */
  parseMode?: ParseMode;
  replyMessageId?: string | null;
}

/** Options of `sendPhoto`. */
export interface SendPhotoOptions extends SendDocumentOptions {
  /** An image shown in the chat before the photo is opened. */
  preview?: InputFile | null;
}

/** Options of `sendSticker`. */
export interface SendStickerOptions extends CallOptions {
  chatId: string;
  /** An `image/webp` file. */
  file: InputFile;
  replyMessageId?: string | null;
}

/** Options of `getFileInfo`. */
export interface GetFileInfoOptions extends CallOptions {
  fileId: string;
}

/** Options of `subscribeFileProgress`. */
export interface SubscribeFileProgressOptions extends CallOptions {
  fileId: string;
}

/** Options of `unsubscribeFileProgress`. */
export interface UnsubscribeFileProgressOptions extends CallOptions {
  fileId: string;
}

/** Options of `getFileInfoUploadLimits`: the per-call options only. */
export type GetFileInfoUploadLimitsOptions = CallOptions;

/** Options of `sendSurvey`. */
export interface SendSurveyOptions extends CallOptions {
  chatId: string;
  /** 1-256 characters. */
  title: string;
  surveyCampaignId: string;
  replyMessageId?: string | null;
  /** Default `SurveyType.NON_ANONYMOUS`. */
  surveyType?: SurveyType;
}

/** Options of `editSurvey`. */
export interface EditSurveyOptions extends CallOptions {
  messageId: string;
  /** 1-256 characters. */
  title: string;
  surveyCampaignId: string;
  surveyType?: SurveyType;
}

/** Options of `downloadFileById` and `Attachment.download` that keep the file in memory. */
export interface DownloadOptions {
  /** Largest accepted download in bytes; defaults to the size the server declares. */
  maxBytes?: number;
  /** Longest wait for a file that is still uploading, in ms (defaults to the Api's `fileReadyTimeout`). */
  timeout?: number;
  /**
   * Cancels the download, whatever step it is at; it then rejects with the signal's reason (like `fetch`). The
   * progress subscription is still removed.
   */
  signal?: AbortSignal;
}

/** Options of `downloadFileById` and `Attachment.download` that write the file to disk. */
export interface DownloadToFileOptions extends Omit<DownloadOptions, "maxBytes"> {
  /** The file to write (a path to a file, not a directory). */
  destPath: string;
}

/** The own keys of an options type, without the per-call ones every method takes. */
type OwnKeys<T> = Exclude<keyof T, keyof CallOptions> & string;

/**
 * A key list that the compiler checks against `T`: every key listed exists, and none is missing.
 *
 * @example
 * const keys = keysOf<GetChatsOptions>()(["count", "page"]);
 */
function keysOf<T>() {
  return <const K extends readonly OwnKeys<T>[]>(
    keys: K & ([Exclude<OwnKeys<T>, K[number]>] extends [never] ? unknown : never),
  ): readonly string[] => keys;
}

/** The known keys of each method's options, for the unknown-key check. */
export const optionKeys = {
  sendMessage: keysOf<SendMessageOptions>()(["chatId", "text", "parseMode", "replyMessageId"]),
  replyMessage: keysOf<ReplyMessageOptions>()(["chatId", "messageId", "text", "parseMode"]),
  editMessage: keysOf<EditMessageOptions>()(["messageId", "text", "parseMode"]),
  removeMessage: keysOf<RemoveMessageOptions>()(["messageId", "forAll"]),
  forwardMessage: keysOf<ForwardMessageOptions>()(["chatId", "messageId"]),
  getMessageById: keysOf<GetMessageByIdOptions>()(["messageId"]),
  getChatHistory: keysOf<GetChatHistoryOptions>()(["chatId", "count", "fromMessageId"]),
  createPersonalChat: keysOf<CreatePersonalChatOptions>()(["userId"]),
  createGroupChat: keysOf<CreateGroupChatOptions>()(["title"]),
  createChannel: keysOf<CreateChannelOptions>()(["title"]),
  createFavoritesChat: [] as readonly string[],
  deleteChat: keysOf<DeleteChatOptions>()(["chatId"]),
  getChats: keysOf<GetChatsOptions>()(["count", "page"]),
  getChatById: keysOf<GetChatByIdOptions>()(["chatId"]),
  addParticipantToChat: keysOf<AddParticipantToChatOptions>()(["chatId", "userId", "displayHistory"]),
  removeParticipantFromChat: keysOf<RemoveParticipantFromChatOptions>()(["chatId", "userId", "clearHistory"]),
  getChatParticipants: keysOf<GetChatParticipantsOptions>()(["chatId", "pageSize", "pageNumber"]),
  getChatParticipant: keysOf<GetChatParticipantOptions>()(["chatId", "userId"]),
  hasChatParticipant: keysOf<HasChatParticipantOptions>()(["chatId", "userId"]),
  changeParticipantRole: keysOf<ChangeParticipantRoleOptions>()(["chatId", "userId", "role"]),
  clearChatHistory: keysOf<ClearChatHistoryOptions>()(["chatId", "forAll"]),
  editChatTitle: keysOf<EditChatTitleOptions>()(["chatId", "title"]),
  editChatAvatar: keysOf<EditChatAvatarOptions>()(["chatId", "file"]),
  getUserDisplayName: keysOf<GetUserDisplayNameOptions>()(["userId"]),
  sendDocument: keysOf<SendDocumentOptions>()(["chatId", "file", "caption", "parseMode", "replyMessageId"]),
  sendPhoto: keysOf<SendPhotoOptions>()([
    "chatId",
    "file",
    "preview",
    "caption",
    "parseMode",
    "replyMessageId",
  ]),
  sendSticker: keysOf<SendStickerOptions>()(["chatId", "file", "replyMessageId"]),
  getFileInfo: keysOf<GetFileInfoOptions>()(["fileId"]),
  subscribeFileProgress: keysOf<SubscribeFileProgressOptions>()(["fileId"]),
  unsubscribeFileProgress: keysOf<UnsubscribeFileProgressOptions>()(["fileId"]),
  getFileInfoUploadLimits: [] as readonly string[],
  sendSurvey: keysOf<SendSurveyOptions>()([
    "chatId",
    "title",
    "surveyCampaignId",
    "replyMessageId",
    "surveyType",
  ]),
  editSurvey: keysOf<EditSurveyOptions>()(["messageId", "title", "surveyCampaignId", "surveyType"]),
  downloadFileById: keysOf<DownloadOptions & DownloadToFileOptions>()(["maxBytes", "destPath"]),
} as const;
