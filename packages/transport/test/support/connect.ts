import { afterEach } from "vitest";
import { Transport, type TransportOptions } from "../../src/index.js";
import { validJwt } from "./jwt.js";
import { MiniServer } from "./mini-server.js";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * A mini server and a transport pointed at it, with short reconnect delays; both are stopped after the test.
 * Options override the defaults (a bare token, a 2 s timeout).
 */
export async function connect(options: Partial<TransportOptions> = {}) {
  const server = await MiniServer.start();
  const transport = new Transport({
    server: "127.0.0.1",
    port: server.port,
    https: false,
    token: validJwt(),
    timeout: 2000,
    wsBaseDelay: 10,
    wsMaxDelay: 50,
    ...options,
  });
  cleanups.push(
    () => server.stop(),
    () => transport.stop(),
  );
  return { server, transport };
}
