import { Api, type RawUpdate } from "@tc/api";
import { describe, expect, it } from "vitest";
import { Dispatcher, DispatcherStoppedError, MemoryStorage, Router } from "../../src/index.js";
import { gate } from "../gate.js";
import { recordingApi, sampleEvent, textFrame, textMessage } from "./events.js";

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

/** Resolves once `check` holds, polling on the event loop; rejects after `timeout` ms. */
async function until(check: () => boolean, timeout = 2_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeout) throw new Error("condition not met in time");
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe("Dispatcher concurrency", () => {
  it("keeps per-chat order over 10,000 events in 100 chats, never running more than the cap", async () => {
    const { api } = recordingApi();
    const limit = 8;
    const dp = new Dispatcher({ concurrency: limit, logger: quiet });
    let running = 0;
    let maxRunning = 0;
    const order = new Map<string, number[]>();
    dp.includeRouter(new Router()).message(async (message) => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      // Different chats take different numbers of turns of the event loop, so that they interleave.
      const turns = Number(message.chatId.slice(5)) % 3;
      for (let i = 0; i < turns; i++) await new Promise((resolve) => setImmediate(resolve));
      const [, seq] = (message.text ?? "").split(":");
      order.get(message.chatId)?.push(Number(seq)) ?? order.set(message.chatId, [Number(seq)]);
      running--;
    });
    const fed: Promise<boolean>[] = [];
    for (let i = 0; i < 10_000; i++) {
      const chat = `chat-${i % 100}`;
      fed.push(dp.feedUpdate(textMessage(api, `${chat}:${i}`, { chatId: chat })));
    }
    const results = await Promise.all(fed);
    expect(results.every(Boolean)).toBe(true);
    expect(maxRunning).toBe(limit);
    expect(order.size).toBe(100);
    for (const [chat, seqs] of order) {
      const offset = Number(chat.slice(5));
      expect(seqs).toEqual(Array.from({ length: 100 }, (_, k) => offset + k * 100));
    }
  });

  it("does not let a slow chat delay the others", async () => {
    const { api } = recordingApi();
    const dp = new Dispatcher({ logger: quiet });
    const slow = gate();
    const done: string[] = [];
    dp.message(async (message) => {
      if (message.chatId === "slow") await slow.opened;
      done.push(message.chatId);
    });
    const slowOne = dp.feedUpdate(textMessage(api, "a", { chatId: "slow" }));
    const slowTwo = dp.feedUpdate(textMessage(api, "b", { chatId: "slow" }));
    await Promise.all(["x", "y", "z"].map((chatId) => dp.feedUpdate(textMessage(api, "c", { chatId }))));
    expect(done).toEqual(["x", "y", "z"]);
    expect(dp.running).toBe(1);
    expect(dp.queued).toBe(1);
    slow.open();
    await Promise.all([slowOne, slowTwo]);
    expect(done).toEqual(["x", "y", "z", "slow", "slow"]);
  });

  it("stops with a deadline: drains what it can, aborts ctx.signal, reports the cut events, closes the storage", async () => {
    const { api } = recordingApi();
    const storage = new MemoryStorage();
    let closed = 0;
    const close = storage.close.bind(storage);
    storage.close = () => {
      closed++;
      return close();
    };
    const dp = new Dispatcher({ concurrency: 1, storage, logger: quiet });
    const aborted: string[] = [];
    const finished: string[] = [];
    dp.message(async (message, ctx) => {
      if (message.text === "stuck") {
        await new Promise<void>((resolve) => ctx.signal.addEventListener("abort", () => resolve()));
        aborted.push(message.text);
        return;
      }
      finished.push(message.text ?? "");
    });
    const quick = textMessage(api, "quick", { chatId: "a" });
    const stuck = textMessage(api, "stuck", { chatId: "b" });
    const waiting = textMessage(api, "waiting", { chatId: "c" });
    const fed = [quick, stuck, waiting].map((event) => dp.feedUpdate(event).catch((error: unknown) => error));
    await until(() => finished.length === 1 && dp.running === 1);
    const report = await dp.stop({ deadline: 20 });
    expect(finished).toEqual(["quick"]);
    expect(aborted).toEqual(["stuck"]);
    expect(report.cut).toEqual([stuck, waiting]);
    expect(closed).toBe(1);
    expect(await dp.stop()).toBe(report);
    const outcomes = await Promise.all(fed);
    expect(outcomes[0]).toBe(true);
    await expect(dp.feedUpdate(quick)).rejects.toThrow(DispatcherStoppedError);
    expect(() => dp.stop({ deadline: -1 } as never)).not.toThrow();
  });

  it("rejects bad stop options with typed errors", () => {
    const dp = new Dispatcher({ logger: quiet });
    expect(() => dp.stop({ deadline: -1 })).toThrow(/deadline/);
    expect(() => dp.stop({ deadlin: 5 } as never)).toThrow(/did you mean "deadline"/);
    expect(() => new Dispatcher({ concurrency: 0 })).toThrow(/concurrency limit/);
    expect(() => new Dispatcher({ concurrency: { kee: "chat" } as never })).toThrow(/did you mean "key"/);
  });

  it("resolves idle() when nothing runs or waits", async () => {
    const { api } = recordingApi();
    const dp = new Dispatcher({ logger: quiet });
    const hold = gate();
    dp.message(() => hold.opened);
    void dp.feedUpdate(textMessage(api, "x"));
    let idle = false;
    const idlePromise = dp.idle().then(() => {
      idle = true;
    });
    await until(() => dp.running === 1);
    expect(idle).toBe(false);
    hold.open();
    await idlePromise;
    expect(dp.running).toBe(0);
  });
});

