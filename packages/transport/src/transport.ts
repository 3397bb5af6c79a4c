import mittModule, { type Handler } from "mitt";
import { Agent, type Dispatcher } from "undici";
import type WebSocket from "ws";
import { Backoff } from "./backoff.js";
import { ErrorCode } from "./error-codes.js";
import {
  ApiErrorException,
  ClientStoppedError,
  ConnectionFailedError,
  ConnectionLostError,
  InvalidArgumentError,
  InvalidGrantError,
  RequestAbortedError,
  TokenRequestError,
  TokenValidationError,
} from "./errors.js";
import { fetchToken } from "./fetch-token.js";
import { ackFrame, FrameType, parseFrame, requestFrame, type ServerFrame } from "./frame.js";
import type { ConnectionState, HealthStatus } from "./health.js";
import { startKeepalive } from "./keepalive.js";
import { describeError, type Logger } from "./logger.js";
import { positive, type ResolvedOptions, resolveOptions, type TransportOptions } from "./options.js";
import { type PendingRequest, PendingRequests } from "./pending-requests.js";
import { openSocket } from "./socket.js";
import { TokenSource } from "./token-source.js";

/** A server request (an event), already acked unless `manualAck` is on. */
export interface ServerUpdate {
  /** The wire method, e.g. `"sendMessage"`. */
  method: string;
  /** The server's request id; pass it to `ack()` in manual-ack mode. */
  id: number;
  /** The payload as sent (normally an object; not validated here). */
  payload: unknown;
}

/** The authorised session as `auth` answered it. */
export interface Session {
  /** The bot's user id exactly as the server sent it (may carry a `/instance` suffix). */
  userId: string;
  /** The server's id of this connection. */
  connectionId: string;
}

/** Events of a `Transport` (subscribe with `on`, unsubscribe with `off`). */
export type TransportEvents = {
  /** Every server request, in arrival order. */
  update: ServerUpdate;
  /** Every state change. */
  state: HealthStatus;
  /** Every successful `auth` (the first one and each after a reconnect). */
  authorized: Session;
  /** The fatal error that stopped the transport (not emitted for `stop()`). */
  error: Error;
};

/** Per-call options of `request()`. */
export interface RequestOptions {
  /** Milliseconds until the request fails with `RequestTimeoutError`; defaults to the transport's `timeout`. */
  timeout?: number | undefined;
  /** Aborting it rejects the request with `RequestAbortedError` (a written request may still run on the server). */
  signal?: AbortSignal | undefined;
}

/** Why a connection attempt failed; fatal ones stop the transport instead of retrying. */
class AttemptFailure extends Error {
  constructor(
    message: string,
    readonly fatal: Error | undefined = undefined,
  ) {
    super(message);
  }
}

const maxRequestId = 0xffff_ffff;

// mitt ships one declaration file for both builds; under NodeNext TypeScript reads it as CommonJS and types the
// default import as the module namespace, while at runtime (ESM and CJS alike) it is the factory function.
const mitt = mittModule as unknown as typeof mittModule.default;

/**
 * The raw TrueConf Chatbot Connector client: one WebSocket at a time, `auth` first on every connection,
 * request/response correlation, acks, keepalive, reconnect with backoff and token refresh. Requests made
 * while the connection is down wait (within their timeout) and go out after the next successful `auth`.
 *
 * @example
 * const transport = new Transport({ server: "video.example.org", credentials: { username: "bot", password } });
 * transport.on("update", ({ method, payload }) => console.log(method, payload));
 * await transport.start();
 * const chats = await transport.request("getChats", { count: 10, page: 1 });
 * await transport.stop();
 */
export class Transport {
  /** `https://server:port` or `http://server:port`, for HTTP requests beside the socket. */
  readonly httpBaseUrl: string;
  /** An undici dispatcher with the same TLS settings as the socket (closed by `stop()`). */
  readonly dispatcher: Dispatcher;

