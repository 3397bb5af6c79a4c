import type { IncomingMessage, ServerResponse } from "node:http";
import type { FrameRecord } from "../frame-log.js";
import type { WorldEvent } from "../world/world-events.js";
import { frameJson } from "./frame-json.js";

interface Client {
  res: ServerResponse;
  frames: boolean;
}

/** A comment line every so often keeps proxies and idle timeouts from closing a quiet stream. */
const heartbeatMs = 15_000;
/** A client this far behind is cut off rather than buffered without bound (it can reconnect and catch up). */
const maxBufferedBytes = 8 * 1024 * 1024;

/**
 * The live event stream of the control API (Server-Sent Events): every {@link WorldEvent} as `event: world`,
 * and every frame in and out as `event: frame` (unless the client asked for `frames=false`). The first event,
 * `hello`, carries the frame log cursor, so a client can fetch what it missed with `GET /frames?since=`.
 *
 * @example
 * // in a browser or with fetch: each message is "event: world\ndata: {…}\n\n"
 * const source = new EventSource("/emulator/api/events");
 * source.addEventListener("world", (e) => console.log(JSON.parse(e.data)));
 */
export class EventStream {
  readonly #clients = new Set<Client>();
  readonly #unsubscribe: (() => void)[];
  readonly #frameCount: () => number;
  #heartbeat: NodeJS.Timeout | undefined;

  constructor(parts: {
    observeWorld(listener: (event: WorldEvent) => void): () => void;
    onFrame(listener: (record: FrameRecord) => void): () => void;
    frameCount(): number;
  }) {
    this.#frameCount = parts.frameCount;
    this.#unsubscribe = [
      parts.observeWorld((event) => this.#broadcast("world", event, false)),
      parts.onFrame((record) => {
        if (this.#clients.size > 0) this.#broadcast("frame", frameJson(record), true);
      }),
    ];
  }

  /** How many clients are connected. */
  get size(): number {
    return this.#clients.size;
  }

  /** Turns a response into a stream and keeps it until the client goes away or the emulator stops. */
  open(req: IncomingMessage, res: ServerResponse, options: { frames: boolean }): void {
    res.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    });
    const client: Client = { res, frames: options.frames };
    this.#clients.add(client);
    req.socket.setNoDelay(true);
    res.on("close", () => {
      this.#clients.delete(client);
      if (this.#clients.size === 0) this.#stopHeartbeat();
    });
    this.#write(
      client,
      `retry: 1000\nevent: hello\ndata: ${JSON.stringify({ frameCount: this.#frameCount() })}\n\n`,
    );
    this.#heartbeat ??= setInterval(() => {
      for (const each of this.#clients) this.#write(each, ": keep-alive\n\n");
    }, heartbeatMs).unref();
  }

  /** Ends every stream and stops listening (the emulator is stopping). */
  close(): void {
    for (const unsubscribe of this.#unsubscribe) unsubscribe();
    this.#stopHeartbeat();
    for (const client of this.#clients) client.res.end();
    this.#clients.clear();
  }

  #broadcast(event: string, data: unknown, isFrame: boolean): void {
    if (this.#clients.size === 0) return;
    const message = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const client of this.#clients) if (!isFrame || client.frames) this.#write(client, message);
  }

  #write(client: Client, text: string): void {
    if (client.res.writableLength > maxBufferedBytes) {
      client.res.destroy();
      return;
    }
    client.res.write(text);
  }

  #stopHeartbeat(): void {
    clearInterval(this.#heartbeat);
    this.#heartbeat = undefined;
  }
}
