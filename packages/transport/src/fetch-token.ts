import { describeValue, invalidOption, requireDuration, resolveTlsOptions, type VerifySsl } from "@tc/core";
import { Agent, type Dispatcher, request } from "undici";
import { resolveEndpoint } from "./endpoint.js";
import { InvalidGrantError, TokenRequestError } from "./errors.js";
import { describeError } from "./logger.js";
import { checkOptionNames } from "./option-names.js";
import { timeoutSecondsBelow } from "./options.js";
import { readJwtExpiry, type TokenInfo } from "./token.js";

/** Options of `fetchToken`: the same connection options as the transport, plus the bot account. */
export interface FetchTokenOptions {
  /** Host name or IP address of the TrueConf Server. */
  server: string;
  /** TCP port; defaults to 443 with TLS and 4309 without. */
  port?: number | undefined;
  /** Use https; default true. */
  https?: boolean | undefined;
  /** Certificate checking, as for the transport; default true. */
  verifySsl?: VerifySsl | undefined;
  /** Bot account login. */
  username: string;
  /** Bot account password; never logged or put into an error. */
  password: string;
  /** Whole-request timeout in milliseconds; default 10 000 (below 100 is refused as probably meant in seconds). */
  timeout?: number | undefined;
  /** An undici dispatcher to use instead of one built from `verifySsl` (the transport passes its own). */
  httpDispatcher?: Dispatcher | undefined;
}

const optionNames = Object.keys({
  server: true,
  port: true,
  https: true,
  verifySsl: true,
  username: true,
  password: true,
  timeout: true,
  httpDispatcher: true,
} satisfies Record<keyof FetchTokenOptions, true>);

const tokenPath = "/bridge/api/client/v1/oauth/token";

/**
 * Gets a bot token with the OAuth password grant (`POST /bridge/api/client/v1/oauth/token`), honouring every
 * connection option. The expiry comes from `expires_at`, else `expires_in`, else the JWT `exp` claim.
 * Throws `InvalidGrantError` for a wrong login or password (401/403) and `TokenRequestError` for anything else.
 *
 * @example
 * const { accessToken, expiresAt } = await fetchToken({ server: "video.example.org", username: "bot", password });
 */
export async function fetchToken(options: FetchTokenOptions): Promise<TokenInfo> {
  checkOptionNames("fetchToken options", options, optionNames, {
    webport: "port",
    dispatcher: "httpDispatcher",
  });
  const endpoint = resolveEndpoint(options);
  for (const name of ["username", "password"] as const) {
    const value = options[name];
    // Described by type only: a wrong value may still be the secret.
    if (typeof value !== "string" || value === "") {
      throw invalidOption(name, `expected a non-empty string, got ${describeValue(value)}`);
    }
  }
  const timeout = requireDuration("timeout", options.timeout, 10_000, { secondsBelow: timeoutSecondsBelow });
  const ownAgent = options.httpDispatcher
    ? undefined
    : new Agent({ connect: resolveTlsOptions(options.verifySsl) });
  const url = endpoint.httpBaseUrl + tokenPath;
  try {
    let response: Dispatcher.ResponseData;
    try {
      response = await request(url, {
        method: "POST",
        dispatcher: options.httpDispatcher ?? ownAgent,
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          client_id: "chat_bot",
          grant_type: "password",
          username: options.username,
          password: options.password,
        }),
        signal: AbortSignal.timeout(timeout),
      });
    } catch (error) {
      throw new TokenRequestError(`Token request to ${url} failed: ${describeError(error)}`, undefined, {
        cause: error,
      });
    }
    const text = await response.body.text().catch(() => "");
    const status = response.statusCode;
    if (status === 401 || status === 403) throw new InvalidGrantError(status);
    const body = parseJsonObject(text);
    if (status < 200 || status > 299) {
      const reason = typeof body?.error === "string" ? ` (${body.error})` : "";
      throw new TokenRequestError(`Token endpoint ${url} answered HTTP ${status}${reason}`, status);
    }
    const accessToken = body?.access_token;
    if (typeof accessToken !== "string" || accessToken === "") {
      throw new TokenRequestError(`Token endpoint ${url} answered without an access_token`, status);
    }
    return {
      accessToken,
      tokenType: typeof body?.token_type === "string" ? body.token_type : "JWT",
      expiresAt: expiryOf(body ?? {}, accessToken),
    };
  } finally {
    await ownAgent?.close();
  }
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** `expires_at` is absolute Unix seconds (milliseconds tolerated), `expires_in` relative seconds. */
function expiryOf(body: Record<string, unknown>, accessToken: string): number | undefined {
  const { expires_at: at, expires_in: inSeconds } = body;
  if (typeof at === "number" && Number.isFinite(at) && at > 0) return at > 1e12 ? at : at * 1000;
  if (typeof inSeconds === "number" && Number.isFinite(inSeconds) && inSeconds > 0) {
    return Date.now() + inSeconds * 1000;
  }
  return readJwtExpiry(accessToken);
}
