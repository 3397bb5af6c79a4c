/**
 * Every place where PROTOCOL.md says the sources disagree or are silent, as a switch. The defaults are the
 * forms PROTOCOL.md recommends (mostly: what the official Python SDK can parse), so that any client that works
 * against the emulator with the defaults also works against a real server.
 *
 * @example
 * const emu = await Emulator.start({ protocol: { roleFormat: "number", forwardedContent: "flat" } });
 */
export interface ProtocolOptions {
  /** Participant roles on the wire: strings such as `"owner"` (Python SDK) or the numbers 0-6 of TrueConf's objects page. */
  roleFormat: "string" | "number";
  /** Content of a forwarded (201) message: a complete nested envelope (Python SDK) or flat `text`/`parseMode` (OpenClaw). */
  forwardedContent: "nested" | "flat";
  /** Location (203) content carries `description` besides `latitude`, `longitude` and `title`. */
  locationDescription: boolean;
  /** Which key `createGroupChat` reads the title from; `"both"` accepts `title` and `name`. */
  createGroupChatKey: "title" | "name" | "both";
  /** Expiry fields of the OAuth token response: `expires_in`, `expires_at` or both. */
  tokenExpiryFields: "both" | "expires_in" | "expires_at";
  /** Lifetime of issued tokens, in seconds (the sources say a month or a year). */
  tokenLifetimeSeconds: number;
  /** Push `getFileUploadLimits` to a session right after its `auth` succeeds. */
  pushLimitsAfterAuth: boolean;
  /** Type of `forAll` in the `clearHistory` event. */
  clearHistoryForAll: "boolean" | "string";
  /** Whether the `editMessage` event carries the `messageId` of the edited message. */
  editMessageEventHasMessageId: boolean;
  /**
   * Whether `editSurvey` pushes an `editMessage` event carrying the survey content. PROTOCOL.md describes that
   * event's content as text only (`text`, `parseMode`), and the official Python SDK cannot parse anything else
   * (the event is lost there), so it is off by default.
   */
  editSurveyEvent: boolean;
  /** Whether success payloads carry `errorCode: 0` (otherwise the key is absent). */
  successErrorCode: boolean;
  /** Whether error payloads carry an `errorDescription` text besides `errorCode`. */
  errorDescriptions: boolean;
  /** Key of the file id in `getFileInfo`: `fileId` (newer servers) or `infoHash` (older ones). */
  fileInfoIdKey: "fileId" | "infoHash";
  /** Whether the `auth` response carries `connectionId` (the Python SDK requires it). */
  authConnectionId: boolean;
  /** Whether the `auth` response's `userId` carries an instance suffix (`bot@server/80830e3b`). */
  userIdInstanceSuffix: boolean;
  /** Shape of the `getChats` payload: a bare array (real server) or `{ chats: [...] }`. */
  getChatsShape: "array" | "object";
}

/** The defaults of {@link ProtocolOptions}, as PROTOCOL.md recommends them. */
export const defaultProtocolOptions: Readonly<ProtocolOptions> = Object.freeze({
  roleFormat: "string",
  forwardedContent: "nested",
  locationDescription: false,
  createGroupChatKey: "both",
  tokenExpiryFields: "both",
  tokenLifetimeSeconds: 30 * 24 * 3600,
  pushLimitsAfterAuth: false,
  clearHistoryForAll: "boolean",
  editMessageEventHasMessageId: true,
  editSurveyEvent: false,
  successErrorCode: false,
  errorDescriptions: true,
  fileInfoIdKey: "fileId",
  authConnectionId: true,
  userIdInstanceSuffix: true,
  getChatsShape: "array",
});
