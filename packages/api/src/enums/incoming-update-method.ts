/**
 * The wire `method` of each server push that has its own event class.
 *
 * @example
 * if (update.method === IncomingUpdateMethod.MESSAGE) console.log("a new message");
 */
export const IncomingUpdateMethod = {
  MESSAGE: "sendMessage",
  EDITED_MESSAGE: "editMessage",
  REMOVED_MESSAGE: "removeMessage",
  ADDED_CHAT_PARTICIPANT: "addChatParticipant",
  REMOVED_CHAT_PARTICIPANT: "removeChatParticipant",
  CHANGED_PARTICIPANT_ROLE: "changeParticipantRole",
  CREATED_PERSONAL_CHAT: "createP2PChat",
  CREATED_GROUP_CHAT: "createGroupChat",
  CREATED_CHANNEL: "createChannel",
  CREATED_FAVORITES_CHAT: "createFavoritesChat",
  REMOVED_CHAT: "removeChat",
  EDITED_CHAT_TITLE: "editChatTitle",
  EDITED_CHAT_AVATAR: "editChatAvatar",
  CLEARED_CHAT_HISTORY: "clearHistory",
  CHANGED_FILE_UPLOAD_LIMITS: "getFileUploadLimits",
  UPLOADING_PROGRESS: "uploadFileProgress",
} as const;

/** One of the {@link IncomingUpdateMethod} values. */
export type IncomingUpdateMethod = (typeof IncomingUpdateMethod)[keyof typeof IncomingUpdateMethod];
