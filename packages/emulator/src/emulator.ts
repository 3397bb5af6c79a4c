import { randomBytes } from "node:crypto";
import { createServer as createHttpServer, type Server } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { createControlApi } from "./control/control-api.js";
import { EventStream } from "./control/event-stream.js";
import { controlApiPrefix } from "./control/openapi.js";
import { EmulatorConfigError } from "./errors.js";
import { EventFanout } from "./event-fanout.js";
import { FaultState, Faults } from "./faults.js";
import { FrameHandler } from "./frame-handler.js";
import { FrameLog, type FrameRecord } from "./frame-log.js";
import { createHttpListener } from "./http-routes.js";
import { TokenSigner } from "./jwt.js";
import { createPlaygroundEndpoint } from "./playground-endpoint.js";
import type { ProtocolOptions } from "./protocol-options.js";
import { resolveProtocolOptions } from "./protocol-options-check.js";
import type { Session, SessionInfo } from "./session.js";
import { ChangeWaiters, type WaitCheck } from "./wait-for.js";
import { WebSocketEndpoint } from "./websocket-endpoint.js";
import type { Human } from "./world/human.js";
import { type SeededWorld, seedWorld, World } from "./world/world.js";
import type { WorldEvent } from "./world/world-events.js";
import { type LoadedWorld, loadWorldFile, type WorldFile } from "./world-file.js";

/** Options of {@link Emulator.start}. */
export interface EmulatorOptions {
  /** Interface to listen on; default "127.0.0.1". */
  host?: string;
  /** TCP port; default 0 (a free port, see {@link Emulator.port}). */
  port?: number;
  /** Serve https and wss with this key and certificate (PEM). */
  tls?: { key: string | Buffer; cert: string | Buffer };
  /** The domain of user ids and `product.display_name`; default "emulator.local". */
  serverName?: string;
  /** `product.version` of `GET /api/v4/server`; default "5.5.3". */
  serverVersion?: string;
  /** Create the default world (bot "bot"/"bot-password", users alice, bob, carol); default true. */
  seed?: boolean;
  /** Every UNKNOWN/DISAGREEMENT of the protocol as a switch; unset keys keep their defaults. */
  protocol?: Partial<ProtocolOptions>;
  /** Where uploaded files are stored; default a fresh temporary directory, removed by `stop()`. */
  storageDir?: string;
  /**
   * Keep at most about this many frames in the frame log (`frames`, `framesSince`, `requests`, `transcript()`;
   * the oldest tenth is dropped when full); default 100 000, `Infinity` keeps every frame.
   */
  frameLogLimit?: number;
  /** Serve the HTTP control API under `/emulator/api/`; default true. */
  controlApi?: boolean;
  /** Serve the web playground at `/playground`; default true (it needs the control API). */
  playground?: boolean;
  /**
   * The bearer token the control API requires. On a loopback host (127.0.0.1, ::1, localhost) none is required
   * unless one is given here; on any other host one is always required, and a random one is made when none is
   * given ({@link Emulator.controlToken}).
   */
  controlToken?: string;
}

/** How long `stop()` waits for clients to finish the close handshake before cutting them off. */
const closeGraceMs = 500;
const defaultWaitMs = 5000;
/** Enough for any test's whole story, and a bound for an emulator that runs for days. */
export const defaultFrameLogLimit = 100_000;

