import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { request } from "undici";
import { afterEach, describe, expect, it } from "vitest";
import { ConnectionFailedError, Transport, type TransportOptions } from "../src/index.js";
import { validJwt } from "./support/jwt.js";
import { MiniServer } from "./support/mini-server.js";

const caPath = fileURLToPath(new URL("./fixtures/server-cert.pem", import.meta.url));
const tls = {
  key: readFileSync(new URL("./fixtures/server-key.pem", import.meta.url), "utf8"),
  cert: readFileSync(caPath, "utf8"),
};

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function connect(server: MiniServer, options: Partial<TransportOptions>) {
  const transport = new Transport({
    server: "127.0.0.1",
    port: server.port,
    token: validJwt(),
    wsMaxRetries: 0,
    ...options,
  });
  cleanups.push(() => transport.stop());
  return transport;
}

describe("wss with a self-signed certificate", () => {
  it("is accepted when its CA is given as PEM, a path or TLS options (or checking is off), and httpDispatcher trusts it too", async () => {
    const server = await MiniServer.start(tls);
    cleanups.push(() => server.stop());
    server.token = () => [201, { access_token: "t" }];
    const byPem = await connect(server, { verifySsl: tls.cert });
    await byPem.start();
    expect(byPem.httpBaseUrl).toBe(`https://127.0.0.1:${server.port}`);
    const response = await request(`${byPem.httpBaseUrl}/bridge/api/client/v1/oauth/token`, {
      method: "POST",
      body: "{}",
      dispatcher: byPem.httpDispatcher,
    });
    expect(response.statusCode).toBe(201);
    await response.body.dump();
    const byPath = await connect(server, { verifySsl: caPath });
    await byPath.start();
    expect(byPath.health()).toMatchObject({ status: "authorized", protocol: "https" });
    const byTlsOptions = await connect(server, { verifySsl: { ca: tls.cert } });
    await byTlsOptions.start();
    const unchecked = await connect(server, { verifySsl: false });
    await unchecked.start();
    expect(server.requests("auth")).toHaveLength(4);
  });

  it("is rejected without its CA, with an error that says why", async () => {
    const server = await MiniServer.start(tls);
    cleanups.push(() => server.stop());
    const transport = await connect(server, {});
    const error = await transport.start().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionFailedError);
    expect((error as Error).message).toMatch(/self[- ]signed/);
    expect(server.sockets).toHaveLength(0);
  });
});
