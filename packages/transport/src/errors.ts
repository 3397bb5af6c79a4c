import { TrueConfChatBotError } from "@tc/core";
import { describeErrorCode } from "./error-codes.js";

/**
 * The server answered a request with a non-zero `errorCode`.
 *
 * @example
 * try { await transport.request("getChatByID", { chatId }); }
 * catch (e) { if (e instanceof ApiErrorException && e.code === ErrorCode.CHAT_NOT_FOUND) … }
 */
export class ApiErrorException extends TrueConfChatBotError {
  /** The server's `errorCode`. */
  readonly code: number;
  /** Human-readable description: the server's `errorDescription` when sent, else the known meaning of the code. */
  readonly detail: string;
  /** The whole error payload as the server sent it. */
  readonly payload: Record<string, unknown>;
  constructor(code: number, detail?: string, payload: Record<string, unknown> = {}) {
    const text = detail ?? describeErrorCode(code);
    super(`[${code}] ${text}`);
    this.code = code;
    this.detail = text;
    this.payload = payload;
  }
}

/**
 * The request had been written to a connection that dropped before its response arrived. The server may or may
 * not have executed it, so it is never resent silently; retry it yourself when the method is safe to repeat.
 */
export class ConnectionLostError extends TrueConfChatBotError {
  /** Always true: the caller may retry once the connection is back. */
  readonly retryable = true;
  /** The method of the request that was lost. */
  readonly method: string;
  constructor(method: string, reason: string) {
    super(
      `Connection lost while waiting for the response to ${method} (${reason}); it may or may not have run`,
    );
    this.method = method;
  }
}

/**
 * No response arrived within the request's timeout (which also bounds waiting for the connection). `written`
 * tells whether it ever reached the socket: false means it waited for an authorised connection the whole time
 * and never left the client; true with `awaitingResend` means the server refused it with 203 (token expired,
 * so it did not run) and it timed out waiting to be resent after re-authorising.
 */
export class RequestTimeoutError extends TrueConfChatBotError {
  /** The method of the request that timed out. */
  readonly method: string;
  /** The timeout that elapsed, in milliseconds. */
  readonly timeout: number;
  /** Whether the request had been written to a socket at least once. */
  readonly written: boolean;
  /** Whether it was waiting for its one resend after a 203 when the time ran out. */
  readonly awaitingResend: boolean;
  constructor(method: string, timeout: number, written: boolean, awaitingResend = false) {
    super(
      !written
        ? `Request to ${method} timed out after ${timeout} ms waiting for an authorised connection; it was never sent`
        : awaitingResend
          ? `Request to ${method} timed out after ${timeout} ms waiting to be resent after re-authorisation; the server had refused it with 203 (token expired), so it did not run`
          : `Request to ${method} timed out after ${timeout} ms`,
    );
    this.method = method;
    this.timeout = timeout;
    this.written = written;
    this.awaitingResend = awaitingResend;
  }
}

/** The caller's `AbortSignal` fired before the request settled; `cause` holds the signal's reason. */
export class RequestAbortedError extends TrueConfChatBotError {
  /** The method of the aborted request. */
  readonly method: string;
  constructor(method: string, reason: unknown) {
    super(`Request to ${method} was aborted`, { cause: reason });
    this.method = method;
  }
}

/** The transport was stopped (by `stop()` or by a fatal error, given as `cause`) before the call could finish. */
export class ClientStoppedError extends TrueConfChatBotError {
  constructor(message = "The transport is stopped", options?: ErrorOptions) {
    super(message, options);
  }
}

/**
 * `stop({ deadline })` ran out of time before this request settled. `written` tells whether it had reached the
 * server (it may then have run; its answer was not awaited) or was still waiting for a connection (never sent).
 *
 * @example
 * await transport.stop({ deadline: 5_000 }); // requests still open after 5 s reject with StopDeadlineError
 */
export class StopDeadlineError extends ClientStoppedError {
  /** The method of the request that was cut off. */
  readonly method: string;
  /** The deadline given to `stop()`, in milliseconds. */
  readonly deadline: number;
  /** Whether the request had been written to the socket (it may have run). */
  readonly written: boolean;
  constructor(method: string, deadline: number, written: boolean) {
    super(
      written
        ? `${method} was not answered within the stop deadline of ${deadline} ms; it was sent and may have run`
        : `${method} was not sent within the stop deadline of ${deadline} ms`,
    );
    this.method = method;
    this.deadline = deadline;
    this.written = written;
  }
}

/** The server could not be reached `wsMaxRetries + 1` times in a row; `cause` is the last failure. */
export class ConnectionFailedError extends TrueConfChatBotError {
  /** How many consecutive attempts failed. */
  readonly attempts: number;
  constructor(url: string, attempts: number, lastReason: string, options?: ErrorOptions) {
    super(
      `Could not connect to ${url} after ${attempts} consecutive attempts; last failure: ${lastReason}`,
      options,
    );
    this.attempts = attempts;
  }
}

/** A token failed local validation (shape, JSON, `exp` in the future). The token itself is never included. */
export class TokenValidationError extends TrueConfChatBotError {}

/** The token endpoint rejected the username or password (HTTP 401/403). */
export class InvalidGrantError extends TrueConfChatBotError {
  /** The HTTP status of the answer. */
  readonly status: number;
  constructor(status: number) {
    super(`Invalid username or password (HTTP ${status} from the token endpoint)`);
    this.status = status;
  }
}

/** Getting a token failed for any other reason: a non-2xx status, a malformed answer, or a network error. */
export class TokenRequestError extends TrueConfChatBotError {
  /** The HTTP status, or undefined when no answer arrived. */
  readonly status: number | undefined;
  constructor(message: string, status?: number, options?: ErrorOptions) {
    super(message, options);
    this.status = status;
  }
}
