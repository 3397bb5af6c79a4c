import { readFileSync } from "node:fs";
import type { Emulator } from "@tc/emulator";
import { afterEach, describe, expect, it } from "vitest";
import {
  ApiErrorException,
  ClientStoppedError,
  ConnectionFailedError,
  ConnectionLostError,
  type HealthStatus,
  type ServerUpdate,
  type Transport,
  type TransportOptions,
} from "../src/index.js";
import { startWithEmulator } from "./support/emulator-setup.js";
import { captureLogger } from "./support/mini-server.js";
import { until } from "./support/until.js";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(options: Partial<TransportOptions> = {}, emulatorOptions = {}) {
  const env = await startWithEmulator(options, emulatorOptions);
  cleanups.push(env.close);
  return env;
}

/** The `text` of every sendMessage request the emulator received. */
function sentTexts(emu: Emulator): string[] {
  return emu.requests("sendMessage").map((r) => {
    const payload = (r.frame?.payload ?? {}) as { content?: { text?: string } };
    return payload.content?.text ?? "";
  });
}

function message(chatId: string, text: string) {
  return { chatId, replyMessageId: null, content: { text, parseMode: "text" } };
}

async function chatWithAlice(emu: Emulator): Promise<string> {
  return emu.createChat({ type: "p2p", owner: "alice", participants: ["bot"] });
}