function checkOptions(options: EmulatorOptions): void {
  if (options.host !== undefined && (typeof options.host !== "string" || options.host === "")) {
    throw new EmulatorConfigError("host must be a non-empty string");
  }
  if (
    options.port !== undefined &&
    (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535)
  ) {
    throw new EmulatorConfigError(`port must be an integer from 0 to 65535, got ${String(options.port)}`);
  }
  if (options.serverName !== undefined && !/^[^\s@/]+$/.test(options.serverName)) {
    throw new EmulatorConfigError("serverName must be a non-empty domain without spaces, '@' or '/'");
  }
  if (
    options.serverVersion !== undefined &&
    (typeof options.serverVersion !== "string" || options.serverVersion === "")
  ) {
    throw new EmulatorConfigError("serverVersion must be a non-empty string");
  }
  const limit = options.frameLogLimit;
  if (limit !== undefined && limit !== Number.POSITIVE_INFINITY && (!Number.isInteger(limit) || limit < 1)) {
    throw new EmulatorConfigError("frameLogLimit must be a positive integer or Infinity");
  }
  if (options.controlToken !== undefined && !/^[\x21-\x7e]{16,}$/.test(String(options.controlToken))) {
    throw new EmulatorConfigError("controlToken must be at least 16 printable characters without spaces");
  }
  for (const name of ["controlApi", "playground"] as const) {
    if (options[name] !== undefined && typeof options[name] !== "boolean")
      throw new EmulatorConfigError(`${name} must be true or false`);
  }
  if (options.tls !== undefined && (!options.tls.key || !options.tls.cert)) {
    throw new EmulatorConfigError("tls needs both key and cert");
  }
}

/** Whether only this machine can reach `host`: then the control API needs no token by default. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, "").toLowerCase();
  return (
    bare === "localhost" || bare === "::1" || /^127\.\d+\.\d+\.\d+$/.test(bare) || /^::ffff:127\./.test(bare)
  );
}

/** An https server; a key or certificate Node cannot load becomes a typed error that names neither. */
function createTlsServer(tls: NonNullable<EmulatorOptions["tls"]>): Server {
  try {
    return createHttpsServer({ key: tls.key, cert: tls.cert });
  } catch (error) {
    throw new EmulatorConfigError("tls key or certificate could not be loaded (expected PEM)", {
      cause: error,
    });
  }
}

/**
 * A local TrueConf Server stand-in: OAuth, server info, files over HTTP and the chat-bot WebSocket, backed by an
 * in-memory world you can build, act in, watch and disturb.
 *
 * @example
 * const emu = await Emulator.start();
 * const chatId = emu.createChat({ type: "p2p", owner: "alice", participants: ["bot"] });
 * await emu.as("alice").send(chatId, "hello");      // every bot session gets a sendMessage event
 * await emu.waitForRequest("sendMessage");          // the bot answered
 * console.log(emu.transcript());
 * await emu.stop();
 */
export class Emulator {
  /** Fault injection knobs; see {@link Faults}. */
  readonly faults: Faults;
  /** The domain of user ids. */
  readonly serverName: string;
  /** What the default seed created (bot, users, chats); undefined with `seed: false`. */
  readonly seeded: SeededWorld | undefined;
  readonly #server: Server;
  readonly #world: World;
  readonly #log: FrameLog;
  readonly #waiters: ChangeWaiters;
  readonly #signer: TokenSigner;
  readonly #endpoint: WebSocketEndpoint;
  readonly #protocol: ProtocolOptions;
  readonly #scheme: "http" | "https";
  readonly #host: string;
  /** Per method, how many logged requests `waitForRequest` has already handed out. */
  readonly #consumedRequests = new Map<string, number>();
  readonly #unsubscribeWorld: () => void;
  readonly #events: EventStream;
  readonly #controlToken: string | undefined;
  readonly #controlApi: boolean;
  readonly #playground: boolean;
  #port = 0;
  #stopping: Promise<void> | undefined;

