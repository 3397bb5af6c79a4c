import { describe, expect, it } from "vitest";
import {
  Dispatcher,
  type DispatcherOptions,
  type FSMContext,
  FSMStrategy,
  MemoryStorage,
  type Storage,
  type StorageKey,
} from "../../src/index.js";
import { gate } from "../gate.js";
import { recordingApi, textMessage } from "./events.js";

const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const { api } = recordingApi();
const tick = () => new Promise((resolve) => setImmediate(resolve));

/** A MemoryStorage whose lock does not lock: the control that shows the race is real. */
class UnlockedStorage extends MemoryStorage {
  override lock<T>(_key: StorageKey, run: () => Promise<T>): Promise<T> {
    return run();
  }
}

/** A MemoryStorage whose lock fails: before running (`take`) or after (`release`). */
class FailingLockStorage extends MemoryStorage {
  constructor(readonly fails: "take" | "release") {
    super();
  }
  override async lock<T>(key: StorageKey, run: () => Promise<T>): Promise<T> {
    if (this.fails === "take") throw new Error("lock unavailable");
    await super.lock(key, run);
    throw new Error("release failed");
  }
}

/**
 * One user writing in two chats at once under GLOBAL_USER (one record, two concurrency keys): each event reads
 * the count, makes another storage round trip while the other event may run, and writes the count + 1.
 */
async function countTwice(options: DispatcherOptions): Promise<unknown> {
  const dp = new Dispatcher({ logger: quiet, fsmStrategy: FSMStrategy.GLOBAL_USER, ...options });
  let data: unknown;
  dp.message(async (message, ctx) => {
    const state = ctx.state as FSMContext<{ count?: number }>;
    if (message.text === "read") {
      data = await state.getData();
      return;
    }
    const count = (await state.getValue("count")) ?? 0;
    await state.getState();
    await state.setData({ count: count + 1 });
  });
  await Promise.all([
    dp.feedUpdate(textMessage(api, "one", { chatId: "chat-1", userId: "alice" })),
    dp.feedUpdate(textMessage(api, "two", { chatId: "chat-2", userId: "alice" })),
  ]);
  await dp.feedUpdate(textMessage(api, "read", { chatId: "chat-1", userId: "alice" }));
  return data;
}

describe("The record lock", () => {
  it("loses an update when the lock does nothing (the race it guards against is real)", async () => {
    expect(await countTwice({ storage: new UnlockedStorage() })).toEqual({ count: 1 });
  });

  it("keeps both updates of one user writing in two chats under GLOBAL_USER", async () => {
    expect(await countTwice({})).toEqual({ count: 2 });
  });

  it("is taken on the record's first use: events that never touch it run side by side", async () => {
    const dp = new Dispatcher({ logger: quiet, concurrency: { key: "none" } });
    const inside: string[] = [];
    const held = gate();
    dp.message(async (message) => {
      inside.push(message.text!);
      await held.opened;
    });
    const events = ["a", "b"].map((text) =>
      dp.feedUpdate(textMessage(api, text, { chatId: "c", userId: "u" })),
    );
    await tick();
    expect(inside).toEqual(["a", "b"]);
    held.open();
    expect(await Promise.all(events)).toEqual([true, true]);
  });

  it("is held from the first use until the event is finished, then passed on in request order", async () => {
    const dp = new Dispatcher({ logger: quiet, concurrency: { key: "none" } });
    const order: string[] = [];
    const held = gate();
    dp.message(async (message, ctx) => {
      const text = message.text!;
      order.push(`${text} starts`);
      await ctx.state.updateData({ [text]: true });
      order.push(`${text} has the record`);
      if (text === "a") await held.opened;
      order.push(`${text} ends`);
    });
    const events = ["a", "b"].map((text) =>
      dp.feedUpdate(textMessage(api, text, { chatId: "c", userId: "u" })),
    );
    await tick();
    expect(order).toEqual(["a starts", "b starts", "a has the record"]);
    held.open();
    await Promise.all(events);
    expect(order).toEqual([
      "a starts",
      "b starts",
      "a has the record",
      "a ends",
      "b has the record",
      "b ends",
    ]);
  });

  it("lets a write the handler did not await through after the event, without holding up the next one", async () => {
    const dp = new Dispatcher({ logger: quiet, concurrency: { key: "none" } });
    let late: Promise<void> | undefined;
    let seen: string | null | undefined;
    dp.message(async (message, ctx) => {
      if (message.text === "first") {
        await ctx.state.setState("one");
        setImmediate(() => {
          late = ctx.state.setState("late");
        });
      } else seen = await ctx.state.getState();
    });
    await dp.feedUpdate(textMessage(api, "first", { chatId: "c", userId: "u" }));
    await tick();
    await late;
    expect(await dp.feedUpdate(textMessage(api, "second", { chatId: "c", userId: "u" }))).toBe(true);
    expect(seen).toBe("late");
  });

  it("turns a lock that cannot be taken into the handler's error, and a failed release into a reported one", async () => {
    for (const fails of ["take", "release"] as const) {
      const storage: Storage = new FailingLockStorage(fails);
      const dp = new Dispatcher({ logger: quiet, storage, concurrency: { key: "none" } });
      const errors: string[] = [];
      dp.error(({ error }) => {
        errors.push((error as Error).message);
      });
      dp.message(async (_message, ctx) => {
        await ctx.state.setState("x");
      });
      expect(await dp.feedUpdate(textMessage(api, "hi", { chatId: "c", userId: "u" }))).toBe(true);
      expect(errors).toEqual([fails === "take" ? "lock unavailable" : "release failed"]);
    }
  });
});
