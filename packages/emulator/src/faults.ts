import { EmulatorConfigError } from "./errors.js";
import type { FrameRecord } from "./frame-log.js";
import type { DroppedSession, Session } from "./session.js";

/** What the fault knobs need from the rest of the emulator. */
export interface FaultTargets {
  /** The listed sessions, open and recently closed (closed ones are skipped by the knobs). */
  sessions(): readonly Session[];
  /** Switches the world's "uploaded files stay UPLOADING" mode. */
  stallReadiness(on: boolean): void;
  /** The user id of a bot account given by login or full id, or undefined when there is no such bot. */
  botUserId(login: string): string | undefined;
}

/**
 * The moments of one request's life at which {@link Faults.dropOn} can cut its session:
 * - `"beforeRun"`: the request arrived and is logged, the world has not seen it (nothing stored);
 * - `"afterRun"`: the world has handled it (a message is stored, events are pushed), the answer is not sent;
 * - `"beforeAnswer"`: like `"afterRun"`, but at the moment the answer is due (after a `delayResponses` delay);
 * - `"afterAnswer"`: the answer was written to the socket, then the connection ends.
 */
export type DropMoment = "beforeRun" | "afterRun" | "beforeAnswer" | "afterAnswer";

const dropMoments: readonly DropMoment[] = ["beforeRun", "afterRun", "beforeAnswer", "afterAnswer"];

/** What a {@link Faults.dropOn} trigger did when it fired. */
export interface DroppedRequest extends DroppedSession {
  /** The moment it fired at. */
  at: DropMoment;
  /** The request's frame record: `result` tells what the world stored (for `afterRun` and later). */
  request: FrameRecord;
}

/**
 * An armed {@link Faults.dropOn}: `fired` stays undefined until the request came and the session was dropped.
 *
 * @example
 * const trigger = emu.faults.dropOn("sendMessage", { at: "afterRun" });
 * const dropped = await emu.waitFor(() => trigger.fired);
 */
export interface DropTrigger {
  readonly fired: DroppedRequest | undefined;
}

/** A drop trigger as the server side reads it. */
export interface ArmedDrop extends DropTrigger {
  readonly method: string;
  readonly at: DropMoment;
  readonly sessionId: string | undefined;
  readonly clean: boolean;
  readonly code: number;
  /** Matching requests still to let through before the one that fires. */
  skip: number;
  fired: DroppedRequest | undefined;
}

/** How the token endpoint is disturbed right now (see the `*TokenRequests` knobs). */
export interface TokenFaults {
  delay: number;
  hang: Counted | undefined;
  failure: (Counted & { status: number }) | undefined;
  replacement: (Counted & { status: number; body: string }) | undefined;
}

/** Token expiry of one bot account (or of every account under "*"): tokens up to this serial are expired. */
interface Expiry {
  upTo: number;
  onRequests: boolean;
}

interface Counted {
  /** Remaining requests to affect; `Infinity` = until reset. */
  remaining: number;
}

function checkCount(count: number | undefined, what: string): number {
  if (count === undefined) return Number.POSITIVE_INFINITY;
  if (!Number.isInteger(count) || count < 1)
    throw new EmulatorConfigError(`${what}: count must be a positive integer`);
  return count;
}

function checkMs(ms: number, what: string): number {
  if (!Number.isFinite(ms) || ms < 0)
    throw new EmulatorConfigError(`${what}: milliseconds must be a finite number >= 0`);
  return ms;
}

function checkStatus(status: number, what: string): number {
  if (!Number.isInteger(status) || status < 400 || status > 599) {
    throw new EmulatorConfigError(`${what}: status must be an HTTP error status (400-599)`);
  }
  return status;
}

/** Close codes an endpoint may put into a close frame (RFC 6455 7.4; 1004-1006 and 1015 are reserved). */
function isSendableCloseCode(code: number): boolean {
  return (
    Number.isInteger(code) &&
    ((code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999))
  );
}

function checkSwitch(on: boolean, what: string): boolean {
  if (typeof on !== "boolean") throw new EmulatorConfigError(`${what}: expects true or false`);
  return on;
}

function checkDropOptions(options: { clean?: boolean; code?: number }, what: string) {
  const clean = options.clean ?? false;
  const code = options.code ?? 1000;
  if (clean && !isSendableCloseCode(code)) {
    throw new EmulatorConfigError(`${what}: ${code} is not a close code a server may send`);
  }
  return { clean, code };
}

