import { afterEach, describe, expect, it, vi } from "vitest";
import { ConnectionLostError, RequestAbortedError, RequestTimeoutError } from "../src/errors.js";
import { PendingRequests } from "../src/pending-requests.js";

/** Records every way a promise settled, to prove it settled exactly once and how. */
function outcomes(promise: Promise<unknown>): Array<{ value?: unknown; error?: unknown }> {
  const seen: Array<{ value?: unknown; error?: unknown }> = [];
  promise.then(
    (value) => seen.push({ value }),
    (error: unknown) => seen.push({ error }),
  );
  return seen;
}

describe("PendingRequests: every request settles exactly once and leaves nothing behind", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("a written request that timed out ignores its late response, and its id is free", async () => {
    vi.useFakeTimers();
    const pending = new PendingRequests();
    const { request, promise } = pending.create("slow", "{}", 100, undefined);
    const seen = outcomes(promise);
    pending.markWritten(request, 7);
    expect(pending.inFlight).toBe(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.error).toBeInstanceOf(RequestTimeoutError);
    expect(seen[0]?.error).toMatchObject({ method: "slow", timeout: 100, written: true });
    expect(pending.inFlight).toBe(0);
    expect(pending.takeInFlight(7)).toBeUndefined(); // the late response finds nothing
    pending.resolve(request, { late: true });
    await Promise.resolve();
    expect(seen).toHaveLength(1);
  });

  it("an aborted request is removed from the queue, drops its abort listener and cannot time out later", async () => {
    vi.useFakeTimers();
    const pending = new PendingRequests();
    const controller = new AbortController();
    const removed = vi.spyOn(controller.signal, "removeEventListener");
    const { request, promise } = pending.create("queued", "{}", 100, controller.signal);
    const seen = outcomes(promise);
    pending.enqueue(request);
    controller.abort("user");
    await Promise.resolve();
    expect(seen).toHaveLength(1);
    expect(seen[0]?.error).toBeInstanceOf(RequestAbortedError);
    expect((seen[0]?.error as Error | undefined)?.cause).toBe("user");
    expect(pending.queued).toBe(0);
    expect(pending.nextQueued()).toBeUndefined();
    expect(removed).toHaveBeenCalledWith("abort", expect.any(Function));
    await vi.advanceTimersByTimeAsync(1000);
    pending.rejectAll(() => new Error("stop"));
    await Promise.resolve();
    expect(seen).toHaveLength(1);
  });

  it("a drop rejects only the written requests; the queued ones wait; stop rejects the rest", async () => {
    vi.useFakeTimers();
    const pending = new PendingRequests();
    const written = pending.create("written", "{}", 1000, undefined);
    const queued = pending.create("queued", "{}", 1000, undefined);
    const writtenSeen = outcomes(written.promise);
    const queuedSeen = outcomes(queued.promise);
    pending.markWritten(written.request, 1);
    pending.enqueue(queued.request);

    pending.rejectInFlight((r) => new ConnectionLostError(r.method, "closed with code 1006"));
    await Promise.resolve();
    expect(writtenSeen[0]?.error).toBeInstanceOf(ConnectionLostError);
    expect(queuedSeen).toHaveLength(0);
    expect({ queued: pending.queued, inFlight: pending.inFlight }).toEqual({ queued: 1, inFlight: 0 });

    pending.rejectAll((r) => new Error(`stopped: ${r.method}`));
    await vi.advanceTimersByTimeAsync(5000); // no timer fires a second settlement
    expect(writtenSeen).toHaveLength(1);
    expect(queuedSeen).toHaveLength(1);
    expect((queuedSeen[0]?.error as Error | undefined)?.message).toBe("stopped: queued");
    expect({ queued: pending.queued, inFlight: pending.inFlight }).toEqual({ queued: 0, inFlight: 0 });
  });

  it("a request refused with 203 and requeued is written again under a new id, the old id forgotten", () => {
    const pending = new PendingRequests();
    const { request } = pending.create("retried", "{}", 1000, undefined);
    pending.markWritten(request, 3);
    expect(pending.takeInFlight(3)).toBe(request);
    pending.requeue(request);
    expect(request.id).toBeUndefined();
    expect(pending.nextQueued()).toBe(request);
    pending.markWritten(request, 2);
    expect(pending.takeInFlight(3)).toBeUndefined();
    pending.resolve(request, {});
    expect({ queued: pending.queued, inFlight: pending.inFlight }).toEqual({ queued: 0, inFlight: 0 });
  });
});
