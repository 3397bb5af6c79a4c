import { type IncomingMessage, STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import type { FaultState } from "./faults.js";
import { describeBytes, frameBytes } from "./frame-bytes.js";
import type { FrameHandler } from "./frame-handler.js";
import type { FrameLog } from "./frame-log.js";
import { Session } from "./session.js";

/** Both spellings are used in production (PROTOCOL.md 1.2). */
const chatBotPaths = new Set(["/websocket/chat_bot", "/websocket/chat_bot/"]);
const subprotocol = "json.v1";
/**
 * How many closed sessions stay listed for inspection. A long-running emulator whose bots reconnect again and
 * again would otherwise keep every dead connection forever; tests rarely close more than a few hundred.
 */
export const closedSessionsKept = 1000;

function reject(socket: Duplex, status: number): void {
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? "Error"}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
  );
}

/**
 * The chat-bot WebSocket endpoint: path check, handshake faults, `json.v1` selection (echoed when offered,
 * handshakes without a sub-protocol accepted too) and one {@link Session} per connection.
 */
export class WebSocketEndpoint {
  readonly #wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (offered) => (offered.has(subprotocol) ? subprotocol : false),
  });
  readonly #sessions: Session[];
  readonly #faults: FaultState;
  readonly #handler: FrameHandler;
  readonly #log: FrameLog;
  readonly #changed: () => void;
  readonly #pendingHandshakes = new Set<NodeJS.Timeout>();
  /** Sessions opened so far, for their names ("s1", "s2"…), which stay unique when closed ones are dropped. */
  #opened = 0;

  /** `sessions` is the emulator's list of connections, which this endpoint appends to. */
  constructor(parts: {
    sessions: Session[];
    faults: FaultState;
    handler: FrameHandler;
    log: FrameLog;
    changed: () => void;
  }) {
    this.#sessions = parts.sessions;
    this.#faults = parts.faults;
    this.#handler = parts.handler;
    this.#log = parts.log;
    this.#changed = parts.changed;
  }

  /** Every open session and the latest {@link closedSessionsKept} closed ones, in the order they were opened. */
  get sessions(): readonly Session[] {
    return this.#sessions;
  }

  /** The `upgrade` listener of the HTTP server. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on("error", () => {
      // a client that vanishes mid-handshake is not the emulator's problem
    });
    const pathname = new URL(req.url ?? "/", "http://emulator.invalid").pathname;
    if (!chatBotPaths.has(pathname)) {
      reject(socket, 404);
      return;
    }
    const refusal = this.#faults.takeHandshakeRefusal();
    if (refusal !== undefined) {
      reject(socket, refusal);
      return;
    }
    const delay = this.#faults.handshakeDelay;
    if (delay === 0) {
      this.#accept(req, socket, head);
      return;
    }
    const timer = setTimeout(() => {
      this.#pendingHandshakes.delete(timer);
      if (!socket.destroyed) this.#accept(req, socket, head);
    }, delay);
    this.#pendingHandshakes.add(timer);
  }

  #accept(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.#wss.handleUpgrade(req, socket, head, (ws) => {
      this.#opened += 1;
      const session = new Session(`s${this.#opened}`, ws, this.#log);
      this.#sessions.push(session);
      ws.on("message", (data, isBinary) => {
        // The protocol has text frames only (PROTOCOL.md 1.2); binary frames are skipped and logged as their
        // length and first bytes in hex, so a large one cannot blow up the frame log.
        const raw = isBinary
          ? describeBytes(frameBytes(data as Buffer | ArrayBuffer | Buffer[]), "binary")
          : data.toString();
        this.#handler.receive(session, raw);
      });
      ws.on("close", () => {
        session.flushHeld();
        this.#forgetOldClosedSessions();
        this.#changed();
      });
      ws.on("error", () => {
        // a broken peer just ends its session (the close event follows)
      });
      this.#changed();
    });
  }

  #forgetOldClosedSessions(): void {
    let closed = this.#sessions.filter((session) => !session.open).length;
    for (let i = 0; closed > closedSessionsKept && i < this.#sessions.length; ) {
      if (this.#sessions[i]?.open === false) {
        this.#sessions.splice(i, 1);
        closed -= 1;
      } else i += 1;
    }
  }

  /** Closes every session (1001 "going away"), cutting those that do not finish the close handshake in time. */
  async close(graceMs: number): Promise<void> {
    for (const timer of this.#pendingHandshakes) clearTimeout(timer);
    this.#pendingHandshakes.clear();
    const closing = this.#sessions
      .filter((session) => session.ws.readyState !== session.ws.CLOSED)
      .map(
        (session) =>
          new Promise<void>((resolve) => {
            const timer = setTimeout(() => session.ws.terminate(), graceMs);
            session.ws.once("close", () => {
              clearTimeout(timer);
              resolve();
            });
            if (session.frozen) session.ws.terminate();
            else session.ws.close(1001, "emulator stopping");
          }),
      );
    await Promise.all(closing);
    this.#wss.close();
  }
}