/** Takes one use of a counted knob; returns whether it applied (and clears it when used up). */
function useCounted<T extends Counted>(knob: T | undefined, clear: () => void): T | undefined {
  if (knob === undefined) return undefined;
  knob.remaining -= 1;
  if (knob.remaining <= 0) clear();
  return knob;
}

function checkMethod(method: string, what: string): string {
  if (typeof method !== "string" || method === "")
    throw new EmulatorConfigError(`${what}: method must be a non-empty string`);
  return method;
}

/**
 * The current fault settings, as the server side reads them. Kept apart from {@link Faults} so that the public
 * knobs cannot be confused with queries that use up a count.
 */
export class FaultState {
  refuse = { remaining: 0, status: 503 };
  handshakeDelay = 0;
  readonly responseDelays = new Map<string, number>();
  readonly silence = new Map<string, Counted>();
  readonly failures = new Map<string, Counted & { errorCode: number }>();
  /** Token expiry per bot account's user id, "*" for every account. */
  readonly expiries = new Map<string, Expiry>();
  readonly drops: ArmedDrop[] = [];
  token: TokenFaults = { delay: 0, hang: undefined, failure: undefined, replacement: undefined };
  duplicate = false;
  reorder = false;
  uploadFailure: number | undefined;
  downloadLimit: number | undefined;

  /** Back to "no faults". */
  clear(): void {
    this.refuse = { remaining: 0, status: 503 };
    this.handshakeDelay = 0;
    this.responseDelays.clear();
    this.silence.clear();
    this.failures.clear();
    this.expiries.clear();
    this.drops.length = 0;
    this.token = { delay: 0, hang: undefined, failure: undefined, replacement: undefined };
    this.duplicate = false;
    this.reorder = false;
    this.uploadFailure = undefined;
    this.downloadLimit = undefined;
  }

  /** The status to refuse this handshake with, if any (uses up one count). */
  takeHandshakeRefusal(): number | undefined {
    if (this.refuse.remaining <= 0) return undefined;
    this.refuse.remaining -= 1;
    return this.refuse.status;
  }

  /** How long to hold a response to `method`. */
  responseDelay(method: string): number {
    return this.responseDelays.get(method) ?? this.responseDelays.get("*") ?? 0;
  }

  /** Whether this request of `method` stays unanswered (uses up one count). */
  takeSilence(method: string): boolean {
    return take(this.silence, method) !== undefined;
  }

  /** The error code this request of `method` is to fail with, if any (uses up one count). */
  takeFailure(method: string): number | undefined {
    return take(this.failures, method)?.errorCode;
  }

  /** The drop trigger this request of `method` on `sessionId` fires, if any (counts it for every armed trigger). */
  takeDrop(method: string, sessionId: string): ArmedDrop | undefined {
    let fires: ArmedDrop | undefined;
    for (const drop of this.drops) {
      if (drop.method !== method || (drop.sessionId !== undefined && drop.sessionId !== sessionId)) continue;
      if (drop.skip > 0) drop.skip -= 1;
      else fires ??= drop;
    }
    if (fires !== undefined) this.drops.splice(this.drops.indexOf(fires), 1);
    return fires;
  }

  /** Whether a token of `userId` with this serial is expired by `expireTokens`. */
  isTokenExpired(serial: number, userId: string): boolean {
    return this.#expiriesOf(serial, userId).length > 0;
  }

  /** Whether requests of a session of `userId` authorised with this token serial get 203. */
  expiresRequests(serial: number, userId: string): boolean {
    return this.#expiriesOf(serial, userId).some((expiry) => expiry.onRequests);
  }

