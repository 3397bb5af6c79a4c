import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { WebSocket, WebSocketServer } from "ws";

/** A frame the mini server received from a client. */
export interface Received {
  socket: number;
  frame: { type: number; id: number; method?: string; payload?: unknown };
}

type Reply = Record<string, unknown> | undefined | "no-answer";

/**
 * A tiny Chatbot Connector stand-in for transport tests that need exact control over the wire (frame order,
 * silence, raw text). Answers `auth` with a session and other requests through `handler`.
 */
export class MiniServer {
  readonly received: Received[] = [];
  readonly sockets: WebSocket[] = [];
  /** Answers a client request; return "no-answer" to stay silent. Default: echo the payload. */
  handler: (method: string, payload: unknown, socket: number) => Reply = (_, payload) => ({ echo: payload });
  /** Answers `auth`; default a session. */
  auth: (payload: Record<string, unknown>, socket: number) => Reply = (_, socket) => ({
    userId: "bot@mini.local/inst",
    connectionId: `conn-${socket}`,
  });
  /** Status to refuse the next handshakes with, one per entry. */
  readonly refusals: number[] = [];
  /** WebSocket handshakes attempted so far, refused or accepted. */
  handshakes = 0;
  private constructor(
    private readonly wss: WebSocketServer,
    readonly port: number,
  ) {}

  /** Answers `POST /bridge/api/client/v1/oauth/token` with a status and a JSON body. */
  token: (body: Record<string, unknown>) => [number, unknown] = () => [404, { error: "not configured" }];
  /** Bodies of token requests received. */
  readonly tokenRequests: Record<string, unknown>[] = [];

  static async start(tls?: { key: string; cert: string }): Promise<MiniServer> {
    const onHttp = (req: IncomingMessage, res: ServerResponse) => {
      let text = "";
      req.on("data", (chunk: Buffer) => {
        text += chunk.toString();
      });
      req.on("end", () => {
        const body = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
        server.tokenRequests.push(body);
        const [status, reply] = server.token(body);
        res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(reply));
      });
    };
    const http = tls ? createHttpsServer(tls, onHttp) : createHttpServer(onHttp);
    const wss = new WebSocketServer({
      server: http,
      handleProtocols: (protocols) => (protocols.has("json.v1") ? "json.v1" : false),
      verifyClient: (_info, done) => {
        server.handshakes += 1;
        const status = server.refusals.shift();
        if (status === undefined) done(true);
        else done(false, status);
      },
    });
    await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
    const port = (http.address() as AddressInfo).port;
    const server = new MiniServer(wss, port);
    wss.on("connection", (ws) => server.accept(ws));
    return server;
  }

  /** Requests (type 1) received, optionally of one method. */
  requests(method?: string): Received[] {
    return this.received.filter(
      (r) => r.frame.type === 1 && (method === undefined || r.frame.method === method),
    );
  }

  /** Acks (type 2) received. */
  acks(): Received[] {
    return this.received.filter((r) => r.frame.type === 2);
  }

  /** The latest socket. */
  get current(): WebSocket {
    const ws = this.sockets.at(-1);
    if (!ws) throw new Error("no client connected");
    return ws;
  }

  /** Sends raw text to the latest socket. */
  sendRaw(text: string): void {
    this.current.send(text);
  }

  /** Abruptly kills every socket (the client sees 1006). */
  dropAll(): void {
    for (const ws of this.sockets) ws.terminate();
  }

  async stop(): Promise<void> {
    for (const ws of this.wss.clients) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    const http = this.wss.options.server;
    http?.closeAllConnections?.();
    await new Promise<void>((resolve) => (http ? http.close(() => resolve()) : resolve()));
  }

  private accept(ws: WebSocket): void {
    const socket = this.sockets.push(ws) - 1;
    ws.on("message", (data) => {
      const frame = JSON.parse(data.toString()) as Received["frame"];
      this.received.push({ socket, frame });
      if (frame.type !== 1) return;
      const reply =
        frame.method === "auth"
          ? this.auth(frame.payload as Record<string, unknown>, socket)
          : this.handler(frame.method ?? "", frame.payload, socket);
      if (reply === "no-answer") return;
      ws.send(
        JSON.stringify(
          reply === undefined ? { type: 2, id: frame.id } : { type: 2, id: frame.id, payload: reply },
        ),
      );
    });
  }
}

/** Collects everything a logger is asked to write, to check what never appears there. */
export function captureLogger(): {
  lines: string[];
  logger: Record<"debug" | "info" | "warn" | "error", (...a: unknown[]) => void>;
} {
  const lines: string[] = [];
  const write = (...args: unknown[]) => {
    lines.push(
      args.map((a) => (a instanceof Error ? `${a.message} ${String(a.cause)}` : String(a))).join(" "),
    );
  };
  return { lines, logger: { debug: write, info: write, warn: write, error: write } };
}

export { WebSocket };