  private constructor(options: EmulatorOptions) {
    checkOptions(options);
    // The server comes first: a bad certificate must fail before the world creates its storage.
    this.#server = options.tls === undefined ? createHttpServer() : createTlsServer(options.tls);
    this.#protocol = resolveProtocolOptions(options.protocol);
    this.serverName = options.serverName ?? "emulator.local";
    this.#host = options.host ?? "127.0.0.1";
    this.#scheme = options.tls === undefined ? "http" : "https";
    this.#waiters = new ChangeWaiters();
    const changed = () => this.#waiters.notify();
    this.#log = new FrameLog(changed, options.frameLogLimit ?? defaultFrameLogLimit);
    this.#signer = new TokenSigner();
    // Sessions exist before the endpoint does: seeding the world already pushes events (to nobody yet).
    const sessionList: Session[] = [];
    const sessions = () => sessionList;
    const faultState = new FaultState();
    this.faults = new Faults(
      {
        sessions,
        stallReadiness: (on) => this.#world.stallReadiness(on),
        botUserId: (login) => this.#botUserId(login),
      },
      faultState,
      () => this.#signer.lastSerial,
    );
    const fanout = new EventFanout(sessions, faultState, changed);
    this.#world = new World({
      serverName: this.serverName,
      protocol: this.#protocol,
      sink: fanout,
      ...(options.storageDir === undefined ? {} : { storageDir: options.storageDir }),
    });
    this.#unsubscribeWorld = this.#world.onChange(changed);
    this.seeded = (options.seed ?? true) ? seedWorld(this.#world) : undefined;
    const handler = new FrameHandler({
      world: this.#world,
      protocol: this.#protocol,
      faults: faultState,
      signer: this.#signer,
      fanout,
      log: this.#log,
      changed,
    });
    this.#endpoint = new WebSocketEndpoint({
      sessions: sessionList,
      faults: faultState,
      handler,
      log: this.#log,
      changed,
    });
    this.#controlApi = options.controlApi ?? true;
    this.#playground = this.#controlApi && (options.playground ?? true);
    // Off the loopback interface anyone on the network could drive the world: a token is then mandatory.
    this.#controlToken =
      options.controlToken ??
      (isLoopbackHost(this.#host) ? undefined : randomBytes(24).toString("base64url"));
    this.#events = new EventStream({
      observeWorld: (listener) => this.#world.observe(listener),
      onFrame: (listener) => this.#log.subscribe(listener),
      frameCount: () => this.#log.count,
    });
    const extra = [];
    if (this.#controlApi) {
      extra.push(
        createControlApi({
          token: this.#controlToken,
          target: {
            world: this.#world,
            faults: this.faults,
            sessions: () => this.sessions,
            framesSince: (seq) => this.#log.since(seq),
            frameCount: () => this.#log.count,
            transcript: () => this.transcript(),
            issueToken: (login, tokenOptions) => this.issueToken(login, tokenOptions),
            info: () => ({
              serverName: this.serverName,
              httpUrl: this.httpUrl,
              wsUrl: this.wsUrl,
              controlApiUrl: this.controlApiUrl,
              playground: this.#playground,
              frameCount: this.frameCount,
            }),
            events: this.#events,
          },
        }),
      );
    }
    if (this.#playground) extra.push(createPlaygroundEndpoint());
    const listener = createHttpListener({
      world: this.#world,
      faults: faultState,
      signer: this.#signer,
      protocol: this.#protocol,
      serverVersion: options.serverVersion ?? "5.5.3",
      extra,
    });
    this.#server.on("request", listener);
    this.#server.on("upgrade", (req, socket, head) => this.#endpoint.upgrade(req, socket, head));
  }

  /**
   * Starts an emulator and resolves once it listens.
   *
   * @example
   * const emu = await Emulator.start({ protocol: { roleFormat: "number" } });
   */
  static async start(options: EmulatorOptions = {}): Promise<Emulator> {
    const emulator = new Emulator(options);
    try {
      await emulator.#listen(options.port ?? 0);
    } catch (error) {
      await emulator.#world.dispose();
      throw error;
    }
    return emulator;
  }

  async #listen(port: number): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      const fail = (error: NodeJS.ErrnoException) => {
        reject(
          new EmulatorConfigError(`cannot listen on ${this.#host}:${port} (${error.code ?? error.message})`, {
            cause: error,
          }),
        );
      };
      this.#server.once("error", fail);
      this.#server.listen(port, this.#host, () => {
        this.#server.off("error", fail);
        resolve();
      });
    });
    this.#port = (this.#server.address() as AddressInfo).port;
    this.#world.setBaseUrl(this.httpUrl);
  }

  /** The port the emulator listens on. */
  get port(): number {
    return this.#port;
  }

  /** Base URL of the HTTP endpoints, e.g. "http://127.0.0.1:40123". */
  get httpUrl(): string {
    const host = this.#host.includes(":") ? `[${this.#host}]` : this.#host;
    return `${this.#scheme}://${host}:${this.#port}`;
  }

  /** URL of the chat-bot WebSocket, e.g. "ws://127.0.0.1:40123/websocket/chat_bot/". */
  get wsUrl(): string {
    return `${this.httpUrl.replace(/^http/, "ws")}/websocket/chat_bot/`;
  }

  /** Base URL of the HTTP control API, e.g. "http://127.0.0.1:40123/emulator/api"; see its `/openapi.json`. */
  get controlApiUrl(): string {
    return `${this.httpUrl}${controlApiPrefix}`;
  }

  /**
   * The bearer token the control API requires (`Authorization: Bearer …`), or undefined when it needs none (on
   * a loopback host without a `controlToken` option). The protocol endpoints never accept it.
   */
  get controlToken(): string | undefined {
    return this.#controlToken;
  }

  /**
   * The web playground's address, ready to open in a browser (with the control token in the `#fragment`,
   * which browsers never send to a server), or undefined when the playground is off.
   *
   * @example
   * console.log(`Playground: ${emu.playgroundUrl}`); // http://127.0.0.1:4309/playground
   */
  get playgroundUrl(): string | undefined {
    if (!this.#playground) return undefined;
    const token = this.#controlToken;
    return `${this.httpUrl}/playground${token === undefined ? "" : `#token=${encodeURIComponent(token)}`}`;
  }

  /** Closes every socket (clients see 1001), stops listening and removes stored files. Safe to call twice. */
  stop(): Promise<void> {
    this.#stopping ??= (async () => {
      this.#events.close();
      this.faults.reset();
      await this.#endpoint.close(closeGraceMs);
      await new Promise<void>((resolve) => {
        this.#server.close(() => resolve());
        this.#server.closeAllConnections();
      });
      this.#unsubscribeWorld();
      await this.#world.dispose();
    })();
    return this.#stopping;
  }

  // ---- world building (delegated to the world) ----

  /**
   * Adds a bot account that can log in over OAuth and WebSocket.
   *
   * @example
   * const { userId } = emu.addBot({ login: "helper", password: "s3cret" }); // "helper@emulator.local"
   */
  addBot(options: { login: string; password: string; displayName?: string }): ReturnType<World["addBot"]> {
    return this.#world.addBot(options);
  }

  /** Adds a human user (who acts through {@link Emulator.as}). */
  addUser(options: { login: string; displayName?: string }): ReturnType<World["addUser"]> {
    return this.#world.addUser(options);
  }

  /**
   * Issues a real JWT for a bot account that `auth` accepts, without the OAuth round trip.
   * `expiresInSeconds` defaults to the `tokenLifetimeSeconds` protocol option; 0 or less gives an expired token.
   *
   * @example
   * const token = emu.issueToken("bot", { expiresInSeconds: -1 }); // `auth` answers 203
   */
  issueToken(login: string, options: { expiresInSeconds?: number } = {}): string {
    if (typeof login !== "string" || login === "") throw new EmulatorConfigError("issueToken needs a login");
    const userId = this.#botUserId(login);
    if (userId === undefined) throw new EmulatorConfigError(`"${login}" is not a bot account`);
    const lifetime = options.expiresInSeconds ?? this.#protocol.tokenLifetimeSeconds;
    if (!Number.isFinite(lifetime)) throw new EmulatorConfigError("expiresInSeconds must be a finite number");
    return this.#signer.issue(userId, lifetime).token;
  }

  /** The user id of a bot account given by login or full id, or undefined when there is no such bot. */
  #botUserId(login: string): string | undefined {
    const userId = login.includes("@") ? login : `${login}@${this.serverName}`;
    return this.#world.isBot(userId) ? userId : undefined;
  }

  /**
   * Creates a chat; users may be logins or full user ids.
   *
   * @example
   * const chatId = emu.createChat({ type: "group", title: "Ops", owner: "alice", participants: ["bot", "bob"] });
   */
  createChat(options: Parameters<World["createChat"]>[0]): string {
    return this.#world.createChat(options);
  }

  /**
   * Builds the accounts, chats and messages a {@link WorldFile} describes (the CLI's `--world`). The whole file
   * is checked first, so a bad one changes nothing and throws {@link EmulatorConfigError} naming the place.
   *
   * @example
   * const { users, chats } = await emu.loadWorld({ users: [{ login: "dave" }],
   *   chats: [{ type: "group", title: "Ops", owner: "dave", participants: ["bot"] }] });
   */
  loadWorld(file: WorldFile): Promise<LoadedWorld> {
    return loadWorldFile(this.#world, file);
  }

  /**
   * Every account, humans and bots, in the order they were added (never a password).
   *
   * @example
   * emu.accounts().filter((a) => !a.isBot).map((a) => a.userId); // ["alice@emulator.local", …]
   */
  accounts(): ReturnType<World["accounts"]> {
    return this.#world.accounts();
  }

  /**
   * Calls `listener` with everything that happens in the world from now on — messages, edits, removals, chat
   * changes, whoever caused them — and returns the unsubscribe function. The control API's event stream is
   * built on it.
   *
   * @example
   * const stop = emu.onWorldEvent((event) => event.kind === "message" && console.log(event.message));
   */
  onWorldEvent(listener: (event: WorldEvent) => void): () => void {
    if (typeof listener !== "function")
      throw new EmulatorConfigError("onWorldEvent needs a listener function");
    return this.#world.observe(listener);
  }

  /** Changes the upload limits and pushes `getFileUploadLimits` to every bot session. */
  setUploadLimits(limits: Parameters<World["setUploadLimits"]>[0]): void {
    this.#world.setUploadLimits(limits);
  }

  /** Acts as a simulated human; every action produces the events a real server would push. */
  as(user: string): Human {
    return this.#world.as(user);
  }

  /** Lets a "still uploading" file progress in `steps` (uploadFileProgress to subscribers) and become READY. */
  finishUpload(fileId: string, options: { steps?: number } = {}): ReturnType<World["finishUpload"]> {
    return this.#world.finishUpload(fileId, options);
  }

  /** A chat as the world holds it, or undefined. */
  chat(chatId: string): ReturnType<World["chat"]> {
    return this.#world.chat(chatId);
  }

  /** The chat's messages as a human member sees them (the bot's own messages included). */
  messages(chatId: string): ReturnType<World["messages"]> {
    return this.#world.messages(chatId);
  }

  // ---- observation ----

  /** Every open WebSocket connection and the latest 1000 closed ones, in the order they were opened. */
  get sessions(): SessionInfo[] {
    return this.#endpoint.sessions.map((session) => session.info());
  }

  /**
   * Every frame in and out that the log keeps, in order. A copy of the whole log: in a loop or a wait, use
   * {@link Emulator.framesSince} or {@link Emulator.waitForFrame}, which cost only what is new.
   */
  get frames(): FrameRecord[] {
    return this.#log.records;
  }

  /** How many frames were ever logged: the `seq` the next frame gets, a cursor for {@link Emulator.framesSince}. */
  get frameCount(): number {
    return this.#log.count;
  }

  /**
   * The frames logged since a cursor (records with `seq >= seq`), oldest first.
   *
   * @example
   * const mark = emu.frameCount;
   * await emu.as("alice").send(chatId, "hi");
   * emu.framesSince(mark).filter((r) => r.direction === "out"); // just the events this caused
   */
  framesSince(seq: number): FrameRecord[] {
    if (!Number.isInteger(seq) || seq < 0)
      throw new EmulatorConfigError("framesSince needs an integer seq >= 0");
    return this.#log.since(seq);
  }

  /**
   * Calls `listener` with every frame from now on, as it is logged; returns the unsubscribe function. A throwing
   * listener does not disturb the emulator.
   *
   * @example
   * const stop = emu.onFrame((record) => console.log(record.direction, record.raw));
   */
  onFrame(listener: (record: FrameRecord) => void): () => void {
    if (typeof listener !== "function") throw new EmulatorConfigError("onFrame needs a listener function");
    return this.#log.subscribe(listener);
  }

  /**
   * Resolves with the first frame record from `since` on (default: the oldest kept) that `match` accepts. Each
   * frame is looked at once, however long the wait and however busy the emulator. Rejects with
   * {@link WaitTimeoutError} after `timeout` ms (default 5000).
   *
   * @example
   * const event = await emu.waitForFrame((r) => r.direction === "out" && r.frame?.method === "editMessage");
   */
  waitForFrame(
    match: (record: FrameRecord) => boolean,
    options: { since?: number; timeout?: number } = {},
  ): Promise<FrameRecord> {
    if (typeof match !== "function") throw new EmulatorConfigError("waitForFrame needs a match function");
    let cursor = options.since ?? 0;
    if (!Number.isInteger(cursor) || cursor < 0)
      throw new EmulatorConfigError("since must be an integer >= 0");
    return this.#waiters.waitFor(
      () => {
        for (const record of this.#log.since(cursor)) {
          cursor = record.seq + 1;
          if (match(record)) return record;
        }
        return undefined;
      },
      this.#timeout(options.timeout),
      "a matching frame",
    );
  }

  /**
   * Client requests (`type: 1` frames from clients), optionally of one method.
   *
   * @example
   * expect(emu.requests("sendMessage")).toHaveLength(1); // no duplicated write after a reconnect
   */
  requests(method?: string): FrameRecord[] {
    return this.#log.requests(method);
  }

  /** A readable log, one line a frame; `auth` tokens are replaced by "[redacted]". */
  transcript(): string {
    return this.#log.transcript();
  }

  /**
   * Resolves with the first truthy value of `check`, re-evaluated on every frame and world change.
   * Rejects with {@link WaitTimeoutError} after `timeout` ms (default 5000).
   *
   * @example
   * await emu.waitFor(() => emu.sessions.some((s) => s.authorized));
   */
  waitFor<T>(check: WaitCheck<T>, options: { timeout?: number } = {}): Promise<T> {
    if (typeof check !== "function") throw new EmulatorConfigError("waitFor needs a check function");
    return this.#waiters.waitFor(check, this.#timeout(options.timeout), "the awaited condition");
  }

  /**
   * The next client request of `method` that no earlier `waitForRequest` returned (already logged ones first).
   *
   * @example
   * const record = await emu.waitForRequest("sendMessage", { timeout: 1000 });
   * record.frame?.payload; // what the bot sent
   */
  waitForRequest(method: string, options: { timeout?: number } = {}): Promise<FrameRecord> {
    if (typeof method !== "string" || method === "")
      throw new EmulatorConfigError("waitForRequest needs a method");
    return this.#waiters.waitFor(
      () => {
        const next = this.#log.requestFrom(method, this.#consumedRequests.get(method) ?? 0);
        if (next === undefined) return undefined;
        this.#consumedRequests.set(method, next.position + 1);
        return next.record;
      },
      this.#timeout(options.timeout),
      `a "${method}" request`,
    );
  }

  #timeout(timeout: number | undefined): number {
    const value = timeout ?? defaultWaitMs;
    if (!Number.isFinite(value) || value < 0)
      throw new EmulatorConfigError("timeout must be a finite number >= 0");
    return value;
  }
}
