import type { AddressInfo } from "node:net";
import { WebSocketServer } from "ws";

/**
 * The smallest server the benchmark needs: accepts `json.v1`, answers `auth` with a session and every other
 * request with its own payload. Both clients talk to the same instance.
 */
export async function startEchoServer(): Promise<{ port: number; close: () => Promise<void> }> {
  const wss = new WebSocketServer({
    host: "127.0.0.1",
    port: 0,
    perMessageDeflate: false,
    handleProtocols: (protocols) => (protocols.has("json.v1") ? "json.v1" : false),
  });
  await new Promise<void>((resolve) => wss.once("listening", resolve));
  wss.on("connection", (ws) => {
    ws.on("message", (data) => {
      const frame = JSON.parse(data.toString()) as {
        type: number;
        id: number;
        method: string;
        payload: unknown;
      };
      if (frame.type !== 1) return;
      const payload =
        frame.method === "auth" ? { userId: "bench@local", connectionId: "bench" } : frame.payload;
      ws.send(JSON.stringify({ type: 2, id: frame.id, payload }));
    });
  });
  return {
    port: (wss.address() as AddressInfo).port,
    close: () =>
      new Promise((resolve) => {
        for (const ws of wss.clients) ws.terminate();
        wss.close(() => resolve());
      }),
  };
}
