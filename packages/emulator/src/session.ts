import { randomBytes, randomUUID } from "node:crypto";
import WebSocket from "ws";
import { decodeUtf8, describeBytes } from "./frame-bytes.js";
import type { FrameLog, FrameRecord } from "./frame-log.js";

/** The `auth` flags a session asked for. */
export interface SessionFlags {
  receiveUnread: boolean;
  receiveSystemMessageEnvelopes: boolean;
}

/** What the control API shows about one WebSocket connection. */
export interface SessionInfo {
  /** The emulator's name for the connection ("s1", "s2"…), used in frame records and fault targets. */
  id: string;
  /** The bot account's user id once authorised (no instance suffix). */
  userId: string | undefined;
  /** The `connectionId` the `auth` response carries. */
  connectionId: string;
  authorized: boolean;
  open: boolean;
  options: SessionFlags;
  /** Server requests sent on this connection that the client has not acked yet. */
  pendingAcks: number;
}

/** What a drop fault did to one session. */
export interface DroppedSession {
  /** The session's id ("s1"…). */
  sessionId: string;
  /** The bot account it was authorised as, if any. */
  userId: string | undefined;
  /** The close code the client sees: the clean close's code, or 1006 for a cut connection. */
  code: number;
}

/** A `sendMessage` event that no session of the account has acked yet (what `receiveUnread` re-delivers). */
export interface UnreadEntry {
  readonly userId: string;
  readonly payload: Record<string, unknown>;
}

/** How one outgoing event is disturbed by the event faults. */
export interface EventDelivery {
  duplicate: boolean;
  reorder: boolean;
}

/** The largest id a uint32 counter reaches before it wraps to 1. */
const maxId = 0xffff_ffff;
/** How long a held event waits for a successor to swap with before it goes out anyway. */
const reorderHoldMs = 50;

/**
 * One WebSocket connection: its authorisation, its own server request id counter (independent of the
 * client's ids, PROTOCOL.md 1.5) and the events it still has to ack.
 */
export class Session {
  /** The emulator's name for the connection ("s1", "s2"…). */
  readonly id: string;
  /** The `connectionId` of the `auth` response. */
  readonly connectionId = randomUUID();
  /** The instance suffix of the `auth` response's userId ("bot@server/80830e3b"). */
  readonly instance = randomBytes(4).toString("hex");
  readonly ws: WebSocket;
  /** The bot account once authorised (bare user id, no instance suffix). */
  userId: string | undefined;
  /** Serial of the token the session authorised with (for `expireTokens`). */
  tokenSerial = 0;
  /** The flags of the last successful `auth`. */
  flags: SessionFlags = { receiveUnread: false, receiveSystemMessageEnvelopes: false };
  /** Set by the `freeze` fault: the socket is not read and nothing is sent. */
  frozen = false;
  readonly #log: FrameLog;
  #nextServerId = 0;
  readonly #awaitingAck = new Map<number, UnreadEntry | undefined>();
  #held: { raw: string; timer: NodeJS.Timeout } | undefined;

  constructor(id: string, ws: WebSocket, log: FrameLog) {
    this.id = id;
    this.ws = ws;
    this.#log = log;
  }

  /** Whether an `auth` succeeded on this connection. */
  get authorized(): boolean {
    return this.userId !== undefined;
  }

  /** Whether the socket is open (frames can still be sent). */
  get open(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  /** A snapshot for the control API. */
  info(): SessionInfo {
    return {
      id: this.id,
      userId: this.userId,
      connectionId: this.connectionId,
      authorized: this.authorized,
      open: this.open,
      options: { ...this.flags },
      pendingAcks: this.#awaitingAck.size,
    };
  }

  /**
   * Sends a frame (logged as "out"); a closed or frozen session sends nothing, like a dead peer. `onWritten` runs
   * once the frame has been handed to the operating system, so that a connection cut after it cannot lose it.
   */
  send(frame: Record<string, unknown>, onWritten?: () => void): FrameRecord | undefined {
    return this.sendRaw(JSON.stringify(frame), frame, onWritten);
  }

  /** Sends text as it is (for malformed-frame faults as well as ordinary frames). */
  sendRaw(raw: string, frame?: Record<string, unknown>, onWritten?: () => void): FrameRecord | undefined {
    if (!this.open || this.frozen) return undefined;
    this.ws.send(raw, onWritten === undefined ? undefined : () => onWritten());
    return this.#log.append(this.id, "out", raw, frame);
  }

  /**
   * Sends bytes as they are: a binary frame, or with `binary: false` a text frame whose bytes need not be valid
   * UTF-8 (a conforming client closes with 1007). Logged by length and leading bytes unless they are valid text.
   */
  sendBytes(bytes: Uint8Array, binary: boolean): void {
    if (!this.open || this.frozen) return;
    this.ws.send(bytes, { binary });
    const text = binary ? undefined : decodeUtf8(bytes);
    this.#log.append(this.id, "out", text ?? describeBytes(bytes, binary ? "binary" : "text, invalid UTF-8"));
  }

  /** Ends the connection: a close frame with `code` when `clean`, otherwise a cut TCP connection (the client sees 1006). */
  drop(options: { clean: boolean; code: number }): DroppedSession {
    if (options.clean) this.ws.close(options.code);
    else this.ws.terminate();
    return { sessionId: this.id, userId: this.userId, code: options.clean ? options.code : 1006 };
  }

  /** Sends a server request with a fresh server id and remembers it until the client acks it. */
  sendEvent(
    method: string,
    payload: Record<string, unknown>,
    entry: UnreadEntry | undefined,
    how: EventDelivery,
  ): void {
    if (!this.open) return;
    this.#nextServerId = this.#nextServerId >= maxId ? 1 : this.#nextServerId + 1;
    const id = this.#nextServerId;
    this.#awaitingAck.set(id, entry);
    const frame = { type: 1, id, method, payload };
    const raw = JSON.stringify(frame);
    const copies = how.duplicate ? 2 : 1;
    for (let copy = 0; copy < copies; copy += 1) {
      if (how.reorder) this.#sendReordered(raw);
      else this.sendRaw(raw, frame);
    }
  }

  /** Marks a server request as acked; returns its unread entry, if it was a `sendMessage`. */
  acknowledge(id: number): UnreadEntry | undefined {
    const entry = this.#awaitingAck.get(id);
    this.#awaitingAck.delete(id);
    return entry;
  }

  /** Sends an event held back by `reorderEvents` now (when the fault is switched off or the session ends). */
  flushHeld(): void {
    const held = this.#held;
    if (held === undefined) return;
    this.#held = undefined;
    clearTimeout(held.timer);
    this.sendRaw(held.raw, JSON.parse(held.raw) as Record<string, unknown>);
  }

  /** Swaps each pair of consecutive events: the first is held until the second has gone out. */
  #sendReordered(raw: string): void {
    if (this.#held === undefined) {
      this.#held = { raw, timer: setTimeout(() => this.flushHeld(), reorderHoldMs).unref() };
      return;
    }
    this.sendRaw(raw, JSON.parse(raw) as Record<string, unknown>);
    this.flushHeld();
  }
}
