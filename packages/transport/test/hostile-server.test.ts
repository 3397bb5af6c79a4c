import { describe, expect, it } from "vitest";
import { ConnectionLostError, type HealthStatus, type Logger, type ServerUpdate } from "../src/index.js";
import { connect } from "./support/connect.js";
import { validJwt } from "./support/jwt.js";
import { captureLogger } from "./support/mini-server.js";
import { until } from "./support/until.js";

const setup = connect;

/** JSON arrays nested `depth` deep: tiny on the wire, but serialising the parsed value overflows the stack. */
const nested = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;

describe("whatever the server sends, no exception escapes a socket listener", () => {
  it("skips frames with deeply nested JSON in their fields and keeps the connection", async () => {
    const { logger, lines } = captureLogger();
    const { server, transport } = await setup({ logger });
    const updates: ServerUpdate[] = [];
    transport.on("update", (u) => updates.push(u));
    await transport.start();
    const deep = nested(20_000); // 40 KB
    server.sendRaw(`{"type":${deep},"id":1}`);
    server.sendRaw(`{"type":1,"id":${deep}}`);
    server.sendRaw(`{"type":1,"id":7,"method":${deep}}`);
    server.sendRaw(`{"type":1,"id":8,"method":"deep","payload":${deep}}`);
    await expect(transport.request("still", { ok: 1 })).resolves.toEqual({ echo: { ok: 1 } });
    expect(lines.some((l) => l.includes("frame skipped (unknown frame type (an array))"))).toBe(true);
    expect(lines.some((l) => l.includes("frame skipped (invalid id (an array))"))).toBe(true);
    expect(updates.map((u) => u.id)).toEqual([8]); // the deep payload is the listener's business
    expect(server.acks().map((a) => a.frame.id)).toEqual([7, 8]);
    expect(server.sockets).toHaveLength(1);
    expect(transport.health().status).toBe("authorized");
  });

  it("keeps working, reconnecting and stopping with a logger that throws on every call", async () => {
    let calls = 0;
    const throwing = () => {
      calls += 1;
      throw new Error("log sink is down");
    };
    const logger: Logger = { debug: throwing, info: throwing, warn: throwing, error: throwing };
    const { server, transport } = await setup({ logger });
    transport.on("update", () => {
      throw new Error("listener bug"); // reported through the throwing logger
    });
    await transport.start();
    server.sendRaw("not json");
    server.sendRaw(JSON.stringify({ type: 1, id: 3, method: "sendMessage", payload: {} }));
    await expect(transport.request("first", { n: 1 })).resolves.toEqual({ echo: { n: 1 } });
    server.dropAll();
    await until(() => server.sockets.length === 2 && transport.health().status === "authorized");
    await expect(transport.request("second", { n: 2 })).resolves.toEqual({ echo: { n: 2 } });
    await transport.stop();
    expect(transport.health().status).toBe("stopped");
    expect(calls).toBeGreaterThan(8);
  });
});

describe("a peer that keeps TCP open but stops reading and sending", () => {
  it("is detected by the keepalive, never reported healthy afterwards, and replaced", async () => {
    const { server, transport } = await setup({ keepaliveInterval: 50, pongTimeout: 50 });
    server.handler = (method, payload) => (method === "void" ? "no-answer" : { echo: payload });
    await transport.start();
    const states: HealthStatus[] = [];
    transport.on("state", (h) => states.push(h));
    const written = transport.request("void");
    await until(() => server.requests("void").length === 1);
    server.current.pause(); // no more reading (so no pongs) and nothing sent
    const lost = await written.catch((e: unknown) => e);
    expect(lost).toBeInstanceOf(ConnectionLostError);
    expect((lost as Error).message).toContain("no pong within 50 ms");
    // The first change after the stall is the loss, and health said so from then on until a new socket authorised.
    expect(states[0]).toMatchObject({
      status: "disconnected",
      authorized: false,
      error: "no pong within 50 ms",
    });
    await until(() => server.sockets.length === 2 && transport.health().status === "authorized");
    expect(states.map((s) => s.status)).toEqual(["disconnected", "connecting", "connected", "authorized"]);
    await expect(transport.request("after", { n: 1 })).resolves.toEqual({ echo: { n: 1 } });
  });

  it("does not hold up stop(), which closes within the timeout even though the close is never answered", async () => {
    const { server, transport } = await setup({ timeout: 300 });
    await transport.start();
    const peer = server.current;
    peer.pause();
    const closed = new Promise<number>((resolve) => peer.once("close", resolve));
    await transport.stop(); // the close frame is never read; after `timeout` the client cuts the connection
    expect(transport.health().status).toBe("stopped");
    peer.resume(); // only now does the peer read what was sent: the client's close with 1000
    expect(await closed).toBe(1000);
  });

  it("does not hold up a re-authorisation whose close handshake the peer never answers", async () => {
    let issued = 0;
    const { server, transport } = await setup({
      token: undefined,
      tokenProvider: async () => validJwt(3600, { n: ++issued }),
      timeout: 300,
    });
    server.handler = (_method, payload, socket) => {
      if (socket !== 0) return { echo: payload };
      server.current.pause(); // refuse with 203, then go silent: the client's close frame is never read
      return { errorCode: 203 };
    };
    await transport.start();
    // Resent once on the next connection; a close waiting for the peer (30 s in ws) would outlast its timeout.
    await expect(transport.request("refused", { n: 1 }, { timeout: 2000 })).resolves.toEqual({
      echo: { n: 1 },
    });
    expect(server.requests("refused").map((r) => r.socket)).toEqual([0, 1]);
  });
});
