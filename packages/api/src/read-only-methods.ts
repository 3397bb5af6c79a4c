/**
 * The wire methods that only read: repeating one cannot change anything on the server, so `autoRetry` may send
 * it again after a lost connection or a transient server error. Every other method writes (or subscribes) and is
 * never resent: the first attempt may have been carried out.
 */
export const readOnlyMethods: ReadonlySet<string> = new Set([
  "getMessageById",
  "getChatHistory",
  "getChats",
  "getChatByID",
  "getChatParticipants",
  "getChatParticipant",
  "hasChatParticipant",
  "getUserDisplayName",
  "getFileInfo",
  "getFileUploadLimits",
]);
