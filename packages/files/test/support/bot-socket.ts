import { once } from "node:events";
import WebSocket from "ws";

/**
 * A minimal bot-side WebSocket client for the emulator round trip: requests with correlated ids, and
 * an immediate ack of every server request, as the protocol demands. Test-only; the real client is
 * @tc/transport.
 */
export class BotSocket {
  readonly #ws: WebSocket;
  readonly #pending = new Map<number, (payload: Record<string, unknown>) => void>();
  #nextId = 1;

  private constructor(ws: WebSocket) {
    this.#ws = ws;
    ws.on("message", (raw) => {
      const frame = JSON.parse(String(raw)) as {
        type: number;
        id: number;
        payload?: Record<string, unknown>;
      };
      if (frame.type === 1) ws.send(JSON.stringify({ type: 2, id: frame.id }));
      if (frame.type === 2) this.#pending.get(frame.id)?.(frame.payload ?? {});
    });
  }

  /** Connects and authorises with `token`. */
  static async connect(wsUrl: string, token: string): Promise<BotSocket> {
    const ws = new WebSocket(wsUrl, "json.v1");
    await once(ws, "open");
    const socket = new BotSocket(ws);
    await socket.request("auth", { token, tokenType: "JWT", receiveUnread: false });
    return socket;
  }

  /** Sends a request and resolves with its response payload; rejects on an error code. */
  request(method: string, payload: Record<string, unknown>): Promise<Record<string, unknown>> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${method}: no response within 5 s`)), 5000);
      this.#pending.set(id, (response) => {
        clearTimeout(timer);
        this.#pending.delete(id);
        const code = response.errorCode;
        if (typeof code === "number" && code !== 0) reject(new Error(`${method}: errorCode ${code}`));
        else resolve(response);
      });
      this.#ws.send(JSON.stringify({ type: 1, id, method, payload }));
    });
  }

  async close(): Promise<void> {
    this.#ws.close(1000);
    await once(this.#ws, "close");
  }
}
