import { InvalidArgumentError } from "@tc/api";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Scheduler, SchedulerStoppedError } from "../../src/concurrency/index.js";
import { gate, settle } from "../gate.js";

afterEach(() => {
  vi.useRealTimers();
});

describe("Scheduler ordering and limit", () => {
  it("runs 10,000 tasks over 100 keys in order per key, never above the limit", async () => {
    const limit = 16;
    const scheduler = new Scheduler({ limit, maxQueued: 20_000 });
    const keys = 100;
    const started: number[][] = Array.from({ length: keys }, () => []);
    const busy = new Array<boolean>(keys).fill(false);
    let inside = 0;
    let maxInside = 0;
    let maxRunning = 0;
    let overlaps = 0;
    const tasks: Promise<number>[] = [];
    // A fixed pseudo-random sequence of keys, so that tasks of one key often arrive close together.
    let seed = 12345;
    const nextKey = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % keys;
    };
    for (let i = 0; i < 10_000; i++) {
      const key = nextKey();
      tasks.push(
        scheduler.run(`chat-${key}`, async () => {
          if (busy[key]) overlaps++;
          busy[key] = true;
          started[key]!.push(i);
          maxInside = Math.max(maxInside, ++inside);
          maxRunning = Math.max(maxRunning, scheduler.running);
          // Tasks take different numbers of turns, so they finish out of submission order across keys.
          for (let turn = ((i * 7) % 5) + 1; turn > 0; turn--) await Promise.resolve();
          inside--;
          busy[key] = false;
          return i;
        }),
      );
    }
    const results = await Promise.all(tasks);
    expect(results).toEqual(Array.from({ length: 10_000 }, (_, i) => i));
    expect(overlaps).toBe(0);
    expect(maxInside).toBeLessThanOrEqual(limit);
    expect(maxRunning).toBe(limit); // the cap was reached, never passed
    for (const order of started) expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(started.flat()).toHaveLength(10_000);
    expect(scheduler.running).toBe(0);
    expect(scheduler.queued).toBe(0);
  });

  it("does not let a slow key delay the others", async () => {
    const scheduler = new Scheduler({ limit: 4 });
    const slow = gate();
    const slowOrder: string[] = [];
    const first = scheduler.run("slow", async () => {
      slowOrder.push("first");
      await slow.opened;
    });
    const second = scheduler.run("slow", async () => {
      slowOrder.push("second");
    });
    const others = Array.from({ length: 200 }, (_, i) => scheduler.run(`chat-${i % 10}`, async () => i));
    expect(await Promise.all(others)).toHaveLength(200);
    // Everything else is done while the slow chat still waits for its first task.
    expect(slowOrder).toEqual(["first"]);
    expect(scheduler.running).toBe(1);
    expect(scheduler.queued).toBe(1);
    slow.open();
    await Promise.all([first, second]);
    expect(slowOrder).toEqual(["first", "second"]);
  });

  it("starts a task only when a slot is free", async () => {
    const scheduler = new Scheduler({ limit: 2 });
    const gates = [gate(), gate(), gate()];
    const started: number[] = [];
    const runs = gates.map((g, i) =>
      scheduler.run(`chat-${i}`, async () => {
        started.push(i);
        await g.opened;
      }),
    );
    await settle();
    expect(started).toEqual([0, 1]);
    expect(scheduler.queued).toBe(1);
    gates[1]!.open();
    await settle();
    expect(started).toEqual([0, 1, 2]);
    gates[0]!.open();
    gates[2]!.open();
    await Promise.all(runs);
  });

  it("gives the next task of a busy key a place behind the tasks already ready", async () => {
    const scheduler = new Scheduler({ limit: 1 });
    const order: string[] = [];
    const runs = [
      scheduler.run("a", async () => void order.push("a1")),
      scheduler.run("a", async () => void order.push("a2")),
      scheduler.run("b", async () => void order.push("b1")),
      scheduler.run("c", async () => void order.push("c1")),
    ];
    await Promise.all(runs);
    expect(order).toEqual(["a1", "b1", "c1", "a2"]);
  });

  it("orders tasks without a key with nothing", async () => {
    const scheduler = new Scheduler({ key: "none", limit: 8 });
    const g = gate();
    let inside = 0;
    let most = 0;
    const runs = Array.from({ length: 5 }, () =>
      scheduler.run(undefined, async () => {
        most = Math.max(most, ++inside);
        await g.opened;
        inside--;
      }),
    );
    await settle();
    expect(most).toBe(5);
    g.open();
    await Promise.all(runs);
  });

  it("keeps a key going after a task of it fails or throws synchronously", async () => {
    const scheduler = new Scheduler();
    const failure = new Error("handler failed");
    const failed = scheduler.run("chat", async () => {
      throw failure;
    });
    const threw = scheduler.run("chat", (() => {
      throw failure;
    }) as () => Promise<void>);
    const next = scheduler.run("chat", async () => "next");
    await expect(failed).rejects.toBe(failure);
    await expect(threw).rejects.toBe(failure);
    expect(await next).toBe("next");
  });
});

