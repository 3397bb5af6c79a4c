import type { ResolvedTlsOptions } from "@tc/core";
import WebSocket from "ws";

/** The only sub-protocol the Chatbot Connector speaks. */
const subProtocol = "json.v1";
/** TCP keep-alive probe delay: below the ~41 s idle cut some corporate networks apply (PROTOCOL.md 1.3). */
const tcpKeepAliveDelay = 15_000;

/**
 * Opens one WebSocket and resolves once the handshake completed. Rejects on a refused or failed handshake,
 * after `handshakeTimeout`, or when `signal` aborts (the socket is then terminated).
 */
export function openSocket(
  url: string,
  options: { tls: ResolvedTlsOptions; handshakeTimeout: number; signal: AbortSignal },
): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    if (options.signal.aborted) return reject(new Error("connect aborted"));
    const ws = new WebSocket(url, subProtocol, {
      ...options.tls,
      handshakeTimeout: options.handshakeTimeout,
      perMessageDeflate: false,
    });
    const onAbort = () => ws.terminate();
    const done = () => {
      options.signal.removeEventListener("abort", onAbort);
      ws.off("open", onOpen);
      ws.off("error", onError);
      ws.off("close", onClose);
    };
    const onOpen = () => {
      done();
      // The owner attaches its own listeners next; this one only keeps an error that nobody listens to (say on
      // a socket closed unwatched during stop()) from crashing the process. The close that follows reports it.
      ws.on("error", () => {});
      resolve(ws);
    };
    const onError = (error: Error) => {
      done();
      ws.on("error", () => {}); // later errors of this dead socket have no one to tell
      ws.terminate();
      reject(error);
    };
    const onClose = (code: number) => {
      done();
      reject(
        new Error(options.signal.aborted ? "connect aborted" : `closed during the handshake (code ${code})`),
      );
    };
    options.signal.addEventListener("abort", onAbort, { once: true });
    ws.once("upgrade", (response) => response.socket.setKeepAlive(true, tcpKeepAliveDelay));
    ws.on("open", onOpen);
    ws.on("error", onError);
    ws.on("close", onClose);
  });
}
