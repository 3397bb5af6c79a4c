import { describe, expect, it } from "vitest";
import {
  ClientStoppedError,
  InvalidArgumentError,
  StopDeadlineError,
  type TransportOptions,
} from "../src/index.js";
import { connect } from "./support/connect.js";
import { until } from "./support/until.js";

async function setup(options: Partial<TransportOptions> = {}) {
  const { server, transport } = await connect(options);
  // `slow` is answered by the test, by hand; everything else is echoed.
  server.handler = (method, payload) => (method === "slow" ? "no-answer" : { echo: payload });
  const answer = (method: string, payload: unknown) => {
    const request = server.requests(method).at(-1);
    server.current.send(JSON.stringify({ type: 2, id: request?.frame.id, payload }));
  };
  const closeCode = () => new Promise<number>((resolve) => server.current.once("close", resolve));
  return { server, transport, answer, closeCode };
}

describe("Transport.stop({ deadline })", () => {
  it("refuses new requests at once but lets a written one get its answer, then closes with 1000", async () => {
    const { server, transport, answer, closeCode } = await setup();
    await transport.start();
    const slow = transport.request("slow", { n: 1 });
    await until(() => server.requests("slow").length === 1);
    const closed = closeCode();
    let stopped = false;
    const stopping = transport.stop({ deadline: 5000 }).then(() => {
      stopped = true;
    });
    const refused = await transport.request("late").catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ClientStoppedError);
    expect(refused).not.toBeInstanceOf(StopDeadlineError);
    await expect(transport.start()).rejects.toBeInstanceOf(ClientStoppedError);
    await transport.request("probe").catch(() => {}); // one more turn for a wrong early stop to show
    expect(stopped).toBe(false);
    answer("slow", { done: true });
    await expect(slow).resolves.toEqual({ done: true });
    await stopping;
    expect(await closed).toBe(1000);
    expect(transport.health().status).toBe("stopped");
    expect(server.requests("late")).toHaveLength(0);
    expect(transport.pending).toEqual({ queued: 0, inFlight: 0 });
  });

  it("still sends a request queued during an outage once the connection is back", async () => {
    const { server, transport } = await setup();
    await transport.start();
    let releaseAuth: (() => void) | undefined;
    server.auth = (_, socket) => {
      releaseAuth = () =>
        server.current.send(
          JSON.stringify({ type: 2, id: 1, payload: { userId: "bot", connectionId: `c${socket}` } }),
        );
      return "no-answer";
    };
    server.dropAll();
    await until(() => releaseAuth);
    const queued = transport.request("queued", { n: 2 });
    expect(transport.pending).toEqual({ queued: 1, inFlight: 0 });
    const stopping = transport.stop({ deadline: 5000 });
    releaseAuth?.();
    await expect(queued).resolves.toEqual({ echo: { n: 2 } });
    await stopping;
    expect(server.requests("queued")).toHaveLength(1);
    expect(transport.health().status).toBe("stopped");
  });

  it("rejects written requests still unanswered at the deadline with StopDeadlineError, and resolves", async () => {
    const { server, transport, closeCode } = await setup();
    await transport.start();
    const unanswered = [transport.request("slow"), transport.request("slow")].map((p) =>
      p.catch((e: unknown) => e),
    );
    await until(() => server.requests("slow").length === 2);
    const closed = closeCode();
    await transport.stop({ deadline: 150 });
    for (const outcome of await Promise.all(unanswered)) {
      expect(outcome).toBeInstanceOf(StopDeadlineError);
      expect(outcome).toBeInstanceOf(ClientStoppedError);
      expect(outcome).toMatchObject({ method: "slow", deadline: 150, written: true });
      expect((outcome as Error).message).toContain("may have run");
    }
    expect(await closed).toBe(1000);
    expect(transport.pending).toEqual({ queued: 0, inFlight: 0 });
  });

  it("a request that never left the queue reports that it was not sent", async () => {
    const { server, transport } = await setup();
    await transport.start();
    server.auth = () => "no-answer";
    server.dropAll();
    await until(() => server.requests("auth").length === 2);
    const queued = transport.request("queued").catch((e: unknown) => e);
    await transport.stop({ deadline: 100 });
    expect(await queued).toMatchObject({ name: "StopDeadlineError", written: false, deadline: 100 });
    expect(((await queued) as Error).message).toContain("was not sent within the stop deadline of 100 ms");
    expect(server.requests("queued")).toHaveLength(0);
  });

  it("without a deadline rejects everything open at once, as before", async () => {
    const { server, transport } = await setup();
    await transport.start();
    const slow = transport.request("slow").catch((e: unknown) => e);
    await until(() => server.requests("slow").length === 1);
    await transport.stop();
    const outcome = await slow;
    expect(outcome).toBeInstanceOf(ClientStoppedError);
    expect(outcome).not.toBeInstanceOf(StopDeadlineError);
  });

  it("rejects bad options without stopping", async () => {
    const { transport } = await setup();
    await transport.start();
    await expect(transport.stop({ deadlin: 5 } as never)).rejects.toThrow(
      'stop() options: unknown option "deadlin" (did you mean "deadline"?)',
    );
    await expect(transport.stop({ deadline: -1 })).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(transport.stop({ deadline: "5s" as never })).rejects.toThrow(/Invalid deadline/);
    await expect(transport.request("still", { ok: 1 })).resolves.toEqual({ echo: { ok: 1 } });
    await transport.stop({ deadline: 0 });
    expect(transport.health().status).toBe("stopped");
  });
});
