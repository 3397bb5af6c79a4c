export { Backoff } from "./backoff.js";
export { describeErrorCode, ErrorCode, errorCodeDescriptions } from "./error-codes.js";
export {
  ApiErrorException,
  ClientStoppedError,
  ConnectionFailedError,
  ConnectionLostError,
  InvalidArgumentError,
  InvalidGrantError,
  RequestAbortedError,
  RequestTimeoutError,
  TokenRequestError,
  TokenValidationError,
  TrueConfChatBotError,
} from "./errors.js";
export { type FetchTokenOptions, fetchToken } from "./fetch-token.js";
export { ConnectionState, type HealthStatus } from "./health.js";
export type { Logger } from "./logger.js";
export type { TransportOptions } from "./options.js";
export type { VerifySsl } from "./tls-options.js";
export { readJwtExpiry, type TokenInfo, validateToken } from "./token.js";
export type { TokenProvider, TokenReason } from "./token-source.js";
export {
  type RequestOptions,
  type ServerUpdate,
  type Session,
  Transport,
  type TransportEvents,
} from "./transport.js";
