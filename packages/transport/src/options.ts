import { type Endpoint, resolveEndpoint } from "./endpoint.js";
import { InvalidArgumentError } from "./errors.js";
import { type Logger, silentLogger } from "./logger.js";
import { type ResolvedTlsOptions, resolveTlsOptions, type VerifySsl } from "./tls-options.js";
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
  /** Default per-request timeout in ms, including any wait for an authorised connection; default 10 000. */
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
  /** Where to log; default silent. Tokens and passwords are never logged. */
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
  logger: Logger;
}

/** Validates a transport's options and fills in defaults; every mistake is an `InvalidArgumentError`. */
export function resolveOptions(options: TransportOptions): ResolvedOptions {
  if (typeof options !== "object" || options === null) {
    throw new InvalidArgumentError("Transport options must be an object");
  }
  const sources = [options.token, options.tokenProvider, options.credentials].filter((s) => s !== undefined);
  if (sources.length !== 1) {
    throw new InvalidArgumentError("Give exactly one of token, tokenProvider or credentials");
  }
  if (options.token !== undefined) validateToken(options.token);
  if (options.tokenProvider !== undefined && typeof options.tokenProvider !== "function") {
    throw new InvalidArgumentError("tokenProvider must be a function returning a promise of a token");
  }
  const { credentials } = options;
  if (credentials !== undefined) {
    if (typeof credentials?.username !== "string" || credentials.username === "") {
      throw new InvalidArgumentError("credentials.username must be a non-empty string");
    }
    if (typeof credentials.password !== "string" || credentials.password === "") {
      throw new InvalidArgumentError("credentials.password must be a non-empty string");
    }
  }
  const logger = options.logger ?? silentLogger;
  for (const level of ["debug", "info", "warn", "error"] as const) {
    if (typeof logger[level] !== "function")
      throw new InvalidArgumentError(`logger.${level} must be a function`);
  }
  return {
    endpoint: resolveEndpoint(options),
    tls: resolveTlsOptions(options.verifySsl),
    token: options.token,
    tokenProvider: options.tokenProvider,
    credentials: credentials && { username: credentials.username, password: credentials.password },
    receiveUnreadMessages: flag(options.receiveUnreadMessages, "receiveUnreadMessages"),
    receiveSystemMessages: flag(options.receiveSystemMessages, "receiveSystemMessages"),
    timeout: positive(options.timeout, 10_000, "timeout"),
    wsMaxRetries: retries(options.wsMaxRetries),
    wsMaxDelay: positive(options.wsMaxDelay, 60_000, "wsMaxDelay"),
    wsBaseDelay: positive(options.wsBaseDelay, 1_000, "wsBaseDelay"),
    keepaliveInterval: positive(options.keepaliveInterval, 30_000, "keepaliveInterval"),
    pongTimeout: positive(options.pongTimeout, 10_000, "pongTimeout"),
    manualAck: flag(options.manualAck, "manualAck"),
    logger,
  };
}

/** Largest delay Node timers support; larger values would fire at once. */
const maxTimer = 2 ** 31 - 1;

/** Validates a positive time in milliseconds. */
export function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0 || value > maxTimer) {
    throw new InvalidArgumentError(`${name} must be a positive number of milliseconds up to ${maxTimer}`);
  }
  return value;
}

function flag(value: boolean | undefined, name: string): boolean {
  if (value === undefined) return false;
  if (typeof value !== "boolean") throw new InvalidArgumentError(`${name} must be a boolean`);
  return value;
}

function retries(value: number | undefined): number {
  if (value === undefined) return 5;
  if (value === Number.POSITIVE_INFINITY || (Number.isInteger(value) && value >= 0)) return value;
  throw new InvalidArgumentError("wsMaxRetries must be a non-negative integer or Infinity");
}
