import { request } from "undici";
import WebSocket from "ws";
import type { Emulator } from "../../src/index.js";

/** A frame as it travels on the wire (PROTOCOL.md 1.4). */
export interface WireFrame {
  type: number;
  id?: number;
  method?: string;
  payload?: Record<string, unknown> | unknown[];
}

/** Options of {@link connectRawBot}. */
export interface RawBotOptions {
  /** Bot login; default "bot" (the seeded account). */
  login?: string;
  /** When given, the token is fetched over the OAuth endpoint with this password. */
  password?: string;
  /** A ready token; wins over login/password. */
  token?: string;
  /** `receiveUnread` of the `auth` payload (default false). */
  receiveUnread?: boolean;
  /** `receiveSystemMessageEnvelopes` of the `auth` payload (default false). */
  receiveSystemMessageEnvelopes?: boolean;
  /** Sub-protocol to offer; default "json.v1", `null` offers none. */
  protocol?: string | null;
  /** WebSocket path; default "/websocket/chat_bot/". */
  path?: string;
  /** Ack every server request at once (default true). */
  ack?: boolean;
  /** Send `auth` right after the handshake (default true). */
  auth?: boolean;
  /** Extra `ws` client options (TLS trust for tests over wss). */
  wsOptions?: WebSocket.ClientOptions;
}

/** A minimal bot client built on raw `ws`: no SDK code, so the emulator is tested on its own. */
export interface RawBot {
  /** The underlying socket, for raw sends and close codes. */
  ws: WebSocket;
  /** The `userId` of the `auth` response ("" when `auth: false`). */
  userId: string;
  /** The whole `auth` response payload. */
  authPayload: Record<string, unknown>;
  /** Sends a request with a fresh id; resolves with the response payload, errors included. */
  call(method: string, payload?: unknown, options?: { timeout?: number }): Promise<Record<string, unknown>>;
  /** The next server request (optionally of one method) not yet taken by an earlier call. */
  nextEvent(method?: string, options?: { timeout?: number }): Promise<WireFrame>;
  /** Every server request received, in order. */
  events: WireFrame[];
  /** Every frame received, parsed when it was JSON. */
  received: (WireFrame | string)[];
  /** Resolves with the close code and reason once the socket is closed. */
  closed: Promise<{ code: number; reason: string }>;
  /** Closes with 1000 and resolves once the socket is closed. */
  close(): Promise<void>;
}

async function fetchToken(httpUrl: string, login: string, password: string): Promise<string> {
  const res = await request(`${httpUrl}/bridge/api/client/v1/oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ client_id: "chat_bot", grant_type: "password", username: login, password }),
  });
  const body = (await res.body.json()) as { access_token?: string };
  if (res.statusCode !== 201 || typeof body.access_token !== "string") {
    throw new Error(`token request failed with status ${res.statusCode}`);
  }
  return body.access_token;
}

/** Opens a raw WebSocket to the emulator, authenticates (unless `auth: false`) and returns a tiny client. */
export async function connectRawBot(emu: Emulator, options: RawBotOptions = {}): Promise<RawBot> {
  const login = options.login ?? "bot";
  const token =
    options.token ??
    (options.password !== undefined
      ? await fetchToken(emu.httpUrl, login, options.password)
      : emu.issueToken(login));
  const path = options.path ?? "/websocket/chat_bot/";
  const url = emu.wsUrl.replace(/\/websocket\/chat_bot\/$/, path);
  const protocol = options.protocol === undefined ? "json.v1" : options.protocol;
  const ws =
    protocol === null
      ? new WebSocket(url, options.wsOptions)
      : new WebSocket(url, protocol, options.wsOptions);
  const ack = options.ack ?? true;

  const pending = new Map<number, (payload: Record<string, unknown>) => void>();
  const events: WireFrame[] = [];
  const untaken: WireFrame[] = [];
  const received: (WireFrame | string)[] = [];
  const eventWaiters = new Set<() => void>();
  let nextId = 0;

  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.once("close", (code, reason) => resolve({ code, reason: reason.toString() }));
  });
  ws.on("error", () => {
    // surfaced through `closed` and the handshake promise
  });
  ws.on("message", (data) => {
    const text = data.toString();
    let frame: WireFrame;
    try {
      frame = JSON.parse(text) as WireFrame;
    } catch {
      received.push(text);
      return;
    }
    received.push(frame);
    if (frame.type === 1) {
      if (ack && typeof frame.id === "number" && ws.readyState === WebSocket.OPEN) {
        ws.send(JSON.stringify({ type: 2, id: frame.id }));
      }
      events.push(frame);
      untaken.push(frame);
      for (const wake of eventWaiters) wake();
    } else if (frame.type === 2 && typeof frame.id === "number") {
      const resolve = pending.get(frame.id);
      pending.delete(frame.id);
      resolve?.((frame.payload as Record<string, unknown> | undefined) ?? {});
    }
  });

  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("unexpected-response", (_req, res) =>
      reject(new Error(`handshake refused with ${res.statusCode}`)),
    );
    ws.once("error", reject);
  });

  const call = (method: string, payload: unknown = {}, callOptions: { timeout?: number } = {}) => {
    nextId += 1;
    const id = nextId;
    const timeout = callOptions.timeout ?? 5000;
    return new Promise<Record<string, unknown>>((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`${method} (id ${id}) got no response within ${timeout} ms`));
      }, timeout);
      pending.set(id, (result) => {
        clearTimeout(timer);
        resolve(result);
      });
      ws.send(JSON.stringify({ type: 1, id, method, payload }));
    });
  };

  const nextEvent = (method?: string, eventOptions: { timeout?: number } = {}) =>
    new Promise<WireFrame>((resolve, reject) => {
      const take = () => {
        const index = untaken.findIndex((frame) => method === undefined || frame.method === method);
        if (index < 0) return false;
        const [frame] = untaken.splice(index, 1);
        resolve(frame as WireFrame);
        return true;
      };
      if (take()) return;
      const timeout = eventOptions.timeout ?? 5000;
      const wake = () => {
        if (!take()) return;
        clearTimeout(timer);
        eventWaiters.delete(wake);
      };
      const timer = setTimeout(() => {
        eventWaiters.delete(wake);
        reject(new Error(`no ${method ?? "server"} event within ${timeout} ms`));
      }, timeout);
      eventWaiters.add(wake);
    });

  let userId = "";
  let authPayload: Record<string, unknown> = {};
  if (options.auth ?? true) {
    authPayload = await call("auth", {
      token,
      tokenType: "JWT",
      receiveUnread: options.receiveUnread ?? false,
      receiveSystemMessageEnvelopes: options.receiveSystemMessageEnvelopes ?? false,
    });
    if (typeof authPayload.errorCode === "number" && authPayload.errorCode !== 0) {
      ws.terminate();
      const error = new Error(`auth failed with errorCode ${authPayload.errorCode}`) as Error & {
        errorCode?: number;
      };
      error.errorCode = authPayload.errorCode;
      throw error;
    }
    userId = String(authPayload.userId);
  }

  const close = async () => {
    if (ws.readyState === WebSocket.CLOSED) return;
    ws.close(1000);
    await closed;
  };

  return { ws, userId, authPayload, call, nextEvent, events, received, closed, close };
}