  /** The `expireTokens` calls (for this account and for every account) that cover this token. */
  #expiriesOf(serial: number, userId: string): Expiry[] {
    return [this.expiries.get(userId), this.expiries.get("*")].filter(
      (expiry): expiry is Expiry => expiry !== undefined && serial <= expiry.upTo,
    );
  }

  /** What to do with this token request (uses up one count of each knob that applies). */
  takeTokenFault(): { kind: "hang" } | { kind: "respond"; status: number; body: string } | { kind: "none" } {
    if (useCounted(this.token.hang, () => (this.token.hang = undefined))) return { kind: "hang" };
    const failure = useCounted(this.token.failure, () => (this.token.failure = undefined));
    if (failure !== undefined) {
      const body = { error: "server_error", error_description: `Forced failure (HTTP ${failure.status})` };
      return { kind: "respond", status: failure.status, body: JSON.stringify(body) };
    }
    const replacement = useCounted(this.token.replacement, () => (this.token.replacement = undefined));
    if (replacement !== undefined)
      return { kind: "respond", status: replacement.status, body: replacement.body };
    return { kind: "none" };
  }

  /** How events go out right now. */
  get eventDelivery(): { duplicate: boolean; reorder: boolean } {
    return { duplicate: this.duplicate, reorder: this.reorder };
  }
}

/**
 * Fault injection: every way a real server or network misbehaves that a client must survive. Knobs stay on
 * until their count is used up or {@link Faults.reset} is called.
 *
 * @example
 * emu.faults.failNext("sendMessage", 304);            // the next sendMessage gets {errorCode: 304}
 * emu.faults.dropSessions({ clean: false });          // every client sees close code 1006
 * emu.faults.dropOn("sendMessage", { at: "afterRun" }); // stored, but the answer is lost
 */
export class Faults {
  readonly #targets: FaultTargets;
  readonly #state: FaultState;
  /** The serial of the newest token issued, so `expireTokens` knows what "issued so far" means. */
  readonly #lastTokenSerial: () => number;

  /** Knobs that change `state`, which the server reads. */
  constructor(targets: FaultTargets, state: FaultState, lastTokenSerial: () => number) {
    this.#targets = targets;
    this.#state = state;
    this.#lastTokenSerial = lastTokenSerial;
  }

  /**
   * Closes every open session, or only `sessionId`, or only the sessions of one `bot` account (login or user
   * id): `clean` (default false) sends a close frame with `code` (default 1000), otherwise the TCP connection is
   * cut and the client sees 1006. Returns what it dropped.
   *
   * @example
   * const [dropped] = emu.faults.dropSessions({ sessionId: "s1" }); // { sessionId: "s1", userId, code: 1006 }
   * emu.faults.dropSessions({ bot: "helper", clean: true }); // every session of helper@…, close code 1000
   */
  dropSessions(
    options: { sessionId?: string; bot?: string; clean?: boolean; code?: number } = {},
  ): DroppedSession[] {
    const how = checkDropOptions(options, "dropSessions");
    const userId = options.bot === undefined ? undefined : this.#botUserId(options.bot, "dropSessions");
    return this.#sessionsNamed(options.sessionId, "dropSessions")
      .filter((session) => session.open && (userId === undefined || session.userId === userId))
      .map((session) => session.drop(how));
  }

