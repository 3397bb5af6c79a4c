import { describeValue, invalidOption, requireBoolean, requireInteger } from "@tc/core";

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
    throw invalidOption(
      "server",
      typeof server === "string"
        ? `expected a host name or IP address without scheme or path, got ${JSON.stringify(server)}`
        : `expected a host name or IP address, got ${describeValue(server)}`,
    );
  }
  const tls = requireBoolean("https", options.https, true);
  const port = requireInteger("port", options.port, tls ? 443 : 4309, { min: 1, max: 65535 });
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
