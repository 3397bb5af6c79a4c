import { Api, type ApiEventListener, ServerInfoUnavailableError } from "@tc/api";
import { Dispatcher, type DispatcherStopReport } from "@tc/router";
import { type HealthStatus, type Logger, type Session, Transport } from "@tc/transport";
import { consoleLogger, redactingLogger } from "./bot-logger.js";
import { type BotOptions, type ResolvedBotOptions, resolveBotOptions } from "./bot-options.js";
import { installMessageIntake } from "./message-intake.js";
import { RecentIds } from "./recent-ids.js";
import { type RunOptions, runBots } from "./run-bots.js";

/** Options of {@link Bot.shutdown}. */
export interface ShutdownOptions {
  /** Milliseconds running handlers get to finish before their `ctx.signal` aborts; default 10 000. */
  deadline?: number;
}

/** The bot's own lifecycle events (`bot.on(...)`), beside the Api's `"event"`. */
export interface BotLifecycleEvents {
  /** The WebSocket is open; `auth` is on its way. */
  connected: HealthStatus;
  /** `auth` succeeded (the first time and after every reconnect). */
  authorized: Session;
  /** The bot has stopped: after `shutdown()`, or with the fatal error that stopped it. */
  stopped: { error?: Error };
}

/** Which bots share a dispatcher right now: the last one to shut down stops it (and closes its FSM storage). */
const botsOfDispatcher = new WeakMap<Dispatcher<never>, Set<Bot>>();
const credentialsKey = Symbol("credentials");
/** How long running handlers get when the bot stops, unless `shutdown` says otherwise. */
const defaultDeadline = 10_000;

/**
 * A TrueConf chat bot: every API method (`bot.sendMessage(...)`, …), a connection that reconnects and refreshes
 * its token, and a dispatcher whose routers handle what arrives.
 *
 * @example
 * const router = new Router();
 * router.message(F.text, (message) => message.answer(message.text));
 * const dp = new Dispatcher();
 * dp.includeRouter(router);
 * const bot = new Bot({ server: "video.example.com", token: process.env.TOKEN, dispatcher: dp });
 * await bot.run();
 */
export class Bot extends Api {
  /** The connection underneath (state, pause/resume, raw requests). */
  readonly transport: Transport;
  /** The dispatcher that handles this bot's events (the one given, or the bot's own). */
  readonly dispatcher: Dispatcher<never>;
  /** Resolves when the bot has stopped; rejects with the error when a fatal one stopped it or start() failed. */
  readonly stopped: Promise<void>;
  readonly #options: ResolvedBotOptions;
  readonly #log: Logger;
  /** Messages this bot took lately, so that a redelivered one is handled once. */
  readonly #delivered = new RecentIds(10_000);
  readonly #lifecycle = new Map<keyof BotLifecycleEvents, Set<(event: never) => void>>();
  #settleStopped!: (error?: Error) => void;
  #detach: (() => void) | undefined;
  #started: Promise<void> | undefined;
  #shutdown: Promise<DispatcherStopReport | undefined> | undefined;

