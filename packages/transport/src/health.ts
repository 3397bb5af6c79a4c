/**
 * The states of a transport: `connecting` (opening a socket), `connected` (socket open, `auth` not yet
 * answered), `authorized` (requests flow), `disconnected` (between connections, or not yet started),
 * `stopped` (final: by `stop()` or a fatal error).
 */
export const ConnectionState = {
  CONNECTING: "connecting",
  CONNECTED: "connected",
  AUTHORIZED: "authorized",
  DISCONNECTED: "disconnected",
  STOPPED: "stopped",
} as const;

/** One of the `ConnectionState` values. */
export type ConnectionState = (typeof ConnectionState)[keyof typeof ConnectionState];

/**
 * The connection health (PROTOCOL.md 9.1 in camelCase), pushed as the `state` event on every change and
 * returned by `health()`. Contains no secrets.
 */
export interface HealthStatus {
  /** The current state. */
  status: ConnectionState;
  /** Whether a WebSocket is open (connected or authorized). */
  websocketConnected: boolean;
  /** Whether requests can be sent right now. */
  authorized: boolean;
  /** The bot's user id as `auth` returned it (may carry a `/instance` suffix); only while authorized. */
  userId?: string;
  /** Why the last connection ended or failed; on `disconnected` and `stopped` only. */
  error?: string;
  /** The configured server host. */
  server: string;
  /** The configured port. */
  port: number;
  /** `"https"` or `"http"`. */
  protocol: "https" | "http";
  /** When this state was entered, ISO-8601 UTC. */
  timestamp: string;
}
