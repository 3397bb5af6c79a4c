import WebSocket from "ws";

/**
 * The baseline: a bare `ws` client that sends the same frames and correlates responses by id with one map,
 * with none of the transport's guarantees (no queueing, timeouts, reconnects or validation).
 */
export class RawClient {
  readonly #ws: WebSocket;
  readonly #waiting = new Map<number, (payload: unknown) => void>();
  #nextId = 0;

  private constructor(ws: WebSocket) {
    this.#ws = ws;
    ws.on("message", (data) => {
      const frame = JSON.parse(data.toString()) as { type: number; id: number; payload?: unknown };
      const resolve = this.#waiting.get(frame.id);
      if (frame.type !== 2 || !resolve) return;
      this.#waiting.delete(frame.id);
      resolve(frame.payload);
    });
  }

  static async connect(url: string, token: string): Promise<RawClient> {
    const ws = new WebSocket(url, "json.v1", { perMessageDeflate: false });
    await new Promise<void>((resolve, reject) => {
      ws.once("open", resolve);
      ws.once("error", reject);
    });
    const client = new RawClient(ws);
    await client.request("auth", {
      token,
      tokenType: "JWT",
      receiveUnread: false,
      receiveSystemMessageEnvelopes: false,
    });
    return client;
  }

  request(method: string, payload: object): Promise<unknown> {
    const id = ++this.#nextId;
    return new Promise((resolve) => {
      this.#waiting.set(id, resolve);
      this.#ws.send(JSON.stringify({ type: 1, id, method, payload }));
    });
  }

  close(): void {
    this.#ws.close(1000);
  }
}
