import {
  checkOptions,
  describeValue,
  InvalidArgumentError,
  invalidOption,
  maxTimerDelay,
  requireDuration,
} from "@tc/core";
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
  InvalidGrantError,
  RequestAbortedError,
  StopDeadlineError,
  TokenRequestError,
  TokenValidationError,
} from "./errors.js";
import { fetchToken } from "./fetch-token.js";
import { ackFrame, FrameType, parseFrame, requestFrame, type ServerFrame } from "./frame.js";
import type { ConnectionState, HealthStatus } from "./health.js";
import { startKeepalive } from "./keepalive.js";
import { describeError, type Logger } from "./logger.js";
import { type ResolvedOptions, resolveOptions, type TransportOptions } from "./options.js";
import { type PendingRequest, PendingRequests } from "./pending-requests.js";
import { openSocket } from "./socket.js";
import { TokenSource } from "./token-source.js";
import { UpdateIntake } from "./update-intake.js";

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
  /** Every server request, in arrival order (held while the transport is paused). */
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
  /**
   * Milliseconds until the request fails with `RequestTimeoutError`; defaults to the transport's `timeout`.
   * Unlike that option, any positive value is taken as given: a per-call timeout is often what is left of a
   * caller's budget, which may rightly be a few milliseconds.
   */
  timeout?: number | undefined;
  /** Aborting it rejects the request with `RequestAbortedError` (a written request may still run on the server). */
  signal?: AbortSignal | undefined;
}

/** Options of `stop()`. */
export interface StopOptions {
  /**
   * Milliseconds to let requests already made settle before the socket is closed: no new request is taken,
   * queued ones are still sent (reconnecting if need be), written ones get their answer. Whatever is still
   * open at the deadline rejects with `StopDeadlineError`. Without it everything open rejects at once.
   */
  deadline?: number | undefined;
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
const requestOptionNames = ["timeout", "signal"];
const stopOptionNames = ["deadline"];

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
 * await transport.stop({ deadline: 5_000 });
 */
export class Transport {
  /** `https://server:port` or `http://server:port`, for HTTP requests beside the socket. */
  readonly httpBaseUrl: string;
  /** An undici dispatcher with the same TLS settings as the socket, for HTTP beside it (closed by `stop()`). */
  readonly httpDispatcher: Dispatcher;

  readonly #options: ResolvedOptions;
  readonly #log: Logger;
  readonly #emitter = mitt<TransportEvents>();
  readonly #pending = new PendingRequests(() => this.#onSettled());
  readonly #intake = new UpdateIntake<ServerUpdate>((update) => this.#emit("update", update));
  readonly #tokens: TokenSource;
  readonly #backoff: Backoff;
  /** Aborted once stopping for good: cancels a token fetch, a handshake or a backoff wait in progress. */
  readonly #stopSignal = new AbortController();
  #socket: WebSocket | undefined;
  /** Open only while the current socket is authorised and no re-authorisation is pending. */
  #gateOpen = false;
  #nextId = 0;
  /** The last authorised session; kept across reconnects so that the bot's own id stays known. */
  #session: Session | undefined;
  #health: HealthStatus;
  /** Server request ids received on the current socket and not yet acked (manual-ack mode only). */
  #unacked = new Set<number>();
  /** Set while re-authorising: closes the socket once its written requests are answered. */
  #closeWhenDrained: (() => void) | undefined;
  /** Set while a graceful stop waits for the open requests: ends the wait once there are none. */
  #onDrained: (() => void) | undefined;
  #started: Promise<void> | undefined;
  #resolveStarted: (() => void) | undefined;
  #rejectStarted: ((error: Error) => void) | undefined;
  /** The promise of `stop()`; once set, no new request is taken. */
  #stopping: Promise<void> | undefined;
  /** Set when the final phase of stopping begins: the reconnect loop ends, nothing connects any more. */
  #halting = false;
  #loop: Promise<void> | undefined;