describe("Scheduler backpressure", () => {
  it("pauses once above maxQueued, resumes at half, and drops nothing", async () => {
    const onPause = vi.fn();
    const onResume = vi.fn();
    const scheduler = new Scheduler({ limit: 1, maxQueued: 4, onPause, onResume });
    const gates = Array.from({ length: 8 }, () => gate());
    const done: number[] = [];
    const runs = gates.map((g, i) =>
      scheduler.run("chat", async () => {
        await g.opened;
        done.push(i);
      }),
    );
    // One runs, seven wait: above 4 since the sixth task.
    expect(scheduler.running).toBe(1);
    expect(scheduler.queued).toBe(7);
    expect(onPause).toHaveBeenCalledTimes(1);
    expect(onResume).not.toHaveBeenCalled();
    for (let i = 0; i < 4; i++) {
      gates[i]!.open();
      await settle();
    }
    // Four finished: three wait, still above half (2).
    expect(scheduler.queued).toBe(3);
    expect(onResume).not.toHaveBeenCalled();
    gates[4]!.open();
    await settle();
    expect(scheduler.queued).toBe(2);
    expect(onResume).toHaveBeenCalledTimes(1);
    for (const g of gates) g.open();
    await Promise.all(runs);
    expect(done).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(onPause).toHaveBeenCalledTimes(1);
    expect(onResume).toHaveBeenCalledTimes(1);
  });

  it("reports an intake callback's error on its own, not as the task's", async () => {
    const failure = new Error("pause failed");
    const uncaught = new Promise<unknown>((resolve) => {
      process.once("uncaughtException", resolve);
    });
    const scheduler = new Scheduler({
      limit: 1,
      maxQueued: 1,
      onPause: () => {
        throw failure;
      },
    });
    const g = gate();
    const runs = [1, 2, 3].map(() => scheduler.run("chat", () => g.opened));
    expect(await uncaught).toBe(failure);
    g.open();
    await Promise.all(runs);
  });
});