  /**
   * Creates a bot; nothing connects before `start()` or `run()`. Unknown option names are rejected with a
   * suggestion, and durations are milliseconds (`timeout: 10` is rejected as probably meant in seconds).
   */
  constructor(options: BotOptions) {
    const credentials = (options as { [credentialsKey]?: { username: string; password: string } })?.[
      credentialsKey
    ];
    const resolved = resolveBotOptions(stripCredentials(options), credentials);
    const sink = resolved.logger ?? consoleLogger(resolved.debug);
    const secrets = [resolved.transport.token, credentials?.password].filter((s): s is string => !!s);
    const log = redactingLogger(sink, () => secrets);
    const transport = new Transport({ ...resolved.transport, logger: log });
    super(transport, { ...resolved.api, logger: log });
    this.transport = transport;
    this.#options = resolved;
    this.#log = log;
    this.dispatcher = (resolved.dispatcher ??
      new Dispatcher({ concurrency: resolved.concurrency, logger: log })) as Dispatcher<never>;
    this.stopped = new Promise<void>((resolve, reject) => {
      this.#settleStopped = (error) => (error ? reject(error) : resolve());
    });
    // run() and runBots() observe it; a bot nobody awaits must not crash the process with an unhandled rejection.
    this.stopped.catch(() => {});
    installMessageIntake(this.dispatcher);
    transport.on("state", (status) => this.#onState(status));
    transport.on("authorized", (session) => this.#emit("authorized", session));
    transport.on("error", (error) => void this.#stop(error));
  }

  /**
   * A bot that logs in with a username and password: tokens are fetched over the same connection settings
   * (`https`, `webPort`, `verifySsl`, `timeout`) and fetched again when they expire, so the bot keeps running.
   *
   * @example
   * const bot = await Bot.fromCredentials("video.example.com", "echo_bot", process.env.PASSWORD!, { dispatcher: dp });
   */
  static async fromCredentials(
    server: string,
    username: string,
    password: string,
    options: Omit<BotOptions, "server" | "token" | "tokenProvider"> = {},
  ): Promise<Bot> {
    return new Bot({ ...options, server, [credentialsKey]: { username, password } } as BotOptions);
  }

  /** Whether messages the bot wrote itself are skipped (the `skipSelfMessages` option). */
  get skipSelfMessages(): boolean {
    return this.#options.skipSelfMessages;
  }

  /**
   * Records a pushed message; false when this bot already took it (the server re-delivers a message whose ack
   * was lost with a connection). Used by the dispatcher's intake middleware.
   */
  firstDelivery(chatId: string, messageId: string): boolean {
    return this.#delivered.add(`${chatId}\u0000${messageId}`);
  }

  /** The connection's health right now (pull model; `onHealthCheck` is the push model). */
  healthCheck(): HealthStatus {
    return this.transport.health();
  }

  /** Subscribes to the Api's parsed events, or to a lifecycle event; returns the unsubscribe function. */
  override on(type: "event", listener: ApiEventListener<this>): () => void;
  override on<K extends keyof BotLifecycleEvents>(
    type: K,
    listener: (event: BotLifecycleEvents[K]) => void,
  ): () => void;
  override on(type: string, listener: (event: never) => void): () => void {
    if (type !== "connected" && type !== "authorized" && type !== "stopped") {
      // "event", and anything else for the Api to refuse with its own error.
      return super.on(type as "event", listener as unknown as ApiEventListener<this>);
    }
    const listeners = this.#lifecycle.get(type) ?? new Set();
    this.#lifecycle.set(type, listeners);
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  /**
   * Connects, checks the server's version and starts handling events; resolves once authorised. An unsupported
   * server version rejects with `UnsupportedServerVersionError`; a version that cannot be read is a warning.
   */
  start(): Promise<void> {
    this.#started ??= this.#start();
    return this.#started;
  }

  /**
   * Starts the bot and resolves when it has stopped (rejects with the fatal error, if one stopped it). With
   * `handleSignals` (default) Ctrl+C drains it gracefully.
   *
   * @example
   * await bot.run();
   */
  run(options: RunOptions = {}): Promise<void> {
    return runBots([this], options);
  }

  /**
   * Stops gracefully: no new events, running handlers finish within the deadline (then their `ctx.signal`
   * aborts), their requests settle, the socket closes with 1000, and the FSM storage is closed with the last
   * bot of the dispatcher. Resolves with what the dispatcher cut (when this bot stopped it). Idempotent.
   */
  shutdown(options: ShutdownOptions = {}): Promise<DispatcherStopReport | undefined> {
    this.#shutdown ??= this.#drain(options.deadline ?? defaultDeadline);
    return this.#shutdown;
  }

  async #start(): Promise<void> {
    try {
      await this.#checkServerVersion();
      const bots = botsOfDispatcher.get(this.dispatcher) ?? new Set<Bot>();
      botsOfDispatcher.set(this.dispatcher, bots);
      bots.add(this);
      // Attached before the socket opens: unread messages delivered right after `auth` find their handlers.
      this.#detach = this.dispatcher.attach(this as never, { intake: this.transport });
      await this.transport.start();
    } catch (error) {
      // `stopped` settles whenever start() fails: rejected with this error, or resolved when shutdown() was
      // asked for while connecting (that is why the transport refused to go on).
      await this.#stop(error as Error);
      throw error;
    }
  }

  async #checkServerVersion(): Promise<void> {
    try {
      const version = await this.checkVersion();
      // checkVersion lets a version it cannot read pass; the bot says so, as the Python SDK does.
      if (/^\d+\.\d+/.test(version)) this.#log.debug(`TrueConf Server ${version}`);
      else this.#log.warn(`The server reports an unrecognised version "${version}"; going on`);
    } catch (error) {
      if (!(error instanceof ServerInfoUnavailableError)) throw error;
      this.#log.warn(`The server's version is unknown (${error.message}); going on`);
    }
  }

  /** The one way a bot stops: by `shutdown()`, or with the fatal `error` that stopped its transport. */
  async #drain(deadline: number, error?: Error): Promise<DispatcherStopReport | undefined> {
    const started = Date.now();
    this.#detach?.();
    const bots = botsOfDispatcher.get(this.dispatcher);
    const wasServing = bots?.delete(this) ?? false;
    let report: DispatcherStopReport | undefined;
    // The last bot of a dispatcher stops it (and its FSM storage); the others only wait for what is running.
    if (wasServing && bots?.size === 0) report = await this.dispatcher.stop({ deadline });
    else if (wasServing) {
      await Promise.race([this.dispatcher.idle(), new Promise((r) => setTimeout(r, deadline).unref())]);
    }
    await this.transport.stop({ deadline: Math.max(0, deadline - (Date.now() - started)) });
    this.#finish(error);
    return report;
  }

  async #stop(error: Error): Promise<void> {
    if (this.#shutdown !== undefined) return;
    this.#log.error(`The bot stopped: ${error.message}`);
    // Running handlers may still finish; with the last bot of its dispatcher the FSM storage closes too.
    this.#shutdown = this.#drain(defaultDeadline, error);
    await this.#shutdown;
  }

  #finish(error: Error | undefined): void {
    this.close();
    this.#settleStopped(error);
    this.#emit("stopped", error === undefined ? {} : { error });
  }

  #onState(status: HealthStatus): void {
    if (status.status === "connected") this.#emit("connected", status);
    const push = this.#options.onHealthCheck;
    if (push === undefined) return;
    Promise.resolve()
      .then(() => push(status))
      .catch((error: unknown) => this.#log.error("onHealthCheck threw", error));
  }

  #emit<K extends keyof BotLifecycleEvents>(type: K, event: BotLifecycleEvents[K]): void {
    for (const listener of this.#lifecycle.get(type) ?? []) {
      try {
        (listener as (e: BotLifecycleEvents[K]) => void)(event);
      } catch (error) {
        this.#log.error(`A "${type}" listener threw`, error);
      }
    }
  }
}

function stripCredentials(options: BotOptions): BotOptions {
  if (typeof options !== "object" || options === null || !(credentialsKey in options)) return options;
  const { [credentialsKey]: _, ...rest } = options as BotOptions & { [credentialsKey]?: unknown };
  return rest;
}