  readonly #options: ResolvedOptions;
  readonly #log: Logger;
  readonly #emitter = mitt<TransportEvents>();
  readonly #pending = new PendingRequests();
  readonly #tokens: TokenSource;
  readonly #backoff: Backoff;
  /** Aborted by `stop()`: cancels a handshake or a backoff wait in progress. */
  readonly #stopSignal = new AbortController();
  #socket: WebSocket | undefined;
  /** Open only while the current socket is authorised and no re-authorisation is pending. */
  #gateOpen = false;
  #nextId = 0;
  #session: Session | undefined;
  #health: HealthStatus;
  /** Server request ids received on the current socket and not yet acked (manual-ack mode only). */
  #unacked = new Set<number>();
  /** Set while re-authorising: closes the socket once its written requests are answered. */
  #closeWhenDrained: (() => void) | undefined;
  #started: Promise<void> | undefined;
  #resolveStarted: (() => void) | undefined;
  #rejectStarted: ((error: Error) => void) | undefined;
  #stopping: Promise<void> | undefined;
  #loop: Promise<void> | undefined;

  constructor(options: TransportOptions) {
    this.#options = resolveOptions(options);
    const { endpoint, logger } = this.#options;
    this.#log = logger;
    this.httpBaseUrl = endpoint.httpBaseUrl;
    this.dispatcher = new Agent({ connect: this.#options.tls });
    this.#tokens = new TokenSource(this.#tokenOrigin(), logger);
    this.#backoff = new Backoff({ baseDelay: this.#options.wsBaseDelay, maxDelay: this.#options.wsMaxDelay });
    this.#health = this.#buildHealth("disconnected");
  }

  /** The current authorised session, or undefined while not authorised. */
  get session(): Session | undefined {
    return this.#gateOpen ? this.#session : undefined;
  }

  /** How many requests wait for a connection (`queued`) and for a response (`inFlight`); for monitoring. */
  get pending(): { queued: number; inFlight: number } {
    return { queued: this.#pending.queued, inFlight: this.#pending.inFlight };
  }

  /** Subscribes to an event. */
  on<K extends keyof TransportEvents>(type: K, handler: Handler<TransportEvents[K]>): void {
    this.#emitter.on(type, handler);
  }

  /** Unsubscribes from an event. */
  off<K extends keyof TransportEvents>(type: K, handler: Handler<TransportEvents[K]>): void {
    this.#emitter.off(type, handler);
  }

  /** The current connection health (what the last `state` event carried). */
  health(): HealthStatus {
    return { ...this.#health };
  }

  /**
   * Connects and resolves once the first `auth` succeeded. Rejects when that can never happen: the token was
   * rejected and cannot be refreshed, `wsMaxRetries` was exhausted (`ConnectionFailedError`), or `stop()` was
   * called. Calling it again returns the same promise.
   */
  start(): Promise<void> {
    if (this.#stopping) return Promise.reject(new ClientStoppedError("start() after stop()"));
    if (this.#started) return this.#started;
    this.#started = new Promise<void>((resolve, reject) => {
      this.#resolveStarted = resolve;
      this.#rejectStarted = reject;
    });
    this.#loop = this.#run();
    return this.#started;
  }

  /**
   * Stops for good: no more reconnects, every pending request rejects with `ClientStoppedError`, the socket
   * closes with code 1000. Resolves when all of that is done; calling it again returns the same promise.
   */
  stop(): Promise<void> {
    this.#stopping ??= this.#shutdown();
    return this.#stopping;
  }

  /**
   * Sends a request and resolves with the response payload (`{}` when the server sent none). Rejects with
   * `ApiErrorException` for a non-zero `errorCode`, `RequestTimeoutError`, `RequestAbortedError`,
   * `ConnectionLostError` (written, then the connection dropped: never resent) or `ClientStoppedError`.
   * While not authorised the request waits, within its timeout, and is sent after the next `auth`.
   *
   * @example
   * const { messageId } = await transport.request<{ messageId: string }>("sendMessage", {
   *   chatId, content: { text: "Hi", parseMode: "text" },
   * }, { timeout: 5_000 });
   */
  request<T = unknown>(method: string, payload: object = {}, options: RequestOptions = {}): Promise<T> {
    try {
      if (typeof method !== "string" || method === "") {
        throw new InvalidArgumentError("method must be a non-empty string");
      }
      if (method === "auth") throw new InvalidArgumentError("auth is sent by the transport itself");
      if (typeof payload !== "object" || payload === null) {
        throw new InvalidArgumentError(`payload of ${method} must be an object or an array`);
      }
      const timeout = positive(options.timeout, this.#options.timeout, "timeout");
      const { signal } = options;
      if (signal !== undefined && !(signal instanceof AbortSignal)) {
        throw new InvalidArgumentError("signal must be an AbortSignal");
      }
      if (signal?.aborted) throw new RequestAbortedError(method, signal.reason);
      if (this.#stopping || this.#health.status === "stopped") {
        throw new ClientStoppedError(`Cannot send ${method}: the transport is stopped`);
      }
      let body: string;
      try {
        body = JSON.stringify(payload);
      } catch (error) {
        throw new InvalidArgumentError(`payload of ${method} is not serialisable: ${describeError(error)}`);
      }
      const { request, promise } = this.#pending.create<T>(method, body, timeout, signal);
      const ws = this.#socket;
      // Fast path: nothing queued ahead of it and the connection is usable, so write without queueing.
      if (this.#gateOpen && ws && this.#pending.queued === 0 && ws.readyState === ws.OPEN)
        this.#write(ws, request);
      else this.#pending.enqueue(request);
      return promise;
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Acks a server request in manual-ack mode; ids not pending on the current socket are ignored. */
  ack(id: number): void {
    if (!this.#options.manualAck) throw new InvalidArgumentError("ack() is only for manualAck mode");
    if (!Number.isInteger(id) || id < 0 || id > maxRequestId) {
      throw new InvalidArgumentError("id must be the id of a server request");
    }
    const ws = this.#socket;
    if (!this.#unacked.delete(id) || !ws || ws.readyState !== ws.OPEN) {
      this.#log.debug(`ack(${id}) ignored: not pending on the current connection`);
      return;
    }
    ws.send(ackFrame(id));
  }

  #tokenOrigin(): ConstructorParameters<typeof TokenSource>[0] {
    const { token, tokenProvider, credentials, endpoint, timeout } = this.#options;
    if (token !== undefined) return { token };
    if (tokenProvider) return { provider: tokenProvider };
    const account = credentials as { username: string; password: string };
    return {
      provider: () =>
        fetchToken({
          server: endpoint.server,
          port: endpoint.port,
          https: endpoint.protocol === "https",
          dispatcher: this.dispatcher,
          username: account.username,
          password: account.password,
          timeout,
        }),
    };
  }

  /** Connects, waits, reconnects with backoff, until stopped or a fatal error. */
  async #run(): Promise<void> {
    const { wsMaxRetries, endpoint } = this.#options;
    let failures = 0;
    let wait = false;
    while (!this.#stopping) {
      if (wait) {
        const delay = this.#backoff.next();
        this.#log.debug(`reconnecting in ${delay} ms`);
        await this.#sleep(delay);
        if (this.#stopping) return;
      }
      wait = true;
      this.#setState("connecting");
      let closed: Promise<string>;
      try {
        ({ closed } = await this.#connect());
      } catch (error) {
        if (this.#stopping) return;
        const failure =
          error instanceof AttemptFailure ? error : new AttemptFailure(describeError(error), undefined);
        if (failure.fatal) return this.#fail(failure.fatal);
        failures += 1;
        this.#log.warn(`connection attempt ${failures} failed: ${failure.message}`);
        this.#setState("disconnected", failure.message);
        if (failures > wsMaxRetries) {
          return this.#fail(
            new ConnectionFailedError(endpoint.wsUrl, failures, failure.message, { cause: error }),
          );
        }
        continue;
      }
      failures = 0;
      this.#backoff.reset();
      await closed;
    }
  }

  /**
   * One connection: token, handshake, `auth`. Resolves once authorised with a promise of the close reason;
   * rejects with an `AttemptFailure` when the attempt failed before that.
   */
  async #connect(): Promise<{ closed: Promise<string> }> {
    const { endpoint, tls, timeout, keepaliveInterval, pongTimeout } = this.#options;
    const token = await bounded(this.#tokens.get(), timeout, this.#stopSignal.signal).catch(
      (error: unknown) => {
        throw new AttemptFailure(
          `no token: ${describeError(error)}`,
          isFatalTokenError(error) ? error : undefined,
        );
      },
    );
    if (this.#stopping) throw new AttemptFailure("stopped");
    const ws = await openSocket(endpoint.wsUrl, {
      tls,
      handshakeTimeout: timeout,
      signal: this.#stopSignal.signal,
    }).catch((error: unknown) => {
      throw new AttemptFailure(`handshake failed: ${describeError(error)}`);
    });
    if (this.#stopping) {
      ws.close(1000, "client stopping");
      throw new AttemptFailure("stopped");
    }
    this.#socket = ws;
    this.#nextId = 0;
    this.#unacked = new Set();
    this.#setState("connected");

    const authId = this.#takeId();
    let onAuthResponse: ((payload: unknown) => void) | undefined;
    const closed = new Promise<string>((resolve) => {
      const stopKeepalive = startKeepalive(ws, {
        interval: keepaliveInterval,
        pongTimeout,
        onDead: () => {
          this.#log.warn(`no pong within ${pongTimeout} ms: replacing the connection`);
          ws.terminate();
        },
      });
      ws.on("message", (data, isBinary) => {
        const text = isBinary ? undefined : data.toString();
        const frame = text === undefined ? "binary frame" : parseFrame(text);
        if (typeof frame === "string") {
          this.#log.warn(`frame skipped (${frame}): ${preview(text ?? "")}`);
        } else if (frame.type === FrameType.RESPONSE && frame.id === authId && onAuthResponse) {
          onAuthResponse(frame.payload);
        } else {
          this.#onFrame(ws, frame);
        }
      });
      ws.on("error", (error) => this.#log.warn(`socket error: ${describeError(error)}`));
      ws.once("close", (code, reason) => {
        stopKeepalive();
        const text = `closed with code ${code}${reason.length > 0 ? ` (${reason.toString()})` : ""}`;
        this.#onClose(ws, text);
        resolve(text);
      });
    });

    const authPayload = await new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => {
        ws.terminate();
        reject(new AttemptFailure(`auth not answered within ${timeout} ms`));
      }, timeout);
      onAuthResponse = (payload) => {
        clearTimeout(timer);
        onAuthResponse = undefined;
        resolve(payload);
      };
      closed.then((reason) => {
        clearTimeout(timer);
        reject(new AttemptFailure(`connection ${reason} during auth`));
      });
      ws.send(
        requestFrame(
          authId,
          "auth",
          JSON.stringify({
            token,
            tokenType: "JWT",
            receiveUnread: this.#options.receiveUnreadMessages,
            receiveSystemMessageEnvelopes: this.#options.receiveSystemMessages,
          }),
        ),
      );
    });
    const error = errorOf(authPayload);
    if (error) {
      ws.close(1000, "auth rejected");
      const tokenRejected =
        error.code === ErrorCode.CREDENTIALS_EXPIRED || error.code === ErrorCode.INVALID_CREDENTIALS;
      if (tokenRejected && this.#tokens.refreshable) {
        this.#tokens.invalidate();
        throw new AttemptFailure(`auth rejected: ${error.message}`);
      }
      if (tokenRejected) {
        // The code alone ("[203] Credentials expired") does not tell the user why nothing retried or what to do.
        error.message +=
          ": the server rejected the bare token, which cannot be refreshed, so the transport stopped; give credentials or a tokenProvider to renew tokens";
      }
      throw new AttemptFailure(`auth rejected: ${error.message}`, error);
    }
    if (this.#stopping) throw new AttemptFailure("stopped");
    const result = (authPayload ?? {}) as Record<string, unknown>;
    this.#session = {
      userId: typeof result.userId === "string" ? result.userId : "",
      connectionId: typeof result.connectionId === "string" ? result.connectionId : "",
    };
    this.#gateOpen = true;
    this.#setState("authorized");
    this.#emit("authorized", { ...this.#session });
    this.#resolveStarted?.();
    this.#flush();
    return { closed };
  }

  /** Handles every frame but the `auth` response. Runs for the socket that delivered it only. */
  #onFrame(ws: WebSocket, frame: ServerFrame): void {
    if (frame.type === FrameType.REQUEST) {
      // Ack before anything else, on the socket that delivered it (PROTOCOL.md 1.6).
      if (this.#options.manualAck) this.#unacked.add(frame.id);
      else if (ws.readyState === ws.OPEN) ws.send(ackFrame(frame.id));
      if (typeof frame.method === "string") {
        this.#emit("update", { method: frame.method, id: frame.id, payload: frame.payload });
      } else {
        this.#log.warn(`server request ${frame.id} without a method skipped`);
      }
    } else if (ws === this.#socket) {
      this.#onResponse(ws, frame.id, frame.payload);
      if (this.#closeWhenDrained && this.#pending.inFlight === 0) this.#closeWhenDrained();
    }
  }

  #onResponse(ws: WebSocket, id: number, payload: unknown): void {
    const request = this.#pending.takeInFlight(id);
    if (!request) {
      this.#log.debug(`response to unknown or settled request ${id} skipped`);
      return;
    }
    const error = errorOf(payload);
    if (!error) {
      this.#pending.resolve(request, payload ?? {});
    } else if (
      error.code === ErrorCode.CREDENTIALS_EXPIRED &&
      this.#tokens.refreshable &&
      !request.retriedAfterExpiry
    ) {
      // The server refused it without running it, so one resend after re-authorising cannot duplicate it.
      request.retriedAfterExpiry = true;
      this.#pending.requeue(request);
      this.#reauthorize(ws);
    } else {
      this.#pending.reject(request, error);
    }
  }

  /**
   * The token expired mid-session: stop writing, and once the requests already written are answered (or after
   * `timeout` ms) close with 1000 so the next connection authorises with a fresh token. Waiting keeps those
   * requests from failing with a needless `ConnectionLostError`.
   */
  #reauthorize(ws: WebSocket): void {
    this.#tokens.invalidate();
    if (!this.#gateOpen) return;
    this.#gateOpen = false;
    this.#log.info("token expired: re-authorising on a new connection");
    this.#setState("connected");
    const close = () => {
      clearTimeout(fallback);
      this.#closeWhenDrained = undefined;
      if (ws.readyState === ws.OPEN) ws.close(1000, "re-authorising");
    };
    const fallback = setTimeout(close, this.#options.timeout);
    this.#closeWhenDrained = close;
    if (this.#pending.inFlight === 0) close();
  }

  #onClose(ws: WebSocket, reason: string): void {
    if (ws !== this.#socket) return;
    this.#socket = undefined;
    this.#gateOpen = false;
    this.#closeWhenDrained?.();
    this.#unacked.clear();
    this.#pending.rejectInFlight((request) => new ConnectionLostError(request.method, reason));
    if (this.#stopping) return;
    // Reported here rather than in the reconnect loop so that health never lags behind the closed gate.
    this.#log.warn(`connection lost: ${reason}`);
    this.#setState("disconnected", reason);
  }

  /** Writes queued requests while the gate is open, oldest first. */
  #flush(): void {
    const ws = this.#socket;
    if (!ws) return;
    while (this.#gateOpen && ws.readyState === ws.OPEN) {
      const request = this.#pending.nextQueued();
      if (!request) return;
      this.#write(ws, request);
    }
  }

  #write(ws: WebSocket, request: PendingRequest): void {
    const id = this.#takeId();
    this.#pending.markWritten(request, id);
    ws.send(requestFrame(id, request.method, request.body));
  }

  #takeId(): number {
    this.#nextId = this.#nextId >= maxRequestId ? 1 : this.#nextId + 1;
    return this.#nextId;
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const signal = this.#stopSignal.signal;
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener("abort", done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener("abort", done, { once: true });
    });
  }

  /** A fatal error: stop, reject everything with it as the cause, and tell `start()` and `error` listeners. */
  #fail(error: Error): void {
    this.#log.error(`transport stopped: ${describeError(error)}`);
    this.#rejectStarted?.(error);
    this.#pending.rejectAll(
      (request) => new ClientStoppedError(`${request.method} not sent: ${error.message}`, { cause: error }),
    );
    this.#setState("stopped", error.message);
    this.#emit("error", error);
    void this.stop();
  }

  async #shutdown(): Promise<void> {
    this.#stopSignal.abort();
    this.#tokens.close();
    this.#gateOpen = false;
    this.#rejectStarted?.(new ClientStoppedError("stop() was called before the first auth succeeded"));
    this.#pending.rejectAll(
      (request) => new ClientStoppedError(`${request.method} not completed: the transport was stopped`),
    );
    const ws = this.#socket;
    if (ws) await closeGracefully(ws, this.#options.timeout);
    await this.#loop;
    // A socket that completed its handshake while stop() was running is closed here.
    const late = this.#socket;
    if (late) await closeGracefully(late, this.#options.timeout);
    if (this.#health.status !== "stopped") this.#setState("stopped");
    await this.dispatcher.close().catch(() => {});
  }

  #setState(status: ConnectionState, error?: string): void {
    this.#health = this.#buildHealth(status, error);
    this.#log.info(`state: ${status}${error ? ` (${error})` : ""}`);
    this.#emit("state", { ...this.#health });
  }

  #buildHealth(status: ConnectionState, error?: string): HealthStatus {
    const { endpoint } = this.#options;
    const health: HealthStatus = {
      status,
      websocketConnected: status === "connected" || status === "authorized",
      authorized: status === "authorized",
      server: endpoint.server,
      port: endpoint.port,
      protocol: endpoint.protocol,
      timestamp: new Date().toISOString(),
    };
    if (status === "authorized" && this.#session) health.userId = this.#session.userId;
    if (error !== undefined) health.error = error;
    return health;
  }

  /** Listener errors are logged, never thrown back into the socket's event loop. */
  #emit<K extends keyof TransportEvents>(type: K, event: TransportEvents[K]): void {
    try {
      this.#emitter.emit(type, event);
    } catch (error) {
      this.#log.error(`a "${type}" listener threw: ${describeError(error)}`);
    }
  }
}

/** The typed error of an error payload, or undefined for a success (`errorCode` 0 or absent). */
function errorOf(payload: unknown): ApiErrorException | undefined {
  if (typeof payload !== "object" || payload === null || Array.isArray(payload)) return undefined;
  const { errorCode, errorDescription } = payload as { errorCode?: unknown; errorDescription?: unknown };
  if (typeof errorCode !== "number" || errorCode === 0) return undefined;
  return new ApiErrorException(
    errorCode,
    typeof errorDescription === "string" && errorDescription !== "" ? errorDescription : undefined,
    payload as Record<string, unknown>,
  );
}

/** Token errors that a retry cannot cure: bad credentials, an unusable token, a 4xx from the token endpoint. */
function isFatalTokenError(error: unknown): error is Error {
  if (error instanceof InvalidGrantError || error instanceof TokenValidationError) return true;
  const status = error instanceof TokenRequestError ? error.status : undefined;
  return status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429;
}

/** Settles like `promise`, or rejects after `timeout` ms or when `signal` aborts (a token provider may hang). */
function bounded<T>(promise: Promise<T>, timeout: number, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const finish = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
    };
    const onAbort = () => {
      finish();
      reject(new Error("stopped"));
    };
    const timer = setTimeout(() => {
      finish();
      reject(new Error(`no answer within ${timeout} ms`));
    }, timeout);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        finish();
        resolve(value);
      },
      (error: unknown) => {
        finish();
        reject(error);
      },
    );
  });
}

/** Closes with 1000 and waits for the close handshake, terminating the socket after `timeout` ms. */
function closeGracefully(ws: WebSocket, timeout: number): Promise<void> {
  if (ws.readyState === ws.CLOSED) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => ws.terminate(), timeout);
    ws.once("close", () => {
      clearTimeout(timer);
      resolve();
    });
    ws.close(1000, "client stopping");
  });
}

/** The start of a skipped frame for the log; server text is logged, our own frames (with the token) never are. */
function preview(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
