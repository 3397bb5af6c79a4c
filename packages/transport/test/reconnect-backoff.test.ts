import { afterEach, describe, expect, it, vi } from "vitest";
import { Transport } from "../src/index.js";
import { validJwt } from "./support/jwt.js";
import { captureLogger, MiniServer } from "./support/mini-server.js";

// Captured before any test fakes the timers: polling and pauses run on the real clock, while the transport's
// backoff sleeps run on the fake one and move only when the test advances it.
const realSetTimeout = globalThis.setTimeout;
const pause = (ms: number) => new Promise<void>((resolve) => realSetTimeout(resolve, ms));

async function eventually<T>(check: () => T | undefined | false, what: string): Promise<T> {
  const deadline = performance.now() + 5000;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (performance.now() > deadline) throw new Error(`not reached within 5 s: ${what}`);
    await pause(5);
  }
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe("reconnect backoff of a Transport (fake timers)", () => {
  it("waits random·min(cap, base·2ⁿ) between failed attempts, resets after auth and backs off after an authorised drop", async () => {
    const random = vi.spyOn(Math, "random").mockReturnValue(0.5);
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const server = await MiniServer.start();
    cleanups.push(() => server.stop());
    const { logger, lines } = captureLogger();
    const transport = new Transport({
      server: "127.0.0.1",
      port: server.port,
      https: false,
      token: validJwt(),
      wsBaseDelay: 1000,
      wsMaxDelay: 4000,
      wsMaxRetries: 10,
      logger,
    });
    cleanups.push(() => transport.stop());
    const waits = () =>
      lines.flatMap((line) => /^reconnecting in (\d+) ms/.exec(line)?.slice(1).map(Number) ?? []);

    /** The transport chose its n-th wait; no attempt is made a millisecond early, one is made right on time. */
    const stepThroughWait = async (n: number, expected: number) => {
      await eventually(() => waits().length >= n, `wait ${n} chosen`);
      expect(waits()[n - 1]).toBe(expected);
      const attempts = server.handshakes;
      await vi.advanceTimersByTimeAsync(expected - 1);
      await pause(30); // real time for a premature attempt to reach the server
      expect(server.handshakes).toBe(attempts);
      await vi.advanceTimersByTimeAsync(1);
      await eventually(() => server.handshakes === attempts + 1, `attempt after wait ${n}`);
    };

    server.refusals.push(503, 503, 503, 503);
    const started = transport.start();
    await eventually(() => server.handshakes === 1, "first attempt, made at once");
    // Full jitter: each wait is the draw times the whole ceiling, which doubles from 1 s and is capped at 4 s.
    await stepThroughWait(1, 500);
    await stepThroughWait(2, 1000);
    await stepThroughWait(3, 2000);
    await stepThroughWait(4, 2000);
    await started;
    expect(transport.health().status).toBe("authorized");

    // Authorised, then dropped: the ceiling is back at 1 s (reset after auth), yet the client still waits.
    random.mockReturnValue(0.75);
    server.dropAll();
    await stepThroughWait(5, 750);
    await eventually(() => transport.health().status === "authorized", "re-authorised");

    // A server that accepts every auth and drops at once gets one attempt per wait, never a storm.
    random.mockReturnValue(0.999);
    server.dropAll();
    await stepThroughWait(6, 999);
    await eventually(() => transport.health().status === "authorized", "re-authorised again");
    expect(server.handshakes).toBe(7);
    expect(server.requests("auth")).toHaveLength(3);
  });
});
