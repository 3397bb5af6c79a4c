import type { Dispatcher } from "undici";
import { TrueConfChatBotError } from "./base-error.js";
import { TransferOptionsError, TransferTimeoutError } from "./transfer-errors.js";
import { agentForVerifySsl, type VerifySsl } from "./verify-ssl.js";

/** Inactivity limit used when a transfer gives no `timeout`, in milliseconds. */
export const DEFAULT_TIMEOUT = 30_000;

/** Whether a value is usable as a timeout: a positive, finite number of milliseconds. */
export function isValidTimeout(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value) && value > 0;
}

/**
 * Checks the options every transfer shares before anything is sent or detected.
 *
 * @throws TransferOptionsError naming the function (`owner`) and the bad option.
 */
export function assertCommonTransferOptions(
  options: TransferOptions & { onProgress?: unknown },
  owner: string,
): void {
  if (options.timeout !== undefined && !isValidTimeout(options.timeout)) {
    throw new TransferOptionsError(`${owner}: timeout must be a positive number of milliseconds`);
  }
  if (options.signal !== undefined && !(options.signal instanceof AbortSignal)) {
    throw new TransferOptionsError(`${owner}: signal must be an AbortSignal`);
  }
  if (options.onProgress !== undefined && typeof options.onProgress !== "function") {
    throw new TransferOptionsError(`${owner}: onProgress must be a function`);
  }
}

/** Connection options every transfer accepts. */
export interface TransferOptions {
  /** An undici dispatcher to send through (connection pooling, proxies); `verifySsl` is then not used. */
  dispatcher?: Dispatcher;
  /** Certificate checking for the agent created when no `dispatcher` is given; default `true`. */
  verifySsl?: VerifySsl;
  /** Cancels the transfer; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Milliseconds without a byte moving (or a response arriving) before giving up; default 30 000. */
  timeout?: number;
}

/**
 * One transfer's resources: the dispatcher (created from `verifySsl` when none is given, and closed
 * afterwards), an inactivity watchdog that aborts with {@link TransferTimeoutError}, and the combined
 * abort signal handed to undici. `touch()` whenever bytes move.
 */
export class TransferScope {
  /** The dispatcher every request of this transfer goes through. */
  readonly dispatcher: Dispatcher;
  /** Aborts on the caller's signal or on inactivity; handed to every request. */
  readonly signal: AbortSignal;
  readonly #owned: boolean;
  readonly #userSignal: AbortSignal | undefined;
  readonly #timer: NodeJS.Timeout;
  #timeoutError: TransferTimeoutError | undefined;

  private constructor(
    dispatcher: Dispatcher,
    owned: boolean,
    signal: AbortSignal | undefined,
    timeout: number,
  ) {
    const watchdog = new AbortController();
    this.dispatcher = dispatcher;
    this.#owned = owned;
    this.#userSignal = signal;
    this.signal = signal ? AbortSignal.any([signal, watchdog.signal]) : watchdog.signal;
    this.#timer = setTimeout(() => {
      this.#timeoutError = new TransferTimeoutError(timeout);
      watchdog.abort(this.#timeoutError);
    }, timeout);
  }

  /**
   * Creates the dispatcher when none is given and starts the watchdog.
   *
   * Options are validated by the caller ({@link assertCommonTransferOptions}) before anything else.
   *
   * @throws TransferOptionsError for a bad verifySsl; the signal's reason if it is already aborted.
   */
  static async open(options: TransferOptions): Promise<TransferScope> {
    const timeout = options.timeout ?? DEFAULT_TIMEOUT;
    options.signal?.throwIfAborted();
    if (options.dispatcher) return new TransferScope(options.dispatcher, false, options.signal, timeout);
    return new TransferScope(await agentForVerifySsl(options.verifySsl), true, options.signal, timeout);
  }

  /** Bytes moved: restart the inactivity countdown. */
  touch(): void {
    this.#timer.refresh();
  }

  /**
   * The error to surface for a failure inside the transfer: the timeout, the caller's abort reason, an
   * SDK error as it is, or anything else wrapped by `wrap` (a network error, say).
   */
  failure(error: unknown, wrap: (message: string, cause: unknown) => Error): unknown {
    if (this.#timeoutError) return this.#timeoutError;
    if (this.#userSignal?.aborted) return this.#userSignal.reason;
    if (error instanceof TrueConfChatBotError) return error;
    return wrap(error instanceof Error ? error.message : String(error), error);
  }

  /** Stops the watchdog and tears down the dispatcher if this scope created it (nothing else uses it). */
  async close(): Promise<void> {
    clearTimeout(this.#timer);
    if (this.#owned) await this.dispatcher.destroy();
  }
}
