import { maxTimerDelay } from "@tc/core";
import { TokenValidationError } from "./errors.js";
import { describeError, type Logger } from "./logger.js";
import { readJwtExpiry, type TokenInfo } from "./token.js";

/** Why a token is asked for: the first connect, ahead of expiry, or after the server answered 203. */
export type TokenReason = "initial" | "expired" | "refresh";

/** Any async source of tokens (a vault, a refresh service, `fetchToken`). */
export type TokenProvider = (reason: TokenReason) => Promise<string | TokenInfo>;

/** Refresh at most this long before expiry… */
const maxRefreshLead = 60 * 60 * 1000;

/**
 * Holds the current token. With a provider it fetches lazily, shares one fetch among concurrent callers,
 * refreshes ahead of expiry (by an hour, or half the lifetime when shorter) and after `invalidate()` (a 203).
 * Each fetch is bounded by `timeout`: a provider that never settles fails that fetch, and the next `get()`
 * asks it again instead of waiting on the same dead promise forever. A bare token is returned as given and
 * cannot be refreshed.
 */
export class TokenSource {
  readonly #provider: TokenProvider | undefined;
  readonly #logger: Logger;
  readonly #timeout: number;
  #token: string | undefined;
  #refreshAt = Number.POSITIVE_INFINITY;
  #expired = false;
  #fetching: Promise<string> | undefined;
  #timer: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(source: { token: string } | { provider: TokenProvider }, logger: Logger, timeout: number) {
    this.#logger = logger;
    this.#timeout = timeout;
    if ("token" in source) {
      this.#token = source.token;
      this.#provider = undefined;
    } else {
      this.#provider = source.provider;
    }
  }

  /** Whether a rejected token can be replaced (a provider or credentials, not a bare token). */
  get refreshable(): boolean {
    return this.#provider !== undefined;
  }

  /** A token to send in `auth`: the cached one unless it is expired, due for refresh, or invalidated. */
  get(): Promise<string> {
    if (this.#token !== undefined && (!this.#provider || (!this.#expired && Date.now() < this.#refreshAt))) {
      return Promise.resolve(this.#token);
    }
    return this.#fetch(this.#token === undefined ? "initial" : this.#expired ? "expired" : "refresh");
  }

  /** The server rejected the cached token (203): the next `get()` fetches a new one. */
  invalidate(): void {
    this.#expired = true;
  }

  /** Stops the refresh timer; a fetch already running still completes but is not cached. */
  close(): void {
    this.#closed = true;
    clearTimeout(this.#timer);
  }

  #fetch(reason: TokenReason): Promise<string> {
    const provider = this.#provider;
    if (!provider) return Promise.reject(new TokenValidationError("A bare token cannot be refreshed"));
    if (this.#fetching) return this.#fetching;
    const fetching = new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        // Forget the hung call so that the next get() asks again; its late answer, if any, is dropped.
        if (this.#fetching === fetching) this.#fetching = undefined;
        reject(new Error(`the token provider gave no answer within ${this.#timeout} ms`));
      }, this.#timeout);
      let answer: Promise<string | TokenInfo>;
      try {
        answer = Promise.resolve(provider(reason));
      } catch (error) {
        answer = Promise.reject(error);
      }
      answer
        .then(normalize)
        .then(
          (info) => {
            if (this.#fetching !== fetching) return;
            if (!this.#closed) this.#store(info);
            resolve(info.accessToken);
          },
          (error: unknown) => {
            if (this.#fetching === fetching) reject(error);
          },
        )
        .finally(() => {
          clearTimeout(timer);
          if (this.#fetching === fetching) this.#fetching = undefined;
        });
    });
    this.#fetching = fetching;
    return fetching;
  }

  #store(info: TokenInfo): void {
    this.#token = info.accessToken;
    this.#expired = false;
    const now = Date.now();
    const expiresAt = info.expiresAt ?? readJwtExpiry(info.accessToken);
    this.#refreshAt =
      expiresAt === undefined
        ? Number.POSITIVE_INFINITY
        : expiresAt - Math.min(maxRefreshLead, (expiresAt - now) / 2);
    this.#logger.debug(
      expiresAt === undefined
        ? "token obtained (no known expiry)"
        : `token obtained, valid until ${iso(expiresAt)}`,
    );
    this.#schedule();
  }

  /** Fetches ahead of expiry so a reconnect never waits for the token endpoint; failures retry at connect. */
  #schedule(): void {
    clearTimeout(this.#timer);
    if (!Number.isFinite(this.#refreshAt) || this.#closed) return;
    this.#timer = setTimeout(
      () => {
        if (Date.now() < this.#refreshAt) return this.#schedule();
        this.#fetch("refresh").catch((error: unknown) =>
          this.#logger.warn(`token refresh failed, retrying at the next connect: ${describeError(error)}`),
        );
      },
      Math.max(0, Math.min(this.#refreshAt - Date.now(), maxTimerDelay)),
    );
    this.#timer.unref();
  }
}

function normalize(value: string | TokenInfo): TokenInfo {
  const info = typeof value === "string" ? { accessToken: value, tokenType: "JWT" } : value;
  if (typeof info?.accessToken !== "string" || info.accessToken === "" || /\s/.test(info.accessToken)) {
    throw new TokenValidationError("The token provider returned no usable token");
  }
  return info;
}

function iso(ms: number): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : String(ms);
}
