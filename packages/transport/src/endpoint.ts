import { InvalidArgumentError } from "./errors.js";

/** Where the server is and how to talk to it; the part of the options that HTTP and WebSocket share. */
export interface EndpointOptions {
  /** Host name or IP address of the TrueConf Server, without scheme or path. */
  server: string;
  /** TCP port; defaults to 443 with TLS and 4309 (the Bridge port) without. */
  port?: number | undefined;
  /** Use TLS (https/wss); default true. */
  https?: boolean | undefined;
}

/** The validated endpoint with its base URLs. */
export interface Endpoint {
  server: string;
  port: number;
  protocol: "https" | "http";
  httpBaseUrl: string;
  wsUrl: string;
}

/** Validates server/port/https and builds the HTTP and WebSocket base URLs (always with an explicit port). */
export function resolveEndpoint(options: EndpointOptions): Endpoint {
  const { server } = options;
  if (typeof server !== "string" || server.trim() === "" || /[\s/]/.test(server)) {
    throw new InvalidArgumentError(
      `server must be a host name or IP address without scheme or path, got ${JSON.stringify(server)}`,
    );
  }
  if (options.https !== undefined && typeof options.https !== "boolean") {
    throw new InvalidArgumentError("https must be a boolean");
  }
  const tls = options.https ?? true;
  const port = options.port ?? (tls ? 443 : 4309);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new InvalidArgumentError(`port must be an integer from 1 to 65535, got ${String(port)}`);
  }
  // A bare IPv6 address needs brackets inside a URL.
  const host = server.includes(":") && !server.startsWith("[") ? `[${server}]` : server;
  const protocol = tls ? "https" : "http";
  return {
    server,
    port,
    protocol,
    httpBaseUrl: `${protocol}://${host}:${port}`,
    wsUrl: `${tls ? "wss" : "ws"}://${host}:${port}/websocket/chat_bot/`,
  };
}
