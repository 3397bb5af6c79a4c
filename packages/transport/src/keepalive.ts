import type WebSocket from "ws";

/**
 * Pings `ws` every `interval` ms; when a pong does not follow within `pongTimeout` ms the peer is taken for
 * dead and `onDead` runs. A dead peer is therefore noticed at most `interval + pongTimeout` ms after it stopped
 * answering. Returns the function that stops the pings.
 */
export function startKeepalive(
  ws: WebSocket,
  options: { interval: number; pongTimeout: number; onDead: () => void },
): () => void {
  let pongTimer: NodeJS.Timeout | undefined;
  const onPong = () => {
    clearTimeout(pongTimer);
    pongTimer = undefined;
  };
  const pinger = setInterval(() => {
    if (pongTimer !== undefined || ws.readyState !== ws.OPEN) return;
    pongTimer = setTimeout(options.onDead, options.pongTimeout);
    ws.ping();
  }, options.interval);
  ws.on("pong", onPong);
  return () => {
    clearInterval(pinger);
    clearTimeout(pongTimer);
    ws.off("pong", onPong);
  };
}
