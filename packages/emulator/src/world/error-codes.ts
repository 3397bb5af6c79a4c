/**
 * The wire error codes the world answers with (PROTOCOL.md 7.2). Only the 3xx codes that concern the world are
 * listed; authorisation codes (2xx) belong to the server side.
 *
 * @example
 * if (result.errorCode === WorldErrorCode.CHAT_NOT_FOUND) { … }
 */
export const WorldErrorCode = {
  /** Malformed input: a missing key, a wrong type, an unknown method (the server's "internal error" code). */
  MALFORMED: 300,
  ACCESS_DENIED: 302,
  NOT_ENOUGH_RIGHTS: 303,
  CHAT_NOT_FOUND: 304,
  NOT_A_PARTICIPANT: 305,
  MESSAGE_NOT_FOUND: 306,
  FILE_NOT_FOUND: 308,
  ALREADY_IN_CHAT: 309,
  UPLOAD_REJECTED: 310,
  FILE_NOT_READY: 311,
  ROLE_NOT_FOUND: 312,
} as const;

/** One of the {@link WorldErrorCode} values. */
export type WorldErrorCode = (typeof WorldErrorCode)[keyof typeof WorldErrorCode];
