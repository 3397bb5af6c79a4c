import {
  describeValue,
  InvalidArgumentError,
  invalidOption,
  type ResolvedTlsOptions,
  requireBoolean,
  requireDuration,
  resolveTlsOptions,
  type VerifySsl,
} from "@tc/core";
import { type Endpoint, resolveEndpoint } from "./endpoint.js";
import { guardLogger, type Logger, silentLogger } from "./logger.js";
import { checkOptionNames } from "./option-names.js";
import { validateToken } from "./token.js";
import type { TokenProvider } from "./token-source.js";

/** Everything a `Transport` can be configured with. Give exactly one of `token`, `tokenProvider`, `credentials`. */
export interface TransportOptions {
  /** Host name or IP address of the TrueConf Server, without scheme or path. */
  server: string;
  /** TCP port; defaults to 443 with TLS and 4309 (the Bridge port) without. */
  port?: number | undefined;
  /** Use TLS (https/wss); default true. */
  https?: boolean | undefined;
  /** Certificate checking: true (system trust, default), false, a CA path or PEM text, or Node TLS options. */
  verifySsl?: VerifySsl | undefined;
  /** A bare token; checked locally at construction. When the server rejects it the transport stops. */
  token?: string | undefined;
  /** An async token source, asked again ahead of expiry and after the server answers 203. */
  tokenProvider?: TokenProvider | undefined;
  /** A bot account: tokens are fetched with `fetchToken` over the same connection options and kept fresh. */
  credentials?: { username: string; password: string } | undefined;
  /** Ask the server to deliver messages the bot has not read yet after each login; default false. */
  receiveUnreadMessages?: boolean | undefined;
  /** Ask the server to deliver system envelopes (participant added, chat renamed …); default false. */
  receiveSystemMessages?: boolean | undefined;
  /**
   * Default per-request timeout in ms, including any wait for an authorised connection; default 10 000. Values
   * below 100 are refused as probably meant in seconds.
   */
  timeout?: number | undefined;
  /** Consecutive failures to reach the server tolerated before stopping (0 = no retry); default 5. */
  wsMaxRetries?: number | undefined;
  /** Cap of the reconnect backoff in ms; default 60 000. */
  wsMaxDelay?: number | undefined;
  /** Ceiling of the first reconnect wait in ms (doubles per consecutive failure); default 1 000. */
  wsBaseDelay?: number | undefined;
  /** How often to ping the server, in ms; default 30 000. */
  keepaliveInterval?: number | undefined;
  /** How long to wait for a pong before replacing the socket, in ms; default 10 000. */
  pongTimeout?: number | undefined;
  /** Leave acking of server requests to the caller (`transport.ack(id)`); default false (acked on arrival). */
  manualAck?: boolean | undefined;
  /** Where to log; default silent. Tokens and passwords are never logged; a logger that throws is ignored. */
  logger?: Logger | undefined;
}

/** Options after validation and defaults. */
export interface ResolvedOptions {
  endpoint: Endpoint;
  tls: ResolvedTlsOptions;
  token: string | undefined;
  tokenProvider: TokenProvider | undefined;
  credentials: { username: string; password: string } | undefined;
  receiveUnreadMessages: boolean;
  receiveSystemMessages: boolean;
  timeout: number;
  wsMaxRetries: number;
  wsMaxDelay: number;
  wsBaseDelay: number;
  keepaliveInterval: number;
  pongTimeout: number;
  manualAck: boolean;
  /** The caller's logger behind a guard: it never throws into the transport. */
  logger: Logger;
}

/**
 * A `timeout` below this many milliseconds is refused as probably meant in seconds (`timeout: 10`). No request
 * can sensibly be given less than 0.1 s to wait for a connection, be written and be answered, while any value
 * in seconds up to 99 is caught.
 */
export const timeoutSecondsBelow = 100;

// A record rather than a list, so that adding an option to TransportOptions without listing it fails to compile.
const optionNames = Object.keys({
  server: true,
  port: true,
  https: true,
  verifySsl: true,
  token: true,
  tokenProvider: true,
  credentials: true,
  receiveUnreadMessages: true,
  receiveSystemMessages: true,
  timeout: true,
  wsMaxRetries: true,
  wsMaxDelay: true,
  wsBaseDelay: true,
  keepaliveInterval: true,
  pongTimeout: true,
  manualAck: true,
  logger: true,
} satisfies Record<keyof TransportOptions, true>);

