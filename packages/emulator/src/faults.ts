import { EmulatorConfigError } from "./errors.js";
import type { Session } from "./session.js";

/** What the fault knobs need from the rest of the emulator. */
export interface FaultTargets {
  /** The listed sessions, open and recently closed (closed ones are skipped by the knobs). */
  sessions(): readonly Session[];
  /** Switches the world's "uploaded files stay UPLOADING" mode. */
  stallReadiness(on: boolean): void;
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
  expiredUpTo = 0;
  expireOnRequests = false;
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
    this.expiredUpTo = 0;
    this.expireOnRequests = false;
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

  /** Whether a token with this serial is expired by `expireTokens`. */
  isTokenExpired(serial: number): boolean {
    return serial <= this.expiredUpTo;
  }

  /** Whether requests of a session authorised with this token serial get 203. */
  expiresRequests(serial: number): boolean {
    return this.expireOnRequests && this.isTokenExpired(serial);
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

  /** Closes every open session: `clean` (default false) sends a close frame with `code` (default 1000), otherwise the TCP connection is cut and the client sees 1006. */
  dropSessions(options: { clean?: boolean; code?: number } = {}): void {
    const code = options.code ?? 1000;
    if (options.clean && !isSendableCloseCode(code)) {
      throw new EmulatorConfigError(`dropSessions: ${code} is not a close code a server may send`);
    }
    for (const session of this.#targets.sessions()) {
      if (!session.open) continue;
      if (options.clean) session.ws.close(code);
      else session.ws.terminate();
    }
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

  /** Expires every token issued so far: `auth` with one gets 203; with `onRequests`, so does every request of a session that authorised with one. */
  expireTokens(options: { onRequests?: boolean } = {}): void {
    this.#state.expiredUpTo = this.#lastTokenSerial();
    this.#state.expireOnRequests = options.onRequests ?? false;
  }

  /** Sends `text` verbatim (malformed JSON, unknown methods…) to one session or to every open one. */
  sendRaw(text: string, options: { sessionId?: string } = {}): void {
    if (typeof text !== "string") throw new EmulatorConfigError("sendRaw: text must be a string");
    const sessions = this.#targets
      .sessions()
      .filter((session) => options.sessionId === undefined || session.id === options.sessionId);
    if (options.sessionId !== undefined && sessions.length === 0)
      throw new EmulatorConfigError(`sendRaw: no session "${options.sessionId}"`);
    for (const session of sessions) session.sendRaw(text);
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
    const sessions = this.#targets
      .sessions()
      .filter((session) => sessionId === undefined || session.id === sessionId);
    if (sessionId !== undefined && sessions.length === 0)
      throw new EmulatorConfigError(`freeze: no session "${sessionId}"`);
    for (const session of sessions) {
      session.frozen = true;
      session.ws.pause();
    }
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

  /** Switches every knob off and unfreezes frozen sessions. */
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