describe("Dispatcher FSM", () => {
  it("gives events with chat and author a ctx.state that lasts between their events", async () => {
    const { api } = recordingApi();
    const dp = new Dispatcher({ logger: quiet });
    const states: (string | null)[] = [];
    dp.message(async (_message, ctx) => {
      states.push(await ctx.state.getState());
      await ctx.state.setState("asked");
    });
    await dp.feedUpdate(textMessage(api, "one", { chatId: "c", userId: "u" }));
    await dp.feedUpdate(textMessage(api, "two", { chatId: "c", userId: "u" }));
    await dp.feedUpdate(textMessage(api, "three", { chatId: "c", userId: "other" }));
    expect(states).toEqual([null, "asked", null]);
  });

  it("gives no state to events without an author", async () => {
    const { api } = recordingApi();
    const dp = new Dispatcher({ logger: quiet });
    let has: boolean | undefined;
    dp.event("someFutureEvent", (_update, ctx) => {
      has = "state" in ctx;
    });
    await dp.feedRaw({ method: "someFutureEvent", id: 3, payload: {} }, api);
    expect(has).toBe(false);
    expect(sampleEvent(api, "removeChat")).toBeDefined();
  });
});

describe("Dispatcher.attach", () => {
  /** A requester whose pushes the test delivers, as the transport would. */
  function pushingApi() {
    const listeners: ((raw: RawUpdate) => void)[] = [];
    const api = new Api({
      session: { userId: "bot@video.example.org" },
      request: async () => ({}),
      on: (_event: "update", listener: (raw: RawUpdate) => void) => {
        listeners.push(listener);
      },
    });
    return {
      api,
      push: (raw: RawUpdate) => {
        for (const listener of listeners) listener(raw);
      },
    };
  }

  it("dispatches what the Api emits, pauses the intake above maxQueued and resumes it at half", async () => {
    const { api, push } = pushingApi();
    const dp = new Dispatcher({ concurrency: 1, maxQueued: 4, logger: quiet });
    const intake = {
      calls: [] as string[],
      pause: () => intake.calls.push("pause"),
      resume: () => intake.calls.push("resume"),
    };
    const hold = gate();
    const handled: string[] = [];
    dp.message(async (message) => {
      await hold.opened;
      handled.push(message.text ?? "");
    });
    const detach = dp.attach(api, { intake });
    for (let i = 0; i < 6; i++) push(textFrame(`m${i}`, { chatId: "c" }));
    await until(() => dp.running === 1);
    expect(intake.calls).toEqual(["pause"]);
    hold.open();
    await dp.idle();
    expect(intake.calls).toEqual(["pause", "resume"]);
    expect(handled).toEqual(["m0", "m1", "m2", "m3", "m4", "m5"]);
    detach();
    push(textFrame("after detach"));
    await dp.idle();
    expect(handled).toHaveLength(6);
  });

  it("stop() unsubscribes from the attached Apis", async () => {
    const { api, push } = pushingApi();
    const dp = new Dispatcher({ logger: quiet });
    const handled: string[] = [];
    dp.message((message) => {
      handled.push(message.text ?? "");
    });
    dp.attach(api);
    push(textFrame("before"));
    await dp.idle();
    await dp.stop();
    push(textFrame("after"));
    expect(handled).toEqual(["before"]);
    expect(() => dp.attach(api)).toThrow(DispatcherStoppedError);
    expect(() => new Dispatcher().attach({} as never)).toThrow(/attach needs an Api/);
  });
});
