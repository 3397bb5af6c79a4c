import { TokenValidationError } from "./errors.js";
import { describeError, type Logger } from "./logger.js";
import { readJwtExpiry, type TokenInfo } from "./token.js";

/** Why a token is asked for: the first connect, ahead of expiry, or after the server answered 203. */
export type TokenReason = "initial" | "expired" | "refresh";

/** Any async source of tokens (a vault, a refresh service, `fetchToken`). */
export type TokenProvider = (reason: TokenReason) => Promise<string | TokenInfo>;

/** Longest delay `setTimeout` accepts; longer waits are done in steps. */
const maxTimerDelay = 2 ** 31 - 1;
/** Refresh at most this long before expiry… */
const maxRefreshLead = 60 * 60 * 1000;

/**
 * Holds the current token. With a provider it fetches lazily, shares one fetch among concurrent callers,
 * refreshes ahead of expiry (by an hour, or half the lifetime when shorter) and after `invalidate()` (a 203).
 * A bare token is returned as given and cannot be refreshed.
 */
export class TokenSource {
  readonly #provider: TokenProvider | undefined;
  readonly #logger: Logger;
  #token: string | undefined;
  #refreshAt = Number.POSITIVE_INFINITY;
  #expired = false;
  #fetching: Promise<string> | undefined;
  #timer: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(source: { token: string } | { provider: TokenProvider }, logger: Logger) {
    this.#logger = logger;
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
    this.#fetching ??= (async () => {
      try {
        const info = normalize(await provider(reason));
        if (!this.#closed) this.#store(info);
        return info.accessToken;
      } finally {
        this.#fetching = undefined;
      }
    })();
    return this.#fetching;
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