describe("Scheduler stop", () => {
  it("refuses new tasks after stop with a typed error", async () => {
    const scheduler = new Scheduler();
    const report = await scheduler.stop();
    expect(report).toEqual({ finished: 0, cut: [] });
    await expect(scheduler.run("chat", async () => 1)).rejects.toBeInstanceOf(SchedulerStoppedError);
    expect(scheduler.stop()).toBe(scheduler.stop());
  });

  it("without a deadline, lets every running and waiting task finish", async () => {
    const scheduler = new Scheduler({ limit: 1 });
    const g = gate();
    const runs = [scheduler.run("a", () => g.opened), scheduler.run("a", async () => "queued")];
    const stopped = scheduler.stop();
    await expect(scheduler.run("b", async () => 1)).rejects.toBeInstanceOf(SchedulerStoppedError);
    g.open();
    expect(await stopped).toEqual({ finished: 2, cut: [] });
    expect(await runs[1]).toBe("queued");
  });

  it("with a deadline, drains what it can, then aborts the running and refuses the waiting", async () => {
    vi.useFakeTimers();
    const scheduler = new Scheduler({ limit: 2 });
    const quick = gate();
    let abortReason: unknown;
    const stubborn = scheduler.run(
      "a",
      (signal) =>
        new Promise<string>((resolve) => {
          signal.addEventListener("abort", () => {
            abortReason = signal.reason;
            resolve("gave up");
          });
        }),
      "a1",
    );
    const outcome = (run: Promise<unknown>) =>
      run.then(
        (value) => ({ value }),
        (error: unknown) => ({ error }),
      );
    const behindStubborn = outcome(scheduler.run("a", async () => "never", "a2"));
    const finishesInTime = outcome(scheduler.run("b", () => quick.opened, "b1"));
    const behindQuick = outcome(scheduler.run("b", async () => "never", "b2"));
    // Waits for a slot; gets b1's when b1 finishes (ahead of b2, which became ready later), then hangs.
    void scheduler.run("c", () => new Promise<void>(() => {}), "c1");

    const stopping = scheduler.stop({ deadline: 1000 });
    await vi.advanceTimersByTimeAsync(500);
    quick.open();
    expect(await finishesInTime).toEqual({ value: undefined });
    expect(scheduler.running).toBe(2);
    expect(scheduler.queued).toBe(2);
    await vi.advanceTimersByTimeAsync(499);
    let stopped = false;
    void stopping.then(() => {
      stopped = true;
    });
    await settle();
    expect(stopped).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const report = await stopping;
    expect(report).toEqual({ finished: 1, cut: ["a1", "c1", "b2", "a2"] });
    expect(abortReason).toBeInstanceOf(SchedulerStoppedError);
    expect(await stubborn).toBe("gave up");
    expect(((await behindStubborn) as { error: unknown }).error).toBeInstanceOf(SchedulerStoppedError);
    expect(((await behindQuick) as { error: unknown }).error).toBeInstanceOf(SchedulerStoppedError);
    expect(scheduler.queued).toBe(0);
    // c1 ignores its signal: it still runs, but nothing follows it.
    expect(scheduler.running).toBe(1);
  });

  it("resolves before the deadline when everything finishes, and clears its timer", async () => {
    vi.useFakeTimers();
    const scheduler = new Scheduler();
    const g = gate();
    const run = scheduler.run("a", () => g.opened);
    const stopping = scheduler.stop({ deadline: 60_000 });
    g.open();
    await run;
    expect(await stopping).toEqual({ finished: 1, cut: [] });
    expect(vi.getTimerCount()).toBe(0);
  });

  it("with deadline 0, cuts at once", async () => {
    vi.useFakeTimers();
    const scheduler = new Scheduler({ limit: 1 });
    void scheduler.run("a", () => new Promise<void>(() => {}), "running");
    const waiting = scheduler.run("a", async () => {}, "waiting").catch((error: unknown) => error);
    const stopping = scheduler.stop({ deadline: 0 });
    await vi.advanceTimersByTimeAsync(0);
    expect((await stopping).cut).toEqual(["running", "waiting"]);
    expect(await waiting).toBeInstanceOf(SchedulerStoppedError);
  });
});

describe("Scheduler idle", () => {
  it("resolves at once when nothing runs, and when the last task ends otherwise", async () => {
    const scheduler = new Scheduler({ limit: 1 });
    await scheduler.idle();
    const g = gate();
    const finished: string[] = [];
    void scheduler.run("a", () => g.opened).then(() => finished.push("a"));
    void scheduler.run("b", async () => void finished.push("b"));
    const idle = scheduler.idle();
    expect(scheduler.idle()).toBe(idle);
    let isIdle = false;
    void idle.then(() => {
      isIdle = true;
    });
    await settle();
    expect(isIdle).toBe(false);
    g.open();
    await idle;
    expect(finished.sort()).toEqual(["a", "b"]);
  });
});

describe("Scheduler options", () => {
  it("refuses bad options with typed errors", () => {
    expect(() => new Scheduler({ limit: 0 })).toThrow(/Invalid concurrency limit/);
    expect(() => new Scheduler({ limit: 1.5 })).toThrow(InvalidArgumentError);
    expect(() => new Scheduler({ maxQueued: -1 })).toThrow(/Invalid maxQueued/);
    expect(() => new Scheduler({ key: "chats" as "chat" })).toThrow(/Invalid concurrency key/);
    expect(() => new Scheduler({ onPause: "no" as unknown as () => void })).toThrow(/Invalid onPause/);
    expect(() => new Scheduler({ limt: 3 } as never)).toThrow(
      /unknown option "limt" \(did you mean "limit"\?\)/,
    );
  });

  it("refuses a bad task or key, and a bad stop deadline", async () => {
    const scheduler = new Scheduler();
    await expect(scheduler.run(5 as unknown as string, async () => {})).rejects.toThrow(/Invalid task key/);
    await expect(scheduler.run("a", "task" as never)).rejects.toThrow(/Invalid task/);
    expect(() => scheduler.stop({ deadline: -1 })).toThrow(/Invalid deadline/);
  });

  it("defaults to the chat key, 64 at once, 1024 waiting", () => {
    const scheduler = new Scheduler();
    expect([scheduler.key, scheduler.limit, scheduler.maxQueued]).toEqual(["chat", 64, 1024]);
  });
});