describe("Transport against @tc/emulator", () => {
  it("authorises, requests, and acks every event exactly as {type:2,id}", async () => {
    const { emu, transport } = await setup({ receiveSystemMessages: true });
    const updates: ServerUpdate[] = [];
    transport.on("update", (u) => updates.push(u));
    await transport.start();
    expect(transport.session?.userId).toMatch(/^bot@emulator\.local/);
    expect(emu.sessions[0]?.options).toEqual({ receiveUnread: false, receiveSystemMessageEnvelopes: true });
    const chatId = await chatWithAlice(emu);
    const { messageId } = await emu.as("alice").send(chatId, "hello bot");
    const update = await emu.waitFor(() => updates.find((u) => u.method === "sendMessage"));
    expect(update.payload).toMatchObject({ messageId, chatId, content: { text: "hello bot" } });
    await emu.waitFor(() => emu.sessions[0]?.pendingAcks === 0);
    const acks = emu.frames.filter((f) => f.direction === "in" && f.frame?.type === 2);
    expect(acks.length).toBeGreaterThan(0);
    for (const ack of acks) expect(ack.raw).toBe(`{"type":2,"id":${String(ack.frame?.id)}}`);
    const reply = await transport.request<{ messageId: string }>("sendMessage", message(chatId, "hi alice"));
    expect(emu.messages(chatId).some((m) => m.messageId === reply.messageId)).toBe(true);
  });

  it("holds a request made during an outage and delivers it exactly once after reconnect", async () => {
    const { emu, transport } = await setup();
    await transport.start();
    const chatId = await chatWithAlice(emu);
    emu.faults.refuseHandshakes(3);
    emu.faults.dropSessions();
    await until(() => transport.health().status !== "authorized");
    const held = transport.request("sendMessage", message(chatId, "written after the outage"));
    expect(transport.pending).toEqual({ queued: 1, inFlight: 0 }); // held, not written to a dead socket
    await expect(held).resolves.toHaveProperty("messageId");
    expect(transport.pending).toEqual({ queued: 0, inFlight: 0 });
    expect(sentTexts(emu).filter((t) => t === "written after the outage")).toHaveLength(1);
    const record = emu.requests("sendMessage")[0];
    const sessionFrames = emu.frames.filter((f) => f.sessionId === record?.sessionId && f.direction === "in");
    expect(sessionFrames[0]?.frame?.method).toBe("auth");
    expect(emu.sessions.length).toBe(2);
  });

  it("rejects a request in flight at a drop with ConnectionLostError and never resends it", async () => {
    const { emu, transport } = await setup();
    await transport.start();
    const chatId = await chatWithAlice(emu);
    emu.faults.neverAnswer("sendMessage", { count: 1 });
    const inFlight = transport.request("sendMessage", message(chatId, "in flight"));
    await emu.waitForRequest("sendMessage");
    emu.faults.dropSessions();
    const error = await inFlight.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionLostError);
    expect(error).toMatchObject({ retryable: true, method: "sendMessage" });
    expect(transport.pending).toEqual({ queued: 0, inFlight: 0 });
    await transport.request("sendMessage", message(chatId, "after")); // a full round trip on the new connection
    expect(sentTexts(emu)).toEqual(["in flight", "after"]);
    expect(transport.pending).toEqual({ queued: 0, inFlight: 0 });
  });

  it("refreshes the token after a 203 on a request and retries that request once", async () => {
    const { emu, transport } = await setup({
      token: undefined,
      credentials: { username: "bot", password: "bot-password" },
    });
    await transport.start();
    emu.faults.expireTokens({ onRequests: true });
    const chats = await transport.request("getChats", { count: 10, page: 1 });
    expect(Array.isArray(chats)).toBe(true);
    expect(emu.requests("auth")).toHaveLength(2);
    const getChats = emu.requests("getChats");
    expect(getChats).toHaveLength(2);
    expect(getChats[0]?.sessionId).not.toBe(getChats[1]?.sessionId);
    const [oldToken, newToken] = emu
      .requests("auth")
      .map((r) => (r.frame?.payload as { token?: string } | undefined)?.token);
    expect(newToken).not.toBe(oldToken); // re-authorised with a freshly fetched token
    expect(transport.pending).toEqual({ queued: 0, inFlight: 0 });
  });

  it("gets a fresh token when auth answers 203 on reconnect (credentials)", async () => {
    const { emu, transport } = await setup({
      token: undefined,
      credentials: { username: "bot", password: "bot-password" },
    });
    await transport.start();
    emu.faults.expireTokens();
    emu.faults.dropSessions();
    await emu.waitFor(
      () => emu.sessions.filter((s) => s.authorized && s.open).length === 1 && emu.sessions.length >= 3,
    );
    await expect(transport.request("getChats", { count: 1, page: 1 })).resolves.toBeDefined();
  });

  it("stops with ApiErrorException 203 when a bare token is rejected", async () => {
    const { emu, transport } = await setup();
    emu.faults.expireTokens();
    const error = await transport.start().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiErrorException);
    expect(error).toMatchObject({ code: 203 });
    expect((error as Error).message).toContain("cannot be refreshed");
    expect(transport.health().status).toBe("stopped");
    expect(emu.requests("auth")).toHaveLength(1);
  });

  it("detects a frozen peer within keepaliveInterval + pongTimeout and replaces the socket", async () => {
    const { emu, transport } = await setup({ keepaliveInterval: 100, pongTimeout: 100 });
    await transport.start();
    const states: HealthStatus[] = [];
    transport.on("state", (h) => states.push(h));
    const frozenAt = Date.now();
    emu.faults.freeze(emu.sessions[0]?.id);
    const lost = await until(() => states.find((s) => s.status === "disconnected"), 2000);
    expect(Date.parse(lost.timestamp) - frozenAt).toBeLessThanOrEqual(100 + 100 + 500);
    await until(() => transport.health().status === "authorized" && emu.sessions.length === 2);
    await expect(transport.request("getChats", { count: 1, page: 1 })).resolves.toBeDefined();
  });

  it("skips malformed and unknown frames without losing the connection", async () => {
    const { logger, lines } = captureLogger();
    const { emu, transport } = await setup({ logger });
    const updates: ServerUpdate[] = [];
    transport.on("update", (u) => updates.push(u));
    await transport.start();
    for (const raw of [
      "{broken",
      "42",
      '{"type":7,"id":1}',
      '{"type":2,"id":4242,"payload":{}}',
      '{"type":1,"id":900,"method":"mystery","payload":{"x":1}}',
    ]) {
      emu.faults.sendRaw(raw);
    }
    await expect(transport.request("getChats", { count: 1, page: 1 })).resolves.toBeDefined();
    expect(updates).toEqual([{ method: "mystery", id: 900, payload: { x: 1 } }]);
    expect(emu.frames.some((f) => f.direction === "in" && f.raw === '{"type":2,"id":900}')).toBe(true);
    expect(lines.filter((l) => l.includes("frame skipped"))).toHaveLength(3);
    expect(emu.sessions).toHaveLength(1);
  });

  it("retries refused handshakes with bounded backoff, then gives up with ConnectionFailedError", async () => {
    const { emu, transport } = await setup({ wsMaxRetries: 5, wsBaseDelay: 40, wsMaxDelay: 80 });
    const events: Array<{ status: string; at: number }> = [];
    transport.on("state", (h) => events.push({ status: h.status, at: performance.now() }));
    emu.faults.refuseHandshakes(4, { status: 503 });
    await transport.start();
    // Each wait runs from a failure (disconnected) to the next attempt (connecting) and stays below its
    // ceiling: 40, 80, then capped at 80 ms, plus generous slack for a busy 2-core CI machine (the exact
    // bounds are proven with fake timers in reconnect-backoff.test.ts).
    const waits = events.flatMap((e, i) =>
      e.status === "disconnected" && events[i + 1]?.status === "connecting"
        ? [(events[i + 1]?.at ?? 0) - e.at]
        : [],
    );
    expect(waits).toHaveLength(4);
    for (const [i, ceiling] of [40, 80, 80, 80].entries()) expect(waits[i]).toBeLessThan(ceiling + 250);
    expect(events.filter((e) => e.status === "authorized")).toHaveLength(1);
    await transport.stop();

    const doomed = await setup({ wsMaxRetries: 2, wsBaseDelay: 5 });
    doomed.emu.faults.refuseHandshakes(10, { status: 502 });
    const error = await doomed.transport.start().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionFailedError);
    expect((error as Error).message).toMatch(/after 3 consecutive attempts.*502/);
  });

  it("stop() settles pending requests with ClientStoppedError and closes the session", async () => {
    const { emu, transport } = await setup();
    await transport.start();
    emu.faults.neverAnswer("*");
    const pending = [1, 2, 3].map((n) =>
      transport.request("getChats", { count: n, page: 1 }).catch((e: unknown) => e),
    );
    await emu.waitFor(() => emu.requests("getChats").length === 3);
    await transport.stop();
    for (const result of await Promise.all(pending)) expect(result).toBeInstanceOf(ClientStoppedError);
    await emu.waitFor(() => emu.sessions.every((s) => !s.open));
    expect(transport.pending).toEqual({ queued: 0, inFlight: 0 });
  });

  it("keeps tokens and passwords out of logs, errors and health", async () => {
    const { logger, lines } = captureLogger();
    const password = "bot-password";
    const { emu, transport } = await setup({
      token: undefined,
      credentials: { username: "bot", password },
      logger,
    });
    await transport.start();
    const tokens = emu
      .requests("auth")
      .map((r) => String((r.frame?.payload as { token?: string } | undefined)?.token));
    emu.faults.expireTokens({ onRequests: true });
    await transport.request("getChats", { count: 1, page: 1 });
    emu.faults.failNext("getChats", 302);
    const error = await transport.request("getChats", { count: 1, page: 1 }).catch((e: unknown) => e);
    tokens.push(
      ...emu.requests("auth").map((r) => String((r.frame?.payload as { token?: string } | undefined)?.token)),
    );
    const visible = [...lines, JSON.stringify(transport.health()), String(error), JSON.stringify(error)].join(
      "\n",
    );
    expect(tokens.length).toBeGreaterThanOrEqual(2);
    for (const token of tokens) expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(lines.length).toBeGreaterThan(5);
    for (const secret of [password, ...tokens]) expect(visible).not.toContain(secret);
  });
});

describe("TLS against @tc/emulator", () => {
  const tls = {
    key: readFileSync(new URL("./fixtures/server-key.pem", import.meta.url), "utf8"),
    cert: readFileSync(new URL("./fixtures/server-cert.pem", import.meta.url), "utf8"),
  };

  it("accepts the self-signed certificate when its CA is given", async () => {
    const { transport } = await setup(
      { verifySsl: tls.cert, token: undefined, credentials: { username: "bot", password: "bot-password" } },
      { tls },
    );
    await transport.start();
    expect(transport.health().protocol).toBe("https");
  });

  it("rejects it without the CA", async () => {
    const { emu, transport } = await setup({ wsMaxRetries: 0 } as Partial<TransportOptions>, { tls });
    const error = await (transport as Transport).start().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionFailedError);
    expect((error as Error).message).toMatch(/self[- ]signed/);
    expect(emu.sessions).toHaveLength(0);
  });
});