  constructor(options: TransportOptions) {
    this.#options = resolveOptions(options);
    const { endpoint, logger, timeout } = this.#options;
    this.#log = logger;
    this.httpBaseUrl = endpoint.httpBaseUrl;
    this.httpDispatcher = new Agent({ connect: this.#options.tls });
    this.#tokens = new TokenSource(this.#tokenOrigin(), logger, timeout);
    this.#backoff = new Backoff({ baseDelay: this.#options.wsBaseDelay, maxDelay: this.#options.wsMaxDelay });
    this.#health = this.#buildHealth("disconnected");
  }

  /**
   * The last authorised session, or undefined before the first `auth`. It stays while the transport reconnects
   * (the bot's user id does not change), so checks such as "is this my own message" keep working; whether a
   * connection is authorised right now is what `health()` tells.
   */
  get session(): Session | undefined {
    return this.#session;
  }

  /** How many requests wait for a connection (`queued`) and for a response (`inFlight`); for monitoring. */
  get pending(): { queued: number; inFlight: number } {
    return { queued: this.#pending.queued, inFlight: this.#pending.inFlight };
  }

  /** Whether "update" events are being held (see `pause()`). */
  get paused(): boolean {
    return this.#intake.paused;
  }

  /** How many server pushes are held by `pause()`, waiting for `resume()`; for monitoring memory. */
  get heldUpdates(): number {
    return this.#intake.held;
  }

  /**
   * Holds "update" events: pushes keep being read (and acked, unless `manualAck`) but are kept, in arrival
   * order, until `resume()`. Responses, pongs and acks keep flowing, so handlers that are running can finish
   * their requests. Nothing is dropped, so memory grows with the pushes held: resume once caught up.
   * Idempotent; the pause outlives reconnects (and `stop()`: held pushes are still delivered by `resume()`).
   *
   * @example
   * transport.pause();   // too much work queued: stop taking events
   * await drainQueue();
   * transport.resume();  // the held events are emitted now, in order
   */
  pause(): void {
    this.#intake.pause();
  }

  /**
   * Emits the held "update" events in arrival order, then lets new ones through. A listener that calls
   * `pause()` while they are emitted stops the emission there; the rest stay held. Idempotent.
   */
  resume(): void {
    this.#intake.resume();
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
   * Stops for good: no more reconnects, the socket closes with code 1000, the HTTP dispatcher closes. From the
   * call on, new requests reject with `ClientStoppedError`. Without a `deadline`, every open request rejects at
   * once with `ClientStoppedError`; with one, open requests get up to `deadline` ms to settle (queued ones are
   * still sent) and those left reject with `StopDeadlineError`. Always resolves, once all of that is done;
   * calling it again returns the same promise (its options are then ignored).
   *
   * @example
   * process.once("SIGTERM", () => void transport.stop({ deadline: 10_000 }));
   */
  stop(options: StopOptions = {}): Promise<void> {
    try {
      const { deadline } = checkOptions("stop() options", options, stopOptionNames);
      const wait =
        deadline === undefined ? undefined : requireDuration("deadline", deadline, 0, { allowZero: true });
      this.#stopping ??= this.#shutdown(wait);
      return this.#stopping;
    } catch (error) {
      return Promise.reject(error);
    }
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
        throw invalidOption("method", `expected a non-empty string, got ${describeValue(method)}`);
      }
      if (method === "auth") throw new InvalidArgumentError("auth is sent by the transport itself");
      if (typeof payload !== "object" || payload === null) {
        throw invalidOption(
          `payload of ${method}`,
          `expected an object or an array, got ${describeValue(payload)}`,
        );
      }
      checkOptions("request() options", options, requestOptionNames);
      const timeout = requireDuration("timeout", options.timeout, this.#options.timeout);
      const { signal } = options;
      if (signal !== undefined && !(signal instanceof AbortSignal)) {
        throw invalidOption("signal", `expected an AbortSignal, got ${describeValue(signal)}`);
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
          httpDispatcher: this.httpDispatcher,
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
    while (!this.#halting) {
      if (wait) {
        const delay = this.#backoff.next();
        this.#log.debug(`reconnecting in ${delay} ms`);
        await this.#sleep(delay);
        if (this.#halting) return;
      }
      wait = true;
      this.#setState("connecting");
      let closed: Promise<string>;
      try {
        ({ closed } = await this.#connect());
      } catch (error) {
        if (this.#halting) return;
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
    const { endpoint, tls, timeout } = this.#options;
    const token = await untilAborted(this.#tokens.get(), this.#stopSignal.signal).catch((error: unknown) => {
      throw new AttemptFailure(
        `no token: ${describeError(error)}`,
        isFatalTokenError(error) ? error : undefined,
      );
    });
    if (this.#halting) throw new AttemptFailure("stopped");
    const ws = await openSocket(endpoint.wsUrl, {
      tls,
      handshakeTimeout: timeout,
      signal: this.#stopSignal.signal,
    }).catch((error: unknown) => {
      throw new AttemptFailure(`handshake failed: ${describeError(error)}`);
    });
    if (this.#halting) {
      void closeGracefully(ws, timeout, "client stopping");
      throw new AttemptFailure("stopped");
    }
    this.#socket = ws;
    this.#nextId = 0;
    this.#unacked = new Set();
    this.#setState("connected");

    const authId = this.#takeId();
    let onAuthResponse: ((payload: unknown) => void) | undefined;
    const closed = this.#watch(ws, (frame) => {
      if (frame.type !== FrameType.RESPONSE || frame.id !== authId || !onAuthResponse) return false;
      onAuthResponse(frame.payload);
      return true;
    });

    const authPayload = await new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => {
        ws.terminate();
        reject(new AttemptFailure(`auth not answered within ${timeout} ms`));
      }, timeout);
      onAuthResponse = (payload) => {
        clearTimeout(timer);
        onAuthResponse = undefined;
        // The session is known at once: pushes that arrive in the same read as this response are emitted before
        // the code after the await runs, and their handlers need the bot's id.
        if (!errorOf(payload)) this.#session = sessionOf(payload);
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
      void closeGracefully(ws, timeout, "auth rejected");
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
    if (this.#halting) throw new AttemptFailure("stopped");
    const session = sessionOf(authPayload);
    this.#session = session;
    this.#gateOpen = true;
    this.#setState("authorized");
    this.#emit("authorized", { ...session });
    this.#resolveStarted?.();
    this.#flush();
    return { closed };
  }

  /**
   * Attaches the listeners of one socket and returns the promise of its end. Whatever the server sends, no
   * exception leaves a listener (it would escape into the socket's stream and crash the process), and the
   * socket ends exactly once: on its close event, or as soon as the keepalive declares the peer dead, so that a
   * peer that keeps TCP open but stopped reading or sending neither looks healthy nor holds up the reconnect.
   */
  #watch(ws: WebSocket, takeAuthResponse: (frame: ServerFrame) => boolean): Promise<string> {
    const { keepaliveInterval, pongTimeout } = this.#options;
    return new Promise<string>((resolve) => {
      let ended = false;
      const end = (reason: string) => {
        if (ended) return;
        ended = true;
        try {
          stopKeepalive();
          this.#onClose(ws, reason);
        } catch (error) {
          this.#log.error(`cleaning up a closed connection failed: ${describeError(error)}`);
        } finally {
          resolve(reason);
        }
      };
      const stopKeepalive = startKeepalive(ws, {
        interval: keepaliveInterval,
        pongTimeout,
        onDead: () => {
          const reason = `no pong within ${pongTimeout} ms`;
          this.#log.warn(`${reason}: replacing the connection`);
          ws.terminate();
          end(reason);
        },
      });
      ws.on("message", (data, isBinary) => {
        try {
          const text = isBinary ? undefined : data.toString();
          const frame = text === undefined ? "binary frame" : parseFrame(text);
          if (typeof frame === "string") this.#log.warn(`frame skipped (${frame}): ${preview(text ?? "")}`);
          else if (!takeAuthResponse(frame)) this.#onFrame(ws, frame);
        } catch (error) {
          this.#log.error(`a server frame could not be handled: ${describeError(error)}`);
        }
      });
      ws.on("error", (error) => this.#log.warn(`socket error: ${describeError(error)}`));
      ws.once("close", (code, reason) => {
        let text = `closed with code ${code}`;
        try {
          if (reason.length > 0) text += ` (${preview(reason.toString())})`;
        } finally {
          end(text);
        }
      });
    });
  }

  /** Handles every frame but the `auth` response. Runs for the socket that delivered it only. */
  #onFrame(ws: WebSocket, frame: ServerFrame): void {
    if (frame.type === FrameType.REQUEST) {
      // Ack before anything else, on the socket that delivered it (PROTOCOL.md 1.6), even while paused.
      if (this.#options.manualAck) this.#unacked.add(frame.id);
      else if (ws.readyState === ws.OPEN) ws.send(ackFrame(frame.id));
      if (typeof frame.method === "string") {
        this.#intake.push({ method: frame.method, id: frame.id, payload: frame.payload });
      } else {
        this.#log.warn(`server request ${frame.id} without a method skipped`);
      }
    } else if (ws === this.#socket) {
      this.#onResponse(ws, frame.id, frame.payload);
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
   * The token expired mid-session: stop writing, and once the requests already written have settled (or after
   * `timeout` ms) close with 1000 so the next connection authorises with a fresh token. Waiting keeps those
   * requests from failing with a needless `ConnectionLostError`. "Settled" is checked after every settlement,
   * whatever caused it (answer, timeout, abort), so a request that times out does not hold the others up.
   */
  #reauthorize(ws: WebSocket): void {
    this.#tokens.invalidate();
    if (this.#gateOpen) {
      this.#gateOpen = false;
      this.#log.info("token expired: re-authorising on a new connection");
      this.#setState("connected");
      const close = () => {
        clearTimeout(fallback);
        this.#closeWhenDrained = undefined;
        void closeGracefully(ws, this.#options.timeout, "re-authorising");
      };
      const fallback = setTimeout(close, this.#options.timeout);
      this.#closeWhenDrained = close;
    }
    // Also when already re-authorising: this 203'd request may have been the last one in flight.
    if (this.#pending.inFlight === 0) this.#closeWhenDrained?.();
  }

  /** Runs after every settlement of a request, by whatever path. */
  #onSettled(): void {
    const { queued, inFlight } = this.#pending;
    if (inFlight === 0) this.#closeWhenDrained?.();
    if (queued === 0 && inFlight === 0) this.#onDrained?.();
  }

  #onClose(ws: WebSocket, reason: string): void {
    if (ws !== this.#socket) return;
    this.#socket = undefined;
    this.#gateOpen = false;
    this.#closeWhenDrained?.();
    this.#unacked.clear();
    this.#pending.rejectInFlight((request) => new ConnectionLostError(request.method, reason));
    if (this.#halting) return;
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

  /** Resolves once no request is open, or after `deadline` ms. */
  #drain(deadline: number): Promise<void> {
    if (this.#pending.queued + this.#pending.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#onDrained = undefined;
        resolve();
      };
      const timer = setTimeout(done, deadline);
      this.#onDrained = done;
    });
  }

  async #shutdown(deadline: number | undefined): Promise<void> {
    // Without a started loop nothing could send the queued requests, so there is nothing to wait for.
    const waited = deadline !== undefined && this.#loop !== undefined;
    if (waited) {
      this.#log.info(`stopping: letting open requests settle for up to ${deadline} ms`);
      await this.#drain(deadline);
    }
    this.#halting = true;
    this.#stopSignal.abort();
    this.#tokens.close();
    this.#gateOpen = false;
    this.#rejectStarted?.(new ClientStoppedError("stop() was called before the first auth succeeded"));
    this.#pending.rejectAll((request) =>
      waited
        ? new StopDeadlineError(request.method, deadline, request.id !== undefined)
        : new ClientStoppedError(`${request.method} not completed: the transport was stopped`),
    );
    const { timeout } = this.#options;
    const ws = this.#socket;
    if (ws) await closeGracefully(ws, timeout, "client stopping");
    await this.#loop;
    // A socket that completed its handshake while stop() was running is closed here.
    const late = this.#socket;
    if (late) await closeGracefully(late, timeout, "client stopping");
    if (this.#health.status !== "stopped") this.#setState("stopped");
    await closeDispatcher(this.httpDispatcher, timeout);
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

/** Settles like `promise`, or rejects when `signal` aborts (the token source bounds the wait itself). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new Error("stopped"));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Error("stopped"));
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/**
 * Closes with 1000 and waits for the close handshake, terminating the socket after `timeout` ms (a peer that
 * stopped reading never answers the close). Resolves in any case, at the latest `2 × timeout` ms later.
 */
function closeGracefully(ws: WebSocket, timeout: number, reason: string): Promise<void> {
  if (ws.readyState === ws.CLOSED) return Promise.resolve();
  return new Promise((resolve) => {
    const finish = () => {
      clearTimeout(terminator);
      clearTimeout(giveUp);
      resolve();
    };
    const terminator = setTimeout(() => ws.terminate(), timeout);
    // terminate() yields "close" at once; this only guards stop() against a socket that never reports it.
    const giveUp = setTimeout(finish, Math.min(2 * timeout, maxTimerDelay));
    ws.once("close", finish);
    if (ws.readyState === ws.OPEN) ws.close(1000, reason);
  });
}

/**
 * Closes the HTTP dispatcher, letting requests in progress finish for up to `timeout` ms, then destroys it so
 * that a stalled download cannot keep `stop()` from resolving.
 */
async function closeDispatcher(dispatcher: Dispatcher, timeout: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<"expired">((resolve) => {
    timer = setTimeout(() => resolve("expired"), timeout);
  });
  const outcome = await Promise.race([dispatcher.close().catch(() => "closed" as const), expired]);
  clearTimeout(timer);
  if (outcome === "expired") await dispatcher.destroy().catch(() => {});
}

/** The start of a skipped frame for the log; server text is logged, our own frames (with the token) never are. */
function preview(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** The session an `auth` response describes (tolerant of missing fields: the user id is then empty). */
function sessionOf(payload: unknown): Session {
  const result = (typeof payload === "object" && payload !== null ? payload : {}) as Record<string, unknown>;
  return {
    userId: typeof result.userId === "string" ? result.userId : "",
    connectionId: typeof result.connectionId === "string" ? result.connectionId : "",
  };
}
