import { checkOptions, requireDuration, requireInteger, TrueConfChatBotError } from "@tc/core";
import { ApiErrorException, ErrorCode } from "@tc/transport";
import { abortableDelay } from "./abortable-delay.js";
import type { ApiTransformer } from "./api-transformer.js";
import { readOnlyMethods } from "./read-only-methods.js";

/** Options of {@link autoRetry}. */
export interface AutoRetryOptions {
  /** Retries after the first attempt. Default 3. */
  maxRetries?: number;
  /** Wait before the first retry, in ms; it doubles with each retry. Default 200. */
  baseDelay?: number;
  /** Longest wait between two attempts, in ms. Default 5 000. */
  maxDelay?: number;
}

/** Server error codes that say "try again": the request failed on the server's side, not because of its content. */
const transientCodes: ReadonlySet<number> = new Set([
  ErrorCode.INTERNAL_SERVER_ERROR,
  ErrorCode.OPERATION_TIMEOUT,
]);

/**
 * Whether a failure is worth another attempt: a lost connection (`ConnectionLostError`, and every SDK error that
 * says `retryable`), or a transient server error (300 internal error, 301 operation timeout).
 */
function isTransient(error: unknown): boolean {
  if (error instanceof ApiErrorException) return transientCodes.has(error.code);
  return error instanceof TrueConfChatBotError && (error as { retryable?: unknown }).retryable === true;
}

/**
 * Outgoing middleware that resends READ-ONLY requests (`get*`, `hasChatParticipant`) when the connection was lost
 * before the answer came, or the server answered 300/301, waiting `baseDelay`, then twice as long each time (up to
 * `maxDelay`). Writes (`sendMessage`, `removeChat`, …) are never resent: the server may have carried out the
 * first attempt. The call's `signal` ends the waiting; its `timeout` bounds each attempt.
 *
 * @example
 * api.use(autoRetry({ maxRetries: 5, baseDelay: 500 }));
 * const chats = await api.getChats(); // survives a reconnect
 */
export function autoRetry(options: AutoRetryOptions = {}): ApiTransformer {
  const o = checkOptions("autoRetry options", options, ["maxRetries", "baseDelay", "maxDelay"]);
  const maxRetries = requireInteger("maxRetries", o.maxRetries, 3, { max: 100 });
  const baseDelay = requireDuration("baseDelay", o.baseDelay, 200, { allowZero: true });
  const maxDelay = requireDuration("maxDelay", o.maxDelay, Math.max(5_000, baseDelay), { allowZero: true });
  return async (call, next) => {
    if (!readOnlyMethods.has(call.method)) return next(call);
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await next(call);
      } catch (error) {
        if (attempt >= maxRetries || !isTransient(error) || call.options?.signal?.aborted) throw error;
      }
      await abortableDelay(Math.min(maxDelay, baseDelay * 2 ** attempt), call.options?.signal);
    }
  };
}