  /** The user id of a bot account given by login or user id; anything else is a mistake. */
  #botUserId(bot: string, what: string): string {
    const userId = typeof bot === "string" ? this.#targets.botUserId(bot) : undefined;
    if (userId === undefined) throw new EmulatorConfigError(`${what}: "${String(bot)}" is not a bot account`);
    return userId;
  }

  /**
   * Drops the session of the `nth` (default 1) request of `method` that arrives from now on (optionally only
   * on `sessionId`) at an exact moment of its life (see {@link DropMoment}), e.g. `"afterRun"`: the message is
   * stored but its answer is lost. The drop is abrupt (1006) unless `clean`. The returned trigger tells what
   * it dropped once it fired; `reset()` disarms it.
   *
   * @example
   * const trigger = emu.faults.dropOn("sendMessage", { at: "afterRun" });
   * const { request } = await emu.waitFor(() => trigger.fired);
   * request.result; // { payload: { chatId, messageId, timestamp } }: stored, never answered
   */
  dropOn(
    method: string,
    options: { at: DropMoment; nth?: number; sessionId?: string; clean?: boolean; code?: number },
  ): DropTrigger {
    checkMethod(method, "dropOn");
    if (!dropMoments.includes(options?.at)) {
      throw new EmulatorConfigError(`dropOn: at must be one of ${dropMoments.join(", ")}`);
    }
    const nth = options.nth ?? 1;
    if (!Number.isInteger(nth) || nth < 1)
      throw new EmulatorConfigError("dropOn: nth must be a positive integer");
    if (options.sessionId !== undefined) this.#sessionsNamed(options.sessionId, "dropOn");
    const armed: ArmedDrop = {
      method,
      at: options.at,
      sessionId: options.sessionId,
      ...checkDropOptions(options, "dropOn"),
      skip: nth - 1,
      fired: undefined,
    };
    this.#state.drops.push(armed);
    return {
      get fired() {
        return armed.fired;
      },
    };
  }

  /** Refuses the next `count` WebSocket handshakes with an HTTP `status` (default 503). */
  refuseHandshakes(count: number, options: { status?: number } = {}): void {
    this.#state.refuse = {
      remaining: checkCount(count, "refuseHandshakes"),
      status: checkStatus(options.status ?? 503, "refuseHandshakes"),
    };
  }

  /** Delays every WebSocket handshake by `ms` (0 switches it off). */
  delayHandshakes(ms: number): void {
    this.#state.handshakeDelay = checkMs(ms, "delayHandshakes");
  }

  /** Delays every response to `method` (or to every method with `"*"`) by `ms`. */
  delayResponses(method: string, ms: number): void {
    this.#state.responseDelays.set(checkMethod(method, "delayResponses"), checkMs(ms, "delayResponses"));
  }

  /** Logs requests of `method` (or `"*"`) but never answers them; `count` limits how many (default: all). */
  neverAnswer(method: string, options: { count?: number } = {}): void {
    this.#state.silence.set(checkMethod(method, "neverAnswer"), {
      remaining: checkCount(options.count, "neverAnswer"),
    });
  }

  /** Answers the next `count` (default 1) requests of `method` with `{errorCode, errorDescription}` without touching the world. */
  failNext(method: string, errorCode: number, options: { count?: number } = {}): void {
    if (!Number.isInteger(errorCode) || errorCode <= 0)
      throw new EmulatorConfigError("failNext: errorCode must be a positive integer");
    this.#state.failures.set(checkMethod(method, "failNext"), {
      remaining: checkCount(options.count ?? 1, "failNext"),
      errorCode,
    });
  }

  /**
   * Expires every token issued so far, or only those of one `bot` account (login or user id): `auth` with one
   * gets 203; with `onRequests`, so does every request of a session that authorised with one.
   *
   * @example
   * emu.faults.expireTokens({ bot: "helper", onRequests: true }); // other bots keep working
   */
  expireTokens(options: { onRequests?: boolean; bot?: string } = {}): void {
    let key = "*";
    if (options.bot !== undefined) {
      key = this.#botUserId(options.bot, "expireTokens");
    }
    this.#state.expiries.set(key, {
      upTo: this.#lastTokenSerial(),
      onRequests: checkSwitch(options.onRequests ?? false, "expireTokens"),
    });
  }

  /**
   * Sends a frame verbatim to one session or to every open one: text (malformed JSON, unknown methods…) as a
   * text frame; bytes as a text frame whose bytes need not be valid UTF-8, or with `binary` as a binary frame.
   *
   * @example
   * emu.faults.sendRaw(Buffer.from([0xc3, 0x28])); // invalid UTF-8: a conforming client closes with 1007
   * emu.faults.sendRaw(new Uint8Array([1, 2, 3]), { binary: true });
   */
  sendRaw(data: string | Uint8Array, options: { sessionId?: string; binary?: boolean } = {}): void {
    if (typeof data !== "string" && !(data instanceof Uint8Array))
      throw new EmulatorConfigError("sendRaw: data must be a string or a Uint8Array");
    const binary = checkSwitch(options.binary ?? false, "sendRaw");
    if (binary && typeof data === "string")
      throw new EmulatorConfigError("sendRaw: a binary frame needs bytes (a Uint8Array)");
    for (const session of this.#sessionsNamed(options.sessionId, "sendRaw")) {
      if (typeof data === "string") session.sendRaw(data);
      else session.sendBytes(data, binary);
    }
  }

  /** Delivers every event twice (same frame, same id) while on. */
  duplicateEvents(on: boolean): void {
    this.#state.duplicate = checkSwitch(on, "duplicateEvents");
  }

  /** Swaps consecutive events per session while on (a lone event goes out after a short hold). */
  reorderEvents(on: boolean): void {
    this.#state.reorder = checkSwitch(on, "reorderEvents");
    if (!on) for (const session of this.#targets.sessions()) session.flushHeld();
  }

  /** Stops reading one session's socket (or every session's): no pongs, no responses, no events — a dead peer. */
  freeze(sessionId?: string): void {
    for (const session of this.#sessionsNamed(sessionId, "freeze")) {
      session.frozen = true;
      session.ws.pause();
    }
  }

  /**
   * Answers the next `count` token requests (default: all until reset) with an HTTP error `status` (default
   * 503) and an OAuth-style error body.
   *
   * @example
   * emu.faults.failTokenRequests({ status: 502, count: 2 }); // the third token request succeeds
   */
  failTokenRequests(options: { status?: number; count?: number } = {}): void {
    this.#state.token.failure = {
      status: checkStatus(options.status ?? 503, "failTokenRequests"),
      remaining: checkCount(options.count, "failTokenRequests"),
    };
  }

  /** Holds every token response for `ms` (0 switches it off); the other knobs apply after the delay. */
  delayTokenRequests(ms: number): void {
    this.#state.token.delay = checkMs(ms, "delayTokenRequests");
  }

  /** Reads the next `count` token requests (default: all until reset) and never answers them: the client's timeout must fire. */
  hangTokenRequests(options: { count?: number } = {}): void {
    this.#state.token.hang = { remaining: checkCount(options.count, "hangTokenRequests") };
  }

  /**
   * Answers the next `count` token requests (default: all until reset) with `body` instead of a token: a string
   * goes out verbatim (not JSON, say), anything else as JSON; the status defaults to 201.
   *
   * @example
   * emu.faults.replaceTokenResponses({ token_type: "JWT" }, { count: 1 }); // a 201 without access_token
   */
  replaceTokenResponses(body: unknown, options: { status?: number; count?: number } = {}): void {
    const text = typeof body === "string" ? body : JSON.stringify(body);
    if (text === undefined)
      throw new EmulatorConfigError("replaceTokenResponses: body must be JSON-serialisable");
    const status = options.status ?? 201;
    if (!Number.isInteger(status) || status < 200 || status > 599)
      throw new EmulatorConfigError("replaceTokenResponses: status must be an HTTP status (200-599)");
    this.#state.token.replacement = {
      status,
      body: text,
      remaining: checkCount(options.count, "replaceTokenResponses"),
    };
  }

  /** Answers every upload with an HTTP error `status` (default 500) while on. */
  failUploads(options: { status?: number } = {}): void {
    this.#state.uploadFailure = checkStatus(options.status ?? 500, "failUploads");
  }

  /** Cuts every download off after `bytes` bytes (the Content-Length still announces the whole file). */
  truncateDownloads(bytes: number): void {
    if (!Number.isInteger(bytes) || bytes < 0)
      throw new EmulatorConfigError("truncateDownloads: bytes must be an integer >= 0");
    this.#state.downloadLimit = bytes;
  }

  /** While on, uploaded files stay UPLOADING until `emu.finishUpload`. */
  stallReadiness(on: boolean): void {
    this.#targets.stallReadiness(checkSwitch(on, "stallReadiness"));
  }

  /** The open and recently closed sessions, or the one named `sessionId` (an unknown id is a mistake). */
  #sessionsNamed(sessionId: string | undefined, what: string): readonly Session[] {
    const sessions = this.#targets.sessions();
    if (sessionId === undefined) return sessions;
    const named = sessions.filter((session) => session.id === sessionId);
    if (named.length === 0) throw new EmulatorConfigError(`${what}: no session "${String(sessionId)}"`);
    return named;
  }

  /** Switches every knob off (drop triggers disarmed) and unfreezes frozen sessions. */
  reset(): void {
    this.#state.clear();
    this.#targets.stallReadiness(false);
    for (const session of this.#targets.sessions()) {
      session.flushHeld();
      if (!session.frozen) continue;
      session.frozen = false;
      session.ws.resume();
    }
  }
}

function take<T extends Counted>(knobs: Map<string, T>, method: string): T | undefined {
  const key = knobs.has(method) ? method : knobs.has("*") ? "*" : undefined;
  if (key === undefined) return undefined;
  const knob = knobs.get(key) as T;
  knob.remaining -= 1;
  if (knob.remaining <= 0) knobs.delete(key);
  return knob;
}
