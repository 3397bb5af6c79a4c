import { once } from "node:events";
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";

/** A request handler of a test server. */
export type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** A real HTTP(S) server on 127.0.0.1 with a random port. */
export interface TestServer {
  /** `http://127.0.0.1:PORT` (or https). */
  origin: string;
  /** Every request line seen, in order ("GET /a"). */
  requests: string[];
  close(): Promise<void>;
}

/** Starts a server that routes by path; unknown paths answer 404. */
export async function startServer(
  routes: Record<string, Handler>,
  tls?: { key: string | Buffer; cert: string | Buffer },
): Promise<TestServer> {
  const requests: string[] = [];
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    requests.push(`${req.method} ${req.url}`);
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const route = routes[path];
    if (!route) {
      res.writeHead(404).end("not found");
      return;
    }
    Promise.resolve(route(req, res)).catch((error: unknown) => {
      res.destroy(error instanceof Error ? error : new Error(String(error)));
    });
  };
  const server = tls ? createHttpsServer(tls, handle) : createHttpServer(handle);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    origin: `${tls ? "https" : "http"}://127.0.0.1:${port}`,
    requests,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, "close");
    },
  };
}

/** A handler that sends fixed bytes with the given headers (Content-Length unless told otherwise). */
export function sendBytes(
  data: Uint8Array,
  headers: Record<string, string> = {},
  options: { contentLength?: boolean } = {},
): Handler {
  return (_req, res) => {
    const all: Record<string, string> = { "content-type": "application/octet-stream", ...headers };
    if (options.contentLength !== false) all["content-length"] = String(data.byteLength);
    res.writeHead(200, all);
    res.end(data);
  };
}

/** Deterministic pseudo-random bytes, so that a mismatch anywhere shows in a byte comparison. */
export function testBytes(size: number, seed = 1): Buffer {
  const out = Buffer.alloc(size);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}