/** Options that other SDKs (the Python one) name differently, by their normalised spelling. */
const renamedOptions = { webport: "port" };

const logLevels = ["debug", "info", "warn", "error"] as const;

/**
 * Validates a transport's options and fills in defaults; every mistake is an `InvalidArgumentError` (an
 * unknown key suggests the option it probably meant), except an unusable bare token (`TokenValidationError`).
 */
export function resolveOptions(options: TransportOptions): ResolvedOptions {
  if (options === undefined)
    throw new InvalidArgumentError("Transport options must be an object, got undefined");
  checkOptionNames("Transport options", options, optionNames, renamedOptions);
  const sources = [options.token, options.tokenProvider, options.credentials].filter((s) => s !== undefined);
  if (sources.length !== 1) {
    throw new InvalidArgumentError("Give exactly one of token, tokenProvider or credentials");
  }
  if (options.token !== undefined) validateToken(options.token);
  if (options.tokenProvider !== undefined && typeof options.tokenProvider !== "function") {
    throw invalidOption(
      "tokenProvider",
      `expected a function returning a promise of a token, got ${describeValue(options.tokenProvider)}`,
    );
  }
  return {
    endpoint: resolveEndpoint(options),
    tls: resolveTlsOptions(options.verifySsl),
    token: options.token,
    tokenProvider: options.tokenProvider,
    credentials: resolveCredentials(options.credentials),
    receiveUnreadMessages: requireBoolean("receiveUnreadMessages", options.receiveUnreadMessages, false),
    receiveSystemMessages: requireBoolean("receiveSystemMessages", options.receiveSystemMessages, false),
    timeout: requireDuration("timeout", options.timeout, 10_000, { secondsBelow: timeoutSecondsBelow }),
    wsMaxRetries: resolveRetries(options.wsMaxRetries),
    wsMaxDelay: requireDuration("wsMaxDelay", options.wsMaxDelay, 60_000),
    wsBaseDelay: requireDuration("wsBaseDelay", options.wsBaseDelay, 1_000),
    keepaliveInterval: requireDuration("keepaliveInterval", options.keepaliveInterval, 30_000),
    pongTimeout: requireDuration("pongTimeout", options.pongTimeout, 10_000),
    manualAck: requireBoolean("manualAck", options.manualAck, false),
    logger: resolveLogger(options.logger),
  };
}

function resolveCredentials(
  credentials: TransportOptions["credentials"],
): { username: string; password: string } | undefined {
  if (credentials === undefined) return undefined;
  const { username, password } = checkOptionNames("credentials", credentials, ["username", "password"]);
  if (typeof username !== "string" || username === "") {
    throw invalidOption(
      "credentials.username",
      `expected a non-empty string, got ${describeValue(username)}`,
    );
  }
  // The password is described by its type only: even a wrong value may be a secret.
  if (typeof password !== "string" || password === "") {
    throw invalidOption(
      "credentials.password",
      `expected a non-empty string, got ${describeValue(password)}`,
    );
  }
  return { username, password };
}

function resolveRetries(value: number | undefined): number {
  if (value === undefined) return 5;
  if (value === Number.POSITIVE_INFINITY || (Number.isSafeInteger(value) && value >= 0)) return value;
  const shown = typeof value === "number" && !Number.isNaN(value) ? String(value) : describeValue(value);
  throw invalidOption("wsMaxRetries", `expected a non-negative integer or Infinity, got ${shown}`);
}

function resolveLogger(logger: Logger | undefined): Logger {
  if (logger === undefined) return silentLogger;
  if (typeof logger !== "object" || logger === null) {
    throw invalidOption(
      "logger",
      `expected an object with ${logLevels.join(", ")} methods, got ${describeValue(logger)}`,
    );
  }
  for (const level of logLevels) {
    if (typeof logger[level] !== "function") throw invalidOption(`logger.${level}`, "expected a function");
  }
  return guardLogger(logger);
}
