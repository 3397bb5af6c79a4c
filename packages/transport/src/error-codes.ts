/**
 * Every `errorCode` the protocol is known to use (PROTOCOL.md 7.2): 1xx network, 2xx authorisation, 3xx chat/API.
 *
 * @example
 * if (error.code === ErrorCode.CREDENTIALS_EXPIRED) await refreshToken();
 */
export const ErrorCode = {
  CONNECTION_ERROR: 100,
  CONNECTION_TIMEOUT: 101,
  TLS_ERROR: 102,
  UNSUPPORTED_PROTOCOL: 103,
  ROUTE_NOT_FOUND: 104,
  NOT_AUTHORIZED: 200,
  INVALID_CREDENTIALS: 201,
  USER_DISABLED: 202,
  CREDENTIALS_EXPIRED: 203,
  UNSUPPORTED_CREDENTIALS: 204,
  INTERNAL_SERVER_ERROR: 300,
  OPERATION_TIMEOUT: 301,
  ACCESS_DENIED: 302,
  NOT_ENOUGH_RIGHTS: 303,
  CHAT_NOT_FOUND: 304,
  USER_IS_NOT_CHAT_PARTICIPANT: 305,
  MESSAGE_NOT_FOUND: 306,
  UNKNOWN_MESSAGE: 307,
  FILE_NOT_FOUND: 308,
  USER_ALREADY_IN_CHAT: 309,
  FILE_UPLOAD_FAILED: 310,
  FILE_NOT_READY: 311,
  ROLE_NOT_FOUND: 312,
} as const;

/** One of the known error code values, e.g. `203`. */
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** What each known code means, for messages and logs. */
export const errorCodeDescriptions: Readonly<Record<ErrorCode, string>> = {
  100: "Connection error",
  101: "Connection timeout",
  102: "TLS/SSL error",
  103: "Unsupported protocol",
  104: "Route not found",
  200: "Not authorized",
  201: "Invalid credentials",
  202: "User disabled",
  203: "Credentials expired",
  204: "Unsupported credentials",
  300: "Internal server error",
  301: "Operation timeout",
  302: "Access denied",
  303: "Not enough rights",
  304: "Chat not found",
  305: "User is not a chat participant",
  306: "Message not found",
  307: "Unknown message",
  308: "File not found",
  309: "User already in chat",
  310: "File upload failed",
  311: "File not ready",
  312: "Role not found",
};

/**
 * The description of an error code, or `"Unknown error"` for a code the protocol does not list.
 *
 * @example
 * describeErrorCode(304); // "Chat not found"
 */
export function describeErrorCode(code: number): string {
  return (errorCodeDescriptions as Record<number, string>)[code] ?? "Unknown error";
}
