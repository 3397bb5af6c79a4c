import type { ApiOptions } from "@tc/api";
import {
  checkOptions,
  InvalidArgumentError,
  requireBoolean,
  requireDuration,
  type VerifySsl,
} from "@tc/core";
import type { ConcurrencyOptions, ContextTypes, Dispatcher } from "@tc/router";
import type { HealthStatus, Logger, TokenProvider, TransportOptions } from "@tc/transport";

/**
 * Options of `new Bot(...)`: the Python SDK's keyword arguments in camelCase, plus ours. Durations are
 * milliseconds (the Python SDK's `ws_max_delay=60` seconds is `wsMaxDelay: 60_000` here).
 *
 * @example
 * const bot = new Bot({ server: "video.example.com", token: process.env.TOKEN, dispatcher: dp });
 */
export interface BotOptions {
  /** Host name or IP address of the TrueConf Server, without scheme or path. */
  server: string;
  /** A bot token (valid for a month); give this, `tokenProvider`, or use `Bot.fromCredentials`. */
  token?: string;
  /** An async token source, asked again ahead of expiry and when the server rejects the token. */
  tokenProvider?: TokenProvider;
  /** The dispatcher whose routers handle the bot's events; a new empty one by default. */
  dispatcher?: Dispatcher<ContextTypes>;
  /** Receive the messages the bot has not read yet after each login; default false. */
  receiveUnreadMessages?: boolean;
  /** Receive system envelopes (participant added, chat renamed …); default false. */
  receiveSystemMessages?: boolean;
  /** Certificate checking: true (default), false, a CA path or PEM, or Node TLS options. */
  verifySsl?: VerifySsl;
  /** Port of the server's web interface (WebSocket and HTTP); default 443 with https, 4309 without. */
  webPort?: number;
  /** Use https/wss; default true. */
  https?: boolean;
  /** Consecutive failed connection attempts tolerated before the bot stops; default 5. */
  wsMaxRetries?: number;
  /** Cap of the reconnect backoff, in ms; default 60 000. */
  wsMaxDelay?: number;
  /** Called on every connection state change (connected, authorized, disconnected, stopped). */
  onHealthCheck?: (status: HealthStatus) => void | Promise<void>;
  /** Ignore messages the bot itself wrote (default true). */
  skipSelfMessages?: boolean;
  /** Default timeout of every request, in ms; default 10 000. */
  timeout?: number;
  /** Where the bot logs; default: warnings and errors to stderr. Secrets are redacted from every line. */
  logger?: Logger;
  /** Log every level (to the default logger, or the given one); default false. */
  debug?: boolean;
  /** How events are spread over handlers, when the bot creates its own dispatcher (see @tc/router). */
  concurrency?: ConcurrencyOptions;
  /** Options of the underlying Api (file download waits, server-info timeout). */
  api?: ApiOptions;
}

/** The names `checkOptions` accepts: one list, so the suggestion for a typo comes from the real option names. */
const botOptionNames = [
  "server",
  "token",
  "tokenProvider",
  "dispatcher",
  "receiveUnreadMessages",
  "receiveSystemMessages",
  "verifySsl",
  "webPort",
  "https",
  "wsMaxRetries",
  "wsMaxDelay",
  "onHealthCheck",
  "skipSelfMessages",
  "timeout",
  "logger",
  "debug",
  "concurrency",
  "api",
] as const satisfies readonly (keyof BotOptions)[];

/** What the Bot keeps of its options after validation. */
export interface ResolvedBotOptions {
  transport: TransportOptions;
  api: ApiOptions | undefined;
  dispatcher: Dispatcher<ContextTypes> | undefined;
  concurrency: ConcurrencyOptions | undefined;
  onHealthCheck: BotOptions["onHealthCheck"];
  skipSelfMessages: boolean;
  logger: Logger | undefined;
  debug: boolean;
}

/**
 * Checks a Bot's options (unknown names rejected with a suggestion, durations that look like seconds rejected)
 * and maps them onto the transport's. `credentials` come from `Bot.fromCredentials` only.
 */
export function resolveBotOptions(
  options: BotOptions,
  credentials?: { username: string; password: string },
): ResolvedBotOptions {
  const o = checkOptions("Bot options", options, botOptionNames);
  if (o.onHealthCheck !== undefined && typeof o.onHealthCheck !== "function") {
    throw new InvalidArgumentError("Invalid onHealthCheck: expected a function");
  }
  if (o.dispatcher !== undefined && o.concurrency !== undefined) {
    throw new InvalidArgumentError(
      "Give concurrency to your Dispatcher (new Dispatcher({ concurrency })), not to a Bot that is given one",
    );
  }
  if (credentials !== undefined && (o.token !== undefined || o.tokenProvider !== undefined)) {
    throw new InvalidArgumentError(
      "Bot.fromCredentials fetches its own tokens: give no token or tokenProvider",
    );
  }
  const transport: TransportOptions = {
    server: o.server,
    port: o.webPort,
    https: o.https,
    verifySsl: o.verifySsl,
    token: o.token,
    tokenProvider: o.tokenProvider,
    credentials,
    receiveUnreadMessages: o.receiveUnreadMessages,
    receiveSystemMessages: o.receiveSystemMessages,
    wsMaxRetries: o.wsMaxRetries,
    // The Python SDK counts these in seconds; a value such as 60 is almost certainly meant that way.
    wsMaxDelay: requireDuration("wsMaxDelay", o.wsMaxDelay, 60_000, { secondsBelow: 100 }),
    timeout: requireDuration("timeout", o.timeout, 10_000, { secondsBelow: 100 }),
  };
  return {
    transport,
    api: o.api,
    dispatcher: o.dispatcher,
    concurrency: o.concurrency,
    onHealthCheck: o.onHealthCheck,
    skipSelfMessages: requireBoolean("skipSelfMessages", o.skipSelfMessages, true),
    logger: o.logger,
    debug: requireBoolean("debug", o.debug, false),
  };
}
