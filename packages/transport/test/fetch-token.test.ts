import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import {
  fetchToken,
  InvalidArgumentError,
  InvalidGrantError,
  TokenRequestError,
  Transport,
} from "../src/index.js";
import { makeJwt, validJwt } from "./support/jwt.js";
import { captureLogger, MiniServer } from "./support/mini-server.js";

type Handler = (body: Record<string, unknown>, req: IncomingMessage, res: ServerResponse) => void;

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function tokenServer(handler: Handler, tls?: { key: string; cert: string }) {
  const requests: Array<{ path: string | undefined; body: Record<string, unknown> }> = [];
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    let text = "";
    req.on("data", (chunk: Buffer) => {
      text += chunk.toString();
    });
    req.on("end", () => {
      const body = JSON.parse(text) as Record<string, unknown>;
      requests.push({ path: req.url, body });
      handler(body, req, res);
    });
  };
  const server = tls ? createHttpsServer(tls, listener) : createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));
  return { port: (server.address() as AddressInfo).port, requests };
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

const account = { username: "bot", password: "S3cure-Pa55-never-logged" };

describe("fetchToken", () => {
  it("posts the password grant and reads expires_at, expires_in or the JWT exp", async () => {
    const jwt = makeJwt({ exp: 2_000_000_000 });
    let reply: Record<string, unknown> = { access_token: jwt, token_type: "JWT", expires_at: 1_900_000_000 };
    const { port, requests } = await tokenServer((_, __, res) => json(res, 201, reply));
    const options = { server: "127.0.0.1", port, https: false, ...account };
    await expect(fetchToken(options)).resolves.toEqual({
      accessToken: jwt,
      tokenType: "JWT",
      expiresAt: 1_900_000_000_000,
    });
    expect(requests[0]).toEqual({
      path: "/bridge/api/client/v1/oauth/token",
      body: { client_id: "chat_bot", grant_type: "password", ...account },
    });
    reply = { access_token: jwt, expires_in: 60 };
    const before = Date.now();
    const relative = await fetchToken(options);
    expect(relative.expiresAt).toBeGreaterThanOrEqual(before + 60_000);
    expect(relative.expiresAt).toBeLessThanOrEqual(Date.now() + 60_000);
    reply = { access_token: jwt };
    expect((await fetchToken(options)).expiresAt).toBe(2_000_000_000_000);
  });

  it("maps failures to typed errors that never contain the password", async () => {
    let status = 401;
    let body: unknown = { error: "invalid_grant", error_description: "Invalid username or password" };
    const { port } = await tokenServer((_, __, res) => json(res, status, body));
    const options = { server: "127.0.0.1", port, https: false, ...account };
    const errors: unknown[] = [];
    errors.push(await fetchToken(options).catch((e: unknown) => e));
    expect(errors[0]).toBeInstanceOf(InvalidGrantError);
    status = 500;
    body = { error: "server_error" };
    errors.push(await fetchToken(options).catch((e: unknown) => e));
    expect(errors[1]).toBeInstanceOf(TokenRequestError);
    expect(errors[1]).toMatchObject({ status: 500 });
    status = 200;
    body = { token: "wrong shape" };
    errors.push(await fetchToken(options).catch((e: unknown) => e));
    expect((errors[2] as Error).message).toMatch(/without an access_token/);
    errors.push(await fetchToken({ ...options, port: 1 }).catch((e: unknown) => e));
    expect(errors[3]).toBeInstanceOf(TokenRequestError);
    expect(errors[3]).toMatchObject({ status: undefined });
    for (const error of errors)
      expect(`${(error as Error).message} ${String((error as Error).cause)}`).not.toContain(account.password);
    await expect(fetchToken({ ...options, password: "" })).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  it("honours https and verifySsl like the socket does", async () => {
    const tls = {
      key: readFileSync(new URL("./fixtures/server-key.pem", import.meta.url), "utf8"),
      cert: readFileSync(new URL("./fixtures/server-cert.pem", import.meta.url), "utf8"),
    };
    const { port } = await tokenServer((_, __, res) => json(res, 201, { access_token: validJwt() }), tls);
    const options = { server: "127.0.0.1", port, ...account };
    await expect(fetchToken({ ...options, verifySsl: tls.cert })).resolves.toHaveProperty("accessToken");
    await expect(fetchToken(options)).rejects.toThrow(/self-signed|self signed/);
    await expect(fetchToken({ ...options, verifySsl: false })).resolves.toHaveProperty("accessToken");
  });
});

describe("Transport with credentials", () => {
  it("fetches a token over the same options, refreshes it after a 203 and never logs secrets", async () => {
    const server = await MiniServer.start();
    cleanups.push(() => server.stop());
    const issued: string[] = [];
    server.token = () => {
      issued.push(validJwt(3600, { n: issued.length }));
      return [201, { access_token: issued.at(-1), token_type: "JWT", expires_in: 3600 }];
    };
    server.auth = (payload, socket) =>
      payload.token === issued[0] ? { errorCode: 203 } : { userId: "bot@x", connectionId: `c${socket}` };
    const { logger, lines } = captureLogger();
    const transport = new Transport({
      server: "127.0.0.1",
      port: server.port,
      https: false,
      credentials: account,
      wsBaseDelay: 5,
      logger,
    });
    cleanups.push(() => transport.stop());
    await transport.start();
    expect(server.tokenRequests).toEqual([
      { client_id: "chat_bot", grant_type: "password", ...account },
      { client_id: "chat_bot", grant_type: "password", ...account },
    ]);
    expect(server.requests("auth").map((r) => (r.frame.payload as { token: string }).token)).toEqual(issued);
    await transport.stop();
    const log = lines.join("\n");
    expect(log).toContain("auth rejected: [203]");
    expect(log).not.toContain(account.password);
    for (const token of issued) expect(log).not.toContain(token);
  });

  it("stops with InvalidGrantError when the password is wrong", async () => {
    const server = await MiniServer.start();
    cleanups.push(() => server.stop());
    server.token = () => [401, { error: "invalid_grant" }];
    const transport = new Transport({
      server: "127.0.0.1",
      port: server.port,
      https: false,
      credentials: account,
    });
    cleanups.push(() => transport.stop());
    await expect(transport.start()).rejects.toBeInstanceOf(InvalidGrantError);
    expect(server.sockets).toHaveLength(0);
  });
});
