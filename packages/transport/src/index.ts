// Shared with every @tc package; re-exported so that code written against the transport alone keeps working.
export {
  InvalidArgumentError,
  LimitExceededError,
  TrueConfChatBotError,
  type VerifySsl,
} from "@tc/core";
export { Backoff } from "./backoff.js";
export { describeErrorCode, ErrorCode, errorCodeDescriptions } from "./error-codes.js";
export {
  ApiErrorException,
  ClientStoppedError,
  ConnectionFailedError,
  ConnectionLostError,
  InvalidGrantError,
  RequestAbortedError,
  RequestTimeoutError,
  StopDeadlineError,
  TokenRequestError,
  TokenValidationError,
} from "./errors.js";
export { type FetchTokenOptions, fetchToken } from "./fetch-token.js";
export { ConnectionState, type HealthStatus } from "./health.js";
export type { Logger } from "./logger.js";
export type { TransportOptions } from "./options.js";
export { readJwtExpiry, type TokenInfo, validateToken } from "./token.js";
export type { TokenProvider, TokenReason } from "./token-source.js";
export {
  type RequestOptions,
  type ServerUpdate,
  type Session,
  type StopOptions,
  Transport,
  type TransportEvents,
} from "./transport.js";
