import { describe, expect, it } from "vitest";
import {
  ConnectionLostError,
  RequestAbortedError,
  RequestTimeoutError,
  type TransportOptions,
} from "../src/index.js";
import { connect } from "./support/connect.js";
import { validJwt } from "./support/jwt.js";
import type { MiniServer } from "./support/mini-server.js";
import { until } from "./support/until.js";

/**
 * A transport with a token provider whose server refuses `expiring` with 203 on the first connection and
 * never answers `other` there. The transport's `timeout` (2 s) is also the fallback after which a
 * re-authorisation closes the old connection regardless, so a request with that timeout only succeeds when the
 * re-authorisation proceeds as soon as nothing is in flight.
 */
async function setup(options: Partial<TransportOptions> = {}) {
  let issued = 0;
  const { server, transport } = await connect({
    token: undefined,
    tokenProvider: async () => validJwt(3600, { n: ++issued }),
    ...options,
  });
  server.handler = (method, payload, socket) => {
    if (socket === 0 && method === "other") return "no-answer";
    if (socket === 0 && method === "expiring") return { errorCode: 203 };
    return { echo: payload };
  };
  return { server, transport };
}

type Settle = (ctx: { server: MiniServer; controller: AbortController }) => void;

describe("re-authorisation after a 203 while another written request is unanswered", () => {
  it.each<[string, number, Settle, unknown]>([
    ["times out", 300, () => {}, RequestTimeoutError],
    ["is aborted", 2000, ({ controller }) => controller.abort(), RequestAbortedError],
    ["loses its connection", 2000, ({ server }) => server.dropAll(), ConnectionLostError],
    [
      "is answered",
      2000,
      ({ server }) => {
        const other = server.requests("other")[0];
        server.current.send(JSON.stringify({ type: 2, id: other?.frame.id, payload: { late: true } }));
      },
      undefined,
    ],
  ])(
    "proceeds as soon as the other request %s, and the refused one is retried once",
    async (_, otherTimeout, settle, otherError) => {
      const { server, transport } = await setup();
      await transport.start();
      const controller = new AbortController();
      const other = transport
        .request("other", {}, { timeout: otherTimeout, signal: controller.signal })
        .catch((e: unknown) => e);
      await until(() => server.requests("other").length === 1);
      const expiring = transport.request("expiring", { n: 1 });
      await until(() => transport.health().status === "connected"); // the 203 arrived: re-authorising
      settle({ server, controller });
      const otherOutcome = await other;
      if (otherError) expect(otherOutcome).toBeInstanceOf(otherError);
      else expect(otherOutcome).toEqual({ late: true });
      await expect(expiring).resolves.toEqual({ echo: { n: 1 } });
      expect(server.requests("expiring").map((r) => r.socket)).toEqual([0, 1]);
      expect(transport.pending).toEqual({ queued: 0, inFlight: 0 });
    },
  );

  it("a refused request that times out before its resend says it was sent and refused, not never sent", async () => {
    const { server, transport } = await setup({ wsMaxRetries: Number.POSITIVE_INFINITY });
    await transport.start();
    server.handler = () => {
      server.refusals.push(...Array.from({ length: 1000 }, () => 503)); // no new connection for a while
      return { errorCode: 203 };
    };
    const error = await transport.request("expiring", {}, { timeout: 300 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect(error).toMatchObject({ method: "expiring", written: true, awaitingResend: true });
    expect((error as Error).message).not.toContain("never sent");
    expect((error as Error).message).toContain("refused it with 203");
    expect(server.requests("expiring")).toHaveLength(1);
  });
});
