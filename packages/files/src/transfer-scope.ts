import {
  checkOptions,
  describeValue,
  InvalidArgumentError,
  invalidOption,
  type ResolvedTlsOptions,
  requireDuration,
  resolveTlsOptions,
  TrueConfChatBotError,
  type VerifySsl,
} from "@tc/core";
import { Agent, type Dispatcher } from "undici";
import { TransferTimeoutError } from "./transfer-errors.js";

/** Inactivity limit used when a transfer gives no `timeout`, in milliseconds. */
export const DEFAULT_TIMEOUT = 30_000;

/** Connection options every transfer accepts. */
export interface TransferOptions {
  /**
   * An undici dispatcher to send through (a pooled `Agent`, a `ProxyAgent`), used as it is and never
   * closed here; `verifySsl` is then not used.
   */
  httpDispatcher?: Dispatcher;
  /** Certificate checking for the agent created when no `httpDispatcher` is given; default `true`. */
  verifySsl?: VerifySsl;
  /** Cancels the transfer; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Milliseconds without a byte moving (or a response arriving) before giving up; default 30 000. */
  timeout?: number;
}

/** The names of {@link TransferOptions}, for `checkOptions`. */
export const transferOptionKeys = ["httpDispatcher", "verifySsl", "signal", "timeout"] as const;

/**
 * `checkOptions` of `@tc/core`, and a pointer to the new name for `dispatcher`, which became
 * `httpDispatcher` (too far apart for `checkOptions` to suggest it).
 *
 * @throws InvalidArgumentError for options that are not an object or hold an unknown name.
 */
export function checkTransferOptionNames<T extends object>(
  where: string,
  options: T | undefined,
  known: readonly string[],
): T {
  if (typeof options === "object" && options !== null && Object.hasOwn(options, "dispatcher")) {
    throw new InvalidArgumentError(`${where}: unknown option "dispatcher" (did you mean "httpDispatcher"?)`);
  }
  return checkOptions(where, options, known);
}

/** {@link TransferOptions} checked and resolved: what a {@link TransferScope} is opened with. */
export interface TransferSettings {
  readonly httpDispatcher: Dispatcher | undefined;
  /** TLS options for the agent created when there is no `httpDispatcher` (a CA file already read). */
  readonly tls: ResolvedTlsOptions;
  readonly signal: AbortSignal | undefined;
  readonly timeout: number;
}

/**
 * Checks and resolves the options every transfer shares, before anything is sent or detected: the
 * timeout in milliseconds, the dispatcher, the signal, and `verifySsl` (a CA path is read here, once).
 *
 * @throws InvalidArgumentError naming the bad option.
 */
export function resolveTransferOptions(options: TransferOptions): TransferSettings {
  const { httpDispatcher, signal } = options;
  // Duck-typed: a dispatcher from another copy of undici (another package's) works as well.
  if (
    httpDispatcher !== undefined &&
    typeof (httpDispatcher as { dispatch?: unknown })?.dispatch !== "function"
  ) {
    throw invalidOption(
      "httpDispatcher",
      `expected an undici Dispatcher, got ${describeValue(httpDispatcher)}`,
    );
  }
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw invalidOption("signal", `expected an AbortSignal, got ${describeValue(signal)}`);
  }
  return {
    httpDispatcher,
    // With a dispatcher of the caller's, `verifySsl` is not used, so it is not resolved either.
    tls: httpDispatcher === undefined ? resolveTlsOptions(options.verifySsl) : {},
    signal,
    // An inactivity limit under 100 ms makes no sense for a transfer: `timeout: 30` means 30 seconds.
    timeout: requireDuration("timeout", options.timeout, DEFAULT_TIMEOUT, { secondsBelow: 100 }),
  };
}

/** Rejects an `onProgress` that is given but is not a function. */
export function checkProgressCallback(onProgress: unknown): void {
  if (onProgress !== undefined && typeof onProgress !== "function") {
    throw invalidOption("onProgress", `expected a function, got ${describeValue(onProgress)}`);
  }
}

/**
 * One transfer's resources: the dispatcher (an agent built from the resolved `verifySsl` when none is
 * given, and closed afterwards), an inactivity watchdog that aborts with {@link TransferTimeoutError},
 * and the combined abort signal handed to undici. `touch()` whenever bytes move.
 */
export class TransferScope {
  /** The dispatcher every request of this transfer goes through. */
  readonly httpDispatcher: Dispatcher;
  /** Aborts on the caller's signal or on inactivity; handed to every request. */
  readonly signal: AbortSignal;
  readonly #owned: boolean;
  readonly #userSignal: AbortSignal | undefined;
  readonly #timer: NodeJS.Timeout;
  #timeoutError: TransferTimeoutError | undefined;

  private constructor(httpDispatcher: Dispatcher, owned: boolean, settings: TransferSettings) {
    const watchdog = new AbortController();
    const { signal, timeout } = settings;
    this.httpDispatcher = httpDispatcher;
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
   * @throws the signal's reason if it is already aborted.
   */
  static open(settings: TransferSettings): TransferScope {
    settings.signal?.throwIfAborted();
    if (settings.httpDispatcher) return new TransferScope(settings.httpDispatcher, false, settings);
    return new TransferScope(new Agent({ connect: settings.tls }), true, settings);
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
    if (this.#owned) await this.httpDispatcher.destroy();
  }
}
