import { Socket } from "node:net";
import { describe, expect, it, vi } from "vitest";
import {
  ApiErrorException,
  ClientStoppedError,
  ConnectionFailedError,
  ConnectionLostError,
  type HealthStatus,
  InvalidArgumentError,
  RequestAbortedError,
  RequestTimeoutError,
  type ServerUpdate,
  TokenValidationError,
  Transport,
} from "../src/index.js";
import { connect } from "./support/connect.js";
import { validJwt } from "./support/jwt.js";
import { captureLogger } from "./support/mini-server.js";
import { until } from "./support/until.js";

const setup = connect;

describe("Transport against a minimal server", () => {
  it("sends auth first with the options, exposes the session and resolves responses", async () => {
    const { server, transport } = await setup({ receiveUnreadMessages: true });
    const states: string[] = [];
    transport.on("state", (h) => states.push(h.status));
    await transport.start();
    await transport.start(); // harmless
    expect(transport.session).toEqual({ userId: "bot@mini.local/inst", connectionId: "conn-0" });
    expect(transport.httpBaseUrl).toBe(`http://127.0.0.1:${server.port}`);
    const first = server.received[0]?.frame;
    expect(first).toMatchObject({ type: 1, id: 1, method: "auth" });
    expect(first?.payload).toMatchObject({
      tokenType: "JWT",
      receiveUnread: true,
      receiveSystemMessageEnvelopes: false,
    });
    await expect(transport.request("getChats", { count: 1, page: 1 })).resolves.toEqual({
      echo: { count: 1, page: 1 },
    });
    expect(server.requests("getChats")[0]?.frame.id).toBe(2);
    expect(states).toEqual(["connecting", "connected", "authorized"]);
    const health = transport.health();
    expect(health).toMatchObject({
      status: "authorized",
      websocketConnected: true,
      authorized: true,
      userId: "bot@mini.local/inst",
      server: "127.0.0.1",
      port: server.port,
      protocol: "http",
    });
    expect(Number.isNaN(Date.parse(health.timestamp))).toBe(false);
  });

  it("rejects non-zero errorCode with ApiErrorException and resolves errorCode 0", async () => {
    const { server, transport } = await setup();
    server.handler = (method) =>
      method === "bad"
        ? { errorCode: 304 }
        : method === "described"
          ? { errorCode: 1, errorDescription: "forced" }
          : { errorCode: 0, ok: true };
    await transport.start();
    const error = await transport.request("bad").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiErrorException);
    expect(error).toMatchObject({ code: 304, detail: "Chat not found", message: "[304] Chat not found" });
    await expect(transport.request("described")).rejects.toThrow("[1] forced");
    await expect(transport.request("good")).resolves.toEqual({ errorCode: 0, ok: true });
    server.handler = () => undefined;
    await expect(transport.request("bare")).resolves.toEqual({});
  });

  it("writes nothing but auth before authorisation; earlier requests go out after it", async () => {
    const { server, transport } = await setup();
    let releaseAuth: (() => void) | undefined;
    server.auth = (_, socket) => {
      releaseAuth = () =>
        server.current.send(
          JSON.stringify({ type: 2, id: 1, payload: { userId: "b", connectionId: `c${socket}` } }),
        );
      return "no-answer";
    };
    let arrivedBeforeAuthAnswer: boolean | undefined;
    server.handler = (method, payload) => {
      if (method === "early") arrivedBeforeAuthAnswer = releaseAuth !== undefined && !authAnswered;
      return { echo: payload };
    };
    let authAnswered = false;
    const early = transport.request("early", { n: 1 });
    const started = transport.start();
    await until(() => releaseAuth);
    // Give a client that wrongly writes before the auth answer time to do so.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.received.map((r) => r.frame.method)).toEqual(["auth"]);
    authAnswered = true;
    releaseAuth?.();
    await started;
    await expect(early).resolves.toEqual({ echo: { n: 1 } });
    expect(arrivedBeforeAuthAnswer).toBe(false);
    expect(server.received.map((r) => r.frame.method)).toEqual(["auth", "early"]);
  });

  it("acks every server request at once with exactly {type:2,id} and emits it", async () => {
    const { server, transport } = await setup();
    const updates: ServerUpdate[] = [];
    transport.on("update", (u) => updates.push(u));
    await transport.start();
    server.sendRaw(JSON.stringify({ type: 1, id: 1, method: "sendMessage", payload: { chatId: "c" } }));
    server.sendRaw(JSON.stringify({ type: 1, id: 77, method: "somethingNew", payload: [1] }));
    await until(() => server.acks().length === 2);
    expect(server.acks().map((a) => a.frame)).toStrictEqual([
      { type: 2, id: 1 },
      { type: 2, id: 77 },
    ]);
    expect(updates).toEqual([
      { method: "sendMessage", id: 1, payload: { chatId: "c" } },
      { method: "somethingNew", id: 77, payload: [1] },
    ]);
  });

  it("in manual-ack mode acks only when asked", async () => {
    const { server, transport } = await setup({ manualAck: true });
    const updates: ServerUpdate[] = [];
    transport.on("update", (u) => updates.push(u));
    await transport.start();
    server.sendRaw(JSON.stringify({ type: 1, id: 9, method: "sendMessage", payload: {} }));
    await until(() => updates.length === 1);
    await transport.request("probe"); // a round trip after the update: an ack would have arrived by now
    expect(server.acks()).toHaveLength(0);
    transport.ack(9);
    transport.ack(9); // a second ack of the same id is ignored
    await until(() => server.acks().length === 1);
    await transport.request("probe");
    expect(server.acks().map((a) => a.frame)).toStrictEqual([{ type: 2, id: 9 }]);
  });

  it("skips malformed, unknown and unexpected frames and survives throwing listeners", async () => {
    const { logger, lines } = captureLogger();
    const { server, transport } = await setup({ logger });
    transport.on("update", () => {
      throw new Error("listener bug");
    });
    await transport.start();
    for (const raw of [
      "not json",
      "[]",
      '{"type":0,"id":1}',
      '{"type":2}',
      '{"type":2,"id":999,"payload":{}}',
      '{"type":1,"id":5}',
      '{"type":1,"id":6,"method":"x","payload":null}',
    ]) {
      server.sendRaw(raw);
    }
    server.current.send(Buffer.from([1, 2, 3]), { binary: true });
    await expect(transport.request("still", { ok: 1 })).resolves.toEqual({ echo: { ok: 1 } });
    expect(transport.health().status).toBe("authorized");
    expect(lines.some((l) => l.includes("not JSON"))).toBe(true);
    expect(lines.some((l) => l.includes("listener threw"))).toBe(true);
    expect(server.acks().map((a) => a.frame.id)).toEqual([5, 6]);
  });

  it("times out, aborts and cleans up every entry", async () => {
    const { server, transport } = await setup();
    server.handler = () => "no-answer";
    await transport.start();
    const timedOut = await transport.request("slow", {}, { timeout: 50 }).catch((e: unknown) => e);
    expect(timedOut).toBeInstanceOf(RequestTimeoutError);
    expect(timedOut).toMatchObject({ method: "slow", timeout: 50, written: true, awaitingResend: false });
    const controller = new AbortController();
    const aborted = transport.request("slow", {}, { signal: controller.signal });
    controller.abort(new Error("user gave up"));
    await expect(aborted).rejects.toBeInstanceOf(RequestAbortedError);
    await expect(transport.request("x", {}, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(
      RequestAbortedError,
    );
    expect(transport.pending).toEqual({ queued: 0, inFlight: 0 });
    expect(server.requests("x")).toHaveLength(0);
  });

  it("a request waiting for a connection times out as never sent", async () => {
    const { transport } = await setup();
    const error = await transport.request("queued", {}, { timeout: 30 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ written: false });
    expect((error as Error).message).toContain("never sent");
    expect(transport.pending).toEqual({ queued: 0, inFlight: 0 });
  });

  it("rejects bad input with typed errors before anything is sent", async () => {
    const { server, transport } = await setup();
    await transport.start();
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    await expect(transport.request("")).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(transport.request("auth")).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(transport.request("x", null as unknown as object)).rejects.toBeInstanceOf(
      InvalidArgumentError,
    );
    await expect(transport.request("x", circular)).rejects.toThrow(/not serialisable/);
    await expect(transport.request("x", { big: 1n })).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(transport.request("x", {}, { timeout: -1 })).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(() => transport.ack(1)).toThrow(InvalidArgumentError);
    expect(server.requests()).toHaveLength(1);
    expect(() => new Transport({ server: "https://x", token: validJwt() })).toThrow(InvalidArgumentError);
    expect(() => new Transport({ server: "x", port: 70000, token: validJwt() })).toThrow(
      InvalidArgumentError,
    );
    expect(() => new Transport({ server: "x" })).toThrow(/exactly one/);
    expect(() => new Transport({ server: "x", token: "a.b" })).toThrow(TokenValidationError);
    expect(() => new Transport({ server: "x", token: validJwt(), wsMaxRetries: -1 })).toThrow(
      InvalidArgumentError,
    );
    expect(() => new Transport({ server: "x", token: validJwt(), verifySsl: "/no/such/ca.pem" })).toThrow(
      /cannot read the CA file/,
    );
  });

  it("rejects written requests with ConnectionLostError on a drop and sends queued ones once after reconnect", async () => {
    const { server, transport } = await setup();
    server.handler = (method, payload) => (method === "hang" ? "no-answer" : { echo: payload });
    await transport.start();
    const inFlight = transport.request("hang");
    await until(() => server.requests("hang").length === 1);
    server.auth = () => "no-answer"; // keep the next connection unauthorised for a while
    server.dropAll();
    const lost = await inFlight.catch((e: unknown) => e);
    expect(lost).toBeInstanceOf(ConnectionLostError);
    expect(lost).toMatchObject({ retryable: true, method: "hang" });
    expect((lost as Error).message).toContain("closed with code 1006"); // the close code is reported
    expect(transport.pending).toEqual({ queued: 0, inFlight: 0 });
    const during = transport.request("during", { n: 2 });
    expect(transport.pending).toEqual({ queued: 1, inFlight: 0 });
    await until(() => server.requests("auth").length === 2);
    server.auth = (_, socket) => ({ userId: "bot", connectionId: `c${socket}` });
    server.dropAll();
    await expect(during).resolves.toEqual({ echo: { n: 2 } });
    expect(transport.pending).toEqual({ queued: 0, inFlight: 0 });
    expect(server.requests("during")).toHaveLength(1);
    expect(server.requests("hang")).toHaveLength(1);
    const last = server.requests("during")[0];
    expect(last?.frame.id).toBe(2); // ids restart on every connection: auth is 1
    expect(server.received.filter((r) => r.socket === last?.socket)[0]?.frame.method).toBe("auth");
  });

  it("enables TCP keep-alive on the client socket", async () => {
    const keepAlive = vi.spyOn(Socket.prototype, "setKeepAlive");
    try {
      const { transport } = await setup();
      await transport.start();
      expect(keepAlive).toHaveBeenCalledWith(true, 15_000);
    } finally {
      keepAlive.mockRestore();
    }
  });

  it("detects a peer that stops answering pings and replaces the socket", async () => {
    const { server, transport } = await setup({ keepaliveInterval: 60, pongTimeout: 60 });
    await transport.start();
    const states: HealthStatus[] = [];
    transport.on("state", (h) => states.push(h));
    const startedAt = Date.now();
    server.current.pause(); // stop reading: no pongs, no responses
    await until(() => states.find((s) => s.status === "disconnected"), 2000);
    expect(Date.now() - startedAt).toBeLessThan(60 + 60 + 500);
    await until(() => server.sockets.length === 2 && transport.health().status === "authorized", 2000);
  });

  it("retries refused handshakes and gives up after wsMaxRetries with ConnectionFailedError", async () => {
    const { server, transport } = await setup({ wsMaxRetries: 3 });
    server.refusals.push(503, 502);
    await transport.start();
    expect(server.sockets).toHaveLength(1);
    await transport.stop();

    server.refusals.push(503, 503, 503, 503);
    const doomed = new Transport({
      server: "127.0.0.1",
      port: server.port,
      https: false,
      token: validJwt(),
      wsMaxRetries: 3,
      wsBaseDelay: 5,
    });
    const error = await doomed.start().catch((e: unknown) => e);
    await doomed.stop();
    expect(error).toBeInstanceOf(ConnectionFailedError);
    expect((error as Error).message).toMatch(/after 4 consecutive attempts.*503/);
    expect(doomed.health()).toMatchObject({ status: "stopped", websocketConnected: false });
    await expect(doomed.request("x")).rejects.toBeInstanceOf(ClientStoppedError);
  });

  it("stops with a clear error when the server rejects a bare token", async () => {
    const { logger, lines } = captureLogger();
    const token = validJwt();
    const { server, transport } = await setup({ token, logger });
    server.auth = () => ({ errorCode: 203 });
    const queued = transport.request("x");
    const error = await transport.start().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiErrorException);
    expect(error).toMatchObject({ code: 203, detail: "Credentials expired" });
    expect((error as Error).message).toMatch(
      /^\[203\] Credentials expired: the server rejected the bare token, which cannot be refreshed, so the transport stopped/,
    );
    const stoppedWith = await queued.catch((e: unknown) => e);
    expect(stoppedWith).toBeInstanceOf(ClientStoppedError);
    expect((stoppedWith as Error).cause).toBe(error);
    expect(transport.health()).toMatchObject({ status: "stopped", error: (error as Error).message });
    expect(lines.some((l) => l.includes("cannot be refreshed"))).toBe(true);
    expect(server.requests("auth")).toHaveLength(1);
    expect(lines.join("\n")).not.toContain(token);
    expect(JSON.stringify(transport.health())).not.toContain(token);
  });

  it("asks the provider again after a 203 on auth and on a request, retrying that request once", async () => {
    const tokens = [validJwt(3600, { n: 1 }), validJwt(3600, { n: 2 }), validJwt(3600, { n: 3 })];
    const reasons: string[] = [];
    const { server, transport } = await setup({
      token: undefined,
      tokenProvider: async (reason) => {
        reasons.push(reason);
        return tokens[reasons.length - 1] ?? validJwt(3600, { n: reasons.length });
      },
    });
    let expired = 1; // the first token is expired
    server.auth = (payload, socket) =>
      payload.token === tokens[expired - 1]
        ? { errorCode: 203 }
        : { userId: "bot", connectionId: `c${socket}` };
    await transport.start();
    expect(reasons).toEqual(["initial", "expired"]);
    expired = 2;
    server.handler = (method, _payload, socket) =>
      socket === server.sockets.length - 1 && socket === 1 ? { errorCode: 203 } : { method };
    await expect(transport.request("retried")).resolves.toEqual({ method: "retried" });
    expect(reasons).toEqual(["initial", "expired", "expired"]);
    expect(server.requests("retried").map((r) => r.socket)).toEqual([1, 2]);
    server.handler = () => ({ errorCode: 203 });
    await until(() => transport.health().status === "authorized");
    const twice = await transport.request("twice").catch((e: unknown) => e);
    expect(twice).toMatchObject({ code: 203 });
    expect(server.requests("twice")).toHaveLength(2); // one retry, then the second 203 is the caller's
    expect(transport.pending).toEqual({ queued: 0, inFlight: 0 });
  });

  it("stop() rejects pending requests, closes with 1000 and resolves", async () => {
    const { server, transport } = await setup();
    server.handler = () => "no-answer";
    await transport.start();
    const pending = [transport.request("a"), transport.request("b")].map((p) => p.catch((e: unknown) => e));
    await until(() => server.requests().length === 3);
    const closeCode = new Promise<number>((resolve) => server.current.once("close", (code) => resolve(code)));
    await Promise.all([transport.stop(), transport.stop()]);
    for (const p of pending) expect(await p).toBeInstanceOf(ClientStoppedError);
    expect(await closeCode).toBe(1000);
    expect(transport.health().status).toBe("stopped");
    expect(transport.pending).toEqual({ queued: 0, inFlight: 0 });
    await expect(transport.start()).rejects.toBeInstanceOf(ClientStoppedError);
  });

  it("bounds a hanging token provider by timeout and by stop()", async () => {
    const hanging = () => new Promise<string>(() => {});
    const { transport } = await setup({
      token: undefined,
      tokenProvider: hanging,
      timeout: 100,
      wsMaxRetries: 0,
    });
    const error = await transport.start().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionFailedError);
    expect((error as Error).message).toMatch(/no token: .*no answer within 100 ms/);

    const { transport: second } = await setup({ token: undefined, tokenProvider: hanging, timeout: 60_000 });
    const started = second.start().catch((e: unknown) => e);
    const before = Date.now();
    await second.stop();
    expect(Date.now() - before).toBeLessThan(1000);
    expect(await started).toBeInstanceOf(ClientStoppedError);
  });

  it("asks a token provider that never answered again on the next attempt and recovers", async () => {
    const reasons: string[] = [];
    const { transport } = await setup({
      token: undefined,
      timeout: 100,
      wsMaxRetries: 3,
      tokenProvider: (reason) => {
        reasons.push(reason);
        return reasons.length === 1 ? new Promise<string>(() => {}) : Promise.resolve(validJwt());
      },
    });
    await transport.start();
    expect(reasons).toEqual(["initial", "initial"]);
    expect(transport.health().status).toBe("authorized");
  });

  it("keeps the last authorised session while reconnecting; health tells it is not connected", async () => {
    const { server, transport } = await setup();
    await transport.start();
    const first = transport.session;
    expect(first).toEqual({ userId: "bot@mini.local/inst", connectionId: "conn-0" });
    server.auth = () => "no-answer"; // hold the reconnect before its auth succeeds
    server.dropAll();
    await until(() => server.requests("auth").length === 2);
    expect(transport.health()).toMatchObject({ status: "connected", authorized: false });
    expect(transport.health().userId).toBeUndefined();
    expect(transport.session).toEqual(first);
    server.auth = (_, socket) => ({ userId: "bot@mini.local/other", connectionId: `conn-${socket}` });
    server.dropAll();
    await until(() => transport.health().status === "authorized");
    expect(transport.session).toEqual({ userId: "bot@mini.local/other", connectionId: "conn-2" });
  });

  it("stop() during a backoff wait ends the loop at once", async () => {
    const { server, transport } = await setup({ wsBaseDelay: 60_000, wsMaxDelay: 60_000 });
    await transport.start();
    server.dropAll();
    await until(() => transport.health().status === "disconnected");
    const before = Date.now();
    await transport.stop();
    expect(Date.now() - before).toBeLessThan(1000);
  });
});
